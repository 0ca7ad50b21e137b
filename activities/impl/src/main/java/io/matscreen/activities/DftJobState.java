package io.matscreen.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.dft.DftStructure;
import io.matscreen.hull.EnergyFingerprint;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a DFT job row carries between attempts: its current settings and how many corrections each
 * error handler has made. Stored as JSON in the job's row so any worker can pick the job up.
 */
public record DftJobState(Map<String, String> settings, Map<String, Integer> corrections) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public DftJobState {
    settings = new TreeMap<>(settings);
    corrections = new TreeMap<>(corrections);
  }

  public static DftJobState initial(Map<String, String> settings) {
    return new DftJobState(settings, Map.of());
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode s = root.putObject("settings");
    settings.forEach(s::put);
    ObjectNode c = root.putObject("corrections");
    corrections.forEach(c::put);
    return root.toString();
  }

  public static DftJobState fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, String> settings = new TreeMap<>();
      Map<String, Integer> corrections = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("settings").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        settings.put(e.getKey(), e.getValue().asText());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("corrections").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        corrections.put(e.getKey(), e.getValue().asInt());
      }
      return new DftJobState(settings, corrections);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("DFT job state is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Structure of a DFT job: lattice rows (Angstrom), species and fractional coordinates. */
  public static String structureToJson(DftStructure s) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode lattice = root.putArray("lattice");
    for (double[] row : s.latticeAngstrom()) {
      ArrayNode r = lattice.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    ArrayNode species = root.putArray("species");
    s.species().forEach(species::add);
    ArrayNode frac = root.putArray("frac");
    for (double[] f : s.fractional()) {
      frac.addArray().add(f[0]).add(f[1]).add(f[2]);
    }
    return root.toString();
  }

  public static DftStructure structureFromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      double[][] lattice = new double[3][3];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          lattice[i][j] = root.path("lattice").path(i).path(j).asDouble();
        }
      }
      List<String> species = new ArrayList<>();
      root.path("species").forEach(n -> species.add(n.asText()));
      List<double[]> frac = new ArrayList<>();
      root.path("frac")
          .forEach(
              n ->
                  frac.add(
                      new double[] {
                        n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()
                      }));
      return new DftStructure(lattice, species, frac);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "DFT job structure is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** The hull fingerprint of a DFT result stored as {@code code|functional|pseudos|corrections}. */
  public static EnergyFingerprint fingerprint(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 4) {
      return EnergyFingerprint.of(key, "unknown", "unknown", "unknown");
    }
    return EnergyFingerprint.of(parts[0], parts[1], parts[2], parts[3]);
  }
}
