package io.matscreen.features;

import io.matscreen.structure.Composition;
import io.matscreen.structure.Element;
import java.util.List;
import java.util.SortedSet;

/**
 * Roost-style featuriser: a composition becomes the set of its elements, each weighted by its
 * atomic fraction, with {@link ElementFeatureTable} features.
 */
public final class CompositionFeaturiser implements SetFeaturiser<Composition> {
  /** {@code train --element-features} value for the one-hot and six element properties. */
  public static final String BASIC = "basic";

  /** {@code train --element-features} value that adds the valence-electron counts. */
  public static final String VALENCE = "valence";

  /** Id bundles record for {@link #BASIC} features. */
  public static final String ID_BASIC = "composition-v1";

  /** Id bundles record for {@link #VALENCE} features. */
  public static final String ID_VALENCE = "composition-v2";

  /** Every id this build can compute. */
  public static final List<String> KNOWN_IDS = List.of(ID_BASIC, ID_VALENCE);

  private final ElementFeatureTable table;

  /** The featuriser with {@link #BASIC} element features. */
  public CompositionFeaturiser() {
    this(ID_BASIC);
  }

  /**
   * The featuriser a bundle recorded as {@code id}.
   *
   * @throws IllegalArgumentException if this build does not know the id
   */
  public CompositionFeaturiser(String id) {
    this.table =
        switch (id) {
          case ID_BASIC -> ElementFeatureTable.BASIC;
          case ID_VALENCE -> ElementFeatureTable.WITH_VALENCE;
          default ->
              throw new IllegalArgumentException(
                  "unknown composition features '" + id + "' (this build knows " + KNOWN_IDS + ")");
        };
  }

  /**
   * The featuriser id for a {@code train --element-features} value.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static String idFor(String elementFeatures) {
    return switch (elementFeatures) {
      case BASIC -> ID_BASIC;
      case VALENCE -> ID_VALENCE;
      default ->
          throw new IllegalArgumentException(
              "element features '" + elementFeatures + "' are not " + BASIC + " or " + VALENCE);
    };
  }

  @Override
  public int featureDim() {
    return table.dim();
  }

  @Override
  public WeightedNodeSet featurise(Composition composition) {
    SortedSet<String> elements = composition.elements();
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("composition has no elements");
    }
    double total = composition.numAtoms();
    int n = elements.size();
    int dim = table.dim();
    float[] features = new float[n * dim];
    float[] weights = new float[n];
    int i = 0;
    for (String symbol : elements) {
      double amount = composition.amount(symbol);
      if (!(amount > 0)) {
        throw new IllegalArgumentException(
            "element " + symbol + " has a non-positive amount " + amount);
      }
      table.copyInto(Element.of(symbol).atomicNumber(), features, i * dim);
      weights[i] = (float) (amount / total);
      i++;
    }
    return new WeightedNodeSet(features, weights);
  }
}
