package io.matscreen.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.dft.DftJobSpec;
import io.matscreen.dft.QeTestSupport;
import io.matscreen.dft.job.DftRelaxation;
import io.matscreen.dft.qe.PseudopotentialLibrary;
import io.matscreen.dft.qe.QePbeRelaxInputSet;
import io.matscreen.dft.slurm.SlurmExecutor;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftExecutorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the files under deploy/ against the code they drive: there is no Docker engine, Helm or
 * Kubernetes on the development machines, so the compose file, the Dockerfiles, the Helm chart and
 * the campaign snippets of the READMEs are parsed here and compared with the CLI's worker options,
 * the pool names, the workflows' search attributes, workers/pom.xml's build outputs and the
 * campaign reader and DFT settings validation.
 *
 * <p>It lives in the activities module (not workers) so that it runs while the workers module is
 * still being assembled; it reads workers/ and workflows/ sources as text.
 */
class DeployFilesTest {
  /**
   * Every option of {@code matscreen worker} (WorkerCommand and its ConnectionOptions mixin), all
   * of which take a value. {@link #workerOptionsMatchTheCli} keeps this list honest.
   */
  static final Set<String> WORKER_OPTIONS =
      Set.of(
          "--pools",
          "--temporal",
          "--namespace",
          "--tls-cert",
          "--tls-key",
          "--api-key-file",
          "--dft-work-dir");

  /** The search attributes DESIGN.md names, with their Temporal types. */
  static final Map<String, String> SEARCH_ATTRIBUTES =
      Map.of(
          "MatscreenCampaign", "Keyword",
          "MatscreenStage", "Keyword",
          "MatscreenChemsys", "KeywordList",
          "MatscreenScreened", "Int",
          "MatscreenStableFound", "Int");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = repositoryRoot();
  private static final Path DEPLOY = ROOT.resolve("deploy");

  // ------------------------------------------------------------------ the CLI

  @Test
  void workerOptionsMatchTheCli() throws IOException {
    Path cli = ROOT.resolve("workers/src/main/java/io/matscreen/cli");
    Set<String> declared = new TreeSet<>();
    for (String file : List.of("WorkerCommand.java", "ConnectionOptions.java")) {
      declared.addAll(optionNames(Files.readString(cli.resolve(file))));
    }
    assertThat(declared).containsExactlyInAnyOrderElementsOf(WORKER_OPTIONS);
  }

