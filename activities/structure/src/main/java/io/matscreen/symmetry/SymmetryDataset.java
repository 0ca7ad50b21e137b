package io.matscreen.symmetry;

import io.matscreen.structure.Lattice;
import io.matscreen.structure.Structure;
import java.util.List;

/**
 * What spglib found for one structure at given tolerances: the space group, its operations in the
 * input cell, Wyckoff letters and site symmetries per input site, equivalent atoms, and the
 * standardised conventional and primitive cells (lengths in Angstrom).
 */
public final class SymmetryDataset {
  private final double symprecAngstrom;
  private final double angleToleranceDeg;
  private final int spacegroupNumber;
  private final int hallNumber;
  private final String internationalSymbol;
  private final String hallSymbol;
  private final String choice;
  private final String pointGroupSymbol;
  private final double[][] transformationMatrix;
  private final double[] originShift;
  private final List<SymmetryOperation> operations;
  private final List<String> wyckoffLetters;
  private final List<String> siteSymmetrySymbols;
  private final int[] equivalentAtoms;
  private final int[] crystallographicOrbits;
  private final int[] mappingToPrimitive;
  private final Structure primitiveCell;
  private final Structure standardizedCell;
  private final double[][] standardizedRotationMatrix;
  private final int[] standardizedMappingToPrimitive;

  SymmetryDataset(
      double symprecAngstrom,
      double angleToleranceDeg,
      int spacegroupNumber,
      int hallNumber,
      String internationalSymbol,
      String hallSymbol,
      String choice,
      String pointGroupSymbol,
      double[][] transformationMatrix,
      double[] originShift,
      List<SymmetryOperation> operations,
      List<String> wyckoffLetters,
      List<String> siteSymmetrySymbols,
      int[] equivalentAtoms,
      int[] crystallographicOrbits,
      int[] mappingToPrimitive,
      Structure primitiveCell,
      Structure standardizedCell,
      double[][] standardizedRotationMatrix,
      int[] standardizedMappingToPrimitive) {
    this.symprecAngstrom = symprecAngstrom;
    this.angleToleranceDeg = angleToleranceDeg;
    this.spacegroupNumber = spacegroupNumber;
    this.hallNumber = hallNumber;
    this.internationalSymbol = internationalSymbol;
    this.hallSymbol = hallSymbol;
    this.choice = choice;
    this.pointGroupSymbol = pointGroupSymbol;
    this.transformationMatrix = transformationMatrix;
    this.originShift = originShift;
    this.operations = List.copyOf(operations);
    this.wyckoffLetters = List.copyOf(wyckoffLetters);
    this.siteSymmetrySymbols = List.copyOf(siteSymmetrySymbols);
    this.equivalentAtoms = equivalentAtoms;
    this.crystallographicOrbits = crystallographicOrbits;
    this.mappingToPrimitive = mappingToPrimitive;
    this.primitiveCell = primitiveCell;
    this.standardizedCell = standardizedCell;
    this.standardizedRotationMatrix = standardizedRotationMatrix;
    this.standardizedMappingToPrimitive = standardizedMappingToPrimitive;
  }

  /** Distance tolerance used, Angstrom. */
  public double symprecAngstrom() {
    return symprecAngstrom;
  }

  /** Angle tolerance used, degrees (negative: spglib's default). */
  public double angleToleranceDeg() {
    return angleToleranceDeg;
  }

  /** International Tables number, 1–230. */
  public int spacegroupNumber() {
    return spacegroupNumber;
  }

  /** spglib's Hall-setting index, 1–530. */
  public int hallNumber() {
    return hallNumber;
  }

  /** Short Hermann–Mauguin symbol as spglib writes it, e.g. "Fm-3m", "P6_3/mmc". */
  public String internationalSymbol() {
    return internationalSymbol;
  }

  public String hallSymbol() {
    return hallSymbol;
  }

  /** Setting choice ("1", "2", "H", "R", "b1", …) or "". */
  public String choice() {
    return choice;
  }

  public String pointGroupSymbol() {
    return pointGroupSymbol;
  }

  /** Crystal system name, e.g. "cubic". */
  public String crystalSystem() {
    return SpacegroupType.crystalSystem(spacegroupNumber);
  }

  /** Matrix P taking the input basis to the standardised one (spglib's convention), copy. */
  public double[][] transformationMatrix() {
    return copy(transformationMatrix);
  }

  /** Origin shift p of the standardisation (fractions of the standardised cell), copy. */
  public double[] originShift() {
    return originShift.clone();
  }

  /** Space-group operations in the input cell's fractional coordinates. */
  public List<SymmetryOperation> operations() {
    return operations;
  }

  /** Wyckoff letter of each input site ("a"… "z", "A" for alpha), in the standard setting. */
  public List<String> wyckoffLetters() {
    return wyckoffLetters;
  }

  /** Site-symmetry symbol of each input site, e.g. "m-3m". */
  public List<String> siteSymmetrySymbols() {
    return siteSymmetrySymbols;
  }

  /** For each input site, the index of the first site of its symmetry orbit; copy. */
  public int[] equivalentAtoms() {
    return equivalentAtoms.clone();
  }

  /** Orbit index of each input site (equivalence in the primitive cell); copy. */
  public int[] crystallographicOrbits() {
    return crystallographicOrbits.clone();
  }

  /** For each input site, the index of its site in {@link #primitiveCell()}; copy. */
  public int[] mappingToPrimitive() {
    return mappingToPrimitive.clone();
  }

  /** A primitive cell in the input's Cartesian frame (not idealised). */
  public Structure primitiveCell() {
    return primitiveCell;
  }

  /** Lattice of {@link #primitiveCell()}. */
  public Lattice primitiveLattice() {
    return primitiveCell.lattice();
  }

  /** The standardised conventional cell (idealised, rotated into spglib's standard frame). */
  public Structure standardizedCell() {
    return standardizedCell;
  }

  /** Rotation from the input Cartesian frame to the standardised one; copy. */
  public double[][] standardizedRotationMatrix() {
    return copy(standardizedRotationMatrix);
  }

  /** For each standardised-cell site, the index of its primitive-cell site; copy. */
  public int[] standardizedMappingToPrimitive() {
    return standardizedMappingToPrimitive.clone();
  }

  private static double[][] copy(double[][] m) {
    return new double[][] {m[0].clone(), m[1].clone(), m[2].clone()};
  }

  @Override
  public String toString() {
    return internationalSymbol + " (" + spacegroupNumber + "), Hall " + hallNumber;
  }
}
