package io.matscreen.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.FailureTypes;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftExecutorKind;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardRef;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.workflows.WorkflowTestEnvironment;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** CampaignWorkflow's own logic over mocked activities, in the time-skipping test environment. */
class CampaignWorkflowTest {
  private final ScreeningActivities screening =
      mock(ScreeningActivities.class, withSettings().withoutAnnotations());
  private final InferenceActivities inference =
      mock(InferenceActivities.class, withSettings().withoutAnnotations());
  private final DftActivities dft = mock(DftActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  static CampaignSpec spec(int budget) {
    return CampaignSpec.newBuilder()
        .setName("t1")
        .addAllElements(List.of("C", "Ge", "Si"))
        .setMaxParallelShards(2)
        .setDft(
            DftSettings.newBuilder()
                .setBudget(budget)
                .setExecutorKind(DftExecutorKind.DFT_EXECUTOR_KIND_LOCAL))
        .build();
  }

  private void stubScreening(int shards, int rowsPerShard, int passedPerShard) {
    ShardList.Builder list = ShardList.newBuilder().setCandidates((long) shards * rowsPerShard);
    for (int i = 0; i < shards; i++) {
      list.addShards(ShardRef.newBuilder().setCampaign("t1").setShard(i).setRows(rowsPerShard));
    }
    when(screening.prepareCampaign(any())).thenReturn(list.setReferences(4).build());
    when(screening.featurise(any())).thenAnswer(a -> result(a.getArgument(0), rowsPerShard, 0));
    when(inference.predict(any())).thenAnswer(a -> result(a.getArgument(0), rowsPerShard, 0));
    when(inference.predictReferences(any()))
        .thenReturn(ShardResult.newBuilder().setProcessed(4).build());
    when(screening.placeOnHull(any()))
        .thenAnswer(a -> result(a.getArgument(0), rowsPerShard, passedPerShard));
  }

  private static ShardResult result(ShardTask task, int processed, int passed) {
    return ShardResult.newBuilder()
        .setShard(task.getShard())
        .setProcessed(processed)
        .setPassedTriage(passed)
        .build();
  }

  /** A campaign workflow stub in a fresh test environment with the mocked activities. */
  private CampaignWorkflow startedWorkflow() {
    env = WorkflowTestEnvironment.start(screening, inference, dft);
    return newWorkflow(env.getWorkflowClient());
  }

  /** The result of campaign t1's workflow, once it ends. */
  private CampaignProgress campaignResult() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WorkflowIds.campaign("t1"))
        .getResult(CampaignProgress.class);
  }

  /** Runs the campaign and returns the CAMPAIGN_FAILED failure it must end with. */
  private static ApplicationFailure campaignFailure(CampaignWorkflow wf) {
    Throwable thrown = catchThrowable(() -> wf.run(spec(3), CampaignState.getDefaultInstance()));
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure f = (ApplicationFailure) thrown.getCause();
    assertThat(f.getType()).isEqualTo(FailureTypes.CAMPAIGN_FAILED);
    return f;
  }

  private CampaignWorkflow newWorkflow(WorkflowClient client) {
    return client.newWorkflowStub(
        CampaignWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WorkflowIds.campaign("t1"))
            .setTaskQueue(TaskQueues.WORKFLOWS)
            .build());
  }

  @Test
  void runsEveryStageAndCountsTheFunnel() {
    stubScreening(3, 10, 2);
    when(screening.selectForDft(any()))
        .thenReturn(
            DftSelection.newBuilder()
                .setReferenceJobs(4)
                .setCandidateJobs(5)
                .addBatches(0)
                .addBatches(1)
                .build());
    AtomicInteger polls = new AtomicInteger();
    when(dft.advanceBatch(any(), anyInt()))
        .thenAnswer(
            a -> {
              DftBatchRef ref = a.getArgument(0);
              // Every batch reports one poll with a running job before it is done.
              boolean running = polls.incrementAndGet() <= 2;
              return DftBatchProgress.newBuilder()
                  .setCampaign(ref.getCampaign())
                  .setBatch(ref.getBatch())
                  .setActive(running ? 1 : 0)
                  .setFinished(ref.getBatch() == 0 ? 4 : running ? 0 : 4)
                  .setFailed(ref.getBatch() == 0 || running ? 0 : 1)
                  .build();
            });
    when(screening.finalHull(any()))
        .thenReturn(
            FinalHullResult.newBuilder()
                .setFinished(4)
                .setBelowHull(1)
                .addStableFormulas("SiC")
                .build());

    CampaignWorkflow wf = startedWorkflow();
    CampaignProgress p = wf.run(spec(5), CampaignState.getDefaultInstance());

    assertThat(p.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_DONE);
    assertThat(p.getCandidates()).isEqualTo(30);
    assertThat(p.getScreened()).isEqualTo(30);
    assertThat(p.getPassedTriage()).isEqualTo(6);
    assertThat(p.getDftSubmitted()).isEqualTo(5);
    assertThat(p.getDftFinished()).isEqualTo(4);
    assertThat(p.getDftFailed()).isEqualTo(1);
    assertThat(p.getBelowHull()).isEqualTo(1);
    assertThat(p.getDetail()).contains("SiC");
    verify(screening, times(3)).placeOnHull(any());
    ArgumentCaptor<CampaignSpec> selected = ArgumentCaptor.forClass(CampaignSpec.class);
    verify(screening).selectForDft(selected.capture());
    assertThat(selected.getValue().getDft().getBudget()).isEqualTo(5);

    var description =
        env.getWorkflowClient().newUntypedWorkflowStub(WorkflowIds.campaign("t1")).describe();
    assertThat(description.getTypedSearchAttributes().get(CampaignSearchAttributes.STAGE))
        .isEqualTo("done");
    assertThat(description.getTypedSearchAttributes().get(CampaignSearchAttributes.SCREENED))
        .isEqualTo(30L);
    assertThat(description.getTypedSearchAttributes().get(CampaignSearchAttributes.STABLE_FOUND))
        .isEqualTo(1L);
    assertThat(description.getTypedSearchAttributes().get(CampaignSearchAttributes.CHEMSYS))
        .containsExactly("C", "Ge", "Si");
  }

  @Test
  void continuesAsNewAfterManyShardsAndKeepsItsCounts() {
    int shards = CampaignWorkflowImpl.SHARDS_PER_RUN + 20;
    stubScreening(shards, 1, 0);
    when(screening.selectForDft(any())).thenReturn(DftSelection.getDefaultInstance());
    when(screening.finalHull(any())).thenReturn(FinalHullResult.getDefaultInstance());

    CampaignWorkflow wf = startedWorkflow();
    WorkflowExecution first =
        WorkflowClient.start(wf::run, spec(0), CampaignState.getDefaultInstance());
    WorkflowStub stub = env.getWorkflowClient().newUntypedWorkflowStub(first.getWorkflowId());
    CampaignProgress p = stub.getResult(CampaignProgress.class);

    assertThat(p.getScreened()).isEqualTo(shards);
    assertThat(p.getShardsDone()).isEqualTo(shards);
    assertThat(stub.describe().getExecution().getRunId()).isNotEqualTo(first.getRunId());
    verify(screening, times(shards)).placeOnHull(any());
    verify(screening, times(1)).prepareCampaign(any());
  }

  @Test
  void aFailedShardIsReportedAndTheCampaignGoesOn() {
    stubScreening(3, 10, 1);
    org.mockito.Mockito.doAnswer(
            a -> {
              ShardTask t = a.getArgument(0);
              if (t.getShard().getShard() == 1) {
                throw ApplicationFailure.newNonRetryableFailure(
                    "shard 1: structure file is corrupt", FailureTypes.INVALID_SPEC);
              }
              return result(t, 10, 0);
            })
        .when(screening)
        .featurise(any());
    when(screening.selectForDft(any())).thenReturn(DftSelection.getDefaultInstance());
    when(screening.finalHull(any())).thenReturn(FinalHullResult.getDefaultInstance());
    env = WorkflowTestEnvironment.start(screening, inference, dft);

    CampaignProgress p =
        newWorkflow(env.getWorkflowClient()).run(spec(0), CampaignState.getDefaultInstance());

    assertThat(p.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_DONE);
    assertThat(p.getScreened()).isEqualTo(20);
    assertThat(p.getPassedTriage()).isEqualTo(2);
    assertThat(p.getShardsDone()).isEqualTo(3);
    verify(screening, times(1))
        .featurise(org.mockito.ArgumentMatchers.argThat(t -> t.getShard().getShard() == 1));
    verify(screening, times(2)).placeOnHull(any());
  }

  @Test
  void pauseHoldsTheCampaignAndBudgetUpdatesAreValidated() {
    stubScreening(2, 5, 1);
    when(screening.selectForDft(any())).thenReturn(DftSelection.getDefaultInstance());
    when(screening.finalHull(any())).thenReturn(FinalHullResult.getDefaultInstance());
    CampaignWorkflow wf = startedWorkflow();
    WorkflowClient.start(wf::run, spec(3), CampaignState.getDefaultInstance());

    wf.pause();
    assertThatThrownBy(() -> wf.setBudget(-1)).isInstanceOf(WorkflowUpdateException.class);
    assertThat(wf.setBudget(7)).isEqualTo(3);
    env.sleep(java.time.Duration.ofHours(1));
    CampaignProgress paused = wf.progress();
    assertThat(paused.getPaused()).isTrue();
    assertThat(paused.getBudget()).isEqualTo(7);
    assertThat(paused.getCampaignStage()).isNotEqualTo(CampaignStage.CAMPAIGN_STAGE_DONE);

    wf.resume();
    CampaignProgress done = campaignResult();
    assertThat(done.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_DONE);
    ArgumentCaptor<CampaignSpec> selected = ArgumentCaptor.forClass(CampaignSpec.class);
    verify(screening, atLeastOnce()).selectForDft(selected.capture());
    assertThat(selected.getValue().getDft().getBudget()).isEqualTo(7);
  }

  @Test
  void cancelEndsTheCampaignBeforeDft() {
    stubScreening(2, 5, 1);
    CampaignWorkflow wf = startedWorkflow();
    WorkflowClient.start(wf::run, spec(3), CampaignState.getDefaultInstance());
    wf.pause();
    wf.cancel();
    CampaignProgress p = campaignResult();
    assertThat(p.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_CANCELLED);
    verify(screening, times(0)).selectForDft(any());
  }

  @Test
  void aFailedPreparationEndsTheCampaignAsFailedWithItsReason() {
    String reason = "campaign t1: known_phases[2]: 'fluorite:Xx2O': formula 'Xx2O': 'Xx' is not";
    when(screening.prepareCampaign(any()))
        .thenThrow(ApplicationFailure.newNonRetryableFailure(reason, FailureTypes.INVALID_SPEC));
    CampaignWorkflow wf = startedWorkflow();

    ApplicationFailure f = campaignFailure(wf);
    assertThat(f.isNonRetryable()).isTrue();
    assertThat(f.getOriginalMessage()).isEqualTo("campaign t1 failed in preparation: " + reason);

    ArgumentCaptor<CampaignProgress> recorded = ArgumentCaptor.forClass(CampaignProgress.class);
    verify(screening, atLeastOnce()).recordProgress(recorded.capture());
    CampaignProgress last = recorded.getValue();
    assertThat(last.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_FAILED);
    assertThat(last.getFailureReason()).isEqualTo(reason);
    assertThat(last.getCampaign()).isEqualTo("t1");
    assertThat(recorded.getAllValues())
        .extracting(CampaignProgress::getCampaignStage)
        .containsExactly(
            CampaignStage.CAMPAIGN_STAGE_CANDIDATES, CampaignStage.CAMPAIGN_STAGE_FAILED);
    // Non-retryable: one attempt; nothing after the preparation ran.
    verify(screening, times(1)).prepareCampaign(any());
    verify(inference, times(0)).predictReferences(any());
    // A query after the end still answers with the failure.
    CampaignProgress queried = wf.progress();
    assertThat(queried.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_FAILED);
    assertThat(queried.getFailureReason()).isEqualTo(reason);
  }

  @Test
  void aFailedPreparationStillFailsTheWorkflowWhenItsFailureCannotBeRecorded() {
    when(screening.prepareCampaign(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "campaign t1: store: 'mysql://x' must be jdbc:sqlite:PATH",
                FailureTypes.INVALID_SPEC));
    org.mockito.Mockito.doAnswer(
            a -> {
              CampaignProgress p = a.getArgument(0);
              if (p.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_FAILED) {
                throw new IllegalStateException("store unreachable");
              }
              return null;
            })
        .when(screening)
        .recordProgress(any());
    CampaignWorkflow wf = startedWorkflow();

    assertThat(campaignFailure(wf).getOriginalMessage())
        .isEqualTo(
            "campaign t1 failed in preparation: campaign t1: store: 'mysql://x' must be"
                + " jdbc:sqlite:PATH");
    // The record was tried with the activity's retries (5 attempts), then given up.
    verify(screening, times(5))
        .recordProgress(
            org.mockito.ArgumentMatchers.argThat(
                p -> p.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_FAILED));
  }
}
