package io.matscreen.activities.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.matscreen.activities.SqliteStoreTest;
import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.activities.candidates.CandidatePreparation;
import io.matscreen.activities.screening.ShardScreening.ShardOutcome;
import io.matscreen.hull.SigmaKind;
import io.matscreen.hull.TriageSettings;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shard screening on a real SQLite store: spglib labels the candidates that came without a label,
 * and predictions written to the store are placed on the known hull and triaged by the spec's rule
 * (the values below are worked out by hand from e_above_hull + k·σ &lt; threshold).
 */
class ShardScreeningTest extends SqliteStoreTest {
  @Test
  void featuriseLabelsTheCandidatesThatCameFromFiles() throws Exception {
    Path folder = rocksaltSiCFolder();
    CampaignSpec spec =
        CampaignSpec.newBuilder()
            .setName("files")
            .setStore(url)
            .addAllElements(List.of("C", "Si"))
            .setCandidatesSource("file")
            .setCandidatesFile(folder.toString())
            .addAllKnownPhases(List.of("diamond:C", "diamond:Si"))
            .build();
    new CandidatePreparation(store).prepare(spec, s -> {});

    ShardOutcome featurised = new ShardScreening(store).featurise("files", 0);
    assertThat(featurised).isEqualTo(new ShardOutcome(1, 0, 0));
    assertThat(store.candidatesInShard("files", 0))
        .extracting(CandidateRow::protostructure, CandidateRow::spacegroup)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("AB_cF8_225_a_b:C-Si", 225));

    // Labelled candidates are not analysed again.
    assertThat(new ShardScreening(store).featurise("files", 0))
        .isEqualTo(new ShardOutcome(1, 0, 0));
  }

  /** C-Si in zincblende and rocksalt: 4 candidates in one shard, known phases C and Si at 0. */
  private CampaignSpec preparedWithPredictedReferences(String name, double k, String sigma) {
    CampaignSpec spec =
        carbonSilicon(name, List.of("zincblende", "rocksalt"), List.of("diamond:C", "diamond:Si"))
            .setTriageK(k)
            .setTriageThreshold(0.0)
            .setTriageSigmaKind(CampaignEnums.sigmaKind("triage.sigma", sigma))
            .build();
    new CandidatePreparation(store).prepare(spec, s -> {});
    List<ReferenceRow> predicted = new ArrayList<>();
    for (ReferenceRow r : store.references(name)) {
      predicted.add(
          new ReferenceRow(
              name,
              r.id(),
              r.formula(),
              0.0,
              "formation",
              "test-model",
              r.source(),
              r.structureJson()));
    }
    store.upsertReferences(predicted);
    return spec;
  }

  @Test
  void placeOnHullTriagesEachPredictionByTheSpecsRule() {
    CampaignSpec spec = preparedWithPredictedReferences("triage", 1.0, "total");
    // Elements at 0 eV/atom make e_above_hull equal e_form for SiC.
    store.upsertPredictions(
        List.of(
            new PredictionRow("triage", "zincblende:C-Si", "test-model", -0.30, 0.10, 0.02, 0.09),
            new PredictionRow("triage", "zincblende:Si-C", "test-model", -0.05, 0.10, 0.01, 0.09),
            new PredictionRow("triage", "rocksalt:C-Si", "test-model", 0.20, 0.05, 0.01, 0.04)));

    ShardOutcome outcome = new ShardScreening(store).placeOnHull(spec, 0);
    // 3 predictions placed, 1 candidate without a prediction, 1 passing -0.30 + 0.10 < 0.
    assertThat(outcome).isEqualTo(new ShardOutcome(3, 1, 1));
    Map<String, HullRow> rows =
        store.hullResults("triage", "predicted").stream()
            .collect(Collectors.toMap(HullRow::candidateId, Function.identity()));
    assertThat(rows).containsOnlyKeys("zincblende:C-Si", "zincblende:Si-C", "rocksalt:C-Si");
    assertThat(rows.get("zincblende:C-Si").eAboveHull()).isCloseTo(-0.30, within(1e-9));
    assertThat(rows.get("zincblende:C-Si").acquisition()).isCloseTo(-0.20, within(1e-9));
    assertThat(rows.get("zincblende:C-Si").passedTriage()).isTrue();
    assertThat(rows.get("zincblende:Si-C").acquisition()).isCloseTo(0.05, within(1e-9));
    assertThat(rows.get("zincblende:Si-C").passedTriage()).isFalse();
    assertThat(rows.get("rocksalt:C-Si").acquisition()).isCloseTo(0.25, within(1e-9));
    assertThat(rows.get("rocksalt:C-Si").passedTriage()).isFalse();
    assertThat(store.shards("triage").get(0).screened()).isTrue();
  }

  @Test
  void theSigmaKindAndFactorOfTheSpecDecide() {
    // With k = 2 and the epistemic σ: -0.05 + 2·0.01 = -0.03 passes, -0.30 + 2·0.02 passes.
    CampaignSpec spec = preparedWithPredictedReferences("epistemic", 2.0, "epistemic");
    store.upsertPredictions(
        List.of(
            new PredictionRow("epistemic", "zincblende:C-Si", "m", -0.30, 0.10, 0.02, 0.09),
            new PredictionRow("epistemic", "zincblende:Si-C", "m", -0.05, 0.10, 0.01, 0.09)));
    ShardOutcome outcome = new ShardScreening(store).placeOnHull(spec, 0);
    assertThat(outcome).isEqualTo(new ShardOutcome(2, 2, 2));
    assertThat(store.hullResults("epistemic", "predicted"))
        .filteredOn(h -> h.candidateId().equals("zincblende:Si-C"))
        .singleElement()
        .satisfies(h -> assertThat(h.acquisition()).isCloseTo(-0.03, within(1e-9)));
  }

  @Test
  void placeOnHullWaitsForTheReferencesPredictions() {
    CampaignSpec spec =
        carbonSilicon("pending", List.of("zincblende"), List.of("diamond:C", "diamond:Si")).build();
    new CandidatePreparation(store).prepare(spec, s -> {});
    assertThatThrownBy(() -> new ShardScreening(store).placeOnHull(spec, 0))
        .isInstanceOf(ReferencesNotPredictedException.class)
        .hasMessage("campaign pending: known phase known:diamond:C has no predicted energy yet");
  }

  @Test
  void aSpecThatOmitsTheTriageRuleGetsTheDefaultRule() {
    CampaignSpec read =
        CampaignSpecReader.parse(
            "name: x\nelements: [Si]\ncandidates: {prototypes: [diamond]}\n", "x.yaml");
    TriageSettings expected =
        new TriageSettings(
            CampaignDefaults.TRIAGE_K,
            CampaignDefaults.TRIAGE_THRESHOLD_EV,
            SigmaKind.TOTAL,
            Integer.MAX_VALUE);
    assertThat(ShardScreening.triageSettings(read)).isEqualTo(expected);
    // A spec built in code leaves σ unset; it is the same default σ.
    assertThat(ShardScreening.triageSettings(CampaignSpec.getDefaultInstance()).sigma())
        .isEqualTo(SigmaKind.TOTAL);
  }
}
