package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code matscreen evaluate} command (being built). */
@Command(name = "evaluate", description = "Not available in this build yet.")
public final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("matscreen evaluate: not available in this build yet");
    return ExitCodes.USAGE;
  }
}
