package io.matscreen.cli;

import io.matscreen.activities.api.TaskQueues;
import io.matscreen.store.CampaignStores;
import io.matscreen.workers.DevServer;
import io.matscreen.workers.TemporalConnection;
import io.matscreen.workers.WorkerPools;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code matscreen dev}: the embedded Temporal server plus all worker pools in one JVM. */
@Command(
    mixinStandardHelpOptions = true,
    name = "dev",
    description = "Start the embedded in-memory Temporal server and all worker pools.")
public final class DevCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "7233",
      description = "port on 127.0.0.1 (${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--pools",
      split = ",",
      defaultValue = "workflows,cpu,gpu,dft",
      description = "pools to run in this process (${DEFAULT-VALUE}); others may join later")
  List<String> pools;

  @Option(
      names = "--dft-work-dir",
      defaultValue = "matscreen-data/dft",
      description = "where local DFT jobs run (${DEFAULT-VALUE})")
  Path dftWorkDir;

  @Override
  public Integer call() throws InterruptedException {
    DevServer server = DevServer.start(port);
    TemporalConnection connection = TemporalConnection.local(server.target());
    WorkflowServiceStubs stubs = connection.serviceStubs();
    CampaignStores stores = new CampaignStores();
    WorkerFactory factory =
        WorkerPools.create(connection.client(stubs), pools, dftWorkDir.toAbsolutePath(), stores);
    factory.start();
    System.out.println(
        "matscreen dev: Temporal on "
            + server.target()
            + " (in memory), pools "
            + String.join(",", pools)
            + " on task queues "
            + String.join(", ", pools.stream().map(TaskQueues::ofPool).toList()));
    System.out.println("Search attributes registered; press Ctrl-C to stop.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  factory.shutdownNow();
                  stubs.shutdownNow();
                  stores.close();
                  server.close();
                  stop.countDown();
                }));
    stop.await();
    return ExitCodes.OK;
  }
}
