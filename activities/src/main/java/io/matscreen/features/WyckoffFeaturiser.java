package io.matscreen.features;

import io.matscreen.structure.Element;
import java.util.HashMap;
import java.util.Map;

/**
 * Wren-style featuriser: a protostructure label becomes the set of its occupied Wyckoff orbits.
 * Each node is the element's {@link ElementFeatureTable} features followed by one-hots of the space
 * group, the Wyckoff letter, the crystal family and the centring (the first layer of the network
 * turns these into a learnt embedding of space group plus letter).
 *
 * <p>Weights: without multiplicity tables, each element's prototype share is split evenly over its
 * occupied orbits. This is an approximation; orbit multiplicities from the symmetry package's
 * Wyckoff representation replace it once available.
 */
public final class WyckoffFeaturiser implements SetFeaturiser<String> {
  private static final String FAMILIES = "amothc";
  private static final String CENTRINGS = "PSCABIFR";
  private static final int LETTERS = 27;
  private static final int OFFSET_SG = ElementFeatureTable.DIM;
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
    Map<String, Integer> sitesPerElement = new HashMap<>();
    Map<String, Integer> share = new HashMap<>();
    int total = 0;
    for (int e = 0; e < p.elements().size(); e++) {
      share.put(p.elements().get(e), p.stoichiometry()[e]);
      total += p.stoichiometry()[e];
    }
    for (ProtostructureLabel.Site s : p.sites()) {
      sitesPerElement.merge(s.element(), 1, Integer::sum);
    }
    int n = p.sites().size();
    float[] features = new float[n * DIM];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      ProtostructureLabel.Site s = p.sites().get(i);
      if (!Element.isSymbol(s.element())) {
        throw new IllegalArgumentException(
            "protostructure label '" + protostructureLabel + "': unknown element " + s.element());
      }
      int base = i * DIM;
      ElementFeatureTable.copyInto(Element.of(s.element()).atomicNumber(), features, base);
      features[base + OFFSET_SG + p.spacegroup() - 1] = 1f;
      int letter = s.letter() == 'A' ? 26 : s.letter() - 'a';
      features[base + OFFSET_LETTER + letter] = 1f;
      features[base + OFFSET_FAMILY + FAMILIES.indexOf(p.crystalFamily())] = 1f;
      features[base + OFFSET_CENTRING + CENTRINGS.indexOf(p.centring())] = 1f;
      weights[i] = (float) share.get(s.element()) / total / sitesPerElement.get(s.element());
    }
    return new WeightedNodeSet(features, weights);
  }
}
