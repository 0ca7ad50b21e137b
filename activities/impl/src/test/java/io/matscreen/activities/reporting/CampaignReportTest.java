package io.matscreen.activities.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.activities.SqliteStoreTest;
import io.matscreen.activities.candidates.CandidatePreparation;
import io.matscreen.activities.selection.DftSelector;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.proto.v1.SigmaKind;
import io.matscreen.store.CampaignStatus;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.DftResultRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoredDftState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The final hull and the report on a real SQLite store filled with known rows: 4 C-Si candidates, 2
 * passing triage, 2 relaxed. DFT energies (eV/atom, total) are chosen so that the formation
 * energies come out by hand: C -155.0, Si -108.0, so the elements' line at SiC is -131.5;
 * zincblende SiC at -131.8 lies 0.3 below it, rocksalt SiC at -131.0 lies 0.5 above it.
 */
class CampaignReportTest extends SqliteStoreTest {
  private static final String FINGERPRINT = "qe|PBE|pslibrary|none";

  private CampaignSpec relaxed(String name, Map<String, Double> energyPerAtomBySubject) {
    CampaignSpec spec =
        carbonSilicon(name, List.of("zincblende", "rocksalt"), List.of("diamond:C", "diamond:Si"))
            .setTriageK(1.0)
            .setTriageThreshold(0.0)
            .setTriageSigmaKind(SigmaKind.SIGMA_KIND_TOTAL)
            .setDft(
                DftSettings.newBuilder()
                    .setInputSetKind(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX)
                    .setExecutorKind(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL)
                    .setBudget(2)
                    .setBatchSize(10))
            .build();
    new CandidatePreparation(store).prepare(spec, s -> {});
    store.upsertHullResults(
        List.of(
            predicted(name, "zincblende:C-Si", -0.5, true),
            predicted(name, "zincblende:Si-C", -0.5, false),
            predicted(name, "rocksalt:C-Si", -0.3, true),
            predicted(name, "rocksalt:Si-C", 0.2, false)));
    new DftSelector(store).select(spec);
    for (DftJobRow j : store.dftJobs(name)) {
      Double e = energyPerAtomBySubject.get(j.subjectId());
      if (e == null) {
        store.updateDftJob(j.withState(StoredDftState.FAILED, "attempt 1: SCF_NOT_CONVERGED"));
        continue;
      }
      store.updateDftJob(j.withState(StoredDftState.FINISHED, null));
      store.upsertDftResult(
          new DftResultRow(name, j.jobKey(), 2 * e, e, 2, FINGERPRINT, null, 1.0));
    }
    return spec;
  }

  @Test
  void theReportListsTheFunnelAndTheCandidatesOnTheDftHull() {
    CampaignSpec spec =
        relaxed(
            "report",
            Map.of(
                "known:diamond:C", -155.0,
                "known:diamond:Si", -108.0,
                "zincblende:C-Si", -131.8,
                "rocksalt:C-Si", -131.0));

    FinalHull.Outcome outcome = new FinalHull(store).build(spec);
    assertThat(outcome.finished()).isEqualTo(2);
    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.newStable()).containsExactly("SiC (zincblende:C-Si)");
    Map<String, HullRow> dft =
        store.hullResults("report", "dft").stream()
            .collect(java.util.stream.Collectors.toMap(HullRow::candidateId, h -> h));
    assertThat(dft).containsOnlyKeys("zincblende:C-Si", "rocksalt:C-Si");
    assertThat(dft.get("zincblende:C-Si").eForm()).isCloseTo(-0.3, within(1e-9));
    assertThat(dft.get("zincblende:C-Si").eAboveHull()).isCloseTo(-0.3, within(1e-9));
    assertThat(dft.get("rocksalt:C-Si").eAboveHull()).isCloseTo(0.5, within(1e-9));

