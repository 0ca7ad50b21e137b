package io.matscreen.hull;

/** Whether an entry's energy per atom is a formation energy or a total energy. */
public enum EnergyKind {
  /** Formation energy per atom (eV/atom) relative to the elements, which sit at 0. */
  FORMATION,
  /** Total energy per atom (eV/atom); a phase diagram then needs elemental references. */
  TOTAL
}
