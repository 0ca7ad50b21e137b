package io.matscreen.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.sources.PrototypeLibrary;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.structure.Structure;
import io.matscreen.structure.io.PoscarWriter;
import io.matscreen.symmetry.WyckoffRepresentation;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The candidate and featurise steps on a real store: substituted candidates arrive with the Wyckoff
 * labels spglib gives their structures, and candidates from files are labelled by the featurise
 * step.
 */
class ScreeningActivitiesImplTest {
  @TempDir Path dir;
  private TestActivityEnvironment env;
  private ScreeningActivities screening;
  private CampaignStores stores;
  private CampaignStore store;
  private String url;

  @BeforeEach
  void start() {
    url = "jdbc:sqlite:" + dir.resolve("store.db");
    stores = new CampaignStores();
    store = stores.forUrl(url);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new ScreeningActivitiesImpl(stores));
    screening =
        env.newActivityStub(
            ScreeningActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build());
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    if (stores != null) {
      stores.close();
    }
  }

  private List<CandidateRow> candidates(String campaign, ShardList shards) {
    List<CandidateRow> rows = new ArrayList<>();
    for (int i = 0; i < shards.getShardsCount(); i++) {
      rows.addAll(store.candidatesInShard(campaign, shards.getShards(i).getShard()));
    }
    return rows;
  }

  @Test
  void substitutedCandidatesArriveWithTheLabelsSpglibFinds() {
    CampaignSpec spec =
        CampaignSpec.newBuilder()
            .setName("labels")
            .setStore(url)
            .addAllElements(List.of("C", "Si"))
            .setCandidatesSource("substitution")
            .addAllPrototypes(List.of("zincblende", "wurtzite", "rocksalt", "fluorite"))
            .addAllKnownPhases(List.of("diamond:C", "diamond:Si"))
            .setShardSize(3)
            .build();
    ShardList shards = screening.prepareCampaign(spec);
    List<CandidateRow> rows = candidates("labels", shards);
    assertThat(rows).hasSize(8);
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

    ShardResult featurised =
        screening.featurise(
            ShardTask.newBuilder().setSpec(spec).setShard(shards.getShards(0)).build());
    assertThat(featurised.getProcessed()).isEqualTo(3);
    assertThat(featurised.getFailed()).isZero();
  }

  @Test
  void candidatesFromFilesAreLabelledByTheFeaturiseStep() throws Exception {
    Path folder = dir.resolve("candidates");
    java.nio.file.Files.createDirectories(folder);
    Structure rocksalt = PrototypeLibrary.get("rocksalt").build(Map.of("A", "Si", "B", "C"));
    PoscarWriter.write(rocksalt, "rocksalt SiC", folder.resolve("SiC.vasp"));
    CampaignSpec spec =
        CampaignSpec.newBuilder()
            .setName("files")
            .setStore(url)
            .addAllElements(List.of("C", "Si"))
            .setCandidatesSource("file")
            .setCandidatesFile(folder.toString())
            .addAllKnownPhases(List.of("diamond:C", "diamond:Si"))
            .build();
    ShardList shards = screening.prepareCampaign(spec);
    assertThat(candidates("files", shards))
        .extracting(CandidateRow::protostructure)
        .containsOnlyNulls();

    ShardResult featurised =
        screening.featurise(
            ShardTask.newBuilder().setSpec(spec).setShard(shards.getShards(0)).build());
    assertThat(featurised.getProcessed()).isEqualTo(1);
    assertThat(candidates("files", shards))
        .extracting(CandidateRow::protostructure)
        .containsExactly("AB_cF8_225_a_b:C-Si");
  }
}
