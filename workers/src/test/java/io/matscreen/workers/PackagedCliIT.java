package io.matscreen.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI ({@code target/matscreen.jar} with {@code target/lib}, what {@code ./matscreen}
 * runs), started as its own JVM. Unit tests run on Maven's test classpath, which can hold jars the
 * runtime classpath lacks (a test-scoped copy of a library ND4J needs once hid it from the CLI), so
 * this runs after packaging (failsafe, in {@code verify}) and exercises ND4J and spglib through it.
 */
class PackagedCliIT {
  private static final Path JAR = Path.of("target", "matscreen.jar");

  @TempDir Path dir;

  @Test
  void predictRunsTheShippedModelFromThePackagedJar() throws Exception {
    Path in = dir.resolve("in.csv");
    Path out = dir.resolve("out.csv");
    Files.writeString(in, "composition\nSiC\n");
    Run r =
        run(
            "predict",
            "--model",
            "default",
            "--input",
            in.toString(),
            "--output",
            out.toString(),
            "--threads",
            "2");
    assertThat(r.exit()).as(r.output()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    int col = List.of(lines.get(0).split(",")).indexOf("e_form_mean");
    assertThat(col).as(lines.get(0)).isNotNegative();
    // The shipped model's value for zincblende SiC, as ShardInferenceTest checks in process.
    assertThat(Double.parseDouble(lines.get(1).split(",")[col])).isCloseTo(0.74, within(0.01));
  }

  @Test
  void structureAnalyzeReachesSpglibFromThePackagedJar() throws Exception {
    Path poscar = dir.resolve("NaCl.vasp");
    Files.writeString(
        poscar,
        String.join(
            "\n",
            "NaCl rocksalt",
            "1.0",
            "5.64 0 0",
            "0 5.64 0",
            "0 0 5.64",
            "Na Cl",
            "4 4",
            "Direct",
            "0 0 0",
            "0 0.5 0.5",
            "0.5 0 0.5",
            "0.5 0.5 0",
            "0.5 0 0",
            "0 0.5 0",
            "0 0 0.5",
            "0.5 0.5 0.5",
            ""));
    Run r = run("structure", "analyze", poscar.toString(), "--format", "csv");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("225").contains("Fm-3m");
  }

  private record Run(int exit, String output) {}

  private Run run(String... args) throws IOException, InterruptedException {
    assertThat(JAR).as("run after `mvn package`").exists();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g",
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (var in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), output);
  }
}
