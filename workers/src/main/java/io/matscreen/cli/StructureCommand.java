package io.matscreen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.StructureFiles;
import io.matscreen.symmetry.SpglibSymmetry;
import io.matscreen.symmetry.SpglibUnavailableException;
import io.matscreen.symmetry.SymmetryDataset;
import io.matscreen.symmetry.WyckoffPosition;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code matscreen structure} commands: symmetry and Wyckoff analysis of structure files. */
@Command(
    name = "structure",
    description = "Crystal-structure tools.",
    mixinStandardHelpOptions = true,
    subcommands = {StructureCommand.Analyze.class})
public final class StructureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Output formats of {@code structure analyze}. */
  enum Format {
    json,
    csv
  }

  /**
   * {@code matscreen structure analyze FILE...}: one record per structure (JSON lines or CSV) with
   * formula, space group, Wyckoff positions and protostructure label; a file that cannot be read or
   * analysed gets a record with {@code error} and the exit code becomes 1.
   */
  @Command(
      name = "analyze",
      mixinStandardHelpOptions = true,
      description =
          "Space group, Wyckoff positions and protostructure label of structure files"
              + " (.cif, POSCAR/CONTCAR/.vasp, pymatgen .json).")
  static final class Analyze implements Callable<Integer> {
    static final List<String> COLUMNS =
        List.of(
            "source",
            "formula",
            "reduced_formula",
            "nsites",
            "spacegroup_number",
            "spacegroup_symbol",
            "wyckoff",
            "protostructure",
            "error");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Structure files.")
    List<Path> files;

    @Option(
        names = "--symprec",
        defaultValue = "0.1",
        description = "Distance tolerance in Angstrom (default ${DEFAULT-VALUE}).")
    double symprecAngstrom;

    @Option(
        names = "--angle-tolerance",
        defaultValue = "5",
        description = "Angle tolerance in degrees (default ${DEFAULT-VALUE}).")
    double angleToleranceDeg;

    @Option(
        names = "--format",
        defaultValue = "json",
        description = "json (one object per line) or csv (default ${DEFAULT-VALUE}).")
    Format format;

    @Option(
        names = "--threads",
        description = "Files analysed at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!(symprecAngstrom > 0) || Double.isInfinite(symprecAngstrom)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--symprec must be a positive distance in Angstrom: " + symprecAngstrom);
      }
      if (!Double.isFinite(angleToleranceDeg)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--angle-tolerance must be a number of degrees: " + angleToleranceDeg);
      }
      if (!SpglibSymmetry.isAvailable()) {
        try {
          SpglibSymmetry.version();
        } catch (SpglibUnavailableException e) {
          err.println("matscreen structure analyze: " + e.getMessage());
          return ExitCodes.USAGE;
        }
      }
      if (format == Format.csv) {
        out.println(String.join(",", COLUMNS));
      }
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (n < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--threads must be at least 1: " + n);
      }
      // Files are analysed in parallel, a bounded window ahead, and printed in the order given.
      ExecutorService pool = Executors.newFixedThreadPool(n);
      int failed = 0;
      try {
        Deque<Future<List<ObjectNode>>> window = new ArrayDeque<>();
        Iterator<Path> next = files.iterator();
        while (next.hasNext() || !window.isEmpty()) {
          while (next.hasNext() && window.size() < 4 * n) {
            Path file = next.next();
            window.add(pool.submit(() -> analyseFile(file)));
          }
          List<ObjectNode> records;
          try {
            records = window.poll().get();
          } catch (ExecutionException e) {
            throw new IllegalStateException("analysis failed: " + e.getCause(), e.getCause());
          }
          for (ObjectNode record : records) {
            if (record.has("error")) {
              failed++;
            }
            out.println(format == Format.json ? record.toString() : csvLine(record));
          }
          out.flush();
        }
      } finally {
        pool.shutdownNow();
      }
      if (failed > 0) {
        err.println(
            "matscreen structure analyze: " + failed + " input(s) failed (see the error field)");
        return ExitCodes.SOME_INPUTS_FAILED;
      }
      return ExitCodes.OK;
    }

    private List<ObjectNode> analyseFile(Path file) {
      List<StructureFiles.Named> structures;
      try {
        structures = StructureFiles.read(file);
      } catch (NoSuchFileException e) {
        return List.of(failure(file.toString(), "no such file"));
      } catch (IOException e) {
        return List.of(failure(file.toString(), "cannot read: " + e.getMessage()));
      } catch (RuntimeException e) {
        return List.of(failure(file.toString(), e.getMessage()));
      }
      List<ObjectNode> out = new ArrayList<>();
      for (StructureFiles.Named named : structures) {
        try {
          out.add(analyse(named.source(), named.structure()));
        } catch (RuntimeException e) {
          out.add(failure(named.source(), e.getMessage()));
        }
      }
      return out;
    }

    private ObjectNode analyse(String source, Structure s) {
      SymmetryDataset d = SpglibSymmetry.analyze(s, symprecAngstrom, angleToleranceDeg);
      ObjectNode o = JSON.createObjectNode();
      o.put("source", source);
      o.put("formula", s.composition().formula());
      o.put("reduced_formula", s.composition().reducedFormula());
      o.put("nsites", s.numSites());
      o.put("spacegroup_number", d.spacegroupNumber());
      o.put("spacegroup_symbol", d.internationalSymbol());
      if (s.isOrdered()) {
        WyckoffRepresentation w = WyckoffRepresentation.of(s, d);
        ArrayNode list = o.putArray("wyckoff");
        for (WyckoffPosition p : w.positions()) {
          list.addObject()
              .put("element", p.element())
              .put("letter", p.letter())
              .put("multiplicity", p.multiplicity());
        }
        o.put("protostructure", w.protostructureLabel());
        if (!w.isValid()) {
          o.put(
              "error",
              "Wyckoff multiplicities do not reproduce the composition at symprec "
                  + symprecAngstrom
                  + " Å");
        }
      } else {
        // a Wyckoff representation needs one element per site; disordered structures get none
        o.putNull("wyckoff");
        o.putNull("protostructure");
      }
      return o;
    }

    private static ObjectNode failure(String source, String message) {
      ObjectNode o = JSON.createObjectNode();
      o.put("source", source);
      o.put("error", message == null ? "unknown error" : message);
      return o;
    }

    static String csvLine(ObjectNode record) {
      List<String> cells = new ArrayList<>();
      for (String column : COLUMNS) {
        var v = record.get(column);
        String text;
        if (v == null || v.isNull()) {
          text = "";
        } else if (column.equals("wyckoff")) {
          List<String> parts = new ArrayList<>();
          for (var p : v) {
            parts.add(
                p.get("element").asText()
                    + ":"
                    + p.get("letter").asText()
                    + ":"
                    + p.get("multiplicity").asInt());
          }
          text = String.join(";", parts);
        } else {
          text = v.asText();
        }
        cells.add(csvCell(text));
      }
      return String.join(",", cells);
    }

    private static String csvCell(String s) {
      if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
      }
      return s;
    }
  }
}
