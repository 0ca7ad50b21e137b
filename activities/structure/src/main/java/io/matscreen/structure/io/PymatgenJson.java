package io.matscreen.structure.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.structure.Element;
import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes pymatgen's {@code Structure.as_dict()} JSON (lattice matrix in Angstrom, sites
 * with species/occupancies, fractional "abc" and Cartesian "xyz"), so structures move between
 * matscreen and the Python tools.
 */
public final class PymatgenJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PymatgenJson() {}

  /** Reads one structure from a JSON file. */
  public static Structure read(Path file) throws IOException {
    return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Reads one structure from JSON text; {@code source} names it in errors. */
  public static Structure read(String json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new StructureFormatException(
          source, line, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new StructureFormatException(source, 0, "empty JSON document");
    }
    return fromTree(root, source);
  }

  /** Reads a structure from an already parsed {@code as_dict} tree. */
  public static Structure fromTree(JsonNode root, String source) {
    if (!root.isObject()) {
      throw new StructureFormatException(
          source, 0, "expected a JSON object (pymatgen Structure.as_dict)");
    }
    JsonNode cls = root.get("@class");
    if (cls != null && !"Structure".equals(cls.asText())) {
      throw new StructureFormatException(
          source, 0, "@class is '" + cls.asText() + "', expected 'Structure'");
    }
    JsonNode latticeNode = root.get("lattice");
    if (latticeNode == null || !latticeNode.isObject()) {
      throw new StructureFormatException(source, 0, "field 'lattice' is missing or not an object");
    }
    double[][] matrix = readMatrix(latticeNode.get("matrix"), source, "lattice.matrix");
    Lattice lattice;
    try {
      lattice = new Lattice(matrix);
    } catch (IllegalArgumentException e) {
      throw new StructureFormatException(source, 0, "lattice.matrix: " + e.getMessage(), e);
    }
    JsonNode sitesNode = root.get("sites");
    if (sitesNode == null || !sitesNode.isArray() || sitesNode.isEmpty()) {
      throw new StructureFormatException(
          source, 0, "field 'sites' is missing, not a list or empty");
    }
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < sitesNode.size(); i++) {
      sites.add(readSite(sitesNode.get(i), lattice, source, "sites[" + i + "]"));
    }
    return new Structure(lattice, sites);
  }

  private static Site readSite(JsonNode node, Lattice lattice, String source, String where) {
    if (node == null || !node.isObject()) {
      throw new StructureFormatException(source, 0, where + " is not an object");
    }
    JsonNode speciesNode = node.get("species");
    if (speciesNode == null || !speciesNode.isArray() || speciesNode.isEmpty()) {
      throw new StructureFormatException(source, 0, where + ".species is missing or empty");
    }
    Map<String, Double> species = new LinkedHashMap<>();
    for (int j = 0; j < speciesNode.size(); j++) {
      JsonNode sp = speciesNode.get(j);
      String w = where + ".species[" + j + "]";
      JsonNode el = sp == null ? null : sp.get("element");
      if (el == null || !el.isTextual()) {
        throw new StructureFormatException(source, 0, w + ".element is missing or not a string");
      }
      String symbol = el.asText();
      if (!Element.isSymbol(symbol)) {
        throw new StructureFormatException(
            source, 0, w + ".element '" + symbol + "' is not an element");
      }
      JsonNode occ = sp.get("occu");
      double occupancy = 1.0;
      if (occ != null) {
        if (!occ.isNumber()) {
          throw new StructureFormatException(source, 0, w + ".occu is not a number: " + occ);
        }
        occupancy = occ.asDouble();
      }
      species.merge(symbol, occupancy, Double::sum);
    }
    double[] frac;
    if (node.has("abc")) {
      frac = readVector(node.get("abc"), source, where + ".abc");
    } else if (node.has("xyz")) {
      frac = lattice.fractional(readVector(node.get("xyz"), source, where + ".xyz"));
    } else {
      throw new StructureFormatException(source, 0, where + " has neither 'abc' nor 'xyz'");
    }
    JsonNode label = node.get("label");
    try {
      return new Site(species, frac, label == null || label.isNull() ? null : label.asText());
    } catch (IllegalArgumentException e) {
      throw new StructureFormatException(source, 0, where + ": " + e.getMessage(), e);
    }
  }

  private static double[][] readMatrix(JsonNode node, String source, String where) {
    if (node == null || !node.isArray() || node.size() != 3) {
      throw new StructureFormatException(source, 0, where + " must be a 3x3 list of numbers");
    }
    double[][] m = new double[3][];
    for (int i = 0; i < 3; i++) {
      m[i] = readVector(node.get(i), source, where + "[" + i + "]");
    }
    return m;
  }

  private static double[] readVector(JsonNode node, String source, String where) {
    if (node == null || !node.isArray() || node.size() != 3) {
      throw new StructureFormatException(source, 0, where + " must be a list of 3 numbers");
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      JsonNode x = node.get(i);
      if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
        throw new StructureFormatException(
            source, 0, where + "[" + i + "] is not a finite number: " + x);
      }
      v[i] = x.asDouble();
    }
    return v;
  }

  /** The {@code as_dict} tree of a structure. */
  public static ObjectNode toTree(Structure structure) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("@module", "pymatgen.core.structure");
    root.put("@class", "Structure");
    root.put("charge", 0);
    Lattice lattice = structure.lattice();
    ObjectNode lat = root.putObject("lattice");
    ArrayNode matrix = lat.putArray("matrix");
    for (double[] row : lattice.matrix()) {
      ArrayNode r = matrix.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    ArrayNode pbc = lat.putArray("pbc");
    pbc.add(true).add(true).add(true);
    double[] abc = lattice.abc();
    double[] angles = lattice.anglesDegrees();
    lat.put("a", abc[0]).put("b", abc[1]).put("c", abc[2]);
    lat.put("alpha", angles[0]).put("beta", angles[1]).put("gamma", angles[2]);
    lat.put("volume", lattice.volume());
    ArrayNode sites = root.putArray("sites");
    for (Site s : structure.sites()) {
      ObjectNode site = sites.addObject();
      ArrayNode species = site.putArray("species");
      s.species().forEach((el, occ) -> species.addObject().put("element", el).put("occu", occ));
      ArrayNode f = site.putArray("abc");
      for (double v : s.frac()) {
        f.add(v);
      }
      ArrayNode xyz = site.putArray("xyz");
      for (double v : lattice.cartesian(s.frac())) {
        xyz.add(v);
      }
      site.put("label", s.label());
      site.putObject("properties");
    }
    return root;
  }

  /** The {@code as_dict} JSON text of a structure (one line). */
  public static String write(Structure structure) {
    try {
      return MAPPER.writeValueAsString(toTree(structure));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a structure", e);
    }
  }

  /** Writes the {@code as_dict} JSON of a structure to a file. */
  public static void write(Structure structure, Path file) throws IOException {
    Files.writeString(file, write(structure), StandardCharsets.UTF_8);
  }
}