  @Test
  void workerCommandCheckRejectsWhatTheCliDoesNotHave() {
    assertThatThrownBy(
            () ->
                checkWorkerCommand(
                    List.of("worker", "--pools", "cpu", "--store", "jdbc:x"), "example"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("--store");
    assertThatThrownBy(() -> checkWorkerCommand(List.of("worker", "--pools", "cpu,fpga"), "ex"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fpga");
    assertThatThrownBy(() -> checkWorkerCommand(List.of("worker", "--temporal"), "ex"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("--temporal");
    assertThat(
            checkWorkerCommand(
                List.of("worker", "--pools", "gpu,dft", "--temporal", "temporal:7233"), "ok"))
        .containsEntry("--pools", "gpu,dft")
        .containsEntry("--temporal", "temporal:7233");
  }

  // ------------------------------------------------------------------ docker-compose.yml

  @Test
  void composeWorkersUseOnlyRealOptionsAndServeEveryPool() throws IOException {
    JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");
    assertThat(fieldNames(services))
        .contains("postgresql", "temporal", "temporal-ui", "register-search-attributes");

    Set<String> served = new TreeSet<>();
    List<String> workers = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode svc = e.getValue();
      if (!svc.has("build")) {
        continue;
      }
      workers.add(e.getKey());
      assertThat(svc.path("build").path("dockerfile").asText())
          .as("service %s", e.getKey())
          .isEqualTo("deploy/docker/Dockerfile");
      Path context = DEPLOY.resolve(svc.path("build").path("context").asText()).normalize();
      assertThat(context).as("build context of %s", e.getKey()).isEqualTo(ROOT);
      List<String> command = strings(svc.path("command"));
      Map<String, String> opts = checkWorkerCommand(command, "compose service " + e.getKey());
      assertThat(opts.get("--temporal")).as("service %s", e.getKey()).isEqualTo("temporal:7233");
      served.addAll(List.of(opts.get("--pools").split(",")));
    }
    assertThat(workers).hasSize(3);
    assertThat(served).containsExactlyInAnyOrderElementsOf(TaskQueues.POOLS);
    Map<String, String> poolsOf = new TreeMap<>();
    for (String w : workers) {
      poolsOf.put(
          w, checkWorkerCommand(strings(services.path(w).path("command")), w).get("--pools"));
    }
    assertThat(poolsOf.values()).containsExactlyInAnyOrder("workflows,cpu", "gpu", "dft");
  }

  @Test
  void composePublishesOnlyTemporalAndItsUi() throws IOException {
    JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");
    Map<String, List<Integer>> published = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String port : strings(e.getValue().path("ports"))) {
        String[] parts = port.split(":");
        assertThat(parts).as("port mapping %s of %s", port, e.getKey()).hasSize(2);
        assertThat(parts[0]).as("host and container port of %s", e.getKey()).isEqualTo(parts[1]);
        published
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(Integer.parseInt(parts[0]));
      }
    }
    assertThat(published)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("temporal", List.of(7233), "temporal-ui", List.of(8080)));

    JsonNode temporal = services.path("temporal").path("environment");
    assertThat(temporal.path("DB").asText()).isEqualTo("postgres12");
    assertThat(temporal.path("POSTGRES_SEEDS").asText()).isEqualTo("postgresql");
    assertThat(temporal.path("DB_PORT").asText()).isEqualTo("5432");
    // PostgreSQL visibility has 3 Int slots; auto-setup's test attributes would take one.
    assertThat(temporal.path("SKIP_ADD_CUSTOM_SEARCH_ATTRIBUTES").asText()).isEqualTo("true");
    assertThat(services.path("temporal").path("image").asText())
        .startsWith("temporalio/auto-setup:");
    assertThat(services.path("temporal-ui").path("environment").path("TEMPORAL_ADDRESS").asText())
        .isEqualTo("temporal:7233");
    assertThat(services.path("postgresql").path("image").asText()).isEqualTo("postgres:15");
  }

  @Test
  void composeBindMountsExist() throws IOException {
    JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");
    int checked = 0;
    for (JsonNode svc : services) {
      for (String volume : strings(svc.path("volumes"))) {
        if (volume.startsWith("./")) {
          Path source = DEPLOY.resolve(volume.substring(0, volume.indexOf(':'))).normalize();
          assertThat(source).as("bind mount %s", volume).exists();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void postgresInitScriptCreatesTheDatabasesTemporalAndTheStoreUse() throws IOException {
    String script = Files.readString(DEPLOY.resolve("postgres/init-databases.sh"));
    Set<String> databases = new TreeSet<>();
    Matcher m = Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+)").matcher(script);
    while (m.find()) {
      databases.add(m.group(1) + "/" + m.group(2));
    }
    assertThat(databases)
        .containsExactlyInAnyOrder(
            "temporal/temporal", "temporal_visibility/temporal", "matscreen/matscreen");
    JsonNode env =
        yaml(DEPLOY.resolve("docker-compose.yml"))
            .path("services")
            .path("temporal")
            .path("environment");
    assertThat(env.path("DBNAME").asText()).isEqualTo("temporal");
    assertThat(env.path("VISIBILITY_DBNAME").asText()).isEqualTo("temporal_visibility");
    assertThat(env.path("POSTGRES_USER").asText()).isEqualTo("temporal");
  }

  // ------------------------------------------------------------------ search attributes

  @Test
  void searchAttributeJobRegistersWhatTheWorkflowsUpsert() throws IOException {
    String source =
        Files.readString(
            ROOT.resolve(
                "workflows/src/main/java/io/matscreen/workflows/campaign/"
                    + "CampaignSearchAttributes.java"));
    Map<String, String> inCode = new TreeMap<>();
    Matcher m = Pattern.compile("SearchAttributeKey\\.for(\\w+)\\(\"(\\w+)\"\\)").matcher(source);
    while (m.find()) {
      String type =
          switch (m.group(1)) {
            case "Keyword" -> "Keyword";
            case "KeywordList" -> "KeywordList";
            case "Long" -> "Int";
            case "Double" -> "Double";
            case "Boolean" -> "Bool";
            case "Text" -> "Text";
            default -> "unknown " + m.group(1);
          };
      inCode.put(m.group(2), type);
    }
    assertThat(inCode).containsExactlyInAnyOrderEntriesOf(SEARCH_ATTRIBUTES);

    String script = Files.readString(DEPLOY.resolve("temporal/register-search-attributes.sh"));
    Map<String, String> inScript = new TreeMap<>();
    Matcher p = Pattern.compile("^\\s*(Matscreen\\w+):(\\w+)", Pattern.MULTILINE).matcher(script);
    while (p.find()) {
      inScript.put(p.group(1), p.group(2));
    }
    assertThat(inScript).containsExactlyInAnyOrderEntriesOf(SEARCH_ATTRIBUTES);

    for (Path doc :
        List.of(
            DEPLOY.resolve("README.md"), DEPLOY.resolve("helm/matscreen/templates/NOTES.txt"))) {
      Map<String, String> documented = new TreeMap<>();
      Matcher d =
          Pattern.compile("--name (Matscreen\\w+) --type (\\w+)").matcher(Files.readString(doc));
      while (d.find()) {
        documented.put(d.group(1), d.group(2));
      }
      assertThat(documented).as("%s", doc).containsExactlyInAnyOrderEntriesOf(SEARCH_ATTRIBUTES);
    }

    JsonNode job =
        yaml(DEPLOY.resolve("docker-compose.yml"))
            .path("services")
            .path("register-search-attributes");
    assertThat(job.path("image").asText()).startsWith("temporalio/admin-tools:");
    assertThat(strings(job.path("entrypoint")))
        .last()
        .asString()
        .endsWith("register-search-attributes.sh");
  }

  // ------------------------------------------------------------------ Dockerfiles

  @Test
  void dockerfilesCopyTheBuildOutputsWorkersPomDeclares() throws Exception {
    Set<String> outputs = workersBuildOutputs();
    assertThat(outputs)
        .containsExactlyInAnyOrder("workers/target/matscreen.jar", "workers/target/lib/");

    for (String name : List.of("Dockerfile", "Dockerfile.cuda")) {
      List<String> lines = dockerInstructions(DEPLOY.resolve("docker").resolve(name));
      Set<String> copiedOutputs = new TreeSet<>();
      String jarDestination = null;
      for (String line : lines) {
        if (!line.startsWith("COPY ")) {
          continue;
        }
        List<String> words = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
        String from = null;
        while (words.get(0).startsWith("--")) {
          String flag = words.remove(0);
          if (flag.startsWith("--from=")) {
            from = flag.substring("--from=".length());
          }
        }
        String destination = words.remove(words.size() - 1);
        for (String src : words) {
          if ("build".equals(from)) {
            assertThat(src).as("%s: %s", name, line).startsWith("/src/");
            String rel = src.substring("/src/".length());
            assertThat(outputs).as("%s copies %s", name, rel).contains(rel);
            copiedOutputs.add(rel);
            if (rel.endsWith(".jar")) {
              jarDestination = destination;
            }
          } else if (from == null) {
            assertThat(ROOT.resolve(src)).as("%s: COPY source %s", name, src).exists();
          }
        }
      }
      assertThat(copiedOutputs).as(name).isEqualTo(outputs);

      List<String> entrypoint = jsonArray(instruction(lines, "ENTRYPOINT"));
      assertThat(entrypoint)
          .as("%s ENTRYPOINT", name)
          .containsExactly("java", "-jar", jarDestination);
      Map<String, String> cmd =
          checkWorkerCommand(jsonArray(instruction(lines, "CMD")), name + " CMD");
      assertThat(cmd.get("--temporal")).isEqualTo("temporal:7233");

      String build = String.join("\n", lines);
      assertThat(build).contains("FROM eclipse-temurin:17-jdk AS build");
      assertThat(build).containsPattern("RUN .*\\./mvnw -B -DskipTests (-Pcuda )?package");
      if (name.equals("Dockerfile")) {
        assertThat(cmd.get("--pools")).isEqualTo("cpu,gpu,dft,workflows");
        assertThat(build).doesNotContain("-Pcuda");
        assertThat(build)
            .containsPattern(
                "apt-get install[^\\n]* libsymspg1 quantum-espresso quantum-espresso-data");
      } else {
        assertThat(cmd.get("--pools")).isEqualTo("gpu");
        assertThat(build).contains("./mvnw -B -DskipTests -Pcuda package");
        assertThat(build).containsPattern("FROM nvidia/cuda:11\\.6[.0-9]*-runtime");
        assertThat(Files.readString(ROOT.resolve("pom.xml")))
            .containsPattern("<id>cuda</id>\\s*<properties>\\s*<nd4j.backend>nd4j-cuda-11.6<");
      }
    }
  }

  // ------------------------------------------------------------------ Helm

  @Test
  void helmChartAndValuesParseAndDescribeEveryPool() throws IOException {
    Path chart = DEPLOY.resolve("helm/matscreen");
    JsonNode meta = yaml(chart.resolve("Chart.yaml"));
    assertThat(meta.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(meta.path("name").asText()).isEqualTo("matscreen");
    assertThat(meta.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");

    JsonNode values = yaml(chart.resolve("values.yaml"));
    assertThat(values.path("temporal").path("address").asText()).matches("[\\w.-]+:\\d+");
    assertThat(values.path("temporal").path("namespace").asText()).isNotBlank();
    assertThat(values.path("temporal").path("tls").has("secretName")).isTrue();
    for (String image : List.of("cpu", "cuda")) {
      assertThat(values.path("images").path(image).path("repository").asText()).isNotBlank();
      assertThat(values.path("images").path(image).path("tag").asText()).isNotBlank();
    }
    JsonNode pools = values.path("pools");
    assertThat(fieldNames(pools)).containsExactlyInAnyOrderElementsOf(TaskQueues.POOLS);
    for (String pool : TaskQueues.POOLS) {
      JsonNode p = pools.path(pool);
      assertThat(p.path("replicas").isInt()).as("pools.%s.replicas", pool).isTrue();
      assertThat(p.path("replicas").asInt())
          .as("pools.%s.replicas", pool)
          .isGreaterThanOrEqualTo(0);
      assertThat(p.path("resources").path("requests").has("cpu")).as("pools.%s", pool).isTrue();
      assertThat(p.path("resources").path("requests").has("memory")).as("pools.%s", pool).isTrue();
    }
    assertThat(pools.path("gpu").path("gpus").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(pools.path("gpu").path("tolerations").isArray()).isTrue();
  }

  @Test
  void helmTemplatesReferOnlyToValuesThatExistAndRealWorkerOptions() throws IOException {
    Path chart = DEPLOY.resolve("helm/matscreen");
    JsonNode values = yaml(chart.resolve("values.yaml"));
    JsonNode pools = values.path("pools");
    Pattern valuesRef = Pattern.compile("\\.Values((?:\\.\\w+)+)");
    Pattern poolRef = Pattern.compile("\\$cfg((?:\\.\\w+)+)");
    int refs = 0;
    try (var files = Files.list(chart.resolve("templates"))) {
      for (Path t : files.sorted().toList()) {
        String text = Files.readString(t);
        Matcher m = valuesRef.matcher(text);
        while (m.find()) {
          assertThat(resolve(values, m.group(1)))
              .as("%s refers to .Values%s, which values.yaml lacks", t.getFileName(), m.group(1))
              .isTrue();
          refs++;
        }
        Matcher c = poolRef.matcher(text);
        while (c.find()) {
          String path = c.group(1);
          boolean somewhere = false;
          for (JsonNode p : pools) {
            somewhere |= resolve(p, path);
          }
          assertThat(somewhere).as("%s refers to pool setting %s", t.getFileName(), path).isTrue();
          refs++;
        }
      }
    }
    assertThat(refs).isGreaterThan(20);

    String deployments = Files.readString(chart.resolve("templates/deployments.yaml"));
    Set<String> options = new TreeSet<>();
    Matcher o = Pattern.compile("\"(--[a-z-]+)\"").matcher(deployments);
    while (o.find()) {
      options.add(o.group(1));
    }
    assertThat(options).isNotEmpty().isSubsetOf(WORKER_OPTIONS);
    assertThat(options).contains("--pools", "--temporal", "--namespace");
    Matcher list = Pattern.compile("range \\$pool := list ((?:\"\\w+\" ?)+)").matcher(deployments);
    assertThat(list.find()).isTrue();
    assertThat(List.of(list.group(1).replace("\"", "").trim().split(" ")))
        .containsExactlyInAnyOrderElementsOf(TaskQueues.POOLS);
    assertThat(deployments).contains("nvidia.com/gpu");
  }

  // ------------------------------------------------------------------ campaign snippets

  @Test
  void composeReadmeCampaignIsReadAndUsesTheStacksStore() throws IOException {
    CampaignSpec spec = readmeCampaign(DEPLOY.resolve("README.md"));
    assertThat(spec.getStore())
        .isEqualTo("jdbc:postgresql://postgresql:5432/matscreen?user=matscreen&password=matscreen");
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL);
    assertThat(spec.getElementsList()).containsExactly("C", "Ge", "Si");
    assertThat(Files.readString(DEPLOY.resolve("campaigns/README.md")))
        .contains("store: " + spec.getStore());
    assertThat(Files.readString(DEPLOY.resolve("docker-compose.yml")))
        .contains("store: " + spec.getStore());
  }

  @Test
  void slurmReadmeCampaignSettingsPassTheExecutorsValidation(@TempDir Path tmp) throws IOException {
    CampaignSpec spec = readmeCampaign(DEPLOY.resolve("slurm/README.md"));
    assertThat(spec.getDft().getExecutorKind()).isEqualTo(DftExecutorKind.DFT_EXECUTOR_KIND_SLURM);
    assertThat(spec.getDft().getBatchSize()).isEqualTo(50);
    Map<String, String> settings = new LinkedHashMap<>(spec.getDft().getSettingsMap());
    assertThat(settings)
        .containsKeys("partition", "account", "qos", "walltime", "modules", "pseudo_dir");
    assertThat(settings).containsEntry("walltime", "04:00:00");

    // The job spec the dft pool builds from these settings: 4 h, 4 CPUs, 8000 MB.
    DftJobSpec job =
        DftRelaxation.spec(
            "sigec-hpc-probe", tmp.resolve("job"), new QePbeRelaxInputSet(), settings);
    assertThat(job.walltime()).isEqualTo(Duration.ofHours(4));
    assertThat(job.cpus()).isEqualTo(4);
    assertThat(job.memoryMb()).isEqualTo(8000);
    // Slurm names (partition, account, qos), module names and env names are validated here.
    new SlurmExecutor(tmp.resolve("state"), (Path) null, job.settings());

    // The QE input set accepts every other setting (unknown keys are refused). The documented
    // pseudo_dir is a cluster path, so the check uses Debian's pseudopotentials instead.
    assumeTrue(
        Files.isDirectory(PseudopotentialLibrary.DEBIAN_PSEUDO_DIR),
        "quantum-espresso-data not installed: QE settings of the Slurm README not checked");
    settings.put("pseudo_dir", PseudopotentialLibrary.DEBIAN_PSEUDO_DIR.toString());
    String input =
        new QePbeRelaxInputSet().inputText(QeTestSupport.zincblende("Si", "C", 4.36), settings);
    assertThat(input).contains("vc-relax");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Checks a {@code matscreen worker ...} argument list: first word "worker", only options the CLI
   * has, each with a value, pools among cpu, gpu, dft, workflows. Returns option to value.
   */
  static Map<String, String> checkWorkerCommand(List<String> command, String where) {
    assertThat(command).as("%s", where).isNotEmpty();
    assertThat(command.get(0)).as("%s: command", where).isEqualTo("worker");
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 1; i < command.size(); i++) {
      String word = command.get(i);
      assertThat(word).as("%s: %s is not an option", where, word).startsWith("--");
      assertThat(WORKER_OPTIONS).as("%s: option %s", where, word).contains(word);
      assertThat(i + 1).as("%s: option %s needs a value", where, word).isLessThan(command.size());
      opts.put(word, command.get(++i));
    }
    assertThat(opts).as("%s: --pools is required", where).containsKey("--pools");
    List<String> pools = List.of(opts.get("--pools").split(","));
    assertThat(pools).as("%s: pools", where).isSubsetOf(TaskQueues.POOLS).doesNotHaveDuplicates();
    return opts;
  }

  /** Option names declared with {@code names = "--x"} or {@code names = {"--x", "-y"}}. */
  static Set<String> optionNames(String javaSource) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = Pattern.compile("names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")").matcher(javaSource);
    while (m.find()) {
      Matcher q = Pattern.compile("\"(--[^\"]+)\"").matcher(m.group(1));
      while (q.find()) {
        out.add(q.group(1));
      }
    }
    return out;
  }

  /** workers/pom.xml's jar (finalName) and dependency folder, relative to the repository root. */
  private static Set<String> workersBuildOutputs() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    Document pom = f.newDocumentBuilder().parse(ROOT.resolve("workers/pom.xml").toFile());
    Element build = (Element) pom.getDocumentElement().getElementsByTagName("build").item(0);
    String finalName = build.getElementsByTagName("finalName").item(0).getTextContent().trim();
    Set<String> out = new TreeSet<>();
    out.add("workers/target/" + finalName + ".jar");
    NodeList dirs = build.getElementsByTagName("outputDirectory");
    for (int i = 0; i < dirs.getLength(); i++) {
      String dir = dirs.item(i).getTextContent().trim();
      assertThat(dir).startsWith("${project.build.directory}/");
      out.add("workers/target/" + dir.substring("${project.build.directory}/".length()) + "/");
    }
    return out;
  }

  /** Dockerfile instructions with comments dropped and continuation lines joined. */
  private static List<String> dockerInstructions(Path dockerfile) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : Files.readAllLines(dockerfile)) {
      String line = raw.strip();
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    assertThat(current.toString()).as("%s ends inside a continued line", dockerfile).isEmpty();
    return out;
  }

  private static String instruction(List<String> lines, String keyword) {
    List<String> found =
        lines.stream()
            .filter(l -> l.startsWith(keyword + " "))
            .map(l -> l.substring(keyword.length() + 1))
            .toList();
    assertThat(found).as("one %s", keyword).hasSize(1);
    return found.get(0);
  }

  private static List<String> jsonArray(String exec) throws IOException {
    JsonNode n = new ObjectMapper().readTree(exec);
    assertThat(n.isArray()).as("exec form %s", exec).isTrue();
    return strings(n);
  }

  /** The one ```yaml block with a campaign (a {@code name:} and {@code elements:}) in a README. */
  private static CampaignSpec readmeCampaign(Path readme) throws IOException {
    String text = Files.readString(readme);
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
    List<String> campaigns = new ArrayList<>();
    while (m.find()) {
      if (m.group(1).contains("\nelements:") && m.group(1).startsWith("name:")) {
        campaigns.add(m.group(1));
      }
    }
    assertThat(campaigns).as("campaign snippets in %s", readme).hasSize(1);
    return CampaignSpecReader.parse(campaigns.get(0), readme.toString());
  }

  private static boolean resolve(JsonNode root, String dottedPath) {
    JsonNode n = root;
    for (String part : dottedPath.substring(1).split("\\.")) {
      if (n == null || !n.isObject() || !n.has(part)) {
        return false;
      }
      n = n.get(part);
    }
    return true;
  }

  private static JsonNode yaml(Path file) throws IOException {
    JsonNode n = YAML.readTree(file.toFile());
    assertThat(n).as("%s parses to a mapping", file).isNotNull();
    assertThat(n.isObject()).as("%s parses to a mapping", file).isTrue();
    return n;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** The folder with mvnw, found by walking up from the working directory. */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve("deploy"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no repository root (a folder with mvnw and deploy/) above "
            + Path.of("").toAbsolutePath());
  }
}
