package io.matscreen.symmetry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The 68 TAATA structures of ../shared/fixtures/taata/examples.json (from aviary's examples, labels
 * computed there with spglib); tests skip when the shared directory is absent.
 */
public final class TaataFixtures {
  /** One row: id, composition, formation energy (eV/atom), label, pymatgen structure dict. */
  public record Row(
      String materialId,
      String composition,
      double formationEnergyEvPerAtom,
      String protostructure,
      JsonNode structure) {}

  private TaataFixtures() {}

  /** The shared directory found by walking up from the working directory, or null. */
  public static Path sharedDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("fixtures"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    return null;
  }

  /** The rows, or a skipped test when ../shared/fixtures/taata/examples.json is absent. */
  public static List<Row> rows() throws IOException {
    Path shared = sharedDirectory();
    assumeTrue(
        shared != null,
        "skipped: no ../shared directory with fixtures/ above the working directory");
    Path file = shared.resolve("fixtures/taata/examples.json");
    assumeTrue(Files.isRegularFile(file), "skipped: " + file + " is absent");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<Row> rows = new ArrayList<>();
    Iterator<String> keys = root.get("material_id").fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      rows.add(
          new Row(
              root.get("material_id").get(k).asText(),
              root.get("composition").get(k).asText(),
              root.get("E_f").get(k).asDouble(),
              root.get("protostructure").get(k).asText(),
              root.get("structure").get(k)));
    }
    return rows;
  }
}
