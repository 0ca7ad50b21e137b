package io.matscreen.cli;

import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.activities.reporting.CampaignReport;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.store.CampaignStores;
import io.matscreen.workers.CampaignLauncher;
import io.temporal.client.WorkflowClient;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code matscreen launch SPEC.yaml}: starts a campaign from its YAML file. */
@Command(
    mixinStandardHelpOptions = true,
    name = "launch",
    description = "Launch a screening campaign from a YAML file.")
public final class LaunchCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "SPEC.yaml", description = "campaign file")
  Path specFile;

  @Option(names = "--wait", description = "wait for the campaign to finish and print its funnel")
  boolean await;

  @Override
  public Integer call() {
    // The same checks as `matscreen validate`, before anything reaches a server.
    PrintWriter err = new PrintWriter(System.err, true);
    if (ValidateCommand.check(specFile, new PrintWriter(Writer.nullWriter()), err)
        != ExitCodes.OK) {
      err.println(
          "launch: not launched; fix the problems above (matscreen validate " + specFile + ")");
      err.flush();
      return ExitCodes.USAGE;
    }
    CampaignSpec spec = CampaignSpecReader.read(specFile);
    try (CampaignStores stores = new CampaignStores()) {
      return connection.withClient(client -> launch(client, spec, stores));
    }
  }

  private int launch(WorkflowClient client, CampaignSpec spec, CampaignStores stores) {
    String id = CampaignLauncher.start(client, spec, stores);
    System.out.println("launched campaign " + spec.getName() + " as workflow " + id);
    if (await) {
      CampaignProgress p = client.newUntypedWorkflowStub(id).getResult(CampaignProgress.class);
      System.out.print(new CampaignReport(stores.forUrl(spec.getStore())).funnel(spec, p, null));
    } else {
      System.out.println("follow it with: matscreen status " + spec.getName());
    }
    return ExitCodes.OK;
  }
}
