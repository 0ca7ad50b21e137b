package io.matscreen.cli;

import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftBatchProgress;
import io.matscreen.proto.v1.DftBatchRef;
import io.matscreen.proto.v1.DftResumeRequest;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoredDftState;
import io.matscreen.workflows.dft.DftBatchWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code matscreen dft status|resume}: DFT batches of a campaign. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dft",
    description = "Inspect and resume a campaign's DFT batches.",
    subcommands = {DftCommand.Status.class, DftCommand.Resume.class})
public final class DftCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Per batch: pending, running, finished and failed jobs, with the reasons of failures. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "status",
      description = "DFT jobs of a campaign by batch and state.")
  static final class Status extends StoredCampaignCommand {
    @Override
    int run() {
      store.spec(campaign);
      List<DftJobRow> jobs = store.store().dftJobs(campaign);
      if (jobs.isEmpty()) {
        System.out.println("campaign " + campaign + " has no DFT jobs yet");
        return ExitCodes.OK;
      }
      Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
      for (DftJobRow j : jobs) {
        counts
            .computeIfAbsent(j.batch(), b -> new TreeMap<>())
            .merge(j.state().name(), 1, Integer::sum);
      }
      System.out.println("batch  role        jobs  states");
      for (Map.Entry<Integer, Map<String, Integer>> e : counts.entrySet()) {
        int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
            "%5d  %-10s %5d  %s%n",
            e.getKey(),
            e.getKey() == WorkflowIds.REFERENCE_BATCH ? "references" : "candidates",
            total,
            e.getValue());
      }
      for (DftJobRow j : jobs) {
        if (j.state() == StoredDftState.FAILED) {
          System.out.println(
              "FAILED  batch "
                  + j.batch()
                  + "  "
                  + j.jobKey()
                  + "  attempt "
                  + j.attempt()
                  + ": "
                  + j.reason());
        }
      }
      return ExitCodes.OK;
    }
  }

  /**
   * Re-dispatches failed or unfinished jobs; running batches get an update, closed ones a rerun.
   */
  @Command(
      mixinStandardHelpOptions = true,
      name = "resume",
      description = "Re-run failed (or unfinished) DFT jobs of a campaign.")
  static final class Resume extends StoredCampaignCommand {
    @Mixin ConnectionOptions connection;

    @Option(names = "--batch", description = "only this batch")
    Integer batch;

    @Option(names = "--failed", description = "re-run FAILED jobs (default when neither is given)")
    boolean failed;

    @Option(names = "--unfinished", description = "re-run jobs that never finished")
    boolean unfinished;

    @Option(
        names = "--set",
        description = "KEY=VALUE setting for the new attempts, e.g. walltime=2:00:00")
    Map<String, String> settings = new TreeMap<>();

    @Override
    int run() {
      CampaignSpec spec = store.spec(campaign);
      if (!failed && !unfinished) {
        failed = true;
      }
      TreeSet<Integer> batches = new TreeSet<>();
      for (DftJobRow j : store.store().dftJobs(campaign)) {
        if (batch == null || j.batch() == batch) {
          batches.add(j.batch());
        }
      }
      if (batches.isEmpty()) {
        System.err.println(
            "campaign " + campaign + " has no DFT batch " + (batch == null ? "" : batch));
        return ExitCodes.USAGE;
      }
      connection.useClient(client -> resumeBatches(client, spec, batches));
      System.out.println("follow with: matscreen dft status " + campaign);
      return ExitCodes.OK;
    }

    /** Resumes each batch: an update to a running workflow, a rerun of a closed one. */
    private void resumeBatches(WorkflowClient client, CampaignSpec spec, Set<Integer> batches) {
      for (int b : batches) {
        DftResumeRequest request =
            DftResumeRequest.newBuilder()
                .setCampaign(campaign)
                .setBatch(b)
                .setFailed(failed)
                .setUnfinished(unfinished)
                .putAllSettings(settings)
                .setStore(spec.getStore())
                .build();
        String id = WorkflowIds.dftBatch(campaign, b);
        if (isRunning(client, id)) {
          DftBatchProgress p =
              client.newWorkflowStub(DftBatchWorkflow.class, id).resumeFailed(request);
          System.out.println("batch " + b + ": resumed in running workflow " + id + " " + brief(p));
        } else {
          DftBatchWorkflow wf =
              client.newWorkflowStub(
                  DftBatchWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(id)
                      .setTaskQueue(TaskQueues.WORKFLOWS)
                      .setWorkflowIdReusePolicy(
                          WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                      .setStaticSummary("Resumed DFT batch " + b + " of campaign " + campaign)
                      .build());
          DftBatchRef ref =
              DftBatchRef.newBuilder()
                  .setCampaign(campaign)
                  .setBatch(b)
                  .setSpec(spec)
                  .setResume(request)
                  .build();
          WorkflowClient.start(wf::run, ref);
          System.out.println("batch " + b + ": started workflow " + id + " to re-run its jobs");
        }
      }
    }

    private static boolean isRunning(WorkflowClient client, String workflowId) {
      try {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        return stub.describe().getStatus()
            == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
      } catch (RuntimeException e) {
        return false;
      }
    }

    private static String brief(DftBatchProgress p) {
      return "("
          + p.getPending()
          + " pending, "
          + p.getActive()
          + " running, "
          + p.getFinished()
          + " finished, "
          + p.getFailed()
          + " failed)";
    }
  }
}
