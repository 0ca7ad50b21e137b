package io.matscreen.dft;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The small properties files in which executors record their jobs, so a restarted worker finds them
 * again. Writes go through a temporary file and an atomic move: a crash never leaves a half-written
 * record.
 */
public final class JobRecordFiles {
  private JobRecordFiles() {}

  /** The record in {@code file}, or empty when there is none. */
  public static Optional<Properties> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DftExecutorException("cannot read job record " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(p);
  }

  /** Replaces the record in {@code file} atomically. */
  public static void write(Path file, Properties p, String comment) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(new OutputStreamWriter(out, StandardCharsets.UTF_8), comment);
    } catch (IOException e) {
      throw new DftExecutorException("cannot write job record " + file + ": " + e.getMessage(), e);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new DftExecutorException("cannot write job record " + file + ": " + e.getMessage(), e);
    }
  }
}
