package io.matscreen.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.store.CampaignStatus;
import io.matscreen.store.StoreRows.ShardRow;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CPU-pool activities as Temporal runs them: the services' answers are packed into the proto
 * messages the workflow reads, and their typed exceptions become the failure types its retry policy
 * knows. (The services' own work is tested in their packages.)
 */
class ScreeningActivitiesImplTest extends SqliteStoreTest {
  private TestActivityEnvironment env;
  private ScreeningActivities screening;

  @BeforeEach
  void start() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new ScreeningActivitiesImpl(stores));
    screening =
        env.newActivityStub(
            ScreeningActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private CampaignSpec.Builder spec(String name) {
    return carbonSilicon(
            name, List.of("zincblende", "rocksalt"), List.of("diamond:C", "diamond:Si"))
        .setShardSize(3);
  }

  @Test
  void preparedShardsArePackedAsTheStoreHasThem() {
    ShardList shards = screening.prepareCampaign(spec("pack").build());
    assertThat(shards.getReferences()).isEqualTo(2);
    assertThat(shards.getCandidates()).isEqualTo(4);
    List<ShardRow> stored = store.shards("pack");
    assertThat(shards.getShardsList())
        .extracting(s -> s.getShard(), s -> s.getRows(), s -> s.getContentHash())
        .containsExactlyElementsOf(
            stored.stream()
                .map(s -> org.assertj.core.groups.Tuple.tuple(s.shard(), s.rows(), s.contentHash()))
                .toList());
    assertThat(shards.getShards(0).getCampaign()).isEqualTo("pack");

    ShardResult featurised =
        screening.featurise(
            ShardTask.newBuilder().setSpec(spec("pack")).setShard(shards.getShards(1)).build());
    assertThat(featurised.getShard()).isEqualTo(shards.getShards(1));
    assertThat(featurised.getProcessed()).isEqualTo(1);
    assertThat(featurised.getFailed()).isZero();

    screening.recordProgress(
        CampaignProgress.newBuilder()
            .setStore(url)
            .setCampaign("pack")
            .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_DONE)
            .build());
    assertThat(store.campaign("pack").orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
  }

  @Test
  void anInvalidSpecIsANonRetryableInvalidSpecFailure() {
    CampaignSpec noSilicon = spec("no-si").clearKnownPhases().addKnownPhases("diamond:C").build();
    ApplicationFailure cause = applicationFailure(() -> screening.prepareCampaign(noSilicon));
    assertThat(cause.getType()).isEqualTo(FailureTypes.INVALID_SPEC);
    assertThat(cause.isNonRetryable()).isTrue();
    assertThat(cause.getOriginalMessage())
        .isEqualTo(
            "campaign no-si: known_phases: needs an elemental phase of each of [Si] (e.g."
                + " diamond:Si); DFT references of every element are required for the final hull");
  }

  @Test
  void unpredictedReferencesAreARetryableFailure() {
    CampaignSpec spec = spec("early").build();
    ShardList shards = screening.prepareCampaign(spec);
    ApplicationFailure cause =
        applicationFailure(
            () ->
                screening.placeOnHull(
                    ShardTask.newBuilder().setSpec(spec).setShard(shards.getShards(0)).build()));
    assertThat(cause.getType()).isEqualTo("ReferencesNotPredicted");
    assertThat(cause.isNonRetryable()).isFalse();
    assertThat(cause.getOriginalMessage()).contains("known:diamond:C has no predicted energy yet");
  }

  private static ApplicationFailure applicationFailure(Runnable activity) {
    Throwable failure = catchThrowable(activity::run);
    assertThat(failure).isInstanceOf(ActivityFailure.class);
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  @Test
  void aSpecProblemFailsThePreparationOnceWithATypedNonRetryableFailure() {
    CampaignSpec spec =
        carbonSilicon(
                "bad-phase",
                List.of("zincblende"),
                List.of("diamond:C", "diamond:Si", "fluorite:Xx2O"))
            .build();
    assertThatThrownBy(() -> screening.prepareCampaign(spec))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(FailureTypes.INVALID_SPEC);
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .startsWith("campaign bad-phase: known_phases[2]: 'fluorite:Xx2O'")
                  .contains("'Xx' is not an element symbol");
            });
    assertThat(store.countCandidates("bad-phase")).isZero();
  }

  @Test
  void recordingStageFailedKeepsTheReasonInTheStore() {
    store.upsertCampaign("rec", "C-Si", "name: rec", "campaign-rec");
    ScreeningActivitiesImpl impl = new ScreeningActivitiesImpl(stores);
    impl.recordProgress(
        CampaignProgress.newBuilder()
            .setCampaign("rec")
            .setStore(url)
            .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_FAILED)
            .setFailureReason("campaign rec: candidates.file: 'x.csv' does not exist")
            .build());
    assertThat(store.campaign("rec").get().stage()).isEqualTo("failed");
    assertThat(store.campaign("rec").get().status()).isEqualTo(CampaignStatus.FAILED);
    assertThat(store.campaign("rec").get().failureReason())
        .isEqualTo("campaign rec: candidates.file: 'x.csv' does not exist");

    impl.recordProgress(
        CampaignProgress.newBuilder()
            .setCampaign("rec")
            .setStore(url)
            .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_SCREEN)
            .build());
    assertThat(store.campaign("rec").get().status()).isEqualTo(CampaignStatus.RUNNING);
    assertThat(store.campaign("rec").get().failureReason()).isNull();
  }
}
