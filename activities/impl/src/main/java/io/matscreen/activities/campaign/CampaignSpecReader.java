package io.matscreen.activities.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.api.LegacyStringFields;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.DftSettings;
import io.matscreen.structure.Element;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Reads a campaign YAML file into a {@link CampaignSpec}, naming the field of any problem. */
public final class CampaignSpecReader {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> TOP =
      Set.of(
          "name",
          "elements",
          "candidates",
          "known_phases",
          "model",
          "screening",
          "triage",
          "dft",
          "store");
  private static final Set<String> CANDIDATES = Set.of("source", "prototypes", "file");
  private static final Set<String> SCREENING = Set.of("shard_size", "max_parallel_shards");
  private static final Set<String> TRIAGE = Set.of("k", "threshold", "sigma");
  private static final Set<String> DFT =
      Set.of("input_set", "executor", "budget", "max_parallel", "batch_size", "settings");

  private CampaignSpecReader() {}

  /** Reads and validates a campaign file; relative paths in it are resolved against its folder. */
  public static CampaignSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new InvalidCampaignSpecException("cannot read campaign file " + file + ": " + e);
    }
    CampaignSpec spec = parse(text, file.toString());
    return spec.toBuilder().setSpecPath(file.toAbsolutePath().normalize().toString()).build();
  }

  /** The spec as the campaign store keeps it (protobuf text format, written at launch). */
  public static CampaignSpec fromStoredText(String text, String campaign) {
    CampaignSpec.Builder b = CampaignSpec.newBuilder();
    try {
      // Specs stored before the enum fields have their old string fields.
      com.google.protobuf.TextFormat.merge(LegacyStringFields.upgradeStoredText(text), b);
    } catch (com.google.protobuf.TextFormat.ParseException | CampaignEnums.UnknownNameException e) {
      throw new InvalidCampaignSpecException(
          "the stored spec of campaign " + campaign + " cannot be read: " + e.getMessage());
    }
    return b.build();
  }

  /** Parses campaign YAML; {@code source} names it in error messages. */
  public static CampaignSpec parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new InvalidCampaignSpecException(source + ": not valid YAML: " + yamlProblem(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidCampaignSpecException(source + ": expected a mapping at the top level");
    }
    checkKeys(root, TOP, "", source);
    CampaignSpec.Builder b = CampaignSpec.newBuilder();
    String name = text(root, "name", null, source);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidCampaignSpecException(
          source
              + ": field 'name' must be 1-64 letters, digits, '.', '_' or '-' (it becomes the"
              + " workflow id), got "
              + (name == null ? "nothing" : "'" + name + "'"));
    }
    b.setName(name);
    JsonNode elements = root.get("elements");
    if (elements == null || !elements.isArray() || elements.isEmpty() || elements.size() > 8) {
      throw new InvalidCampaignSpecException(
          source + ": field 'elements' must be a list of 1 to 8 element symbols");
    }
    for (JsonNode e : elements) {
      if (!Element.isSymbol(e.asText())) {
        throw new InvalidCampaignSpecException(
            source + ": field 'elements': '" + e.asText() + "' is not an element symbol");
      }
      b.addElements(e.asText());
    }

    JsonNode candidates = object(root, "candidates", source);
    checkKeys(candidates, CANDIDATES, "candidates.", source);
    String src = text(candidates, "source", CampaignDefaults.CANDIDATES_SOURCE, source);
    if (!src.equals("substitution") && !src.equals("file")) {
      throw new InvalidCampaignSpecException(
          source
              + ": field 'candidates.source' must be 'substitution' or 'file', got '"
              + src
              + "'");
    }
    b.setCandidatesSource(src);
    for (JsonNode p : list(candidates, "prototypes", source)) {
      b.addPrototypes(p.asText());
    }
    b.setCandidatesFile(text(candidates, "file", "", source));
    if (src.equals("substitution") && b.getPrototypesCount() == 0) {
      throw new InvalidCampaignSpecException(
          source + ": field 'candidates.prototypes' must list prototypes for substitution");
    }
    if (src.equals("file") && b.getCandidatesFile().isEmpty()) {
      throw new InvalidCampaignSpecException(
          source + ": field 'candidates.file' is required when candidates.source is 'file'");
    }
    for (JsonNode k : list(root, "known_phases", source)) {
      String phase = k.asText();
      if (!phase.contains(":")) {
        throw new InvalidCampaignSpecException(
            source
                + ": field 'known_phases': '"
                + phase
                + "' must be PROTOTYPE:FORMULA, e.g. zincblende:SiC");
      }
      b.addKnownPhases(phase);
    }
    b.setModel(text(root, "model", CampaignDefaults.MODEL, source));

    JsonNode screening = object(root, "screening", source);
    checkKeys(screening, SCREENING, "screening.", source);
    b.setShardSize(
        integer(
            screening,
            "shard_size",
            CampaignDefaults.SHARD_SIZE,
            1,
            100_000,
            "screening.",
            source));
    b.setMaxParallelShards(
        integer(
            screening,
            "max_parallel_shards",
            CampaignDefaults.MAX_PARALLEL_SHARDS,
            1,
            1000,
            "screening.",
            source));

    JsonNode triage = object(root, "triage", source);
    checkKeys(triage, TRIAGE, "triage.", source);
    b.setTriageK(number(triage, "k", CampaignDefaults.TRIAGE_K, "triage.", source));
    b.setTriageThreshold(
        number(triage, "threshold", CampaignDefaults.TRIAGE_THRESHOLD_EV, "triage.", source));
    b.setTriageSigmaKind(
        named(
            CampaignEnums::sigmaKind,
            "triage.sigma",
            text(triage, "sigma", CampaignEnums.yamlName(CampaignDefaults.TRIAGE_SIGMA), source),
            source));

    JsonNode dft = object(root, "dft", source);
    checkKeys(dft, DFT, "dft.", source);
    DftSettings.Builder d = DftSettings.newBuilder();
    d.setInputSetKind(
        named(
            CampaignEnums::inputSet,
            "dft.input_set",
            text(dft, "input_set", CampaignEnums.yamlName(CampaignDefaults.DFT_INPUT_SET), source),
            source));
    d.setExecutorKind(
        named(
            CampaignEnums::executorKind,
            "dft.executor",
            text(dft, "executor", CampaignEnums.yamlName(CampaignDefaults.DFT_EXECUTOR), source),
            source));
    d.setBudget(integer(dft, "budget", CampaignDefaults.DFT_BUDGET, 0, 1_000_000, "dft.", source));
    d.setMaxParallel(
        integer(dft, "max_parallel", CampaignDefaults.DFT_MAX_PARALLEL, 1, 10_000, "dft.", source));
    d.setBatchSize(
        integer(dft, "batch_size", CampaignDefaults.DFT_BATCH_SIZE, 1, 10_000, "dft.", source));
    JsonNode settings = dft.get("settings");
    if (settings != null && !settings.isNull()) {
      if (!settings.isObject()) {
        throw new InvalidCampaignSpecException(
            source + ": field 'dft.settings' must be a mapping of names to values");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        d.putSettings(e.getKey(), e.getValue().asText());
      }
    }
    b.setDft(d);
    b.setStore(text(root, "store", CampaignDefaults.STORE, source));
    return b.build();
  }

  /**
   * "line 3, column 6: expected ',' or ']', but got ':' (while parsing a flow sequence started at
   * line 2, column 11)" instead of the parser's multi-line text with its source pointer.
   */
  static String yamlProblem(IOException e) {
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
        && m.getProblemMark() != null) {
      StringBuilder b = new StringBuilder(at(m.getProblemMark())).append(": ");
      b.append(m.getProblem() == null ? "cannot be parsed" : m.getProblem().trim());
      if (m.getContext() != null) {
        b.append(" (").append(m.getContext().trim());
        if (m.getContextMark() != null) {
          b.append(" started at ").append(at(m.getContextMark()));
        }
        b.append(')');
      }
      return b.toString();
    }
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
      com.fasterxml.jackson.core.JsonLocation loc = j.getLocation();
      String msg = j.getOriginalMessage() == null ? "cannot be parsed" : j.getOriginalMessage();
      msg = msg.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(msg);
      return loc != null && loc.getLineNr() > 0
          ? "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + msg
          : msg;
    }
    return e.getMessage();
  }

  private static String at(org.yaml.snakeyaml.error.Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static void checkKeys(JsonNode node, Set<String> allowed, String prefix, String source) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new InvalidCampaignSpecException(
            source
                + ": unknown field '"
                + prefix
                + key
                + "' (known: "
                + String.join(", ", allowed.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static JsonNode object(JsonNode parent, String field, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return new ObjectMapper().createObjectNode();
    }
    if (!n.isObject()) {
      throw new InvalidCampaignSpecException(source + ": field '" + field + "' must be a mapping");
    }
    return n;
  }

  private static List<JsonNode> list(JsonNode parent, String field, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new InvalidCampaignSpecException(source + ": field '" + field + "' must be a list");
    }
    List<JsonNode> out = new java.util.ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  /** The enum value a YAML text names; an unknown name is the reader's error, with its file. */
  private static <E> E named(
      BiFunction<String, String, E> parse, String field, String name, String source) {
    try {
      return parse.apply(field, name);
    } catch (CampaignEnums.UnknownNameException e) {
      throw new InvalidCampaignSpecException(source + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode parent, String field, String dflt, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isValueNode()) {
      throw new InvalidCampaignSpecException(source + ": field '" + field + "' must be a value");
    }
    return n.asText();
  }

  private static int integer(
      JsonNode parent, String field, int dflt, int min, int max, String prefix, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
      throw new InvalidCampaignSpecException(
          source
              + ": field '"
              + prefix
              + field
              + "' must be an integer from "
              + min
              + " to "
              + max
              + ", got '"
              + n.asText()
              + "'");
    }
    return n.asInt();
  }

  private static double number(
      JsonNode parent, String field, double dflt, String prefix, String source) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
      throw new InvalidCampaignSpecException(
          source + ": field '" + prefix + field + "' must be a number, got '" + n.asText() + "'");
    }
    return n.asDouble();
  }
}
