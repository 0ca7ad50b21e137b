package io.matscreen.features;

/**
 * One featurised input: a set of n nodes (elements, or Wyckoff sites) with a feature vector each
 * and a weight each (fractions that sum to 1).
 *
 * @param features node features, row-major n × featureDim
 * @param weights node weights, length n, positive, summing to 1
 */
public record WeightedNodeSet(float[] features, float[] weights) {
  /** Number of nodes. */
  public int size() {
    return weights.length;
  }
}
