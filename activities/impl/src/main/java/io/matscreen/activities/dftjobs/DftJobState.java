package io.matscreen.activities.dftjobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.dft.CodeError;
import io.matscreen.dft.DftErrorKind;
import io.matscreen.dft.DftResult;
import io.matscreen.dft.DftStructure;
import io.matscreen.dft.job.CodeErrors;
import io.matscreen.dft.job.DftState;
import io.matscreen.hull.EnergyFingerprint;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoredDftState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a DFT job row carries between attempts: its current settings, how many corrections each
 * error handler has made, and how the last failed attempt failed (typed). Stored as JSON in the
 * job's settings column (and in each attempt's row) so any worker can pick the job up; this class
 * is the one place that writes and reads that text.
 *
 * @param lastError how the last failed attempt ended (NONE before any failure)
 * @param lastCodeErrors the errors the code itself announced in that attempt
 */
public record DftJobState(
    Map<String, String> settings,
    Map<String, Integer> corrections,
    DftErrorKind lastError,
    List<CodeError> lastCodeErrors) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public DftJobState {
    settings = new TreeMap<>(settings);
    corrections = new TreeMap<>(corrections);
    lastError = lastError == null ? DftErrorKind.NONE : lastError;
    lastCodeErrors = lastCodeErrors == null ? List.of() : List.copyOf(lastCodeErrors);
  }

  /** A state with no failure recorded. */
  public DftJobState(Map<String, String> settings, Map<String, Integer> corrections) {
    this(settings, corrections, DftErrorKind.NONE, List.of());
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
    if (lastError != DftErrorKind.NONE) {
      root.put("last_error", lastError.name());
      ArrayNode codeErrors = root.putArray("last_code_errors");
      CodeErrors.names(lastCodeErrors).forEach(codeErrors::add);
    }
    return root.toString();
  }

  /** This state after a failed attempt that ended as {@code result} says. */
  public DftJobState failedAs(DftResult result) {
    return new DftJobState(settings, corrections, result.errorKind(), result.codeErrors());
  }

  /** The state machine's state of a job row (the store rejects unknown state text on reading). */
  public static DftState state(DftJobRow job) {
    return DftState.valueOf(job.state().name());
  }

  /** The store's state for a state of the state machine (the two enums have the same names). */
  public static StoredDftState stored(DftState state) {
    return StoredDftState.valueOf(state.name());
  }

  /** The proto's name of a job state. */
  public static io.matscreen.proto.v1.DftState toProto(DftState state) {
    return io.matscreen.proto.v1.DftState.valueOf("DFT_STATE_" + state.name());
  }

  /**
   * The job state a proto state names.
   *
   * @throws IllegalArgumentException for DFT_STATE_UNSPECIFIED or an unrecognised number
   */
  public static DftState fromProto(io.matscreen.proto.v1.DftState state) {
    String name = state.name();
    if (!name.startsWith("DFT_STATE_")
        || state == io.matscreen.proto.v1.DftState.DFT_STATE_UNSPECIFIED) {
      throw new IllegalArgumentException("proto DFT state " + name + " names no job state");
    }
    return DftState.valueOf(name.substring("DFT_STATE_".length()));
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
      DftErrorKind lastError = DftErrorKind.valueOf(root.path("last_error").asText("NONE"));
      List<String> codeErrors = new ArrayList<>();
      root.path("last_code_errors").forEach(n -> codeErrors.add(n.asText()));
      return new DftJobState(settings, corrections, lastError, CodeErrors.fromNames(codeErrors));
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
