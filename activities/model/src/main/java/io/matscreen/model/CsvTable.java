package io.matscreen.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole: header and rows with their 1-based line numbers. Fields may be quoted
 * ("a,b", with "" for a quote); a quoted field may not span lines.
 *
 * @param file where it was read from (for messages)
 * @param header column names
 * @param rows the data rows
 */
public record CsvTable(Path file, List<String> header, List<Row> rows) {
  /**
   * One data row.
   *
   * @param line 1-based line number in the file
   * @param fields the row's fields
   */
  public record Row(int line, List<String> fields) {}

  /** Reads a CSV file; throws {@link DatasetException} on malformed lines. */
  public static CsvTable read(Path file) throws IOException {
    List<String> header = null;
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (n == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> fields = split(line, file, n);
        if (header == null) {
          header = fields;
        } else {
          rows.add(new Row(n, fields));
        }
      }
    }
    if (header == null) {
      throw new DatasetException(file + ": empty file, expected a header line");
    }
    return new CsvTable(file, List.copyOf(header), rows);
  }

  /** Index of a column; throws {@link DatasetException} naming the columns that exist. */
  public int column(String name) {
    int i = header.indexOf(name);
    if (i < 0) {
      throw new DatasetException(
          file + ": no column '" + name + "' in the header (columns: " + header + ")");
    }
    return i;
  }

  /** Whether the header has this column. */
  public boolean hasColumn(String name) {
    return header.contains(name);
  }

  private static List<String> split(String line, Path file, int n) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new DatasetException(file + ":" + n + ": unterminated quoted field");
    }
    out.add(cur.toString());
    return out;
  }

  /** Quotes a field for CSV output when it needs it. */
  public static String quote(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
