package io.matscreen.hull;

import io.matscreen.structure.Composition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lower convex hull of formation energy (eV/atom) over the composition simplex of a chemical
 * system of 1 to 8 elements, built from {@link HullEntry entries}, with energy above the hull,
 * decomposition into hull phases and decomposition (phase-separation) energy, as pymatgen's
 * PhaseDiagram defines them.
 *
 * <p>As in pymatgen, only the lowest entry per composition counts, and only compounds with a
 * formation energy below -1e-11 eV/atom and the elemental references can be hull vertices. The
 * vertices are found at build time by testing each candidate against the hull of the others (one
 * small linear program each, see {@link HullLinearProgram}); queries then solve a linear program
 * over the vertices only, which is exact for any composition of the system or of its subsystems and
 * needs no facet enumeration in up to 8 dimensions.
 */
public final class PhaseDiagram {
  /** Maximum number of elements in one chemical system. */
  public static final int MAX_ELEMENTS = 8;

  /** Compounds at or above this formation energy (eV/atom) cannot be vertices (pymatgen's). */
  static final double FORMATION_ENERGY_TOLERANCE = 1e-11;

  /** A candidate within this of the hull of the others (eV/atom) is not a vertex. */
  static final double VERTEX_TOLERANCE = 1e-11;

  /** Decomposition fractions at or below this are dropped (pymatgen's numerical_tol). */
  static final double FRACTION_TOLERANCE = 1e-8;

  private final List<String> elements;
  private final Map<String, Integer> elementIndex;
  private final EnergyKind energyKind;
  private final EnergyFingerprint fingerprint;
  private final Map<EnergyFingerprint, EnergyCorrection> corrections;
  private final List<HullEntry> entries;

  /** Energy per atom of each element's reference (eV/atom, in the entries' kind). */
  private final double[] referenceEnergies;

  /** Lowest entry per composition with Ef < -1e-11, plus the elemental references. */
  private final List<HullEntry> candidates;

  private final HullLinearProgram candidateProgram;

  /** Hull vertices: the stable entries. */
  private final List<HullEntry> stable;

  private final Set<HullEntry> stableSet;
  private final String[] stableFormulas;
  private final int[] stableElementCounts;
  private final HullLinearProgram vertexProgram;

  /**
   * Facets of the lower hull for fast queries, enumerated once the diagram has answered {@link
   * #FACETS_AFTER_QUERIES} queries (a diagram queried a few times, as for one candidate of a rare
   * chemical system, is cheaper with the program alone); null before, or if they could not be
   * enumerated.
   */
  private volatile LowerHullFacets facets;

  /** Whether facet enumeration has been done (successfully or not). */
  private volatile boolean facetsTried;

  /** Queries answered so far, until the facets are enumerated. */
  private final java.util.concurrent.atomic.AtomicInteger queriesBeforeFacets =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Number of queries after which the facets are enumerated. */
  static final int FACETS_AFTER_QUERIES = 32;

