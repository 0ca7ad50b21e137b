package io.matscreen.features;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import java.util.SortedSet;

/**
 * Roost-style featuriser: a composition becomes the set of its elements, each weighted by its
 * atomic fraction, with {@link ElementFeatureTable} features.
 */
public final class CompositionFeaturiser implements SetFeaturiser<Composition> {
  /** Featuriser id written into bundles. */
  public static final String ID = "composition-v1";

  @Override
  public int featureDim() {
    return ElementFeatureTable.DIM;
  }

  @Override
  public WeightedNodeSet featurise(Composition composition) {
    SortedSet<String> elements = composition.elements();
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("composition has no elements");
    }
    double total = composition.numAtoms();
    int n = elements.size();
    float[] features = new float[n * ElementFeatureTable.DIM];
    float[] weights = new float[n];
    int i = 0;
    for (String symbol : elements) {
      double amount = composition.amount(symbol);
      if (!(amount > 0)) {
        throw new IllegalArgumentException(
            "element " + symbol + " has a non-positive amount " + amount);
      }
      ElementFeatureTable.copyInto(
          Element.of(symbol).atomicNumber(), features, i * ElementFeatureTable.DIM);
      weights[i] = (float) (amount / total);
      i++;
    }
    return new WeightedNodeSet(features, weights);
  }
}
