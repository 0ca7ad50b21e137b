package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matscreen validate} and the same checks in {@code matscreen launch}, on real files. */
class ValidateCommandTest {
  @TempDir Path dir;

  /** The problems {@code matscreen validate} prints for a spec it rejects (exit code 2). */
  private static List<String> problemsOf(Path spec) {
    CliRun r = CliRun.run("validate", spec.toString());
    assertThat(r.exitCode()).as(r.out()).isEqualTo(2);
    return r.errLines();
  }

  /** A valid campaign with one line replaced (or none when {@code from} is null). */
  private Path spec(String name, String from, String to) throws IOException {
    String yaml =
        String.join(
            "\n",
            "name: t-valid",
            "elements: [C, Si]",
            "candidates:",
            "  source: substitution",
            "  prototypes: [zincblende, rocksalt]",
            "known_phases: [diamond:C, diamond:Si, zincblende:SiC]",
            "dft:",
            "  executor: local",
            "  budget: 2",
            "  settings:",
            "    walltime: \"900\"",
            "store: jdbc:sqlite:matscreen-data/t.db",
            "");
    if (from != null) {
      assertThat(yaml).contains(from);
      yaml = yaml.replace(from, to);
    }
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void aValidSpecGivesOneLineAndExitZero() throws IOException {
    Path p = spec("ok.yaml", null, null);
    CliRun r = CliRun.run("validate", p.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().toList())
        .singleElement()
        .asString()
        .startsWith(p + ": valid, campaign t-valid, C-Si, 2 prototypes, 3 known phases");
  }

  @Test
  void unknownPrototypeNamesTheListEntry() throws IOException {
    Path p = spec("proto.yaml", "[zincblende, rocksalt]", "[zincblende, rocksalte]");
    CliRun r = CliRun.run("validate", p.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(p + ": candidates.prototypes[1]: unknown prototype 'rocksalte'"));
  }

  @Test
  void knownPhaseWithAnUnknownElementNamesTheEntryAndTheElement() throws IOException {
    Path p = spec("xx.yaml", "zincblende:SiC]", "fluorite:Xx2O]");
    assertThat(problemsOf(p))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(p + ": known_phases[2]: 'fluorite:Xx2O': formula 'Xx2O':")
                    .contains("'Xx' is not an element symbol"));
  }

