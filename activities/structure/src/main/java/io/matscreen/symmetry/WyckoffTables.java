package io.matscreen.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wyckoff data per space-group type, generated from crystallographic databases by the scripts next
 * to the resources (see generate_wyckoff_*.py): the multiplicity of every Wyckoff letter, and the
 * letter permutations that equivalent origin/axis choices (the Euclidean normaliser) induce.
 */
public final class WyckoffTables {
  private static final String MULTIPLICITIES = "wyckoff-multiplicities.tsv";
  private static final String RELABELLINGS = "wyckoff-relabellings.tsv";

  /** Index 0 unused; letter to multiplicity for space groups 1–230. */
  private static final List<Map<String, Integer>> MULTIPLICITY = loadMultiplicities();

  /** Index 0 unused; letter permutations (identity included) for space groups 1–230. */
  private static final List<List<Map<Character, Character>>> RELABELLING = loadRelabellings();

  private WyckoffTables() {}

  /** Multiplicity of a Wyckoff letter in the conventional cell; throws for an unknown letter. */
  public static int multiplicity(int spacegroupNumber, String letter) {
    Integer m = letters(spacegroupNumber).get(letter);
    if (m == null) {
      throw new IllegalArgumentException(
          "space group " + spacegroupNumber + " has no Wyckoff position '" + letter + "'");
    }
    return m;
  }

  /** Wyckoff letters of a space group with their multiplicities, "a" first. */
  public static Map<String, Integer> letters(int spacegroupNumber) {
    checkNumber(spacegroupNumber);
    return MULTIPLICITY.get(spacegroupNumber);
  }

  /**
   * Letter permutations that map the Wyckoff positions of a space group onto themselves under its
   * Euclidean normaliser (equivalent descriptions of one structure); the identity comes first.
   */
  public static List<Map<Character, Character>> relabellings(int spacegroupNumber) {
    checkNumber(spacegroupNumber);
    return RELABELLING.get(spacegroupNumber);
  }

  private static void checkNumber(int n) {
    if (n < 1 || n > 230) {
      throw new IllegalArgumentException("space-group number must be 1-230: " + n);
    }
  }

  private static List<String> dataLines(String resource) {
    InputStream in = WyckoffTables.class.getResourceAsStream(resource);
    if (in == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
    return out;
  }

  private static List<Map<String, Integer>> loadMultiplicities() {
    List<String> lines = dataLines(MULTIPLICITIES);
    if (lines == null) {
      throw new IllegalStateException("resource " + MULTIPLICITIES + " is missing from the build");
    }
    List<Map<String, Integer>> out = new ArrayList<>(Collections.nCopies(231, null));
    for (String line : lines) {
      String[] parts = line.split("\t");
      int number = Integer.parseInt(parts[0]);
      Map<String, Integer> letters = new LinkedHashMap<>();
      for (String entry : parts[1].trim().split(" ")) {
        String[] lm = entry.split(":");
        letters.put(lm[0], Integer.parseInt(lm[1]));
      }
      out.set(number, Collections.unmodifiableMap(letters));
    }
    for (int n = 1; n <= 230; n++) {
      if (out.get(n) == null) {
        throw new IllegalStateException(MULTIPLICITIES + " lacks space group " + n);
      }
    }
    return out;
  }

  private static List<List<Map<Character, Character>>> loadRelabellings() {
    List<String> lines = dataLines(RELABELLINGS);
    List<List<Map<Character, Character>>> out = new ArrayList<>(Collections.nCopies(231, null));
    if (lines != null) {
      // each line: number, then one permutation per field written as the images of the letters
      // in the order of the multiplicity table ("a", "b", …)
      for (String line : lines) {
        String[] parts = line.split("\t");
        int number = Integer.parseInt(parts[0]);
        List<String> letters = new ArrayList<>(MULTIPLICITY.get(number).keySet());
        List<Map<Character, Character>> perms = new ArrayList<>();
        perms.add(Map.of());
        for (int k = 1; k < parts.length; k++) {
          String images = parts[k].trim();
          if (images.length() != letters.size()) {
            throw new IllegalStateException(
                RELABELLINGS
                    + ": space group "
                    + number
                    + " permutation '"
                    + images
                    + "' has wrong length");
          }
          Map<Character, Character> perm = new LinkedHashMap<>();
          for (int i = 0; i < images.length(); i++) {
            char from = letters.get(i).charAt(0);
            char to = images.charAt(i);
            if (from != to) {
              perm.put(from, to);
            }
          }
          if (!perm.isEmpty() && !perms.contains(perm)) {
            perms.add(Collections.unmodifiableMap(perm));
          }
        }
        out.set(number, List.copyOf(perms));
      }
    }
    for (int n = 1; n <= 230; n++) {
      if (out.get(n) == null) {
        out.set(n, List.of(Map.of()));
      }
    }
    return out;
  }
}
