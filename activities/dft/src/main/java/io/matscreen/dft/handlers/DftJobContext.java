package io.matscreen.dft.handlers;

import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import java.util.Map;

/**
 * What a handler sees when deciding a correction: the parsed result of the attempt that failed, the
 * structure and settings that attempt ran with, its number (1-based) and how many corrections each
 * handler (by name) has already applied to this job.
 */
public record DftJobContext(
    DftResult result,
    DftStructure structure,
    Map<String, String> settings,
    int attempt,
    Map<String, Integer> correctionsByHandler) {

  /** Copies the maps. */
  public DftJobContext {
    settings = Map.copyOf(settings);
    correctionsByHandler = Map.copyOf(correctionsByHandler);
  }

  /** Corrections already applied by the named handler. */
  public int correctionsBy(String handlerName) {
    return correctionsByHandler.getOrDefault(handlerName, 0);
  }

  /** A setting or its default. */
  public String setting(String key, String def) {
    return settings.getOrDefault(key, def);
  }
}
