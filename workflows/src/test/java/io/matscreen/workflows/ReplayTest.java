package io.matscreen.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftSelection;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.proto.v1.ShardList;
import io.matscreen.proto.v1.ShardRef;
import io.matscreen.proto.v1.ShardResult;
import io.matscreen.proto.v1.ShardTask;
import io.matscreen.workflows.campaign.CampaignWorkflow;
import io.matscreen.workflows.campaign.CampaignWorkflowImpl;
import io.matscreen.workflows.dft.DftBatchWorkflowImpl;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded workflow histories against the current workflow code, so a change that breaks
 * determinism for running campaigns fails here. The committed histories were recorded by {@link
 * #recordsAndReplaysAFreshHistory} with -Dmatscreen.recordHistories=workflows/src/test/resources.
 */
class ReplayTest {
  static final String[] COMMITTED = {
    "histories/campaign-demo-shape.json", "histories/dft-batch-demo-shape.json"
  };

  @Test
  void committedHistoriesReplayOnTheCurrentCode() throws Exception {
    int replayed = 0;
    for (String name : COMMITTED) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
        assertThat(in).as("committed history %s", name).isNotNull();
        String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
        WorkflowReplayer.replayWorkflowExecution(
            history, CampaignWorkflowImpl.class, DftBatchWorkflowImpl.class);
        replayed++;
      }
    }
    assertThat(replayed).isEqualTo(COMMITTED.length);
  }

  @Test
  void recordsAndReplaysAFreshHistory() throws Exception {
    ScreeningActivities screening =
        mock(ScreeningActivities.class, withSettings().withoutAnnotations());
    InferenceActivities inference =
        mock(InferenceActivities.class, withSettings().withoutAnnotations());
    DftActivities dft = mock(DftActivities.class, withSettings().withoutAnnotations());
    ShardList.Builder shards = ShardList.newBuilder().setCandidates(40).setReferences(4);
    for (int i = 0; i < 3; i++) {
      shards.addShards(ShardRef.newBuilder().setCampaign("demo").setShard(i).setRows(16));
    }
    when(screening.prepareCampaign(any())).thenReturn(shards.build());
    when(inference.predictReferences(any()))
        .thenReturn(ShardResult.newBuilder().setProcessed(4).build());
    when(screening.featurise(any())).thenAnswer(a -> shardResult(a.getArgument(0), 0));
    when(inference.predict(any())).thenAnswer(a -> shardResult(a.getArgument(0), 0));
    when(screening.placeOnHull(any())).thenAnswer(a -> shardResult(a.getArgument(0), 3));
    when(screening.selectForDft(any()))
        .thenReturn(
            DftSelection.newBuilder()
                .setReferenceJobs(4)
                .setCandidateJobs(4)
                .addAllBatches(List.of(0, 1))
                .build());
    when(dft.advanceBatch(any(), anyInt()))
        .thenAnswer(
            a ->
                DftBatchProgress.newBuilder()
                    .setBatch(((io.matscreen.proto.v1.DftBatchRef) a.getArgument(0)).getBatch())
                    .setFinished(4)
                    .build());
    when(screening.finalHull(any()))
        .thenReturn(FinalHullResult.newBuilder().setFinished(4).setBelowHull(1).build());
    TestWorkflowEnvironment env = WorkflowTestEnvironment.start(screening, inference, dft);
    try {
      CampaignWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  CampaignWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(WorkflowIds.campaign("demo"))
                      .setTaskQueue(TaskQueues.WORKFLOWS)
                      .build());
      CampaignSpec spec =
          CampaignSpec.newBuilder()
              .setName("demo")
              .addAllElements(List.of("C", "Ge", "Si"))
              .setMaxParallelShards(2)
              .setDft(DftSettings.newBuilder().setBudget(4))
              .build();
      CampaignProgress p = wf.run(spec, CampaignState.getDefaultInstance());
      assertThat(p.getCampaignStage()).isEqualTo(CampaignStage.CAMPAIGN_STAGE_DONE);

      WorkflowExecutionHistory campaign =
          env.getWorkflowClient().fetchHistory(WorkflowIds.campaign("demo"));
      WorkflowExecutionHistory batch =
          env.getWorkflowClient().fetchHistory(WorkflowIds.dftBatch("demo", 1));
      WorkflowReplayer.replayWorkflowExecution(campaign, CampaignWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecution(batch, DftBatchWorkflowImpl.class);
      assertThat(campaign.getEvents().size()).isGreaterThan(20);

      String out = System.getProperty("matscreen.recordHistories");
      if (out != null) {
        write(Path.of(out).resolve(COMMITTED[0]), campaign.toJson(true));
        write(Path.of(out).resolve(COMMITTED[1]), batch.toJson(true));
      }
    } finally {
      env.close();
    }
  }

  private static void write(Path file, String json) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private static ShardResult shardResult(ShardTask task, int passed) {
    return ShardResult.newBuilder()
        .setShard(task.getShard())
        .setProcessed(task.getShard().getRows())
        .setPassedTriage(passed)
        .build();
  }
}
