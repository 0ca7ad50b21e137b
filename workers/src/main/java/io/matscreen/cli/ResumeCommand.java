package io.matscreen.cli;

import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.workers.CampaignLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code matscreen resume CAMPAIGN}: restarts a campaign from the store. Activities are idempotent
 * and skip finished work; DFT jobs still running are re-attached, not resubmitted.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "resume",
    description = "Resume a campaign from its store (e.g. after a restart).")
public final class ResumeCommand extends StoredCampaignCommand {
  @Mixin ConnectionOptions connection;

  @Override
  int run() {
    CampaignSpec spec = store.spec(campaign);
    String id =
        connection.withClient(client -> CampaignLauncher.start(client, spec, store.stores()));
    System.out.println("resumed campaign " + campaign + " as workflow " + id);
    return ExitCodes.OK;
  }
}
