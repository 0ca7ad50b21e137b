package io.matscreen.features;

/** Turns one input (a composition, a protostructure label) into a weighted node set. */
public interface SetFeaturiser<T> {
  /** Length of each node's feature vector. */
  int featureDim();

  /** Featurises one input; throws {@link IllegalArgumentException} naming what is wrong. */
  WeightedNodeSet featurise(T input);
}
