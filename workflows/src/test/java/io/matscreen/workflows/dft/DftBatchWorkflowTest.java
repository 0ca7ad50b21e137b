package io.matscreen.workflows.dft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.matscreen.proto.v1.FinalHullResult;
import io.matscreen.workflows.WorkflowTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DftBatchWorkflow over mocked DFT activities: watching, parking failures, resuming. */
class DftBatchWorkflowTest {
  private final ScreeningActivities screening =
      mock(ScreeningActivities.class, withSettings().withoutAnnotations());
  private final DftActivities dft = mock(DftActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  private static DftBatchProgress counts(int pending, int active, int finished, int failed) {
    return DftBatchProgress.newBuilder()
        .setCampaign("c")
        .setBatch(1)
        .setPending(pending)
        .setActive(active)
        .setFinished(finished)
        .setFailed(failed)
        .build();
  }

  private DftBatchWorkflow newWorkflow() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            DftBatchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.dftBatch("c", 1))
                .setTaskQueue(TaskQueues.WORKFLOWS)
                .build());
  }

  private static DftBatchRef ref() {
    return DftBatchRef.newBuilder()
        .setCampaign("c")
        .setBatch(1)
        .setSpec(CampaignSpec.newBuilder().setName("c"))
        .build();
  }

  @Test
  void watchesUntilEveryJobIsFinishedOrParkedFailed() {
    AtomicInteger calls = new AtomicInteger();
    when(dft.advanceBatch(any(), anyInt()))
        .thenAnswer(
            a ->
                switch (calls.incrementAndGet()) {
                  case 1 -> counts(1, 2, 0, 0);
                  case 2 -> counts(0, 2, 1, 0);
                  case 3 -> counts(0, 1, 1, 1);
                  default -> counts(0, 0, 2, 1);
                });
    env =
        WorkflowTestEnvironment.start(
            screening, mock(InferenceActivities.class, withSettings().withoutAnnotations()), dft);

    DftBatchProgress p = newWorkflow().run(ref());

    assertThat(p.getFinished()).isEqualTo(2);
    assertThat(p.getFailed()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(4);
    verify(dft, times(4))
        .advanceBatch(any(), org.mockito.ArgumentMatchers.eq(DftBatchWorkflowImpl.WAIT_SECONDS));
    verify(screening, never()).finalHull(any());
  }

  @Test
  void resumeFailedUpdateRedispatchesWhileRunningAndValidatesTheRequest() {
    AtomicInteger resumed = new AtomicInteger();
    when(dft.advanceBatch(any(), anyInt()))
        .thenAnswer(a -> resumed.get() == 0 ? counts(0, 1, 0, 1) : counts(0, 0, 2, 0));
    when(dft.resumeJobs(any()))
        .thenAnswer(
            a -> {
              resumed.incrementAndGet();
              return counts(1, 1, 0, 0);
            });
    env =
        WorkflowTestEnvironment.start(
            screening, mock(InferenceActivities.class, withSettings().withoutAnnotations()), dft);
    DftBatchWorkflow wf = newWorkflow();
    WorkflowClient.start(wf::run, ref());
    env.sleep(Duration.ofMinutes(5));

    assertThatThrownBy(
            () ->
                wf.resumeFailed(DftResumeRequest.newBuilder().setCampaign("c").setBatch(1).build()))
        .isInstanceOf(WorkflowUpdateException.class);
    DftBatchProgress afterResume =
        wf.resumeFailed(
            DftResumeRequest.newBuilder().setCampaign("c").setBatch(1).setFailed(true).build());
    assertThat(afterResume.getPending()).isEqualTo(1);

    DftBatchProgress done =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WorkflowIds.dftBatch("c", 1))
            .getResult(DftBatchProgress.class);
    assertThat(done.getFinished()).isEqualTo(2);
    assertThat(done.getFailed()).isZero();
    verify(dft, times(1)).resumeJobs(any());
  }

  @Test
  void aResumedBatchRedoesTheFinalHull() {
    when(dft.resumeJobs(any())).thenReturn(counts(1, 0, 1, 0));
    when(dft.advanceBatch(any(), anyInt())).thenReturn(counts(0, 0, 2, 0));
    when(screening.finalHull(any()))
        .thenReturn(FinalHullResult.newBuilder().setBelowHull(1).build());
    env =
        WorkflowTestEnvironment.start(
            screening, mock(InferenceActivities.class, withSettings().withoutAnnotations()), dft);

    DftBatchProgress p =
        newWorkflow()
            .run(
                ref().toBuilder()
                    .setResume(
                        DftResumeRequest.newBuilder().setCampaign("c").setBatch(1).setFailed(true))
                    .build());

    assertThat(p.getFinished()).isEqualTo(2);
    verify(dft, times(1)).resumeJobs(any());
    verify(screening, times(1)).finalHull(any());
  }
}
