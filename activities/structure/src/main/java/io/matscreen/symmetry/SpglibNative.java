package io.matscreen.symmetry;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * JNA mapping of the parts of spglib 2.0's C API that matscreen uses (lattice as column vectors).
 */
interface SpglibNative extends Library {

  Pointer spgat_get_dataset(
      double[] lattice,
      double[] positions,
      int[] types,
      int numAtoms,
      double symprec,
      double angleToleranceDeg);

  void spg_free_dataset(Pointer dataset);

  int spg_get_symmetry_from_database(int[] rotations, double[] translations, int hallNumber);

  SpacegroupTypeStruct.ByValue spg_get_spacegroup_type(int hallNumber);

  int spg_get_error_code();

  String spg_get_error_message(int code);

  int spg_get_major_version();

  int spg_get_minor_version();

  int spg_get_micro_version();

  /** {@code SpglibDataset} of spglib 2.0.x, field for field. */
  @FieldOrder({
    "spacegroup_number",
    "hall_number",
    "international_symbol",
    "hall_symbol",
    "choice",
    "transformation_matrix",
    "origin_shift",
    "n_operations",
    "rotations",
    "translations",
    "n_atoms",
    "wyckoffs",
    "site_symmetry_symbols",
    "equivalent_atoms",
    "crystallographic_orbits",
    "primitive_lattice",
    "mapping_to_primitive",
    "n_std_atoms",
    "std_lattice",
    "std_types",
    "std_positions",
    "std_rotation_matrix",
    "std_mapping_to_primitive",
    "pointgroup_symbol"
  })
  class DatasetStruct extends Structure {
    public int spacegroup_number;
    public int hall_number;
    public byte[] international_symbol = new byte[11];
    public byte[] hall_symbol = new byte[17];
    public byte[] choice = new byte[6];
    public double[] transformation_matrix = new double[9];
    public double[] origin_shift = new double[3];
    public int n_operations;
    public Pointer rotations;
    public Pointer translations;
    public int n_atoms;
    public Pointer wyckoffs;
    public Pointer site_symmetry_symbols;
    public Pointer equivalent_atoms;
    public Pointer crystallographic_orbits;
    public double[] primitive_lattice = new double[9];
    public Pointer mapping_to_primitive;
    public int n_std_atoms;
    public double[] std_lattice = new double[9];
    public Pointer std_types;
    public Pointer std_positions;
    public double[] std_rotation_matrix = new double[9];
    public Pointer std_mapping_to_primitive;
    public byte[] pointgroup_symbol = new byte[6];

    DatasetStruct(Pointer p) {
      super(p);
      read();
    }
  }

  /** {@code SpglibSpacegroupType} of spglib 2.0.x, field for field. */
  @FieldOrder({
    "number",
    "international_short",
    "international_full",
    "international",
    "schoenflies",
    "hall_number",
    "hall_symbol",
    "choice",
    "pointgroup_international",
    "pointgroup_schoenflies",
    "arithmetic_crystal_class_number",
    "arithmetic_crystal_class_symbol"
  })
  class SpacegroupTypeStruct extends Structure {
    public int number;
    public byte[] international_short = new byte[11];
    public byte[] international_full = new byte[20];
    public byte[] international = new byte[32];
    public byte[] schoenflies = new byte[7];
    public int hall_number;
    public byte[] hall_symbol = new byte[17];
    public byte[] choice = new byte[6];
    public byte[] pointgroup_international = new byte[6];
    public byte[] pointgroup_schoenflies = new byte[4];
    public int arithmetic_crystal_class_number;
    public byte[] arithmetic_crystal_class_symbol = new byte[7];

    /** Returned by value from spg_get_spacegroup_type. */
    public static class ByValue extends SpacegroupTypeStruct implements Structure.ByValue {}
  }

  /** A NUL-terminated C string from a fixed-size char array. */
  static String cString(byte[] bytes) {
    int n = 0;
    while (n < bytes.length && bytes[n] != 0) {
      n++;
    }
    return new String(bytes, 0, n, java.nio.charset.StandardCharsets.US_ASCII).trim();
  }
}
