package io.matscreen.dft.slurm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.matscreen.dft.QeTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds or starts the single-node test cluster. Uses MATSCREEN_SLURM_CONF when set (CI starts the
 * cluster with .ci/slurm-cluster.sh start); otherwise runs that script itself, and stops what it
 * started when the test run ends. Skips (never fails) when sbatch is missing or the cluster cannot
 * start.
 */
public final class SlurmClusterExtension implements BeforeAllCallback {
  private static Path conf;
  private static String skipReason;

  /** slurm.conf of the running test cluster. */
  public static Path slurmConf() {
    return conf;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (SlurmClusterExtension.class) {
      if (conf == null && skipReason == null) {
        locate();
      }
    }
    assumeTrue(skipReason == null, skipReason);
  }

  private static void locate() throws IOException, InterruptedException {
    if (!QeTestSupport.onPath("sbatch")) {
      skipReason = "sbatch not found: install slurm-wlm and munge to run the Slurm tests";
      return;
    }
    String env = System.getenv("MATSCREEN_SLURM_CONF");
    if (env != null && !env.isBlank()) {
      conf = Path.of(env);
      if (!new SlurmCommands(conf).run(List.of("scontrol", "ping")).stdout().contains("UP")) {
        skipReason = "MATSCREEN_SLURM_CONF=" + env + " but slurmctld does not answer scontrol ping";
        conf = null;
      }
      return;
    }
    Path script = findScript();
    if (script == null) {
      skipReason =
          "MATSCREEN_SLURM_CONF unset and .ci/slurm-cluster.sh not found above "
              + Path.of("").toAbsolutePath();
      return;
    }
    Process p = new ProcessBuilder(script.toString(), "start").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      skipReason = "could not start the test cluster with " + script + ":\n" + out;
      return;
    }
    for (String line : out.split("\n")) {
      if (line.startsWith("export MATSCREEN_SLURM_CONF=")) {
        conf = Path.of(line.substring("export MATSCREEN_SLURM_CONF=".length()).trim());
      }
    }
    if (conf == null) {
      skipReason = script + " start printed no MATSCREEN_SLURM_CONF:\n" + out;
      return;
    }
    if (!out.contains("already running")) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      new ProcessBuilder(script.toString(), "stop")
                          .inheritIO()
                          .start()
                          .waitFor(30, TimeUnit.SECONDS);
                    } catch (IOException | InterruptedException e) {
                      // Best effort at JVM exit.
                    }
                  }));
    }
  }

  private static Path findScript() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve(".ci/slurm-cluster.sh");
      if (Files.isExecutable(s)) {
        return s;
      }
    }
    return null;
  }
}
