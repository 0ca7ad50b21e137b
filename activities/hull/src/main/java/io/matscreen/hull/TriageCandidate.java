package io.matscreen.hull;

/**
 * One candidate's prediction for triage: predicted energy above the known hull and the ensemble
 * standard deviations, all eV/atom.
 */
public record TriageCandidate(
    String id,
    double eAboveHullPredEv,
    double totalStdEv,
    double epistemicStdEv,
    double aleatoricStdEv) {

  /** The σ of the given kind, eV/atom. */
  public double sigma(SigmaKind kind) {
    return switch (kind) {
      case TOTAL -> totalStdEv;
      case EPISTEMIC -> epistemicStdEv;
      case ALEATORIC -> aleatoricStdEv;
    };
  }
}
