package io.matscreen.hull;

/**
 * Triage rule: a candidate passes when {@code e_above_hull_pred + k·σ < thresholdEv} (eV/atom);
 * passing candidates are ranked by that acquisition value, lowest first, and at most {@code budget}
 * are selected. Defaults as in the Wren study: k = 1, threshold 0 eV/atom, total σ.
 */
public record TriageSettings(double k, double thresholdEv, SigmaKind sigma, int budget) {
  /** Default k (σ multiplier). */
  public static final double DEFAULT_K = 1.0;

  /** Default threshold, eV/atom above the known hull. */
  public static final double DEFAULT_THRESHOLD_EV = 0.0;

  public TriageSettings {
    if (!Double.isFinite(k)) {
      throw new IllegalArgumentException("triage k must be a finite number, got " + k);
    }
    if (!Double.isFinite(thresholdEv)) {
      throw new IllegalArgumentException(
          "triage threshold must be a finite number of eV/atom, got " + thresholdEv);
    }
    if (sigma == null) {
      throw new IllegalArgumentException(
          "triage sigma kind must be given (total, epistemic, aleatoric)");
    }
    if (budget < 0) {
      throw new IllegalArgumentException("triage budget must be >= 0, got " + budget);
    }
  }

  /** k = 1, threshold 0 eV/atom, total σ, no budget limit. */
  public static TriageSettings defaults() {
    return new TriageSettings(DEFAULT_K, DEFAULT_THRESHOLD_EV, SigmaKind.TOTAL, Integer.MAX_VALUE);
  }

  /** The same settings with another budget (number of DFT calculations). */
  public TriageSettings withBudget(int newBudget) {
    return new TriageSettings(k, thresholdEv, sigma, newBudget);
  }
}
