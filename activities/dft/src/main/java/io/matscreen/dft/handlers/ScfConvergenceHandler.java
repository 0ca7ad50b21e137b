package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SCF did not converge: first halve the mixing and allow more electronic steps, then also switch
 * the diagonalisation to conjugate gradients, then mix very gently. A relaxation restarts from the
 * last geometry it reached so that progress is kept. Settings are QE names (mixing_beta,
 * electron_maxstep, diagonalization).
 */
public final class ScfConvergenceHandler implements ErrorHandler {
  private final int max;

  /** At most three corrections. */
  public ScfConvergenceHandler() {
    this(3);
  }

  /** At most {@code maxCorrections} corrections. */
  public ScfConvergenceHandler(int maxCorrections) {
    this.max = maxCorrections;
  }

  @Override
  public String name() {
    return "scf-convergence";
  }

  @Override
  public boolean handles(DftErrorKind kind) {
    return kind == DftErrorKind.SCF_NOT_CONVERGED;
  }

  @Override
  public int maxCorrections() {
    return max;
  }

  @Override
  public Correction correct(DftJobContext c) {
    int n = c.correctionsBy(name());
    double beta = parse(c.setting("mixing_beta", "0.7"), 0.7);
    int steps = (int) parse(c.setting("electron_maxstep", "100"), 100);
    Map<String, String> ch = new LinkedHashMap<>();
    double newBeta = n >= 2 ? 0.1 : Math.max(0.1, beta / 2);
    ch.put("mixing_beta", String.format(Locale.ROOT, "%.3f", newBeta));
    ch.put("electron_maxstep", Integer.toString(Math.max(200, steps * 2)));
    if (n >= 1) {
      ch.put("diagonalization", "cg");
    }
    String desc = "SCF not converged (" + c.result().errorDetail() + "): " + ch;
    return Correction.rerun(ch, c.result().structure(), desc);
  }

  private static double parse(String s, double def) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return def;
    }
  }
}
