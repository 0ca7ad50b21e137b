package io.matscreen.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the matscreen command line in-process and captures its exit code, stdout and stderr (both
 * {@code System.out}/{@code err} and picocli's writers).
 */
record CliRun(int exitCode, String out, String err) {
  static synchronized CliRun run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      PrintWriter cliOut =
          new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
      PrintWriter cliErr =
          new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
      cl.setOut(cliOut);
      cl.setErr(cliErr);
      int code = cl.execute(args);
      cliOut.flush();
      cliErr.flush();
      System.out.flush();
      return new CliRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
