package io.matscreen.hull;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Materials Project 2020 energy correction scheme for VASP GGA/GGA+U energies computed with
 * MP's input set: fitted anion corrections (oxide, peroxide, superoxide, ozonide, and S, F, Cl, Br,
 * I, N, Se, Si, Sb, Te, H when they are anions) and the GGA/GGA+U mixing corrections for
 * transition-metal oxides and fluorides run with Hubbard U.
 *
 * <p>Source of the numbers: A. Wang et al., "A framework for quantifying uncertainty in DFT energy
 * corrections", Sci. Rep. 11, 15496 (2021); values as published in pymatgen 2022.11's {@code
 * pymatgen/entries/MP2020Compatibility.yaml} (eV per atom of the corrected species, with their 1σ
 * uncertainties) and the U values of {@code pymatgen/io/vasp/MPRelaxSet.yaml}. The rules follow
 * pymatgen's MaterialsProject2020Compatibility for entries without a structure: the oxide type
 * comes from the formula (known peroxides, superoxides, ozonides) unless given; S is corrected as a
 * sulfide unless declared otherwise; another anion is corrected when its given oxidation state is
 * negative or, without oxidation states, when it is the most electronegative element; elements are
 * never corrected. Corrections are added to raw energies; the corrected entries carry the {@link
 * EnergyFingerprint#MP_GGA_MP2020} fingerprint.
 */
public final class Mp2020Compatibility {
  /** Correction-scheme name used in fingerprints. */
  public static final String SCHEME = "MP2020";

  /** Kind of oxygen anion, which selects the oxygen correction. */
  public enum OxideType {
    OXIDE(-0.687, 0.002),
    PEROXIDE(-0.465, 0.0172),
    SUPEROXIDE(-0.161, 0.0075),
    OZONIDE(0.0, 0.0);

    /** Correction, eV per O atom. */
    final double evPerAtom;

    /** Its 1σ uncertainty, eV per O atom. */
    final double uncertainty;

    OxideType(double evPerAtom, double uncertainty) {
      this.evPerAtom = evPerAtom;
      this.uncertainty = uncertainty;
    }
  }

  /** Anions other than O, in pymatgen's order, with correction and 1σ (eV per anion atom). */
  private static final String[] ANIONS = {"Br", "I", "Se", "Si", "Sb", "Te", "H", "N", "F", "Cl"};

  private static final Map<String, double[]> ANION_CORRECTIONS =
      Map.ofEntries(
          Map.entry("S", new double[] {-0.503, 0.0093}),
          Map.entry("F", new double[] {-0.462, 0.0026}),
          Map.entry("Cl", new double[] {-0.614, 0.0018}),
          Map.entry("Br", new double[] {-0.534, 0.0026}),
          Map.entry("I", new double[] {-0.379, 0.0055}),
          Map.entry("N", new double[] {-0.361, 0.0093}),
          Map.entry("Se", new double[] {-0.472, 0.0341}),
          Map.entry("Si", new double[] {0.071, 0.0165}),
          Map.entry("Sb", new double[] {-0.192, 0.0089}),
          Map.entry("Te", new double[] {-0.422, 0.0262}),
          Map.entry("H", new double[] {-0.179, 0.0013}));

  /**
   * GGA/GGA+U mixing corrections (eV per metal atom) and their 1σ, identical for oxides and
   * fluorides in MP2020.
   */
  private static final Map<String, double[]> U_CORRECTIONS =
      Map.of(
          "V", new double[] {-1.7, 0.0064},
          "Cr", new double[] {-1.999, 0.0108},
          "Mn", new double[] {-1.668, 0.0053},
          "Fe", new double[] {-2.256, 0.0101},
          "Co", new double[] {-1.638, 0.006},
          "Ni", new double[] {-2.541, 0.0107},
          "W", new double[] {-4.438, 0.0253},
          "Mo", new double[] {-3.202, 0.0089});

  /** Hubbard U (eV) of MP's input set on these metals in oxides and fluorides. */
  private static final Map<String, Double> U_VALUES =
      Map.of(
          "V", 3.25, "Cr", 3.7, "Mn", 3.9, "Fe", 5.3, "Co", 3.32, "Ni", 6.2, "W", 6.2, "Mo", 4.38);

  private static final Set<String> U_ANIONS = Set.of("O", "F");

  private static final Set<String> PEROXIDES =
      Set.of("Li2O2", "Na2O2", "K2O2", "Cs2O2", "Rb2O2", "BeO2", "MgO2", "CaO2", "SrO2", "BaO2");
  private static final Set<String> SUPEROXIDES = Set.of("LiO2", "NaO2", "KO2", "RbO2", "CsO2");
  private static final Set<String> OZONIDES = Set.of("LiO3", "NaO3", "KO3", "NaO5");

  private Mp2020Compatibility() {}

  /** One correction term: eV per atom of the species times its amount in the composition. */
  public record Adjustment(String name, double evPerAtom, double amount, double uncertaintyEv) {
    /** The term's energy, eV per formula unit of the composition as written. */
    public double energyEv() {
      return evPerAtom * amount;
    }
  }

  /** All terms for one composition. */
  public record Correction(Composition composition, List<Adjustment> adjustments) {
    /** Total correction, eV per formula unit of the composition as written. */
    public double totalEv() {
      double s = 0;
      for (Adjustment a : adjustments) {
        s += a.energyEv();
      }
      return s;
    }

    /** Total correction per atom, eV/atom. */
    public double perAtomEv() {
      return totalEv() / composition.numAtoms();
    }
  }

  /**
   * Optional knowledge about an entry that refines the composition-only rules: oxidation states
   * (element to state; null when unknown), the oxide type (null: from the formula), and whether S
   * is a sulfide/polysulfide anion (false for sulfates, as a structure would show).
   */
  public record AnionContext(
      Map<String, Double> oxidationStates, OxideType oxideType, boolean sulfurIsSulfide) {
    /** What a composition alone says. */
    public static final AnionContext FROM_COMPOSITION = new AnionContext(null, null, true);
  }

  /**
   * Whether MP's mixing scheme requires GGA+U for this composition (a U metal in an oxide or
   * fluoride).
   */
  public static boolean requiresHubbardU(Composition composition) {
    if (composition.numElements() < 2) {
      return false;
    }
    if (!U_ANIONS.contains(mostElectronegative(composition))) {
      return false;
    }
    for (String el : composition.elements()) {
      if (U_VALUES.containsKey(el)) {
        return true;
      }
    }
    return false;
  }

  /** The MP2020 corrections of a composition computed with ({@code hubbardU}) or without U. */
  public static Correction corrections(Composition composition, boolean hubbardU) {
    return corrections(composition, hubbardU, AnionContext.FROM_COMPOSITION);
  }

  /**
   * The MP2020 corrections of a composition.
   *
   * @throws HullException when the run type contradicts the mixing scheme: a U-metal oxide or
   *     fluoride run without U, or a run with U where the scheme uses none
   */
  public static Correction corrections(
      Composition composition, boolean hubbardU, AnionContext context) {
    List<Adjustment> out = new ArrayList<>();
    if (composition.numElements() < 2) {
      if (hubbardU) {
        throw new HullException(
            "MP2020: " + composition + " is an element; MP computes elements without Hubbard U");
      }
      return new Correction(composition, out);
    }
    boolean needsU = requiresHubbardU(composition);
    if (needsU != hubbardU) {
      throw new HullException(
          "MP2020 GGA/GGA+U mixing: "
              + composition.reducedFormula()
              + (needsU
                  ? " must be computed with GGA+U (U on "
                      + uMetals(composition)
                      + "); a GGA energy cannot be corrected"
                  : " is computed with plain GGA in MP's scheme; a GGA+U energy cannot be corrected"));
    }
    if (composition.amount("S") > 0 && context.sulfurIsSulfide()) {
      add(out, "MP2020 anion correction (S)", ANION_CORRECTIONS.get("S"), composition.amount("S"));
    }
    if (composition.amount("O") > 0) {
      OxideType type = context.oxideType() != null ? context.oxideType() : oxideTypeOf(composition);
      out.add(
          new Adjustment(
              "MP2020 anion correction (" + type.name().toLowerCase() + ")",
              type.evPerAtom,
              composition.amount("O"),
              type.uncertainty * composition.amount("O")));
    }
    String most = mostElectronegative(composition);
    for (String anion : ANIONS) {
      if (composition.amount(anion) <= 0) {
        continue;
      }
      Map<String, Double> oxi = context.oxidationStates();
      boolean isAnion = (oxi != null && oxi.getOrDefault(anion, 0.0) < 0) || anion.equals(most);
      if (isAnion) {
        add(
            out,
            "MP2020 anion correction (" + anion + ")",
            ANION_CORRECTIONS.get(anion),
            composition.amount(anion));
      }
    }
    if (hubbardU) {
      for (String el : composition.elements()) {
        double[] u = U_CORRECTIONS.get(el);
        if (u != null) {
          add(out, "MP2020 GGA/GGA+U mixing correction (" + el + ")", u, composition.amount(el));
        }
      }
    }
    return new Correction(composition, out);
  }

  private static void add(List<Adjustment> out, String name, double[] value, double amount) {
    out.add(new Adjustment(name, value[0], amount, value[1] * amount));
  }

  /** The oxide type a formula alone indicates (pymatgen's lists of known peroxides etc.). */
  public static OxideType oxideTypeOf(Composition composition) {
    String reduced = ReducedFormula.of(composition);
    if (PEROXIDES.contains(reduced)) {
      return OxideType.PEROXIDE;
    }
    if (SUPEROXIDES.contains(reduced)) {
      return OxideType.SUPEROXIDE;
    }
    if (OZONIDES.contains(reduced)) {
      return OxideType.OZONIDE;
    }
    return OxideType.OXIDE;
  }

  private static String mostElectronegative(Composition composition) {
    return composition.elements().stream()
        .max(Comparator.comparingDouble(el -> Element.of(el).paulingElectronegativity()))
        .orElseThrow();
  }

  private static String uMetals(Composition composition) {
    List<String> metals = new ArrayList<>();
    for (String el : composition.elements()) {
      if (U_VALUES.containsKey(el)) {
        metals.add(el + " = " + U_VALUES.get(el) + " eV");
      }
    }
    return String.join(", ", metals);
  }

  /**
   * A raw MP-style entry ({@link EnergyFingerprint#MP_GGA_UNCORRECTED}) corrected to MP2020: its
   * energy per atom (total or formation; elemental references are never corrected) plus the
   * correction per atom.
   */
  public static HullEntry correct(HullEntry raw, boolean hubbardU) {
    if (!raw.fingerprint().equals(EnergyFingerprint.MP_GGA_UNCORRECTED)) {
      throw new IncompatibleEnergiesException(
          Set.of(raw.fingerprint(), EnergyFingerprint.MP_GGA_UNCORRECTED),
          "entry "
              + raw.id()
              + ": MP2020 corrects only uncorrected MP-style VASP GGA/GGA+U energies");
    }
    Correction c = corrections(raw.composition(), hubbardU);
    return raw.withEnergy(raw.energyPerAtom() + c.perAtomEv(), EnergyFingerprint.MP_GGA_MP2020);
  }

  /**
   * The scheme as a declared {@link EnergyCorrection} from {@link
   * EnergyFingerprint#MP_GGA_UNCORRECTED} to {@link EnergyFingerprint#MP_GGA_MP2020}; {@code
   * ranWithHubbardU} says for each entry whether it was computed with GGA+U.
   */
  public static EnergyCorrection asEnergyCorrection(Predicate<HullEntry> ranWithHubbardU) {
    return new EnergyCorrection() {
      @Override
      public EnergyFingerprint from() {
        return EnergyFingerprint.MP_GGA_UNCORRECTED;
      }

      @Override
      public EnergyFingerprint to() {
        return EnergyFingerprint.MP_GGA_MP2020;
      }

      @Override
      public HullEntry apply(HullEntry entry) {
        return correct(entry, ranWithHubbardU.test(entry));
      }

      @Override
      public String toString() {
        return "MP2020 corrections";
      }
    };
  }

  /**
   * MP's own run-type rule as a predicate: GGA+U exactly where the mixing scheme requires it (true
   * for entries taken from the Materials Project database).
   */
  public static Predicate<HullEntry> mpRunType() {
    return e -> requiresHubbardU(e.composition());
  }
}
