package io.matscreen.hull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Stability triage of ML predictions before DFT: acquisition value {@code e_above_hull_pred + k·σ}
 * (eV/atom), pass when below the threshold, rank passing candidates by acquisition value (lowest
 * first, ties by id so that the order is reproducible), select the first {@code budget}.
 */
public final class Triage {
  private Triage() {}

  /** The decisions for all candidates: passing ones first by rank, then the others by value. */
  public static List<TriageDecision> rank(
      Collection<TriageCandidate> candidates, TriageSettings settings) {
    List<TriageDecision> scored = new ArrayList<>(candidates.size());
    for (TriageCandidate c : candidates) {
      double sigma = c.sigma(settings.sigma());
      if (!Double.isFinite(c.eAboveHullPredEv())) {
        throw new HullException(
            "triage candidate "
                + c.id()
                + ": e_above_hull_pred is not finite: "
                + c.eAboveHullPredEv());
      }
      if (!(sigma >= 0) || Double.isInfinite(sigma)) {
        throw new HullException(
            "triage candidate "
                + c.id()
                + ": "
                + settings.sigma().name().toLowerCase()
                + " σ must be a finite number >= 0, got "
                + sigma);
      }
      double acquisition = c.eAboveHullPredEv() + settings.k() * sigma;
      scored.add(
          new TriageDecision(c, acquisition, acquisition < settings.thresholdEv(), 0, false));
    }
    scored.sort(
        Comparator.comparing((TriageDecision d) -> !d.passed())
            .thenComparingDouble(TriageDecision::acquisitionEv)
            .thenComparing(d -> d.candidate().id()));
    List<TriageDecision> out = new ArrayList<>(scored.size());
    int rank = 0;
    for (TriageDecision d : scored) {
      if (d.passed()) {
        rank++;
        out.add(
            new TriageDecision(
                d.candidate(), d.acquisitionEv(), true, rank, rank <= settings.budget()));
      } else {
        out.add(d);
      }
    }
    return out;
  }

  /** The selected candidates only (passed and within budget), best first. */
  public static List<TriageDecision> select(
      Collection<TriageCandidate> candidates, TriageSettings settings) {
    return rank(candidates, settings).stream().filter(TriageDecision::selected).toList();
  }
}
