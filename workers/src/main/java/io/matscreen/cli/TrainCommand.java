package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** The {@code matscreen train} command (being built). */
@Command(name = "train", description = "Not available in this build yet.")
public final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("matscreen train: not available in this build yet");
    return ExitCodes.USAGE;
  }
}
