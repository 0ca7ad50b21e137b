package io.matscreen.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files under the shared directory beside the repository root, if it is there. */
final class SharedData {
  private SharedData() {}

  /** The path of {@code shared/relative}, walking up from the working directory, or null. */
  static Path find(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
      p = p.getParent();
    }
    return null;
  }
}
