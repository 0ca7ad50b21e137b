package io.matscreen.symmetry;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.matscreen.structure.Lattice;
import io.matscreen.structure.Site;
import io.matscreen.structure.Structure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symmetry analysis with spglib (the C library, through JNA): datasets of structures, space-group
 * operations of a Hall setting and space-group types. Thread-safe.
 */
public final class SpglibSymmetry {
  /** Default distance tolerance, Angstrom (the Materials Project's, used for Wren). */
  public static final double DEFAULT_SYMPREC_ANGSTROM = 0.1;

  /** Default angle tolerance, degrees. */
  public static final double DEFAULT_ANGLE_TOLERANCE_DEG = 5.0;

  static final String INSTALL_HINT =
      "spglib (libsymspg) could not be loaded. Install it: on Debian/Ubuntu `apt-get install"
          + " libsymspg1`; elsewhere `conda install -c conda-forge spglib` and start Java with"
          + " -Djna.library.path=$CONDA_PREFIX/lib (the directory holding libsymspg.so).";

  private static final String[] LIBRARY_NAMES = {
    "symspg", "libsymspg.so.1", "libsymspg.so.2", "libsymspg.so"
  };

  private SpglibSymmetry() {}

  /** Lazily loaded library, so that classes that merely mention symmetry load without spglib. */
  private static final class Holder {
    static final SpglibNative LIB;
    static final SpglibUnavailableException FAILURE;

    static {
      SpglibNative lib = null;
      SpglibUnavailableException failure = null;
      try {
        lib = load(LIBRARY_NAMES);
      } catch (SpglibUnavailableException e) {
        failure = e;
      }
      LIB = lib;
      FAILURE = failure;
    }
  }

  /** Loads the first of the named libraries that JNA finds, or says how to install spglib. */
  static SpglibNative load(String... names) {
    UnsatisfiedLinkError first = null;
    for (String name : names) {
      try {
        return Native.load(name, SpglibNative.class);
      } catch (UnsatisfiedLinkError e) {
        if (first == null) {
          first = e;
        }
      }
    }
    throw new SpglibUnavailableException(
        INSTALL_HINT + " (tried " + String.join(", ", names) + ")", first);
  }

  static SpglibNative lib() {
    if (Holder.LIB == null) {
      throw Holder.FAILURE;
    }
    return Holder.LIB;
  }

  /** True when the spglib library can be loaded. */
  public static boolean isAvailable() {
    return Holder.LIB != null;
  }

  /** The loaded spglib version, e.g. "2.0.2". */
  public static String version() {
    SpglibNative l = lib();
    return l.spg_get_major_version()
        + "."
        + l.spg_get_minor_version()
        + "."
        + l.spg_get_micro_version();
  }

  /** Symmetry dataset with the default tolerances (0.1 Å, 5°). */
  public static SymmetryDataset analyze(Structure s) {
    return analyze(s, DEFAULT_SYMPREC_ANGSTROM, DEFAULT_ANGLE_TOLERANCE_DEG);
  }

  /**
   * The symmetry dataset of a structure. Sites with different species (or occupancies) are
   * different atom types; disordered sites are treated as their own types.
   *
   * @param symprecAngstrom distance tolerance, Angstrom, > 0
   * @param angleToleranceDeg angle tolerance in degrees; negative lets spglib choose
   * @throws SymmetryException when spglib finds no space group (e.g. overlapping atoms)
   */
  public static SymmetryDataset analyze(
      Structure s, double symprecAngstrom, double angleToleranceDeg) {
    if (!(symprecAngstrom > 0) || Double.isInfinite(symprecAngstrom)) {
      throw new IllegalArgumentException(
          "symprec must be a positive distance in Angstrom: " + symprecAngstrom);
    }
    SpglibNative l = lib();
    int n = s.numSites();
    double[][] rows = s.lattice().matrix();
    double[] lattice = toColumns(rows);
    double[] positions = new double[3 * n];
    int[] types = new int[n];
    List<Map<String, Double>> distinct = s.distinctSpecies();
    for (int i = 0; i < n; i++) {
      Site site = s.site(i);
      for (int k = 0; k < 3; k++) {
        positions[3 * i + k] = site.frac(k);
      }
      types[i] = distinct.indexOf(site.species()) + 1;
    }
    Pointer p =
        l.spgat_get_dataset(lattice, positions, types, n, symprecAngstrom, angleToleranceDeg);
    if (p == null) {
      int code = l.spg_get_error_code();
      throw new SymmetryException(
          "spglib found no space group (symprec "
              + symprecAngstrom
              + " Å, angle tolerance "
              + angleToleranceDeg
              + "°): "
              + l.spg_get_error_message(code));
    }
    try {
      SpglibNative.DatasetStruct d = new SpglibNative.DatasetStruct(p);
      if (d.spacegroup_number == 0) {
        int code = l.spg_get_error_code();
        throw new SymmetryException(
            "spglib found no space group (symprec "
                + symprecAngstrom
                + " Å): "
                + l.spg_get_error_message(code));
      }
      return toDataset(s, distinct, d, symprecAngstrom, angleToleranceDeg);
    } finally {
      l.spg_free_dataset(p);
    }
  }

