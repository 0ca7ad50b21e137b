package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code matscreen hull} command (being built). */
@Command(name = "hull", description = "Not available in this build yet.")
public final class HullCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("matscreen hull: not available in this build yet");
    return ExitCodes.USAGE;
  }
}
