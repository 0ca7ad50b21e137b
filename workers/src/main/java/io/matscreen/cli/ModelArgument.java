package io.matscreen.cli;

import io.matscreen.model.ModelBundle;
import java.nio.file.Path;

/** Resolves a {@code --model} argument: "default" is the shipped bundle, else a directory/zip. */
final class ModelArgument {
  static final String DEFAULT = "default";

  private ModelArgument() {}

  static ModelBundle load(String model) {
    return DEFAULT.equals(model) ? ModelBundle.loadDefault() : ModelBundle.load(Path.of(model));
  }
}