  private static SymmetryDataset toDataset(
      Structure s,
      List<Map<String, Double>> distinct,
      SpglibNative.DatasetStruct d,
      double symprec,
      double angleTol) {
    int n = d.n_atoms;
    int nops = d.n_operations;
    int[] rot = d.rotations.getIntArray(0, 9 * nops);
    double[] tr = d.translations.getDoubleArray(0, 3 * nops);
    List<SymmetryOperation> ops = new ArrayList<>(nops);
    for (int k = 0; k < nops; k++) {
      ops.add(operation(rot, tr, k));
    }
    int[] wyckoffs = d.wyckoffs.getIntArray(0, n);
    List<String> letters = new ArrayList<>(n);
    for (int w : wyckoffs) {
      letters.add(wyckoffLetter(w));
    }
    List<String> siteSymmetry = new ArrayList<>(n);
    byte[] sym = d.site_symmetry_symbols.getByteArray(0, 7 * n);
    for (int i = 0; i < n; i++) {
      byte[] one = new byte[7];
      System.arraycopy(sym, 7 * i, one, 0, 7);
      siteSymmetry.add(SpglibNative.cString(one));
    }
    int[] equivalent = d.equivalent_atoms.getIntArray(0, n);
    int[] orbits = d.crystallographic_orbits.getIntArray(0, n);
    int[] toPrimitive = d.mapping_to_primitive.getIntArray(0, n);

    Lattice primitiveLattice = new Lattice(fromColumns(d.primitive_lattice));
    int nPrimitive = 0;
    for (int m : toPrimitive) {
      nPrimitive = Math.max(nPrimitive, m + 1);
    }
    Site[] primitiveSites = new Site[nPrimitive];
    for (int i = 0; i < n; i++) {
      int m = toPrimitive[i];
      if (primitiveSites[m] == null) {
        double[] f = primitiveLattice.fractional(s.lattice().cartesian(s.site(i).frac()));
        for (int k = 0; k < 3; k++) {
          f[k] -= Math.floor(f[k]);
        }
        primitiveSites[m] = s.site(i).withFrac(f);
      }
    }
    Structure primitive = new Structure(primitiveLattice, List.of(primitiveSites));

    int nStd = d.n_std_atoms;
    int[] stdTypes = d.std_types.getIntArray(0, nStd);
    double[] stdPos = d.std_positions.getDoubleArray(0, 3 * nStd);
    Lattice stdLattice = new Lattice(fromColumns(d.std_lattice));
    List<Site> stdSites = new ArrayList<>(nStd);
    Map<Integer, String> labelOfType = new HashMap<>();
    for (int i = 0; i < n; i++) {
      labelOfType.putIfAbsent(distinct.indexOf(s.site(i).species()) + 1, s.site(i).label());
    }
    for (int i = 0; i < nStd; i++) {
      int t = stdTypes[i];
      stdSites.add(
          new Site(
              distinct.get(t - 1),
              new double[] {stdPos[3 * i], stdPos[3 * i + 1], stdPos[3 * i + 2]},
              labelOfType.get(t)));
    }
    Structure std = new Structure(stdLattice, stdSites);
    int[] stdToPrimitive = d.std_mapping_to_primitive.getIntArray(0, nStd);

    return new SymmetryDataset(
        symprec,
        angleTol,
        d.spacegroup_number,
        d.hall_number,
        SpglibNative.cString(d.international_symbol),
        SpglibNative.cString(d.hall_symbol),
        SpglibNative.cString(d.choice),
        SpglibNative.cString(d.pointgroup_symbol),
        rowMajor(d.transformation_matrix),
        d.origin_shift.clone(),
        ops,
        letters,
        siteSymmetry,
        equivalent,
        orbits,
        toPrimitive,
        primitive,
        std,
        rowMajor(d.std_rotation_matrix),
        stdToPrimitive);
  }

