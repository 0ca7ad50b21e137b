package io.matscreen.dft.vasp;

import java.util.Map;
import java.util.Set;

/**
 * The Materials Project relaxation parameters that {@link VaspMpRelaxInputSet} follows: POTCAR
 * variant per element, default initial magnetic moments (mu_B) and the Hubbard U values (eV, on d
 * states) applied to oxides and fluorides of eight transition metals.
 */
final class MpRelaxParameters {
  private MpRelaxParameters() {}

  /** Plane-wave cutoff in eV. */
  static final double ENCUT_EV = 520;

  /** EDIFF per atom in eV. */
  static final double EDIFF_PER_ATOM_EV = 5e-5;

  /** k-points per reciprocal volume (1/Angstrom^3, 2 pi included). */
  static final double RECIPROCAL_DENSITY = 64;

  /** Initial magnetic moment for elements not listed in {@link #MAGMOM}. */
  static final double DEFAULT_MAGMOM = 0.6;

  /** Anions that switch on +U. */
  static final Set<String> U_ANIONS = Set.of("O", "F");

  /** Hubbard U (eV) of the MP GGA+U scheme, the same for oxides and fluorides. */
  static final Map<String, Double> HUBBARD_U =
      Map.of(
          "Co", 3.32, "Cr", 3.7, "Fe", 5.3, "Mn", 3.9, "Mo", 4.38, "Ni", 6.2, "V", 3.25, "W", 6.2);

  /** Default initial moments (neutral elements) in mu_B. */
  static final Map<String, Double> MAGMOM =
      Map.ofEntries(
          Map.entry("Ce", 5.0),
          Map.entry("Co", 0.6),
          Map.entry("Cr", 5.0),
          Map.entry("Eu", 10.0),
          Map.entry("Fe", 5.0),
          Map.entry("Mn", 5.0),
          Map.entry("Mo", 5.0),
          Map.entry("Ni", 5.0),
          Map.entry("V", 5.0),
          Map.entry("W", 5.0));

  /** POTCAR variant per element (PAW_PBE set). */
  static final Map<String, String> POTCAR =
      Map.ofEntries(
          Map.entry("Ac", "Ac"),
          Map.entry("Ag", "Ag"),
          Map.entry("Al", "Al"),
          Map.entry("Ar", "Ar"),
          Map.entry("As", "As"),
          Map.entry("Au", "Au"),
          Map.entry("B", "B"),
          Map.entry("Ba", "Ba_sv"),
          Map.entry("Be", "Be_sv"),
          Map.entry("Bi", "Bi"),
          Map.entry("Br", "Br"),
          Map.entry("C", "C"),
          Map.entry("Ca", "Ca_sv"),
          Map.entry("Cd", "Cd"),
          Map.entry("Ce", "Ce"),
          Map.entry("Cl", "Cl"),
          Map.entry("Co", "Co"),
          Map.entry("Cr", "Cr_pv"),
          Map.entry("Cs", "Cs_sv"),
          Map.entry("Cu", "Cu_pv"),
          Map.entry("Dy", "Dy_3"),
          Map.entry("Er", "Er_3"),
          Map.entry("Eu", "Eu"),
          Map.entry("F", "F"),
          Map.entry("Fe", "Fe_pv"),
          Map.entry("Ga", "Ga_d"),
          Map.entry("Gd", "Gd"),
          Map.entry("Ge", "Ge_d"),
          Map.entry("H", "H"),
          Map.entry("He", "He"),
          Map.entry("Hf", "Hf_pv"),
          Map.entry("Hg", "Hg"),
          Map.entry("Ho", "Ho_3"),
          Map.entry("I", "I"),
          Map.entry("In", "In_d"),
          Map.entry("Ir", "Ir"),
          Map.entry("K", "K_sv"),
          Map.entry("Kr", "Kr"),
          Map.entry("La", "La"),
          Map.entry("Li", "Li_sv"),
          Map.entry("Lu", "Lu_3"),
          Map.entry("Mg", "Mg_pv"),
          Map.entry("Mn", "Mn_pv"),
          Map.entry("Mo", "Mo_pv"),
          Map.entry("N", "N"),
          Map.entry("Na", "Na_pv"),
          Map.entry("Nb", "Nb_pv"),
          Map.entry("Nd", "Nd_3"),
          Map.entry("Ne", "Ne"),
          Map.entry("Ni", "Ni_pv"),
          Map.entry("Np", "Np"),
          Map.entry("O", "O"),
          Map.entry("Os", "Os_pv"),
          Map.entry("P", "P"),
          Map.entry("Pa", "Pa"),
          Map.entry("Pb", "Pb_d"),
          Map.entry("Pd", "Pd"),
          Map.entry("Pm", "Pm_3"),
          Map.entry("Pr", "Pr_3"),
          Map.entry("Pt", "Pt"),
          Map.entry("Pu", "Pu"),
          Map.entry("Rb", "Rb_sv"),
          Map.entry("Re", "Re_pv"),
          Map.entry("Rh", "Rh_pv"),
          Map.entry("Ru", "Ru_pv"),
          Map.entry("S", "S"),
          Map.entry("Sb", "Sb"),
          Map.entry("Sc", "Sc_sv"),
          Map.entry("Se", "Se"),
          Map.entry("Si", "Si"),
          Map.entry("Sm", "Sm_3"),
          Map.entry("Sn", "Sn_d"),
          Map.entry("Sr", "Sr_sv"),
          Map.entry("Ta", "Ta_pv"),
          Map.entry("Tb", "Tb_3"),
          Map.entry("Tc", "Tc_pv"),
          Map.entry("Te", "Te"),
          Map.entry("Th", "Th"),
          Map.entry("Ti", "Ti_pv"),
          Map.entry("Tl", "Tl_d"),
          Map.entry("Tm", "Tm_3"),
          Map.entry("U", "U"),
          Map.entry("V", "V_pv"),
          Map.entry("W", "W_pv"),
          Map.entry("Xe", "Xe"),
          Map.entry("Y", "Y_sv"),
          Map.entry("Yb", "Yb_2"),
          Map.entry("Zn", "Zn"),
          Map.entry("Zr", "Zr_sv"));
}
