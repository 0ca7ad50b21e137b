package io.matscreen.sources.references;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * JSON lines files (one JSON object a line, gzip when the name ends in ".gz"), read and written one
 * line at a time so a file of a million entries never sits in memory.
 */
public final class JsonLines {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonLines() {}

  /** Hears each object of a JSON lines file with its 1-based line number. */
  @FunctionalInterface
  public interface LineHandler {
    void line(int lineNumber, ObjectNode object);
  }

  /**
   * Reads every non-blank line; a line that is not a JSON object goes to {@code skipped} with its
   * line number, and the others go on.
   *
   * @return the number of lines handed to {@code handler}
   */
  public static long read(
      Path file, LineHandler handler, java.util.function.Consumer<SkippedEntry> skipped)
      throws IOException {
    long read = 0;
    try (BufferedReader in = open(file)) {
      String text;
      int lineNumber = 0;
      while ((text = in.readLine()) != null) {
        lineNumber++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
          skipped.accept(
              new SkippedEntry(
                  file + ":" + lineNumber, null, "not valid JSON: " + e.getOriginalMessage()));
          continue;
        }
        if (!(node instanceof ObjectNode object)) {
          skipped.accept(new SkippedEntry(file + ":" + lineNumber, null, "expected a JSON object"));
          continue;
        }
        handler.line(lineNumber, object);
        read++;
      }
    }
    return read;
  }

  /** A reader of the file's text, through gzip when its name ends in ".gz". */
  static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** A new, empty object to fill and write. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Writes JSON objects one a line; gzip when the file name ends in ".gz". */
  public static final class Writer implements Closeable {
    private final Path file;
    private final BufferedWriter out;
    private long lines;

    public Writer(Path file) throws IOException {
      this.file = file;
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      OutputStream os = Files.newOutputStream(file);
      if (file.getFileName().toString().endsWith(".gz")) {
        os = new GZIPOutputStream(os, 1 << 16);
      }
      out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Writes one object as one line. */
    public void write(ObjectNode object) {
      try {
        out.write(MAPPER.writeValueAsString(object));
        out.write('\n');
        lines++;
      } catch (IOException e) {
        throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
      }
    }

    /** Lines written so far. */
    public long lines() {
      return lines;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