  private PhaseDiagram(
      List<String> elements,
      EnergyKind energyKind,
      EnergyFingerprint fingerprint,
      Map<EnergyFingerprint, EnergyCorrection> corrections,
      List<HullEntry> entries) {
    this.elements = List.copyOf(elements);
    this.energyKind = energyKind;
    this.fingerprint = fingerprint;
    this.corrections = corrections;
    this.entries = List.copyOf(entries);
    int n = elements.size();
    elementIndex = new HashMap<>();
    for (int k = 0; k < n; k++) {
      elementIndex.put(elements.get(k), k);
    }

    // Elemental references: the lowest entry of each element; formation energies put an
    // implicit reference at 0.
    referenceEnergies = new double[n];
    HullEntry[] referenceEntries = new HullEntry[n];
    Arrays.fill(referenceEnergies, Double.POSITIVE_INFINITY);
    for (HullEntry e : entries) {
      if (e.isElement()) {
        int k = elementIndex.get(e.composition().elements().first());
        if (e.energyPerAtom() < referenceEnergies[k]) {
          referenceEnergies[k] = e.energyPerAtom();
          referenceEntries[k] = e;
        }
      }
    }
    for (int k = 0; k < n; k++) {
      if (energyKind == EnergyKind.FORMATION && !(referenceEnergies[k] <= 0.0)) {
        referenceEnergies[k] = 0.0;
        referenceEntries[k] =
            HullEntry.ofFormationEnergy(
                "element:" + elements.get(k), Composition.parse(elements.get(k)), 0.0, fingerprint);
      }
      if (referenceEntries[k] == null) {
        throw new MissingReferenceException(elements.get(k));
      }
    }

    // Lowest entry per composition (compositions keyed by their atom fractions).
    Map<String, HullEntry> lowest = new LinkedHashMap<>();
    Map<String, double[]> fractionsByKey = new HashMap<>();
    for (int k = 0; k < n; k++) {
      HullEntry ref = referenceEntries[k];
      double[] x = fractionsOf(ref.composition());
      lowest.put(key(x), ref);
      fractionsByKey.put(key(x), x);
    }
    for (HullEntry e : entries) {
      double[] x = fractionsOf(e.composition());
      String key = key(x);
      HullEntry prev = lowest.get(key);
      if (prev == null || e.energyPerAtom() < prev.energyPerAtom()) {
        lowest.put(key, e);
        fractionsByKey.put(key, x);
      }
    }

    // Hull candidates: the elemental references first (points 0..n-1), then compounds with a
    // negative formation energy.
    candidates = new ArrayList<>();
    List<double[]> candidateFractions = new ArrayList<>();
    List<Double> candidateEnergies = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      candidates.add(referenceEntries[k]);
      double[] x = new double[n];
      x[k] = 1.0;
      candidateFractions.add(x);
      candidateEnergies.add(0.0);
    }
    for (Map.Entry<String, HullEntry> me : lowest.entrySet()) {
      HullEntry e = me.getValue();
      if (e.isElement()) {
        continue;
      }
      double[] x = fractionsByKey.get(me.getKey());
      double ef = e.energyPerAtom() - referenceEnergy(x);
      if (ef < -FORMATION_ENERGY_TOLERANCE) {
        candidates.add(e);
        candidateFractions.add(x);
        candidateEnergies.add(ef);
      }
    }
    candidateProgram = program(n, candidateFractions, candidateEnergies);

