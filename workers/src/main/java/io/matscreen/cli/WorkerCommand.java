package io.matscreen.cli;

import io.matscreen.activities.api.TaskQueues;
import io.matscreen.store.CampaignStores;
import io.matscreen.workers.TemporalConnection;
import io.matscreen.workers.WorkerPools;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code matscreen worker}: a worker process for some pools, connected to Temporal over gRPC. */
@Command(
    mixinStandardHelpOptions = true,
    name = "worker",
    description = "Run worker pools connected to a Temporal frontend.")
public final class WorkerCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pools",
      split = ",",
      required = true,
      description = "pools to run: any of cpu, gpu, dft, workflows")
  List<String> pools;

  @Option(
      names = "--dft-work-dir",
      defaultValue = "matscreen-data/dft",
      description = "where local DFT jobs run (${DEFAULT-VALUE})")
  Path dftWorkDir;

  @Override
  public Integer call() throws InterruptedException {
    for (String pool : pools) {
      TaskQueues.ofPool(pool);
    }
    TemporalConnection conn = connection.connection();
    WorkflowServiceStubs stubs = conn.serviceStubs();
    CampaignStores stores = new CampaignStores();
    WorkerFactory factory =
        WorkerPools.create(conn.client(stubs), pools, dftWorkDir.toAbsolutePath(), stores);
    factory.start();
    System.out.println(
        "matscreen worker: pools " + String.join(",", pools) + " connected to " + conn.target());
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  factory.shutdown();
                  factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                  stubs.shutdown();
                  stores.close();
                  stop.countDown();
                }));
    stop.await();
    return ExitCodes.OK;
  }
}
