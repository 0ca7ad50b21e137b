package io.matscreen.activities.api;

import java.util.List;

/** The task queue of each worker pool (DESIGN.md, "Worker pools and task queues"). */
public final class TaskQueues {
  /** fetch/generate, featurise, hull, store, report. */
  public static final String CPU = "matscreen-cpu";

  /** model inference; the model is loaded once per process. */
  public static final String GPU = "matscreen-gpu";

  /** DFT input preparation, submission, polling, parsing, correction. */
  public static final String DFT = "matscreen-dft";

  /** workflow tasks. */
  public static final String WORKFLOWS = "matscreen-workflows";

  /** Pool names accepted by {@code matscreen worker --pools}. */
  public static final List<String> POOLS = List.of("cpu", "gpu", "dft", "workflows");

  private TaskQueues() {}

  /** The task queue of a pool name (cpu, gpu, dft, workflows). */
  public static String ofPool(String pool) {
    return switch (pool) {
      case "cpu" -> CPU;
      case "gpu" -> GPU;
      case "dft" -> DFT;
      case "workflows" -> WORKFLOWS;
      default ->
          throw new IllegalArgumentException(
              "unknown pool '" + pool + "': choose among " + String.join(", ", POOLS));
    };
  }
}
