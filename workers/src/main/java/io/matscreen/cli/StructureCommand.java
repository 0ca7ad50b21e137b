package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code matscreen structure} command (being built). */
@Command(name = "structure", description = "Not available in this build yet.")
public final class StructureCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("matscreen structure: not available in this build yet");
    return ExitCodes.USAGE;
  }
}
