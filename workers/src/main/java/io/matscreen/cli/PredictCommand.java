package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code matscreen predict} command (being built). */
@Command(name = "predict", description = "Not available in this build yet.")
public final class PredictCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("matscreen predict: not available in this build yet");
    return ExitCodes.USAGE;
  }
}
