package io.matscreen.activities.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.activities.SqliteStoreTest;
import io.matscreen.activities.campaign.InvalidCampaignSpecException;
import io.matscreen.activities.campaign.StructureCodec;
import io.matscreen.activities.candidates.CandidatePreparation.PreparedCampaign;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.ReferenceRow;
import io.matscreen.store.StoreRows.ShardRow;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Candidate preparation on a real SQLite store: known phases are written with pending energies,
 * substituted candidates arrive in shards with the Wyckoff labels spglib gives their structures,
 * candidates from files arrive unlabelled, and a campaign without an elemental phase is refused.
 */
class CandidatePreparationTest extends SqliteStoreTest {
  private CampaignSpec.Builder siliconCarbide(String name) {
    return carbonSilicon(
        name,
        List.of("zincblende", "wurtzite", "rocksalt", "fluorite"),
        List.of("diamond:C", "diamond:Si"));
  }

  @Test
  void substitutedCandidatesArriveInShardsWithTheLabelsSpglibFinds() {
    CampaignSpec spec = siliconCarbide("labels").setShardSize(3).build();
    List<Integer> heartbeats = new ArrayList<>();
    PreparedCampaign prepared = new CandidatePreparation(store).prepare(spec, heartbeats::add);

    // 4 prototypes x 2 ordered assignments of {C, Si}, sorted by id into shards of 3.
    assertThat(prepared.references()).isEqualTo(2);
    assertThat(prepared.candidates()).isEqualTo(8);
    assertThat(prepared.shards()).extracting(ShardRow::rows).containsExactly(3, 3, 2);
    assertThat(heartbeats).containsExactly(0, 1, 2);
    assertThat(store.shards("labels")).extracting(ShardRow::rows).containsExactly(3, 3, 2);
    assertThat(store.references("labels"))
        .extracting(ReferenceRow::id, ReferenceRow::fingerprint)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "known:diamond:C", CandidatePreparation.UNPREDICTED_FINGERPRINT),
            org.assertj.core.groups.Tuple.tuple(
                "known:diamond:Si", CandidatePreparation.UNPREDICTED_FINGERPRINT));

    List<CandidateRow> rows = new ArrayList<>();
    for (ShardRow s : prepared.shards()) {
      List<CandidateRow> inShard = store.candidatesInShard("labels", s.shard());
      assertThat(inShard).hasSize(s.rows());
      rows.addAll(inShard);
    }
    assertThat(rows).extracting(CandidateRow::id).isSorted();
    for (CandidateRow r : rows) {
      Structure s = StructureCodec.fromJson(r.structureJson(), r.id());
      WyckoffRepresentation analysed = WyckoffRepresentation.of(s, 0.1, 5.0);
      assertThat(r.protostructure()).as(r.id()).isEqualTo(analysed.protostructureLabel());
      assertThat(r.spacegroup()).as(r.id()).isEqualTo(analysed.spacegroupNumber());
    }
    assertThat(rows)
        .filteredOn(r -> r.id().equals("zincblende:Si-C"))
        .extracting(CandidateRow::protostructure)
        .containsExactly("AB_cF8_216_a_c:C-Si");

    // A rerun (a retried activity) writes the same shards with the same content hashes.
    PreparedCampaign again = new CandidatePreparation(store).prepare(spec, s -> {});
    assertThat(again.shards()).isEqualTo(prepared.shards());
    assertThat(store.countCandidates("labels")).isEqualTo(8);
  }

  @Test
  void candidatesFromFilesArriveUnlabelledFromAPathRelativeToTheCampaignFile() throws Exception {
    Path folder = rocksaltSiCFolder();
    CampaignSpec spec =
        siliconCarbide("files")
            .clearPrototypes()
            .setCandidatesSource("file")
            .setCandidatesFile("candidates")
            .setSpecPath(dir.resolve("campaign.yaml").toString())
            .build();
    PreparedCampaign prepared = new CandidatePreparation(store).prepare(spec, s -> {});
    assertThat(prepared.candidates()).isEqualTo(1);
    assertThat(store.candidatesInShard("files", 0))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reducedFormula()).isEqualTo("SiC");
              assertThat(r.protostructure()).isNull();
            });
  }

  @Test
  void aCampaignWithoutAnElementalPhaseOfEachElementIsRefused() {
    CampaignSpec spec =
        siliconCarbide("no-si").clearKnownPhases().addKnownPhases("diamond:C").build();
    assertThatThrownBy(() -> new CandidatePreparation(store).prepare(spec, s -> {}))
        .isInstanceOf(InvalidCampaignSpecException.class)
        .hasMessageStartingWith("campaign no-si: known_phases needs an elemental phase of [Si]");
    assertThatThrownBy(
            () ->
                new CandidatePreparation(store)
                    .prepare(siliconCarbide("ge").addKnownPhases("diamond:Ge").build(), s -> {}))
        .isInstanceOf(InvalidCampaignSpecException.class)
        .hasMessageContaining("known phase diamond:Ge has elements outside [C, Si]");
    assertThat(store.countCandidates("no-si")).isZero();
  }
}
