package io.matscreen.activities.reporting;

import io.matscreen.activities.dftjobs.DftJobState;
import io.matscreen.hull.HullEntry;
import io.matscreen.hull.HullException;
import io.matscreen.hull.HullPoint;
import io.matscreen.hull.PhaseDiagram;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign's last step: finished DFT candidates placed on the DFT hull of the references
 * (relaxed with the same input set), written as "dft" hull rows, and the report rendered and saved.
 * A reference without a result or a hull that cannot be built is a problem the report names, not an
 * error: the candidates placed before it stay in the store.
 */
public final class FinalHull {
  private final CampaignStore store;

  public FinalHull(CampaignStore store) {
    this.store = store;
  }

  /** A finished candidate on the DFT hull; energies eV/atom. */
  public record PlacedCandidate(
      String candidateId,
      String formula,
      double eFormEv,
      double eAboveHullEv,
      String decomposition) {
    /** Below the hull by more than the store's tolerance: a new stable material. */
    public boolean belowHull() {
      return eAboveHullEv < -CampaignStore.BELOW_HULL_TOLERANCE_EV;
    }

    /** How the report and the workflow name it: formula and candidate id. */
    public String label() {
      return formula + " (" + candidateId + ")";
    }
  }

  /**
   * What the final hull found: how many candidates finished DFT, those placed on the hull (none
   * when it could not be built), the problems, and the report text as saved.
   */
  public record Outcome(
      int finished, List<PlacedCandidate> placed, List<String> problems, String report) {
    /** The new stable materials, in job order. */
    public List<String> newStable() {
      return placed.stream()
          .filter(PlacedCandidate::belowHull)
          .map(PlacedCandidate::label)
          .toList();
    }
  }

  public Outcome build(CampaignSpec spec) {
    String campaign = spec.getName();
    Map<String, DftResultRow> results = new HashMap<>();
    for (DftResultRow r : store.dftResults(campaign)) {
      results.put(r.jobKey(), r);
    }
    List<HullEntry> references = new ArrayList<>();
    List<DftJobRow> finished = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (DftJobRow j : store.dftJobs(campaign)) {
      DftResultRow r = results.get(j.jobKey());
      if (j.role() == DftJobRole.REFERENCE) {
        if (r == null) {
          problems.add("reference " + j.subjectId() + " has no DFT result (" + j.state() + ")");
        } else {
          references.add(entry(j, r));
        }
      } else if (r != null) {
        finished.add(j);
      }
    }
    List<PlacedCandidate> placed = new ArrayList<>();
    if (!references.isEmpty()) {
      try {
        PhaseDiagram hull = PhaseDiagram.build(references);
        for (DftJobRow j : finished) {
          HullEntry e = entry(j, results.get(j.jobKey()));
          HullPoint p = hull.eAboveHull(e);
          placed.add(
              new PlacedCandidate(
                  j.subjectId(),
                  j.formula(),
                  hull.formationEnergyPerAtom(e),
                  p.eAboveHullEv(),
                  p.decompositionString()));
        }
      } catch (HullException e) {
        problems.add("the DFT hull cannot be built: " + e.getMessage());
      }
    }
    List<HullRow> rows = new ArrayList<>();
    for (PlacedCandidate c : placed) {
      rows.add(
          new HullRow(
              campaign,
              c.candidateId(),
              "dft",
              c.eFormEv(),
              c.eAboveHullEv(),
              c.decomposition(),
              null,
              false));
    }
    store.upsertHullResults(rows);
    // Rendered after the rows are in, so that the report's funnel counts them.
    String report = new CampaignReport(store).report(spec, placed, problems);
    store.saveReport(campaign, report);
    return new Outcome(finished.size(), List.copyOf(placed), List.copyOf(problems), report);
  }

  private static HullEntry entry(DftJobRow j, DftResultRow r) {
    return HullEntry.ofTotalEnergy(
        j.subjectId(),
        Composition.parse(j.formula()),
        r.energyPerAtomEv(),
        DftJobState.fingerprint(r.fingerprint()));
  }
}