    List<String> lines = outcome.report().lines().toList();
    assertThat(store.report("report")).contains(outcome.report());
    assertThat(lines.subList(0, 6))
        .containsExactly(
            "campaign report: C-Si, 4 candidates from 2 prototypes",
            "  screened            4   model default",
            "  passed triage       2   e_above_hull_pred + 1.0·σ(total) < 0.0 eV/atom",
            "  DFT submitted       2   budget 2, qe-pbe-relax, local executor",
            "  DFT finished        2   0 failed",
            "  below hull          1   SiC (zincblende:C-Si) -0.300 eV/atom   → matscreen results"
                + " report --store "
                + url);
    assertThat(lines)
        .contains(
            "DFT results on the hull of the known phases (qe-pbe-relax, same input set for"
                + " references and candidates):",
            "NEW STABLE: SiC (zincblende:C-Si)")
        .doesNotContain("No candidate lies below the known hull.");
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "  zincblende:C-Si              SiC      e_form  -0.3000  e_above_hull "
                            + " -0.3000 eV/atom  → "))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith(
                        "  rocksalt:C-Si                SiC      e_form   0.5000  e_above_hull "
                            + "  0.5000 eV/atom  → "));
    assertThat(lines).noneMatch(l -> l.startsWith("problem:"));
  }

  @Test
  void aReferenceWithoutADftResultIsAProblemTheReportNames() {
    CampaignSpec spec =
        relaxed(
            "no-si",
            Map.of("known:diamond:C", -155.0, "zincblende:C-Si", -131.8, "rocksalt:C-Si", -131.0));

    FinalHull.Outcome outcome = new FinalHull(store).build(spec);
    assertThat(outcome.finished()).isEqualTo(2);
    assertThat(outcome.newStable()).isEmpty();
    List<String> lines = outcome.report().lines().toList();
    assertThat(lines)
        .contains(
            "  DFT finished        2   0 failed",
            "  below hull          0      → matscreen results no-si --store " + url,
            "No candidate lies below the known hull.",
            "problem: reference known:diamond:Si has no DFT result (FAILED)");
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("problem: the DFT hull cannot be built: "));
  }

  @Test
  void theLiveFunnelShowsTheWorkflowsBudgetStageAndTime() {
    CampaignSpec spec =
        relaxed(
            "live",
            Map.of(
                "known:diamond:C", -155.0, "known:diamond:Si", -108.0, "zincblende:C-Si", -131.8));
    CampaignProgress progress =
        CampaignProgress.newBuilder()
            .setBudget(5)
            .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_DFT)
            .setDetail("batch 1 of 1")
            .build();

    List<String> lines =
        new CampaignReport(store)
            .funnel(spec, progress, Duration.ofMillis(12_340))
            .lines()
            .toList();
    assertThat(lines)
        .containsExactly(
            "campaign live: C-Si, 4 candidates from 2 prototypes",
            "  screened            4   model default",
            "  passed triage       2   e_above_hull_pred + 1.0·σ(total) < 0.0 eV/atom",
            "  DFT submitted       2   budget 5, qe-pbe-relax, local executor",
            "  DFT finished        1   1 failed",
            "  below hull          0      → matscreen results live --store " + url,
            "  stage dft: batch 1 of 1",
            "  finished in 12.3 s");
  }

  @Test
  void stagesMapToTheCampaignsStatus() {
    store.upsertCampaign("stages", "C-Si", "name: \"stages\"", "campaign-stages");
    CampaignStages stages = new CampaignStages(store);
    stages.record("stages", CampaignStage.CAMPAIGN_STAGE_SCREEN, "");
    assertThat(store.campaign("stages").orElseThrow().status()).isEqualTo(CampaignStatus.RUNNING);
    stages.record("stages", CampaignStage.CAMPAIGN_STAGE_DONE, "");
    assertThat(store.campaign("stages").orElseThrow())
        .satisfies(
            c -> {
              assertThat(c.stage()).isEqualTo("done");
              assertThat(c.status()).isEqualTo(CampaignStatus.COMPLETED);
            });
    assertThat(CampaignStages.status(CampaignStage.CAMPAIGN_STAGE_CANCELLED))
        .isEqualTo(CampaignStatus.CANCELLED);
    assertThat(CampaignStages.status(CampaignStage.CAMPAIGN_STAGE_FAILED))
        .isEqualTo(CampaignStatus.FAILED);
    assertThat(CampaignStages.status(CampaignStage.CAMPAIGN_STAGE_DFT))
        .isEqualTo(CampaignStatus.RUNNING);
  }
}
