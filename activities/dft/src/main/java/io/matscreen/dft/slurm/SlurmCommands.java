package io.matscreen.dft.slurm;

import io.matscreen.dft.DftExecutorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Slurm client tools (sbatch, squeue, scontrol, sacct, scancel) as argument vectors, never
 * through a shell, with SLURM_CONF set when a configuration file is given.
 */
public class SlurmCommands {
  /** Output of one command. */
  public record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final Path slurmConf;

  /**
   * @param slurmConf slurm.conf to use, or null for the tools' default
   */
  public SlurmCommands(Path slurmConf) {
    this.slurmConf = slurmConf;
  }

  /** Runs the command and waits for it (at most 60 s). */
  public Result run(List<String> argv) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (slurmConf != null) {
      pb.environment().put("SLURM_CONF", slurmConf.toString());
    }
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      // Outputs are small; read stderr on a helper thread so neither pipe can fill up.
      var err = new java.util.concurrent.CompletableFuture<String>();
      Thread t =
          new Thread(
              () -> {
                try {
                  err.complete(
                      new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  err.complete("");
                }
              });
      t.setDaemon(true);
      t.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new DftExecutorException(argv.get(0) + " did not finish within 60 s");
      }
      return new Result(p.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new DftExecutorException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DftExecutorException("interrupted while running " + argv.get(0), e);
    }
  }
}
