package io.matscreen.sources;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Structure;
import io.matscreen.symmetry.SymmetryException;
import io.matscreen.symmetry.WyckoffRepresentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidates by element substitution: every assignment of distinct elements of a chemical system to
 * the roles of each prototype.
 */
public final class SubstitutionEnumerator {
  private SubstitutionEnumerator() {}

  /**
   * A generated structure with a readable id, where it came from and, for substitutions, its
   * Wyckoff representation (null when it still has to be analysed).
   */
  public record GeneratedStructure(
      String id, String origin, Structure structure, WyckoffRepresentation representation) {
    /** A structure whose representation the featurise stage finds with spglib. */
    public GeneratedStructure(String id, String origin, Structure structure) {
      this(id, origin, structure, null);
    }
  }

  /**
   * All substitutions of {@code elements} into the named prototypes, in a stable order. spglib
   * analyses the first substitution of each prototype; the others get its Wyckoff representation
   * with their elements ({@link WyckoffRepresentation#substitute}), which is exact because every
   * role takes a different element and the cell is only scaled. Bulk screening spends its symmetry
   * time here once per prototype instead of once per candidate.
   */
  public static List<GeneratedStructure> enumerate(
      List<String> elements, List<String> prototypeNames) {
    List<GeneratedStructure> out = new ArrayList<>();
    for (String name : prototypeNames) {
      Prototype p = PrototypeLibrary.get(name);
      List<String> roles = p.roles();
      WyckoffRepresentation first = null;
      List<String> firstAssignment = null;
      for (List<String> assignment : permutations(elements, roles.size())) {
        Map<String, String> elementOfRole = new LinkedHashMap<>();
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < roles.size(); i++) {
          elementOfRole.put(roles.get(i), assignment.get(i));
          label
              .append(i == 0 ? "" : ",")
              .append(roles.get(i))
              .append('=')
              .append(assignment.get(i));
        }
        Structure s = p.build(elementOfRole);
        WyckoffRepresentation representation;
        if (first == null) {
          representation = analyse(s);
          first = representation;
          firstAssignment = assignment;
        } else {
          Map<String, String> swap = new LinkedHashMap<>();
          for (int i = 0; i < roles.size(); i++) {
            swap.put(firstAssignment.get(i), assignment.get(i));
          }
          representation = first.substitute(swap);
        }
        String id = name + ":" + String.join("-", assignment);
        out.add(
            new GeneratedStructure(
                id, "substitution:" + name + "(" + label + ")", s, representation));
      }
    }
    return out;
  }

  /**
   * The structure of a known phase written PROTOTYPE:FORMULA (e.g. "zincblende:SiC"): the roles are
   * matched to the formula's elements by their counts.
   */
  public static GeneratedStructure knownPhase(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "known phase '" + spec + "' must be PROTOTYPE:FORMULA, e.g. zincblende:SiC");
    }
    Prototype p = PrototypeLibrary.get(spec.substring(0, colon));
    Composition formula = Composition.parse(spec.substring(colon + 1)).reduced();
    List<String> roles = p.roles();
    Map<String, Integer> counts = p.roleCounts();
    List<String> elements = new ArrayList<>(formula.elements());
    Composition prototypeRatio = null;
    for (List<String> assignment : permutations(elements, roles.size())) {
      if (assignment.size() != elements.size()) {
        continue;
      }
      Map<String, Double> amounts = new LinkedHashMap<>();
      Map<String, String> elementOfRole = new LinkedHashMap<>();
      for (int i = 0; i < roles.size(); i++) {
        elementOfRole.put(roles.get(i), assignment.get(i));
        amounts.merge(assignment.get(i), (double) counts.get(roles.get(i)), Double::sum);
      }
      prototypeRatio = Composition.of(amounts).reduced();
      if (prototypeRatio.almostEquals(formula, 1e-6)) {
        return new GeneratedStructure(spec, "known:" + spec, p.build(elementOfRole));
      }
    }
    throw new IllegalArgumentException(
        "known phase '"
            + spec
            + "': the formula does not fit prototype "
            + p.name()
            + " (roles "
            + counts
            + ")");
  }

  /**
   * The prototype's representation, or an error naming it: the library's prototypes are ideal
   * cells, so spglib failing on one is a bug in the library, not bad user input.
   */
  private static WyckoffRepresentation analyse(Structure s) {
    try {
      return WyckoffRepresentation.of(s);
    } catch (SymmetryException e) {
      throw new IllegalStateException(
          "prototype " + s.composition().formula() + ": " + e.getMessage(), e);
    }
  }

  /** Ordered selections of {@code k} distinct items. */
  static List<List<String>> permutations(List<String> items, int k) {
    List<List<String>> out = new ArrayList<>();
    permute(items, k, new ArrayList<>(), out);
    return out;
  }

  private static void permute(
      List<String> items, int k, List<String> current, List<List<String>> out) {
    if (current.size() == k) {
      out.add(List.copyOf(current));
      return;
    }
    for (String item : items) {
      if (!current.contains(item)) {
        current.add(item);
        permute(items, k, current, out);
        current.remove(current.size() - 1);
      }
    }
  }
}