    // Vertices: drop each candidate that is not strictly below the hull of the remaining ones.
    // Dropping a non-vertex leaves the hull unchanged, so the survivors are exactly the vertices.
    int m = candidates.size();
    boolean[] dropped = new boolean[m];
    Integer[] order = new Integer[m - n];
    for (int q = n; q < m; q++) {
      order[q - n] = q;
    }
    // Highest formation energy first: those are the likeliest to drop, shrinking later programs.
    Arrays.sort(order, Comparator.comparingDouble((Integer q) -> -candidateProgram.energies[q]));
    for (int q : order) {
      dropped[q] = true;
      double[] x = candidateFractions.get(q);
      HullLinearProgram.Solution s = candidateProgram.solve(x, candidateProgram.masks[q], dropped);
      if (candidateProgram.energies[q] < s.energy - VERTEX_TOLERANCE) {
        dropped[q] = false;
      }
    }
    stable = new ArrayList<>();
    List<double[]> vf = new ArrayList<>();
    List<Double> ve = new ArrayList<>();
    for (int q = 0; q < m; q++) {
      if (!dropped[q]) {
        stable.add(candidates.get(q));
        vf.add(candidateFractions.get(q));
        ve.add(candidateEnergies.get(q));
      }
    }
    vertexProgram = program(n, vf, ve);
    // Identity, not equality: the "own stable entry" shortcut must not hash compositions.
    stableSet = Collections.newSetFromMap(new IdentityHashMap<>());
    stableSet.addAll(stable);
    stableFormulas = new String[stable.size()];
    stableElementCounts = new int[stable.size()];
    for (int i = 0; i < stable.size(); i++) {
      stableFormulas[i] = ReducedFormula.of(stable.get(i).composition());
      stableElementCounts[i] = stable.get(i).composition().numElements();
    }
  }

  /** Builds the phase diagram of entries that all share one energy fingerprint and kind. */
  public static PhaseDiagram build(Collection<HullEntry> entries) {
    return build(entries, List.of());
  }

  /**
   * Builds the phase diagram; entries with different fingerprints are allowed only when the
   * declared corrections map all of them onto one fingerprint, and are corrected before use.
   *
   * @throws HullException with a message naming the problem (no entries, too many elements, mixed
   *     formation and total energies, a {@link MissingReferenceException missing elemental
   *     reference}, {@link IncompatibleEnergiesException incompatible fingerprints})
   */
  public static PhaseDiagram build(
      Collection<HullEntry> entries, Collection<? extends EnergyCorrection> corrections) {
    if (entries.isEmpty()) {
      throw new HullException("a phase diagram needs at least one entry");
    }
    Set<EnergyKind> kinds = new LinkedHashSet<>();
    TreeSet<String> elementSet = new TreeSet<>();
    Map<EnergyFingerprint, Integer> fingerprintCounts = new LinkedHashMap<>();
    for (HullEntry e : entries) {
      kinds.add(e.energyKind());
      elementSet.addAll(e.composition().elements());
      fingerprintCounts.merge(e.fingerprint(), 1, Integer::sum);
    }
    if (kinds.size() > 1) {
      throw new HullException(
          "entries mix formation and total energies per atom; use one kind for a phase diagram");
    }
    if (elementSet.size() > MAX_ELEMENTS) {
      throw new HullException(
          "chemical system "
              + String.join("-", elementSet)
              + " has "
              + elementSet.size()
              + " elements; at most "
              + MAX_ELEMENTS
              + " are supported");
    }
    EnergyFingerprint target = chooseFingerprint(fingerprintCounts, corrections);
    Map<EnergyFingerprint, EnergyCorrection> used = new HashMap<>();
    for (EnergyCorrection c : corrections) {
      if (c.to().equals(target)) {
        used.putIfAbsent(c.from(), c);
      }
    }
    List<HullEntry> corrected = new ArrayList<>(entries.size());
    for (HullEntry e : entries) {
      corrected.add(e.fingerprint().equals(target) ? e : used.get(e.fingerprint()).apply(e));
    }
    return new PhaseDiagram(
        new ArrayList<>(elementSet), kinds.iterator().next(), target, Map.copyOf(used), corrected);
  }

  private static EnergyFingerprint chooseFingerprint(
      Map<EnergyFingerprint, Integer> counts, Collection<? extends EnergyCorrection> corrections) {
    if (counts.size() == 1) {
      return counts.keySet().iterator().next();
    }
    List<EnergyFingerprint> targets = new ArrayList<>(counts.keySet());
    targets.sort(Comparator.comparingInt((EnergyFingerprint f) -> -counts.get(f)));
    for (EnergyCorrection c : corrections) {
      if (!targets.contains(c.to())) {
        targets.add(c.to());
      }
    }
    for (EnergyFingerprint t : targets) {
      boolean all = true;
      for (EnergyFingerprint f : counts.keySet()) {
        if (!f.equals(t)
            && corrections.stream().noneMatch(c -> c.from().equals(f) && c.to().equals(t))) {
          all = false;
          break;
        }
      }
      if (all) {
        return t;
      }
    }
    throw new IncompatibleEnergiesException(
        counts.keySet(),
        corrections.isEmpty()
            ? "no energy correction was declared"
            : "the declared corrections do not map them onto one fingerprint");
  }

  private static HullLinearProgram program(int n, List<double[]> fractions, List<Double> energies) {
    int m = energies.size();
    double[] f = new double[m * n];
    double[] e = new double[m];
    int[] masks = new int[m];
    for (int q = 0; q < m; q++) {
      double[] x = fractions.get(q);
      System.arraycopy(x, 0, f, q * n, n);
      e[q] = energies.get(q);
      masks[q] = maskOf(x);
    }
    int[] elementPoint = new int[n];
    for (int k = 0; k < n; k++) {
      elementPoint[k] = k; // the elemental references are always the first n points
    }
    return new HullLinearProgram(n, f, e, masks, elementPoint);
  }

  private static int maskOf(double[] x) {
    int mask = 0;
    for (int k = 0; k < x.length; k++) {
      if (x[k] > 0) {
        mask |= 1 << k;
      }
    }
    return mask;
  }

  private static String key(double[] x) {
    StringBuilder sb = new StringBuilder();
    for (double v : x) {
      sb.append(Math.round(v * 1e9)).append(',');
    }
    return sb.toString();
  }

  private double[] fractionsOf(Composition c) {
    double[] x = new double[elements.size()];
    double total = 0;
    for (Map.Entry<String, Double> e : c.amounts().entrySet()) {
      Integer k = elementIndex.get(e.getKey());
      if (k == null) {
        throw new HullException(
            "composition "
                + c
                + " has "
                + e.getKey()
                + ", which is not in the chemical system "
                + String.join("-", elements));
      }
      x[k] += e.getValue();
      total += e.getValue();
    }
    for (int k = 0; k < x.length; k++) {
      x[k] /= total;
    }
    return x;
  }

  private double referenceEnergy(double[] x) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      if (x[k] != 0) {
        s += x[k] * referenceEnergies[k];
      }
    }
    return s;
  }

  /** The elements of the chemical system, sorted alphabetically. */
  public List<String> elements() {
    return elements;
  }

  /** Whether the entries' energies are formation or total energies. */
  public EnergyKind energyKind() {
    return energyKind;
  }

  /** The common fingerprint of the (corrected) entries. */
  public EnergyFingerprint fingerprint() {
    return fingerprint;
  }

  /** All entries as given (after declared corrections). */
  public List<HullEntry> entries() {
    return entries;
  }

  /** The entries on the hull (its vertices), elemental references included. */
  public List<HullEntry> stableEntries() {
    return Collections.unmodifiableList(stable);
  }

  /** Energy per atom of an element's reference entry (eV/atom, in the entries' kind). */
  public double referenceEnergyPerAtom(String element) {
    Integer k = elementIndex.get(element);
    if (k == null) {
      throw new HullException(
          element + " is not in the chemical system " + String.join("-", elements));
    }
    return referenceEnergies[k];
  }

  /** Formation energy per atom (eV/atom) of an entry relative to this diagram's references. */
  public double formationEnergyPerAtom(HullEntry entry) {
    HullEntry e = comparable(entry);
    return e.energyPerAtom() - referenceEnergy(fractionsOf(e.composition()));
  }

  /** The hull's energy per atom at a composition, in the entries' kind (eV/atom). */
  public double hullEnergyPerAtom(Composition composition) {
    double[] x = fractionsOf(composition);
    return hullAt(x).energy + referenceEnergy(x);
  }

  /** Barycentric coordinates below this make a facet answer fall back to the linear program. */
  private static final double BARYCENTRIC_TOLERANCE = 1e-9;

  /** The hull at atom fractions x: from the facets when they answer cleanly, else the program. */
  private HullLinearProgram.Solution hullAt(double[] x) {
    LowerHullFacets facets = this.facets;
    if (facets == null
        && !facetsTried
        && queriesBeforeFacets.incrementAndGet() > FACETS_AFTER_QUERIES) {
      facets = facets();
    }
    if (facets != null) {
      int n = x.length;
      double[] lambda = new double[n];
      int f = facets.locate(x, lambda, BARYCENTRIC_TOLERANCE);
      if (f >= 0) {
        int[] basis = Arrays.copyOfRange(facets.vertices, f * n, f * n + n);
        double energy = 0;
        for (int i = 0; i < n; i++) {
          energy += vertexProgram.energies[basis[i]] * lambda[i];
        }
        return new HullLinearProgram.Solution(basis, lambda, energy);
      }
    }
    return vertexProgram.solve(x, maskOf(x), null);
  }

  /** {@link #eAboveHull(Composition, double)} answered by the linear program alone (for tests). */
  HullPoint eAboveHullByProgram(Composition composition, double energyPerAtom) {
    double[] x = fractionsOf(composition);
    double ef = energyPerAtom - referenceEnergy(x);
    HullLinearProgram.Solution s = vertexProgram.solve(x, maskOf(x), null);
    return point(ef - s.energy, s, stableFormulas, stableElementCounts);
  }

  /** Whether the facets answer a query at this composition without the program (for tests). */
  boolean answeredByFacets(Composition composition) {
    double[] x = fractionsOf(composition);
    LowerHullFacets facets = facets();
    return facets != null && facets.locate(x, new double[x.length], BARYCENTRIC_TOLERANCE) >= 0;
  }

  /** Number of lower-hull facets enumerated for fast queries (0 if the program answers all). */
  int facetCount() {
    LowerHullFacets facets = facets();
    return facets == null ? 0 : facets.count;
  }

  /** The facets, enumerated now if they have not been yet (once, whichever thread asks first). */
  private LowerHullFacets facets() {
    if (!facetsTried) {
      synchronized (this) {
        if (!facetsTried) {
          facets = LowerHullFacets.enumerate(vertexProgram);
          facetsTried = true;
        }
      }
    }
    return facets;
  }

  /**
   * Energy above the hull of a phase with this composition and energy per atom (eV/atom, in the
   * entries' kind: formation or total) and its decomposition into hull phases.
   */
  public HullPoint eAboveHull(Composition composition, double energyPerAtom) {
    double[] x = fractionsOf(composition);
    double ef = energyPerAtom - referenceEnergy(x);
    HullLinearProgram.Solution s = hullAt(x);
    return point(ef - s.energy, s, stableFormulas, stableElementCounts);
  }

  /**
   * Energy above the hull of an entry; 0 for the diagram's own stable entries. The entry must be of
   * the diagram's kind and fingerprint (or mapped onto it by a declared correction).
   */
  public HullPoint eAboveHull(HullEntry entry) {
    HullEntry e = comparable(entry);
    if (stableSet.contains(e)) {
      double ef = e.energyPerAtom() - referenceEnergy(fractionsOf(e.composition()));
      return new HullPoint(0.0, ef, Map.of(ReducedFormula.of(e.composition()), 1.0));
    }
    return eAboveHull(e.composition(), e.energyPerAtom());
  }

  /**
   * pymatgen's phase-separation (decomposition) energy, eV/atom: for an entry at the composition of
   * a stable compound, its energy minus the hull built from all other compositions of its subsystem
   * (negative for a stable entry: how far it lies below the competing phases); for an element or an
   * entry at any other composition, its energy above the hull.
   */
  public double decompositionEnergy(HullEntry entry) {
    return phaseSeparation(entry).eAboveHullEv();
  }

  /** {@link #decompositionEnergy} with the competing decomposition (hull phases and fractions). */
  public HullPoint phaseSeparation(HullEntry entry) {
    HullEntry e = comparable(entry);
    if (e.isElement()) {
      return eAboveHull(e.composition(), e.energyPerAtom());
    }
    double[] x = fractionsOf(e.composition());
    int mask = maskOf(x);
    boolean[] sameComposition = new boolean[candidates.size()];
    boolean stableComposition = false;
    for (int q = elements.size(); q < candidates.size(); q++) {
      if (candidateProgram.masks[q] == mask && sameFractions(q, x)) {
        sameComposition[q] = true;
        stableComposition |= stableSet.contains(candidates.get(q));
      }
    }
    if (!stableComposition) {
      return eAboveHull(e.composition(), e.energyPerAtom());
    }
    HullLinearProgram.Solution s = candidateProgram.solve(x, mask, sameComposition);
    String[] formulas = new String[candidates.size()];
    int[] counts = new int[candidates.size()];
    for (int i = 0; i < s.basis.length; i++) {
      Composition c = candidates.get(s.basis[i]).composition();
      formulas[s.basis[i]] = ReducedFormula.of(c);
      counts[s.basis[i]] = c.numElements();
    }
    double ef = e.energyPerAtom() - referenceEnergy(x);
    return point(ef - s.energy, s, formulas, counts);
  }

  private boolean sameFractions(int q, double[] x) {
    int off = q * x.length;
    for (int k = 0; k < x.length; k++) {
      if (Math.abs(candidateProgram.fractions[off + k] - x[k]) > 1e-8) {
        return false;
      }
    }
    return true;
  }

  private static HullPoint point(
      double eAboveHull, HullLinearProgram.Solution s, String[] formulas, int[] elementCounts) {
    int n = s.basis.length;
    int[] order = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (s.lambda[i] > FRACTION_TOLERANCE) {
        // Insertion sort (n <= 8): largest fraction first, then compounds before elements, then
        // formula, so that equal decompositions always print alike.
        int j = count++;
        while (j > 0 && before(s, i, order[j - 1], formulas, elementCounts)) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = i;
      }
    }
    Map<String, Double> decomposition = new LinkedHashMap<>();
    for (int j = 0; j < count; j++) {
      int i = order[j];
      decomposition.put(formulas[s.basis[i]], s.lambda[i]);
    }
    return new HullPoint(eAboveHull, s.energy, decomposition);
  }

  private static boolean before(
      HullLinearProgram.Solution s, int a, int b, String[] formulas, int[] elementCounts) {
    if (s.lambda[a] != s.lambda[b]) {
      return s.lambda[a] > s.lambda[b];
    }
    int ca = elementCounts[s.basis[a]];
    int cb = elementCounts[s.basis[b]];
    if (ca != cb) {
      return ca > cb;
    }
    return formulas[s.basis[a]].compareTo(formulas[s.basis[b]]) < 0;
  }

  private HullEntry comparable(HullEntry entry) {
    if (entry.energyKind() != energyKind) {
      throw new HullException(
          "entry "
              + entry.id()
              + " has a "
              + entry.energyKind().name().toLowerCase()
              + " energy but this phase diagram holds "
              + energyKind.name().toLowerCase()
              + " energies");
    }
    if (entry.fingerprint().equals(fingerprint)) {
      return entry;
    }
    EnergyCorrection c = corrections.get(entry.fingerprint());
    if (c == null) {
      throw new IncompatibleEnergiesException(
          Set.of(entry.fingerprint(), fingerprint),
          "entry " + entry.id() + " cannot be placed on this hull without a declared correction");
    }
    return c.apply(entry);
  }

  @Override
  public String toString() {
    return "PhaseDiagram["
        + String.join("-", elements)
        + ", "
        + entries.size()
        + " entries, "
        + stable.size()
        + " stable]";
  }
}
