package io.matscreen.cli;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.activities.reporting.CampaignReport;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.store.CampaignStores;
import io.matscreen.workers.CampaignLauncher;
import io.matscreen.workers.DevServer;
import io.matscreen.workers.TemporalConnection;
import io.matscreen.workers.WorkerPools;
import io.matscreen.workflows.campaign.CampaignWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code matscreen demo}: a complete campaign on the embedded server (its own port, all pools in
 * this JVM) from examples/demo-sigec.yaml, real DFT included; prints the funnel.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description = "Run the demo campaign end to end and print its funnel.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--spec",
      description = "campaign file (default: examples/demo-sigec.yaml of the installation)")
  Path spec;

  @Option(names = "--keep-store", description = "keep the demo store of an earlier run (resume it)")
  boolean keepStore;

  @Option(
      names = "--dft-work-dir",
      defaultValue = "matscreen-data/demo-dft",
      description = "where the demo's DFT jobs run (${DEFAULT-VALUE})")
  Path dftWorkDir;

  @Override
  public Integer call() throws Exception {
    Path specFile = spec != null ? spec : MatscreenHome.resolve("examples/demo-sigec.yaml");
    CampaignSpec campaign = CampaignSpecReader.read(specFile);
    if (!keepStore) {
      deleteSqliteStore(campaign.getStore());
      deleteTree(dftWorkDir);
    }
    Instant start = Instant.now();
    try (DevServer server = DevServer.start(0)) {
      TemporalConnection connection = TemporalConnection.local(server.target());
      WorkflowServiceStubs stubs = connection.serviceStubs();
      WorkflowClient client = connection.client(stubs);
      CampaignStores stores = new CampaignStores();
      WorkerFactory factory =
          WorkerPools.create(client, TaskQueues.POOLS, dftWorkDir.toAbsolutePath(), stores);
      factory.start();
      try {
        String id = CampaignLauncher.start(client, campaign, stores);
        System.out.println(
            "demo: campaign "
                + campaign.getName()
                + " ("
                + String.join("-", campaign.getElementsList())
                + ") on an embedded Temporal server at "
                + server.target()
                + ", workflow "
                + id);
        WorkflowStub stub = client.newUntypedWorkflowStub(id);
        CompletableFuture<CampaignProgress> result = stub.getResultAsync(CampaignProgress.class);
        CampaignWorkflow live = client.newWorkflowStub(CampaignWorkflow.class, id);
        CampaignStage lastStage = CampaignStage.CAMPAIGN_STAGE_UNSPECIFIED;
        while (!result.isDone()) {
          try {
            result.get(2, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException e) {
            CampaignProgress p = live.progress();
            if (p.getCampaignStage() != lastStage) {
              lastStage = p.getCampaignStage();
              System.out.printf(
                  "  [%5.1f s] stage %s%s%n",
                  Duration.between(start, Instant.now()).toMillis() / 1000.0,
                  CampaignEnums.yamlName(p.getCampaignStage()),
                  p.getDetail().isEmpty() ? "" : " (" + p.getDetail() + ")");
            }
          }
        }
        CampaignProgress progress = result.get();
        System.out.println();
        System.out.print(
            new CampaignReport(stores.forUrl(campaign.getStore()))
                .funnel(campaign, progress, Duration.between(start, Instant.now())));
        return progress.getCampaignStage() == CampaignStage.CAMPAIGN_STAGE_DONE
            ? ExitCodes.OK
            : ExitCodes.SOME_INPUTS_FAILED;
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        stubs.shutdownNow();
        stores.close();
      }
    }
  }

  private static void deleteSqliteStore(String url) throws IOException {
    if (url.startsWith("jdbc:sqlite:")) {
      String file = url.substring("jdbc:sqlite:".length());
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
