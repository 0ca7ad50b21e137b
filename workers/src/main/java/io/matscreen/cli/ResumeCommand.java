package io.matscreen.cli;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.workers.CampaignLauncher;
import io.matscreen.workers.TemporalConnection;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code matscreen resume CAMPAIGN}: restarts a campaign from the store. Activities are idempotent
 * and skip finished work; DFT jobs still running are re-attached, not resubmitted.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "resume",
    description = "Resume a campaign from its store (e.g. after a restart).")
public final class ResumeCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "CAMPAIGN")
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
    CampaignSpec spec = store.spec(campaign);
    TemporalConnection conn = connection.connection();
    WorkflowServiceStubs stubs = conn.serviceStubs();
    try {
      String id = CampaignLauncher.start(conn.client(stubs), spec, store.stores());
      System.out.println("resumed campaign " + campaign + " as workflow " + id);
      return ExitCodes.OK;
    } finally {
      stubs.shutdown();
    }
  }
}
