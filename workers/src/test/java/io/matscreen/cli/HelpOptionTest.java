package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command and subcommand answers {@code --help} with its usage and exit code 0. The list of
 * commands comes from walking the picocli tree, so a new command without help fails here.
 */
class HelpOptionTest {
  /** Command paths below {@code matscreen}, e.g. ["structure", "analyze"]; [] is matscreen. */
  static Stream<List<String>> commandPaths() {
    Set<List<String>> paths = new LinkedHashSet<>();
    walk(Main.commandLine(), new ArrayList<>(), paths);
    return paths.stream();
  }

  private static void walk(CommandLine cl, List<String> path, Set<List<String>> out) {
    out.add(List.copyOf(path));
    for (CommandLine sub : new LinkedHashSet<>(cl.getSubcommands().values())) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getCommandName());
      walk(sub, next, out);
    }
  }

  @Test
  void theWalkFindsNestedSubcommands() {
    List<List<String>> paths = commandPaths().toList();
    assertThat(paths)
        .contains(
            List.of(),
            List.of("dev"),
            List.of("launch"),
            List.of("validate"),
            List.of("structure", "analyze"),
            List.of("dft", "status"),
            List.of("dft", "resume"));
  }

  @ParameterizedTest(name = "matscreen {0} --help")
  @MethodSource("commandPaths")
  void helpExitsZeroAndPrintsUsageNamingTheCommand(List<String> path) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(path);
    args.add("--help");

    int exit = cl.execute(args.toArray(String[]::new));

    String qualified =
        String.join(" ", Stream.concat(Stream.of("matscreen"), path.stream()).toList());
    assertThat(exit).as("exit code of %s --help (stderr: %s)", qualified, err).isEqualTo(0);
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString().lines())
        .as("usage of %s", qualified)
        .anySatisfy(
            line -> assertThat(line).startsWith("Usage: " + qualified).doesNotContain("Unknown"));
  }
}
