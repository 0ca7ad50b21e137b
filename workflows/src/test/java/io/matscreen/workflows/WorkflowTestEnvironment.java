package io.matscreen.workflows;

import io.matscreen.activities.api.DftActivities;
import io.matscreen.activities.api.InferenceActivities;
import io.matscreen.activities.api.Payloads;
import io.matscreen.activities.api.ScreeningActivities;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.workflows.campaign.CampaignSearchAttributes;
import io.matscreen.workflows.campaign.CampaignWorkflowImpl;
import io.matscreen.workflows.dft.DftBatchWorkflowImpl;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;

/** Temporal's in-memory test environment (time skipping) with every matscreen task queue. */
public final class WorkflowTestEnvironment {
  private WorkflowTestEnvironment() {}

  /** A started environment with the workflows registered and the given activity doubles. */
  public static TestWorkflowEnvironment start(
      ScreeningActivities screening, InferenceActivities inference, DftActivities dft) {
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(Payloads.dataConverter())
                    .build());
    CampaignSearchAttributes.DEFINITIONS.forEach(options::registerSearchAttribute);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(options.build());
    env.newWorker(TaskQueues.WORKFLOWS)
        .registerWorkflowImplementationTypes(
            CampaignWorkflowImpl.class, DftBatchWorkflowImpl.class);
    env.newWorker(TaskQueues.CPU).registerActivitiesImplementations(screening);
    env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(inference);
    env.newWorker(TaskQueues.DFT).registerActivitiesImplementations(dft);
    env.start();
    return env;
  }
}
