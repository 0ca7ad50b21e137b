package io.matscreen.cli;

import picocli.CommandLine.Command;

/** {@code matscreen report CAMPAIGN}: the campaign's report, as its final stage wrote it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "report",
    description = "Print a campaign's report.")
public final class ReportCommand extends StoredCampaignCommand {
  @Override
  int run() {
    store.spec(campaign);
    String text =
        store
            .store()
            .report(campaign)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "campaign "
                            + campaign
                            + " has no report yet (it is written by the final stage; see"
                            + " matscreen status "
                            + campaign
                            + ")"));
    System.out.print(text);
    return ExitCodes.OK;
  }
}
