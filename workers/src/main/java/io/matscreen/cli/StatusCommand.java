package io.matscreen.cli;

import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.StoreRows.CampaignRow;
import io.matscreen.workers.TemporalConnection;
import io.matscreen.workflows.campaign.CampaignWorkflow;
import io.temporal.client.WorkflowClient;
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
@Command(name = "status", description = "Show campaigns and their progress.")
public final class StatusCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions store;

  @Parameters(arity = "0..1", paramLabel = "CAMPAIGN")
  String campaign;

  @Override
  public Integer call() {
    try {
      return run();
    } finally {
      store.close();
    }
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
        System.out.println(
            row.name()
                + "  workflow "
                + row.workflowId()
                + "  stage "
                + (live != null ? live.getStage() : row.stage())
                + (live != null && live.getPaused() ? " (paused)" : "")
                + "  updated "
                + row.updatedAt());
        FunnelReport.print(System.out, store.stores(), spec, live, null);
      }
    } finally {
      if (stubs != null) {
        stubs.shutdown();
      }
    }
    return ExitCodes.OK;
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