  @Test
  void knownPhaseWithABadAmountNamesTheEntry() throws IOException {
    Path p = spec("amount.yaml", "zincblende:SiC]", "rocksalt:Fe1e9O]");
    assertThat(problemsOf(p))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(p + ": known_phases[2]: 'rocksalt:Fe1e9O': formula 'Fe1e9O':")
                    .contains("unexpected 'e' at position 4"));
  }

  @Test
  void knownPhasesMustCoverEveryElement() throws IOException {
    Path p = spec("elemental.yaml", "[diamond:C, diamond:Si, zincblende:SiC]", "[diamond:C]");
    assertThat(problemsOf(p))
        .anySatisfy(l -> assertThat(l).startsWith(p + ": known_phases: needs an elemental phase"))
        .anySatisfy(l -> assertThat(l).contains("[Si]"));
  }

  @Test
  void missingCandidatesFileIsLookedForNextToTheYaml() throws IOException {
    Path p =
        spec(
            "file.yaml",
            "  source: substitution\n  prototypes: [zincblende, rocksalt]",
            "  source: file\n  file: cands/missing.csv");
    assertThat(problemsOf(p))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(p + ": candidates.file: 'cands/missing.csv' does not exist")
                    .contains(dir.resolve("cands/missing.csv").toString()));

    // The same relative path is found once it exists beside the YAML, whatever the working folder.
    Files.createDirectories(dir.resolve("cands"));
    Files.writeString(dir.resolve("cands/missing.csv"), "id,structure\n");
    CliRun ok = CliRun.run("validate", p.toString());
    assertThat(ok.exitCode()).as(ok.err()).isEqualTo(0);
    assertThat(ok.out()).contains("valid, campaign t-valid").contains("candidates from");
  }

  @Test
  void badStoreUrlNamesTheStoreField() throws IOException {
    Path p = spec("store.yaml", "jdbc:sqlite:matscreen-data/t.db", "mysql://db.example/x");
    assertThat(problemsOf(p))
        .anySatisfy(
            l ->
                assertThat(l)
                    .isEqualTo(
                        p
                            + ": store: 'mysql://db.example/x' must be jdbc:sqlite:PATH or"
                            + " jdbc:postgresql://HOST[:PORT]/DATABASE"));

    Path pg = spec("pg.yaml", "jdbc:sqlite:matscreen-data/t.db", "jdbc:postgresql:/nohost");
    assertThat(problemsOf(pg))
        .anySatisfy(l -> assertThat(l).startsWith(pg + ": store: 'jdbc:postgresql:/nohost'"));

    Path good =
        spec(
            "pg-ok.yaml", "jdbc:sqlite:matscreen-data/t.db", "jdbc:postgresql://db:5432/matscreen");
    assertThat(CliRun.run("validate", good.toString()).exitCode()).isEqualTo(0);
  }

  @Test
  void missingModelBundleNamesTheModelField() throws IOException {
    Path p = spec("model.yaml", "dft:\n", "model: models/nothing-here\ndft:\n");
    assertThat(problemsOf(p))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(p + ": model: bundle 'models/nothing-here' does not exist"));
  }

  @Test
  void slurmSettingsAreCheckedEachOnItsOwnLine() throws IOException {
    Path p =
        spec(
            "slurm.yaml",
            "  executor: local\n  budget: 2\n  settings:\n    walltime: \"900\"",
            "  executor: slurm\n  budget: 2\n  settings:\n    walltime: ten minutes\n"
                + "    partition: \"gpu;reboot\"\n    cpus: \"0\"\n    account: chem-01");
    assertThat(problemsOf(p))
        .anySatisfy(l -> assertThat(l).startsWith(p + ": dft.settings.walltime: 'ten minutes'"))
        .anySatisfy(l -> assertThat(l).startsWith(p + ": dft.settings.partition: 'gpu;reboot'"))
        .anySatisfy(l -> assertThat(l).startsWith(p + ": dft.settings.cpus: 0 is outside"))
        .noneSatisfy(l -> assertThat(l).contains("account"))
        .last()
        .isEqualTo(p + ": 3 problems");
  }

  @Test
  void invalidYamlNamesTheFileLineAndColumnInWords() throws IOException {
    Path p = dir.resolve("broken.yaml");
    Files.writeString(p, "name: broken\nelements: [Si\n  foo: : bar\n");
    CliRun r = CliRun.run("validate", p.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.errLines().get(0))
        .startsWith(p + ": not valid YAML: line 3, column 6: expected ',' or ']'")
        .contains("started at line 2, column 11")
        .doesNotContain("[Source:");
    assertThat(r.errLines()).hasSize(2);
  }

  @Test
  void theExamplesValidate() throws IOException {
    Path examples = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(examples.resolve("examples"))) {
      examples = examples.getParent();
      assertThat(examples).as("a folder with examples/ above the working folder").isNotNull();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(examples.resolve("examples"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("demo-sigec.yaml");
    for (Path f : files) {
      CliRun r = CliRun.run("validate", f.toString());
      assertThat(r.exitCode()).as("%s: %s", f, r.err()).isEqualTo(0);
      assertThat(r.out()).startsWith(f + ": valid, campaign ");
    }
  }

  @Test
  void launchRefusesAnInvalidSpecBeforeContactingAServer() throws IOException {
    Path p = spec("launch.yaml", "zincblende:SiC]", "fluorite:Xx2O]");
    // Nothing listens on port 1: reaching for the server would fail differently (or hang).
    CliRun r = CliRun.run("launch", "--temporal", "127.0.0.1:1", p.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).doesNotContain("launched");
    assertThat(r.err())
        .contains(p + ": known_phases[2]: 'fluorite:Xx2O'")
        .contains("launch: not launched");
  }
}
