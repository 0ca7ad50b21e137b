package io.matscreen.dft;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Structures and environment checks shared by the tests that run pw.x. */
public final class QeTestSupport {
  private QeTestSupport() {}

  /** Skips the test unless pw.x is on PATH and Debian's pseudopotentials are installed. */
  public static void assumePwx() {
    boolean pw = onPath("pw.x");
    assumeTrue(pw, "pw.x not on PATH: install Debian quantum-espresso to run the QE tests");
    assumeTrue(
        Files.isRegularFile(Path.of("/usr/share/espresso/pseudo/Si.pbe-nl-rrkjus_psl.1.0.0.UPF")),
        "quantum-espresso-data pseudopotentials not in /usr/share/espresso/pseudo");
  }

  /** Whether an executable is on PATH. */
  public static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(":")) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }

  /** Diamond / zincblende primitive cell with conventional cubic lattice constant a (Angstrom). */
  public static DftStructure zincblende(String a1, String a2, double a) {
    double h = a / 2;
    return new DftStructure(
        new double[][] {{0, h, h}, {h, 0, h}, {h, h, 0}},
        List.of(a1, a2),
        List.of(new double[] {0, 0, 0}, new double[] {0.25, 0.25, 0.25}));
  }

  /** Conventional cubic lattice constant (Angstrom) of an fcc primitive cell. */
  public static double fccCubicConstant(DftStructure s) {
    return Math.cbrt(4 * s.volumeAngstrom3());
  }
}
