package io.matscreen.cli;

import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStore.FunnelCounts;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.HullRow;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a campaign's funnel from the store: candidates → screened → triage → DFT → hull. */
public final class FunnelReport {
  private FunnelReport() {}

  public static void print(
      PrintStream out,
      CampaignStores stores,
      CampaignSpec spec,
      CampaignProgress progress,
      Duration elapsed) {
    CampaignStore store = stores.forUrl(spec.getStore());
    FunnelCounts f = store.funnel(spec.getName());
    String source =
        spec.getCandidatesSource().equals("substitution")
            ? spec.getPrototypesCount() + " prototypes"
            : spec.getCandidatesFile();
    out.printf(
        Locale.ROOT,
        "campaign %s: %s, %,d candidates from %s%n",
        spec.getName(),
        String.join("-", spec.getElementsList()),
        f.candidates(),
        source);
    out.printf(Locale.ROOT, "  screened      %,7d   model %s%n", f.screened(), spec.getModel());
    out.printf(
        Locale.ROOT,
        "  passed triage %,7d   e_above_hull_pred + %s·σ(%s) < %s eV/atom%n",
        f.passedTriage(),
        trim(spec.getTriageK()),
        spec.getTriageSigma(),
        trim(spec.getTriageThreshold()));
    out.printf(
        Locale.ROOT,
        "  DFT submitted %,7d   budget %d, %s, %s executor%n",
        f.dftSubmitted(),
        progress != null && progress.getBudget() > 0
            ? progress.getBudget()
            : spec.getDft().getBudget(),
        spec.getDft().getInputSet(),
        spec.getDft().getExecutor());
    out.printf(Locale.ROOT, "  DFT finished  %,7d   %d failed%n", f.dftFinished(), f.dftFailed());
    List<String> stable = new ArrayList<>();
    for (HullRow h : store.hullResults(spec.getName(), "dft")) {
      if (h.eAboveHull() < -CampaignStore.BELOW_HULL_TOLERANCE_EV) {
        CandidateRow c = store.candidate(spec.getName(), h.candidateId()).orElse(null);
        stable.add(
            (c == null ? h.candidateId() : c.reducedFormula() + " (" + c.id() + ")")
                + String.format(Locale.ROOT, " %.3f eV/atom", h.eAboveHull()));
      }
    }
    out.printf(
        Locale.ROOT,
        "  below hull    %,7d   %s%s%n",
        f.belowHull(),
        String.join(", ", stable),
        "   → matscreen results "
            + spec.getName()
            + (spec.getStore().equals(CampaignStore.DEFAULT_URL)
                ? ""
                : " --store " + spec.getStore()));
    if (progress != null) {
      out.println(
          "  stage "
              + progress.getStage()
              + (progress.getDetail().isEmpty() ? "" : ": " + progress.getDetail()));
    }
    if (elapsed != null) {
      out.printf(Locale.ROOT, "  finished in %.1f s%n", elapsed.toMillis() / 1000.0);
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }
}
