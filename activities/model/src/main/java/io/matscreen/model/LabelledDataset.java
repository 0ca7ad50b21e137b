package io.matscreen.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs (formulas or protostructure labels, as text) with a numeric target, read from a CSV file.
 * Every row must be complete: training on a silently shortened file would be wrong.
 *
 * @param file the CSV file
 * @param keys the input column, one per row, exactly as written
 * @param targets the target column (eV/atom)
 * @param lines 1-based line number of each row
 */
public record LabelledDataset(Path file, List<String> keys, double[] targets, int[] lines) {

  /** Reads the two columns; throws {@link DatasetException} naming file, line and column. */
  public static LabelledDataset read(Path file, String inputColumn, String targetColumn)
      throws IOException {
    CsvTable t = CsvTable.read(file);
    int ki = t.column(inputColumn);
    int ti = t.column(targetColumn);
    List<String> keys = new ArrayList<>(t.rows().size());
    double[] targets = new double[t.rows().size()];
    int[] lines = new int[t.rows().size()];
    int i = 0;
    for (CsvTable.Row r : t.rows()) {
      if (r.fields().size() != t.header().size()) {
        throw new DatasetException(
            file
                + ":"
                + r.line()
                + ": "
                + r.fields().size()
                + " fields, the header has "
                + t.header().size());
      }
      String key = r.fields().get(ki).strip();
      if (key.isEmpty()) {
        throw new DatasetException(file + ":" + r.line() + ": empty " + inputColumn);
      }
      String raw = r.fields().get(ti).strip();
      double y;
      try {
        y = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        y = Double.NaN;
      }
      if (!Double.isFinite(y)) {
        throw new DatasetException(
            file + ":" + r.line() + ": " + targetColumn + " '" + raw + "' is not a finite number");
      }
      keys.add(key);
      targets[i] = y;
      lines[i] = r.line();
      i++;
    }
    if (keys.isEmpty()) {
      throw new DatasetException(file + ": no data rows");
    }
    return new LabelledDataset(file, List.copyOf(keys), targets, lines);
  }

  /** Number of rows. */
  public int size() {
    return keys.size();
  }
}
