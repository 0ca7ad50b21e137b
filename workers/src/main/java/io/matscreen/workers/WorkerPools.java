package io.matscreen.workers;

import io.matscreen.activities.ScreeningActivitiesImpl;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.dftjobs.DftActivitiesImpl;
import io.matscreen.activities.inference.InferenceActivitiesImpl;
import io.matscreen.store.CampaignStores;
import io.matscreen.workflows.campaign.CampaignWorkflowImpl;
import io.matscreen.workflows.dft.DftBatchWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Registers the workflows and activities of each requested pool on a worker factory. */
public final class WorkerPools {
  private WorkerPools() {}

  /**
   * Creates (not starts) the workers of the given pools. {@code dftWorkRoot} is where local DFT
   * jobs keep their directories; the activities reach campaign stores through {@code stores}, the
   * process's one pool per store URL, which the caller closes after the workers stop.
   */
  public static WorkerFactory create(
      WorkflowClient client, List<String> pools, Path dftWorkRoot, CampaignStores stores) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    List<String> unknown = new ArrayList<>(pools);
    unknown.removeAll(TaskQueues.POOLS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown pool(s) " + unknown + ": choose among " + String.join(",", TaskQueues.POOLS));
    }
    for (String pool : pools) {
      switch (pool) {
        case "workflows" -> {
          Worker w = factory.newWorker(TaskQueues.WORKFLOWS);
          w.registerWorkflowImplementationTypes(
              CampaignWorkflowImpl.class, DftBatchWorkflowImpl.class);
        }
        case "cpu" -> {
          Worker w = factory.newWorker(TaskQueues.CPU, options(2));
          w.registerActivitiesImplementations(new ScreeningActivitiesImpl(stores));
        }
        case "gpu" -> {
          // One inference at a time per process: the model is loaded once and is batched.
          Worker w = factory.newWorker(TaskQueues.GPU, options(1));
          w.registerActivitiesImplementations(new InferenceActivitiesImpl(stores));
        }
        case "dft" -> {
          Worker w = factory.newWorker(TaskQueues.DFT, options(4));
          w.registerActivitiesImplementations(new DftActivitiesImpl(dftWorkRoot, stores));
        }
        default -> throw new IllegalStateException(pool);
      }
    }
    return factory;
  }

  private static WorkerOptions options(int concurrentActivities) {
    return WorkerOptions.newBuilder()
        .setMaxConcurrentActivityExecutionSize(concurrentActivities)
        .build();
  }
}
