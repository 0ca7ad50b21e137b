package io.matscreen.activities.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.activities.SqliteStoreTest;
import io.matscreen.activities.candidates.CandidatePreparation;
import io.matscreen.activities.selection.DftSelector.Selection;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftInputSet;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoredDftState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DFT selection on a real SQLite store: every known phase becomes a reference job (batch 0), the
 * passing candidates are taken best acquisition first up to the budget, in batches of the batch
 * size, skipping structures already known or already chosen (same Wyckoff representation).
 */
class DftSelectorTest extends SqliteStoreTest {
  private CampaignSpec prepared(String name, int budget, int batchSize) {
    CampaignSpec spec =
        carbonSilicon(
                name,
                List.of("zincblende", "wurtzite", "rocksalt", "fluorite"),
                List.of("diamond:C", "diamond:Si", "zincblende:SiC"))
            .setDft(
                DftSettings.newBuilder()
                    .setInputSetKind(DftInputSet.DFT_INPUT_SET_QE_PBE_RELAX)
                    .setExecutorKind(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL)
                    .setBudget(budget)
                    .setBatchSize(batchSize)
                    .putSettings("ecutwfc", "30"))
            .build();
    new CandidatePreparation(store).prepare(spec, s -> {});
    store.upsertHullResults(
        List.of(
            predicted(name, "zincblende:C-Si", -0.50, true),
            predicted(name, "zincblende:Si-C", -0.50, true),
            predicted(name, "wurtzite:C-Si", -0.40, true),
            predicted(name, "rocksalt:Si-C", -0.35, true),
            predicted(name, "rocksalt:C-Si", -0.30, true),
            predicted(name, "fluorite:C-Si", -0.20, true),
            predicted(name, "fluorite:Si-C", 0.10, false)));
    return spec;
  }

  private String label(String campaign, String id) {
    return store.candidate(campaign, id).orElseThrow().protostructure();
  }

  @Test
  void theBudgetIsFilledBestFirstInBatchesWithoutRelaxingAStructureTwice() {
    CampaignSpec spec = prepared("select", 3, 2);
    // What the skips below rest on: swapping C and Si in zincblende or rocksalt gives the same
    // structure, and zincblende SiC is a known phase.
    assertThat(label("select", "zincblende:Si-C")).isEqualTo(label("select", "zincblende:C-Si"));
    assertThat(label("select", "rocksalt:Si-C")).isEqualTo(label("select", "rocksalt:C-Si"));

    Selection selection = new DftSelector(store).select(spec);
    assertThat(selection.referenceJobs()).isEqualTo(3);
    assertThat(selection.candidateJobs()).isEqualTo(3);
    assertThat(selection.batches()).containsExactly(0, 1, 2);

    List<DftJobRow> jobs = store.dftJobs("select");
    assertThat(jobs)
        .filteredOn(j -> j.role() == DftJobRole.REFERENCE)
        .extracting(DftJobRow::subjectId, DftJobRow::batch)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("known:diamond:C", 0),
            org.assertj.core.groups.Tuple.tuple("known:diamond:Si", 0),
            org.assertj.core.groups.Tuple.tuple("known:zincblende:SiC", 0));
    assertThat(jobs)
        .filteredOn(j -> j.role() == DftJobRole.CANDIDATE)
        .extracting(DftJobRow::subjectId, DftJobRow::batch)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("wurtzite:C-Si", 1),
            org.assertj.core.groups.Tuple.tuple("rocksalt:Si-C", 1),
            org.assertj.core.groups.Tuple.tuple("fluorite:C-Si", 2));
    assertThat(jobs)
        .filteredOn(j -> j.role() == DftJobRole.CANDIDATE)
        .allSatisfy(
            j ->
                assertThat(j.formula())
                    .isEqualTo(
                        store.candidate("select", j.subjectId()).orElseThrow().reducedFormula()));
    assertThat(jobs)
        .allSatisfy(
            j -> {
              assertThat(j.state()).isEqualTo(StoredDftState.PENDING);
              assertThat(j.jobKey()).isEqualTo("select/" + j.subjectId() + "/qe-pbe-relax");
              // One plane-wave cutoff for the whole chemical system, so the energies compare.
              assertThat(j.settingsJson()).contains("cutoff_elements").contains("C,Si");
              assertThat(j.settingsJson()).contains("ecutwfc");
            });

    // A rerun (a retried activity) keeps the jobs it finds.
    assertThat(new DftSelector(store).select(spec)).isEqualTo(selection);
    assertThat(store.dftJobs("select")).hasSize(6);
  }

  @Test
  void aBudgetOfZeroSelectsNothing() {
    CampaignSpec spec = prepared("none", 0, 2);
    assertThat(new DftSelector(store).select(spec)).isEqualTo(new Selection(0, 0, List.of()));
    assertThat(store.dftJobs("none")).isEmpty();
  }

  @Test
  void tiesGoToThePrototypeListedFirstInTheCampaignFile() {
    CampaignSpec spec =
        CampaignSpec.newBuilder().addAllPrototypes(List.of("rocksalt", "zincblende")).build();
    List<HullRow> ranked =
        DftSelector.rankedForDft(
            spec,
            List.of(
                predicted("t", "zincblende:C-Si", -0.2, true),
                predicted("t", "rocksalt:Si-C", -0.2 + 1e-8, true),
                predicted("t", "rocksalt:C-Si", -0.2, true),
                predicted("t", "wurtzite:C-Si", -0.3, true)));
    assertThat(ranked)
        .extracting(HullRow::candidateId)
        .containsExactly("wurtzite:C-Si", "rocksalt:C-Si", "rocksalt:Si-C", "zincblende:C-Si");
  }
}
