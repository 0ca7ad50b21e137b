package io.matscreen.activities.reporting;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.reporting.FinalHull.PlacedCandidate;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStore.FunnelCounts;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.HullRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of a campaign's funnel (candidates → screened → triage → DFT → below hull) from the
 * store, as `matscreen demo`, `launch --wait` and `status` print it, and the report the final stage
 * saves for `matscreen report`: the same funnel, then the DFT results on the hull.
 */
public final class CampaignReport {
  private final CampaignStore store;

  public CampaignReport(CampaignStore store) {
    this.store = store;
  }

  /**
   * The funnel lines, each ending in a newline. {@code progress} (the workflow's live progress) and
   * {@code elapsed} may be null; with progress, its budget (changed by setBudget) and stage show.
   */
  public String funnel(CampaignSpec spec, CampaignProgress progress, Duration elapsed) {
    FunnelCounts f = store.funnel(spec.getName());
    StringBuilder out = new StringBuilder();
    String source =
        spec.getCandidatesSource().equals("file")
            ? spec.getCandidatesFile()
            : spec.getPrototypesCount() + " prototypes";
    line(
        out,
        "campaign %s: %s, %,d candidates from %s",
        spec.getName(),
        String.join("-", spec.getElementsList()),
        f.candidates(),
        source);
    line(out, "  screened      %,7d   model %s", f.screened(), CampaignDefaults.model(spec));
    line(
        out,
        "  passed triage %,7d   e_above_hull_pred + %s·σ(%s) < %s eV/atom",
        f.passedTriage(),
        trim(spec.getTriageK()),
        CampaignEnums.yamlName(CampaignDefaults.triageSigma(spec)),
        trim(spec.getTriageThreshold()));
    line(
        out,
        "  DFT submitted %,7d   budget %d, %s, %s executor",
        f.dftSubmitted(),
        progress != null && progress.getBudget() > 0
            ? progress.getBudget()
            : spec.getDft().getBudget(),
        CampaignEnums.yamlName(spec.getDft().getInputSetKind()),
        CampaignEnums.yamlName(spec.getDft().getExecutorKind()));
    line(out, "  DFT finished  %,7d   %d failed", f.dftFinished(), f.dftFailed());
    line(
        out,
        "  below hull    %,7d   %s   → matscreen results %s%s",
        f.belowHull(),
        String.join(", ", belowHull(spec.getName())),
        spec.getName(),
        spec.getStore().isEmpty() || spec.getStore().equals(CampaignStore.DEFAULT_URL)
            ? ""
            : " --store " + spec.getStore());
    if (progress != null) {
      out.append("  stage ")
          .append(CampaignEnums.yamlName(progress.getCampaignStage()))
          .append(progress.getDetail().isEmpty() ? "" : ": " + progress.getDetail())
          .append('\n');
    }
    if (elapsed != null) {
      line(out, "  finished in %.1f s", elapsed.toMillis() / 1000.0);
    }
    return out.toString();
  }

  /**
   * The final stage's report: the funnel, the finished candidates on the DFT hull of the known
   * phases, the new stable materials and the problems met.
   */
  public String report(CampaignSpec spec, List<PlacedCandidate> placed, List<String> problems) {
    StringBuilder out = new StringBuilder(funnel(spec, null, null));
    out.append('\n')
        .append("DFT results on the hull of the known phases (")
        .append(CampaignEnums.yamlName(spec.getDft().getInputSetKind()))
        .append(", same input set for references and candidates):\n");
    for (PlacedCandidate c : placed) {
      line(
          out,
          "  %-28s %-8s e_form %8.4f  e_above_hull %8.4f eV/atom  → %s",
          c.candidateId(),
          c.formula(),
          c.eFormEv(),
          c.eAboveHullEv(),
          c.decomposition());
    }
    out.append('\n');
    List<PlacedCandidate> stable = placed.stream().filter(PlacedCandidate::belowHull).toList();
    if (stable.isEmpty()) {
      out.append("No candidate lies below the known hull.\n");
    }
    for (PlacedCandidate c : stable) {
      out.append("NEW STABLE: ").append(c.label()).append('\n');
    }
    for (String p : problems) {
      out.append("problem: ").append(p).append('\n');
    }
    return out.toString();
  }

  /** The store's candidates below the DFT hull, with their energy above it (eV/atom). */
  private List<String> belowHull(String campaign) {
    List<String> stable = new ArrayList<>();
    for (HullRow h : store.hullResults(campaign, "dft")) {
      if (h.eAboveHull() < -CampaignStore.BELOW_HULL_TOLERANCE_EV) {
        CandidateRow c = store.candidate(campaign, h.candidateId()).orElse(null);
        stable.add(
            (c == null ? h.candidateId() : c.reducedFormula() + " (" + c.id() + ")")
                + String.format(Locale.ROOT, " %.3f eV/atom", h.eAboveHull()));
      }
    }
    return stable;
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }
}
