package io.matscreen.cli;

import io.matscreen.features.CompositionFeaturiser;
import io.matscreen.features.WyckoffFeaturiser;
import io.matscreen.model.CsvTable;
import io.matscreen.model.EnergyPrediction;
import io.matscreen.model.InputKinds;
import io.matscreen.model.ModelBundle;
import io.matscreen.model.StructureInputs;
import io.matscreen.structure.Composition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an input CSV that a model can take, checked one by one: rows that cannot be read are
 * reported by line on stderr and left out, the rest are predicted in batches.
 */
final class ModelInputs {
  /** One usable row: its line, the key exactly as written, its parsed input. */
  record Usable(int line, String rawKey, Object input, CsvTable.Row row) {}

  final List<Usable> usable = new ArrayList<>();
  int failed;

  private ModelInputs() {}

  /**
   * The column holding a model's inputs: one named like its input kind, else a 'structure' column
   * of structure file paths.
   */
  static String keyColumn(CsvTable table, String inputKind) {
    if (!table.hasColumn(inputKind) && table.hasColumn(InputKinds.STRUCTURE)) {
      return InputKinds.STRUCTURE;
    }
    table.column(inputKind); // throws, naming the missing column
    return inputKind;
  }

  /**
   * Checks every row of the key column; reports bad ones to err. A 'structure' column's paths are
   * read against the CSV's folder and turned into the model's input kind.
   */
  static ModelInputs check(CsvTable table, String column, String inputKind, PrintStream err) {
    ModelInputs in = new ModelInputs();
    int k = table.column(column);
    CompositionFeaturiser cf = new CompositionFeaturiser();
    WyckoffFeaturiser wf = new WyckoffFeaturiser();
    for (CsvTable.Row r : table.rows()) {
      if (k >= r.fields().size()) {
        err.printf("%s:%d: no %s field%n", table.file(), r.line(), column);
        in.failed++;
        continue;
      }
      String raw = r.fields().get(k);
      try {
        String key = raw.strip();
        if (key.isEmpty()) {
          throw new IllegalArgumentException("empty");
        }
        if (InputKinds.STRUCTURE.equals(column)) {
          key = StructureInputs.modelKey(key, table.file().toAbsolutePath().getParent(), inputKind);
        }
        Object input;
        if (InputKinds.COMPOSITION.equals(inputKind)) {
          Composition c = Composition.parse(key);
          cf.featurise(c);
          input = c;
        } else {
          wf.featurise(key);
          input = key;
        }
        in.usable.add(new Usable(r.line(), raw, input, r));
      } catch (RuntimeException e) {
        err.printf("%s:%d: %s '%s': %s%n", table.file(), r.line(), column, raw, e.getMessage());
        in.failed++;
      }
    }
    return in;
  }

  /** Predicts all usable rows, in batches. */
  EnergyPrediction[] predict(ModelBundle model, int batchSize) {
    EnergyPrediction[] out = new EnergyPrediction[usable.size()];
    for (int start = 0; start < usable.size(); start += batchSize) {
      List<Usable> chunk = usable.subList(start, Math.min(usable.size(), start + batchSize));
      EnergyPrediction[] p;
      if (InputKinds.COMPOSITION.equals(model.inputKind())) {
        List<Composition> cs = new ArrayList<>();
        for (Usable u : chunk) {
          cs.add((Composition) u.input());
        }
        p = model.predictCompositions(cs);
      } else {
        List<String> ls = new ArrayList<>();
        for (Usable u : chunk) {
          ls.add((String) u.input());
        }
        p = model.predictProtostructures(ls);
      }
      System.arraycopy(p, 0, out, start, p.length);
    }
    return out;
  }
}
