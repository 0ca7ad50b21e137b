package io.matscreen.cli;

import io.matscreen.model.ModelMetadata;
import java.util.Map;
import java.util.StringJoiner;

/** One-paragraph human summary of a bundle's model.json. */
final class ModelMetadataPrinter {
  private ModelMetadataPrinter() {}

  static String summary(ModelMetadata m) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "model %s: %s ensemble of %d on %s inputs, target %s (%s)%n",
            m.name(), m.type(), m.members().size(), m.inputKind(), m.target(), m.targetUnits()));
    if (m.metrics() != null) {
      for (Map.Entry<String, Object> e : m.metrics().entrySet()) {
        if (e.getValue() instanceof io.matscreen.model.RegressionMetrics r) {
          sb.append(
              String.format(
                  "  %-12s n=%d  MAE %.4f  RMSE %.4f  R² %.4f eV/atom%n",
                  e.getKey(), r.count(), r.mae(), r.rmse(), r.r2()));
        } else if (e.getValue() instanceof Map<?, ?> r && r.containsKey("mae")) {
          sb.append(
              String.format(
                  "  %-12s n=%s  MAE %s  RMSE %s  R² %s%n",
                  e.getKey(), r.get("count"), r.get("mae"), r.get("rmse"), r.get("r2")));
        } else if (e.getValue() instanceof Map<?, ?> byName) {
          // A figure per named choice, e.g. validation MAE for each ensemble-mean rule.
          StringJoiner figures = new StringJoiner(", ");
          byName.forEach(
              (k, v) ->
                  figures.add(
                      k
                          + " "
                          + (v instanceof Number n ? String.format("%.4f", n.doubleValue()) : v)));
          sb.append(String.format("  %s: %s%n", e.getKey(), figures));
        }
      }
    }
    return sb.toString().stripTrailing();
  }
}
