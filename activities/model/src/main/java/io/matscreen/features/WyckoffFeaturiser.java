package io.matscreen.features;

import io.matscreen.structure.Element;
import io.matscreen.symmetry.WyckoffTables;

/**
 * Wren-style featuriser: a protostructure label becomes the set of its occupied Wyckoff orbits.
 * Each node is the element's {@link ElementFeatureTable} features followed by one-hots of the space
 * group, the Wyckoff letter, the crystal family and the centring (the first layer of the network
 * turns these into a learnt embedding of space group plus letter).
 *
 * <p>Weights, as in Wren: each orbit's multiplicity in the conventional cell over the sum of all
 * orbits' multiplicities, i.e. the fraction of the cell's atoms on that orbit.
 */
public final class WyckoffFeaturiser implements SetFeaturiser<String> {
  /**
   * Featuriser id written into bundles; v1 split each element's share evenly over its orbits, v2
   * weights orbits by multiplicity.
   */
  public static final String ID = "protostructure-v2";

  private static final String FAMILIES = "amothc";
  private static final String CENTRINGS = "PSCABIFR";
  private static final int LETTERS = 27;
  // Wren models keep the element features they were introduced with.
  private static final ElementFeatureTable ELEMENTS = ElementFeatureTable.BASIC;
  private static final int OFFSET_SG = ELEMENTS.dim();
  private static final int OFFSET_LETTER = OFFSET_SG + 230;
  private static final int OFFSET_FAMILY = OFFSET_LETTER + LETTERS;
  private static final int OFFSET_CENTRING = OFFSET_FAMILY + FAMILIES.length();
  private static final int DIM = OFFSET_CENTRING + CENTRINGS.length();

  @Override
  public int featureDim() {
    return DIM;
  }

  @Override
  public WeightedNodeSet featurise(String protostructureLabel) {
    ProtostructureLabel p = ProtostructureLabel.parse(protostructureLabel);
    int n = p.sites().size();
    int[] multiplicity = new int[n];
    int cellAtoms = 0;
    for (int i = 0; i < n; i++) {
      multiplicity[i] =
          WyckoffTables.multiplicity(p.spacegroup(), String.valueOf(p.sites().get(i).letter()));
      cellAtoms += multiplicity[i];
    }
    float[] features = new float[n * DIM];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      ProtostructureLabel.Site s = p.sites().get(i);
      if (!Element.isSymbol(s.element())) {
        throw new IllegalArgumentException(
            "protostructure label '" + protostructureLabel + "': unknown element " + s.element());
      }
      int base = i * DIM;
      ELEMENTS.copyInto(Element.of(s.element()).atomicNumber(), features, base);
      features[base + OFFSET_SG + p.spacegroup() - 1] = 1f;
      int letter = s.letter() == 'A' ? 26 : s.letter() - 'a';
      features[base + OFFSET_LETTER + letter] = 1f;
      features[base + OFFSET_FAMILY + FAMILIES.indexOf(p.crystalFamily())] = 1f;
      features[base + OFFSET_CENTRING + CENTRINGS.indexOf(p.centring())] = 1f;
      weights[i] = (float) multiplicity[i] / cellAtoms;
    }
    return new WeightedNodeSet(features, weights);
  }
}