  /**
   * Wyckoff letter for spglib's index: 0–25 are "a"–"z", 26 is alpha, written "A" as aviary does.
   */
  static String wyckoffLetter(int index) {
    if (index >= 0 && index < 26) {
      return String.valueOf((char) ('a' + index));
    }
    if (index == 26) {
      return "A";
    }
    throw new SymmetryException("spglib returned an unknown Wyckoff index " + index);
  }

  /** The space-group operations of a Hall setting (1–530) from spglib's database. */
  public static List<SymmetryOperation> operationsOfHallNumber(int hallNumber) {
    if (hallNumber < 1 || hallNumber > 530) {
      throw new IllegalArgumentException("Hall number must be 1-530: " + hallNumber);
    }
    int[] rot = new int[192 * 9];
    double[] tr = new double[192 * 3];
    int count = lib().spg_get_symmetry_from_database(rot, tr, hallNumber);
    if (count <= 0) {
      throw new SymmetryException("spglib has no operations for Hall number " + hallNumber);
    }
    List<SymmetryOperation> ops = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      ops.add(operation(rot, tr, k));
    }
    return ops;
  }

  /** The space-group type of a Hall setting (1–530) from spglib's database. */
  public static SpacegroupType spacegroupType(int hallNumber) {
    if (hallNumber < 1 || hallNumber > 530) {
      throw new IllegalArgumentException("Hall number must be 1-530: " + hallNumber);
    }
    return SpacegroupTypes.ALL.get(hallNumber - 1);
  }

  /** All 530 Hall settings, read once from spglib. */
  static final class SpacegroupTypes {
    static final List<SpacegroupType> ALL = load();

    private static List<SpacegroupType> load() {
      SpglibNative l = lib();
      List<SpacegroupType> out = new ArrayList<>(530);
      for (int h = 1; h <= 530; h++) {
        SpglibNative.SpacegroupTypeStruct t = l.spg_get_spacegroup_type(h);
        out.add(
            new SpacegroupType(
                t.number,
                h,
                SpglibNative.cString(t.international_short),
                SpglibNative.cString(t.international_full),
                SpglibNative.cString(t.international),
                SpglibNative.cString(t.hall_symbol),
                SpglibNative.cString(t.choice),
                SpglibNative.cString(t.schoenflies)));
      }
      return List.copyOf(out);
    }
  }

  /** All 530 Hall settings of spglib's database, in Hall-number order. */
  public static List<SpacegroupType> allSpacegroupTypes() {
    return SpacegroupTypes.ALL;
  }

  private static SymmetryOperation operation(int[] rot, double[] tr, int k) {
    int[][] r = new int[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = rot[9 * k + 3 * i + j];
      }
    }
    return new SymmetryOperation(r, new double[] {tr[3 * k], tr[3 * k + 1], tr[3 * k + 2]});
  }

  /** spglib wants basis vectors as columns: element [i][j] is component i of vector j. */
  private static double[] toColumns(double[][] rows) {
    double[] out = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        out[3 * i + j] = rows[j][i];
      }
    }
    return out;
  }

  private static double[][] fromColumns(double[] columns) {
    double[][] rows = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        rows[j][i] = columns[3 * i + j];
      }
    }
    return rows;
  }

  private static double[][] rowMajor(double[] flat) {
    return new double[][] {
      {flat[0], flat[1], flat[2]}, {flat[3], flat[4], flat[5]}, {flat[6], flat[7], flat[8]}
    };
  }
}
