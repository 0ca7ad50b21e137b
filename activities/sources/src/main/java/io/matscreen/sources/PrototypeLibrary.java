package io.matscreen.sources;

import io.matscreen.sources.Prototype.RoleSite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Textbook prototypes written by the project (diamond, zincblende, wurtzite, rocksalt, ...) with
 * ideal internal coordinates. Cell sizes follow from one bond length, so a substituted prototype
 * starts close to a sensible geometry before relaxation.
 */
public final class PrototypeLibrary {
  private static final Map<String, Prototype> PROTOTYPES = new LinkedHashMap<>();

  static {
    // fcc primitive vectors for a cubic cell of edge 1: (0,1/2,1/2), (1/2,0,1/2), (1/2,1/2,0).
    // Tetrahedral bond d = a*sqrt(3)/4, so for d = 1 the cubic edge is 4/sqrt(3).
    double aTet = 4 / Math.sqrt(3);
    add("diamond", fcc(aTet), List.of(s("A", 0, 0, 0), s("A", .25, .25, .25)), "A", "A");
    add("zincblende", fcc(aTet), List.of(s("A", 0, 0, 0), s("B", .25, .25, .25)), "A", "B");
    // Ideal wurtzite: a = d*sqrt(8/3), c/a = sqrt(8/3), u = 3/8.
    double aW = Math.sqrt(8.0 / 3.0);
    double cW = aW * Math.sqrt(8.0 / 3.0);
    add(
        "wurtzite",
        hexagonal(aW, cW),
        List.of(
            s("A", 1 / 3., 2 / 3., 0),
            s("A", 2 / 3., 1 / 3., .5),
            s("B", 1 / 3., 2 / 3., .375),
            s("B", 2 / 3., 1 / 3., .875)),
        "A",
        "B");
    add(
        "lonsdaleite",
        hexagonal(aW, cW),
        List.of(
            s("A", 1 / 3., 2 / 3., 0),
            s("A", 2 / 3., 1 / 3., .5),
            s("A", 1 / 3., 2 / 3., .375),
            s("A", 2 / 3., 1 / 3., .875)),
        "A",
        "A");
    // 4H polytype (stacking ABCB), four bilayers of spacing a*sqrt(2/3), bond along c = 3/16 c.
    double c4h = 4 * aW * Math.sqrt(2.0 / 3.0);
    add(
        "moissanite-4h",
        hexagonal(aW, c4h),
        List.of(
            s("A", 0, 0, 0),
            s("A", 1 / 3., 2 / 3., .25),
            s("A", 2 / 3., 1 / 3., .5),
            s("A", 1 / 3., 2 / 3., .75),
            s("B", 0, 0, 3 / 16.),
            s("B", 1 / 3., 2 / 3., .25 + 3 / 16.),
            s("B", 2 / 3., 1 / 3., .5 + 3 / 16.),
            s("B", 1 / 3., 2 / 3., .75 + 3 / 16.)),
        "A",
        "B");
    add("rocksalt", fcc(2), List.of(s("A", 0, 0, 0), s("B", .5, .5, .5)), "A", "B");
    add(
        "cesium-chloride",
        cubic(2 / Math.sqrt(3)),
        List.of(s("A", 0, 0, 0), s("B", .5, .5, .5)),
        "A",
        "B");
    // NiAs with c/a = 1.39 (NiAs itself): d = a*sqrt(1/3 + (c/a)^2/16).
    double caNiAs = 1.39;
    double aNiAs = 1 / Math.sqrt(1 / 3. + caNiAs * caNiAs / 16);
    add(
        "nickel-arsenide",
        hexagonal(aNiAs, aNiAs * caNiAs),
        List.of(
            s("A", 0, 0, 0),
            s("A", 0, 0, .5),
            s("B", 1 / 3., 2 / 3., .25),
            s("B", 2 / 3., 1 / 3., .75)),
        "A",
        "B");
    add(
        "fluorite",
        fcc(aTet),
        List.of(s("A", 0, 0, 0), s("B", .25, .25, .25), s("B", .75, .75, .75)),
        "A",
        "B");
    // Rutile with c/a = 0.644 and u = 0.305: the apical A-B bond is u*a*sqrt(2).
    double u = 0.305;
    double aRut = 1 / (u * Math.sqrt(2));
    add(
        "rutile",
        tetragonal(aRut, 0.644 * aRut),
        List.of(
            s("A", 0, 0, 0),
            s("A", .5, .5, .5),
            s("B", u, u, 0),
            s("B", 1 - u, 1 - u, 0),
            s("B", .5 + u, .5 - u, .5),
            s("B", .5 - u, .5 + u, .5)),
        "A",
        "B");
    // L1_2 (Cu3Au): nearest neighbours at a/sqrt(2).
    add(
        "l12",
        cubic(Math.sqrt(2)),
        List.of(s("A", 0, 0, 0), s("B", .5, .5, 0), s("B", .5, 0, .5), s("B", 0, .5, .5)),
        "A",
        "B");
    add(
        "half-heusler",
        fcc(aTet),
        List.of(s("A", 0, 0, 0), s("B", .25, .25, .25), s("C", .5, .5, .5)),
        "A",
        "B");
    add(
        "heusler",
        fcc(aTet),
        List.of(s("A", .25, .25, .25), s("A", .75, .75, .75), s("B", 0, 0, 0), s("C", .5, .5, .5)),
        "A",
        "B");
    // CuAu-like layered ordering of zincblende cations (ABC2): tetragonal a/sqrt(2) x a.
    add(
        "layered-zincblende",
        tetragonal(aTet / Math.sqrt(2), aTet),
        List.of(s("A", 0, 0, 0), s("B", .5, .5, .5), s("C", .5, 0, .25), s("C", 0, .5, .75)),
        "A",
        "C");
    add(
        "perovskite",
        cubic(2),
        List.of(
            s("A", .5, .5, .5),
            s("B", 0, 0, 0),
            s("C", .5, 0, 0),
            s("C", 0, .5, 0),
            s("C", 0, 0, .5)),
        "B",
        "C");
  }

  private PrototypeLibrary() {}

  /** The prototype of this name; throws naming the known ones when there is none. */
  public static Prototype get(String name) {
    Prototype p = PROTOTYPES.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown prototype '" + name + "'; known: " + String.join(", ", names()));
    }
    return p;
  }

  public static List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(PROTOTYPES.keySet()));
  }

  private static void add(
      String name, double[][] lattice, List<RoleSite> sites, String bondA, String bondB) {
    PROTOTYPES.put(name, new Prototype(name, lattice, sites, new String[] {bondA, bondB}));
  }

  private static RoleSite s(String role, double x, double y, double z) {
    return new RoleSite(role, x, y, z);
  }

  private static double[][] fcc(double a) {
    return new double[][] {{0, a / 2, a / 2}, {a / 2, 0, a / 2}, {a / 2, a / 2, 0}};
  }

  private static double[][] cubic(double a) {
    return new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}};
  }

  private static double[][] tetragonal(double a, double c) {
    return new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, c}};
  }

  private static double[][] hexagonal(double a, double c) {
    return new double[][] {{a, 0, 0}, {-a / 2, a * Math.sqrt(3) / 2, 0}, {0, 0, c}};
  }
}
