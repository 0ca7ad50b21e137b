package io.matscreen.cli;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.reporting.CampaignReport;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.store.CampaignStatus;
import io.matscreen.store.StoreRows.CampaignRow;
import io.matscreen.workers.TemporalConnection;
import io.matscreen.workflows.campaign.CampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TemporalFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code matscreen status [CAMPAIGN]}: campaigns from the store's index (the embedded server has no
 * visibility API), with live progress from Temporal when it answers.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Show campaigns and their progress.")
public final class StatusCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions store;

  @Parameters(arity = "0..1", paramLabel = "CAMPAIGN")
  String campaign;

  @Override
  public Integer call() {
    return store.closingAfter(this::run);
  }

  private Integer run() {
    List<CampaignRow> rows =
        campaign == null
            ? store.store().campaigns()
            : List.of(
                store
                    .store()
                    .campaign(campaign)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "no campaign '" + campaign + "' in the store " + store.url)));
    if (rows.isEmpty()) {
      System.out.println("no campaigns in " + store.url + " (start one with matscreen launch)");
      return ExitCodes.OK;
    }
    WorkflowServiceStubs stubs = null;
    WorkflowClient client = null;
    try {
      TemporalConnection conn = connection.connection();
      stubs = conn.serviceStubs();
      client = conn.client(stubs);
    } catch (RuntimeException e) {
      System.out.println(
          "(Temporal not reachable at " + connection.target + "; counts from the store)");
    }
    try {
      for (CampaignRow row : rows) {
        CampaignSpec spec = store.spec(row.name());
        CampaignProgress live = client == null ? null : query(client, row.workflowId());
        String temporalFailure =
            client == null || live != null ? null : closedFailure(client, row.workflowId());
        String failure = failureReason(row, live, temporalFailure);
        System.out.println(
            row.name()
                + "  workflow "
                + row.workflowId()
                + "  stage "
                + (failure != null
                    ? CampaignEnums.yamlName(CampaignStage.CAMPAIGN_STAGE_FAILED)
                    : live != null ? CampaignEnums.yamlName(live.getCampaignStage()) : row.stage())
                + (live != null && live.getPaused() ? " (paused)" : "")
                + "  updated "
                + row.updatedAt());
        if (failure != null) {
          System.out.println("  failed: " + failure);
        }
        System.out.print(new CampaignReport(store.store()).funnel(spec, live, null));
      }
    } finally {
      if (stubs != null) {
        stubs.shutdown();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Why a campaign failed, or null when it did not: the reason its workflow recorded (live
   * progress, else the store), else the failure Temporal reports for a closed workflow (when the
   * workflow could not record its own, e.g. because the store was unreachable).
   */
  static String failureReason(CampaignRow row, CampaignProgress live, String temporalFailure) {
    boolean failed =
        live != null
            ? live.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_FAILED
            : row.stage().equals(CampaignEnums.yamlName(CampaignStage.CAMPAIGN_STAGE_FAILED))
                || row.status() == CampaignStatus.FAILED;
    if (live != null && !failed) {
      return null;
    }
    if (live != null && !live.getFailureReason().isEmpty()) {
      return live.getFailureReason();
    }
    if (failed && row.failureReason() != null && !row.failureReason().isBlank()) {
      return row.failureReason();
    }
    if (temporalFailure != null) {
      return temporalFailure;
    }
    return failed ? "no reason recorded" : null;
  }

  /**
   * The failure of a workflow that closed without completing (failed, timed out, terminated), in
   * words; null when it is running or completed, or Temporal cannot say.
   */
  private static String closedFailure(WorkflowClient client, String workflowId) {
    try {
      WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
      WorkflowExecutionStatus status =
          CompletableFuture.supplyAsync(() -> stub.describe().getStatus()).get(5, TimeUnit.SECONDS);
      switch (status) {
        case WORKFLOW_EXECUTION_STATUS_FAILED,
            WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
            WORKFLOW_EXECUTION_STATUS_TERMINATED,
            WORKFLOW_EXECUTION_STATUS_CANCELED -> {}
        default -> {
          return null;
        }
      }
      try {
        stub.getResult(5, TimeUnit.SECONDS, CampaignProgress.class);
        return null;
      } catch (WorkflowFailedException e) {
        Throwable cause = e.getCause();
        String message =
            cause instanceof TemporalFailure tf ? tf.getOriginalMessage() : String.valueOf(cause);
        return "workflow "
            + status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).toLowerCase()
            + (message == null || message.isBlank() ? "" : ": " + message);
      }
    } catch (Exception e) {
      return null;
    }
  }

  private static CampaignProgress query(WorkflowClient client, String workflowId) {
    try {
      CampaignWorkflow wf = client.newWorkflowStub(CampaignWorkflow.class, workflowId);
      return CompletableFuture.supplyAsync(wf::progress).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
  }
}
