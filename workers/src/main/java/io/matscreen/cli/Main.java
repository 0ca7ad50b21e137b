package io.matscreen.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code matscreen} command. */
@Command(
    name = "matscreen",
    mixinStandardHelpOptions = true,
    version = "matscreen 0.1.0",
    description = "High-throughput screening of inorganic materials on Temporal.",
    subcommands = {
      StructureCommand.class,
      HullCommand.class,
      TrainCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      DemoCommand.class,
      DevCommand.class,
      WorkerCommand.class,
      ValidateCommand.class,
      LaunchCommand.class,
      StatusCommand.class,
      ResultsCommand.class,
      ReportCommand.class,
      ResumeCommand.class,
      DftCommand.class,
    })
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Builds the command line with matscreen's exit-code conventions. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // Picocli answers bad usage with 2 already; an unexpected failure prints its message, not a
    // stack trace, and also counts as a configuration error.
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          line.getErr().println(line.getCommandName() + ": " + ex.getMessage());
          return ExitCodes.USAGE;
        });
    return cl;
  }

  public static void main(String[] args) {
    CliLogging.quietStorePool();
    System.exit(commandLine().execute(args));
  }
}
