package io.matscreen.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the matscreen installation is: the launcher passes -Dmatscreen.home. */
final class MatscreenHome {
  private MatscreenHome() {}

  /** A path inside the installation, falling back to the working directory. */
  static Path resolve(String relative) {
    String home = System.getProperty("matscreen.home");
    if (home != null) {
      Path p = Path.of(home).resolve(relative);
      if (Files.exists(p)) {
        return p;
      }
    }
    return Path.of(relative);
  }
}
