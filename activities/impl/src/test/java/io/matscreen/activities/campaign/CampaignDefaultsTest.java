package io.matscreen.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.SigmaKind;
import org.junit.jupiter.api.Test;

/**
 * The defaults have one home: a campaign file that leaves the keys out gets exactly them from the
 * reader, and a spec built in code with the fields unset gets the same values in the activities.
 */
class CampaignDefaultsTest {
  private static final CampaignSpec OMITTED =
      CampaignSpecReader.parse(
          "name: x\nelements: [Si]\ncandidates: {prototypes: [diamond]}\n", "x.yaml");

  @Test
  void theReaderFillsOmittedKeysWithTheDefaults() {
    assertThat(OMITTED.getCandidatesSource()).isEqualTo(CampaignDefaults.CANDIDATES_SOURCE);
    assertThat(OMITTED.getModel()).isEqualTo(CampaignDefaults.MODEL);
    assertThat(OMITTED.getShardSize()).isEqualTo(CampaignDefaults.SHARD_SIZE).isEqualTo(2000);
    assertThat(OMITTED.getMaxParallelShards()).isEqualTo(CampaignDefaults.MAX_PARALLEL_SHARDS);
    assertThat(OMITTED.getTriageK()).isEqualTo(CampaignDefaults.TRIAGE_K).isEqualTo(1.0);
    assertThat(OMITTED.getTriageThreshold()).isEqualTo(CampaignDefaults.TRIAGE_THRESHOLD_EV);
    assertThat(OMITTED.getTriageSigmaKind()).isEqualTo(CampaignDefaults.TRIAGE_SIGMA);
    assertThat(OMITTED.getDft().getInputSetKind()).isEqualTo(CampaignDefaults.DFT_INPUT_SET);
    assertThat(OMITTED.getDft().getExecutorKind()).isEqualTo(CampaignDefaults.DFT_EXECUTOR);
    assertThat(OMITTED.getDft().getBudget()).isEqualTo(CampaignDefaults.DFT_BUDGET);
    assertThat(OMITTED.getDft().getMaxParallel()).isEqualTo(CampaignDefaults.DFT_MAX_PARALLEL);
    assertThat(OMITTED.getDft().getBatchSize()).isEqualTo(CampaignDefaults.DFT_BATCH_SIZE);
    assertThat(OMITTED.getStore()).isEqualTo(CampaignDefaults.STORE);
  }

  @Test
  void theActivitiesApplyTheSameValuesToUnsetFields() {
    CampaignSpec unset = CampaignSpec.getDefaultInstance();
    assertThat(CampaignDefaults.shardSize(unset)).isEqualTo(OMITTED.getShardSize());
    assertThat(CampaignDefaults.dftBatchSize(unset)).isEqualTo(OMITTED.getDft().getBatchSize());
    assertThat(CampaignDefaults.triageSigma(unset)).isEqualTo(OMITTED.getTriageSigmaKind());
    assertThat(CampaignDefaults.model(unset)).isEqualTo(OMITTED.getModel());
    // What a spec says wins.
    CampaignSpec said =
        CampaignSpec.newBuilder()
            .setShardSize(7)
            .setTriageSigmaKind(SigmaKind.SIGMA_KIND_EPISTEMIC)
            .build();
    assertThat(CampaignDefaults.shardSize(said)).isEqualTo(7);
    assertThat(CampaignDefaults.triageSigma(said)).isEqualTo(SigmaKind.SIGMA_KIND_EPISTEMIC);
  }
}
