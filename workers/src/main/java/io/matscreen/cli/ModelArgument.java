package io.matscreen.cli;

import io.matscreen.model.ComputeThreads;
import io.matscreen.model.ModelBundle;
import java.nio.file.Path;

/** Resolves a {@code --model} argument: "default" is the shipped bundle, else a directory/zip. */
final class ModelArgument {
  static final String DEFAULT = "default";

  private ModelArgument() {}

  static ModelBundle load(String model) {
    return DEFAULT.equals(model) ? ModelBundle.loadDefault() : ModelBundle.load(Path.of(model));
  }

  /**
   * Loads a bundle to predict on {@code threads} cores: whole batches per core, each ND4J op on one
   * thread (faster on a CPU than every core on each small op).
   *
   * @throws IllegalArgumentException for fewer than one thread
   */
  static ModelBundle loadForInference(String model, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, not " + threads);
    }
    ComputeThreads.limit(1);
    ModelBundle bundle = load(model);
    bundle.setInferenceThreads(threads);
    return bundle;
  }
}
