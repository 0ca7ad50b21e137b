package io.matscreen.model;

import io.matscreen.features.WeightedNodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of node sets that all have the same size n, as the network's placeholder arrays, with the
 * positions of its members in the caller's list.
 *
 * @param indices positions in the caller's list, one per set
 * @param nodes [B·n, F] node features
 * @param weights [B, n] node weights
 */
public record NodeSetBatch(int[] indices, INDArray nodes, INDArray weights) {

  /** Batches the given positions of {@code sets}, bucketed by set size, at most maxBatch each. */
  public static List<NodeSetBatch> bucketed(
      List<WeightedNodeSet> sets, List<Integer> positions, int featureDim, int maxBatch) {
    Map<Integer, List<Integer>> bySize = new TreeMap<>();
    for (int p : positions) {
      bySize.computeIfAbsent(sets.get(p).size(), k -> new ArrayList<>()).add(p);
    }
    List<NodeSetBatch> batches = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : bySize.entrySet()) {
      List<Integer> members = e.getValue();
      for (int start = 0; start < members.size(); start += maxBatch) {
        List<Integer> chunk = members.subList(start, Math.min(members.size(), start + maxBatch));
        batches.add(of(sets, chunk, e.getKey(), featureDim));
      }
    }
    return batches;
  }

  /** One batch of sets of size n. */
  public static NodeSetBatch of(
      List<WeightedNodeSet> sets, List<Integer> chunk, int n, int featureDim) {
    int b = chunk.size();
    float[] nodes = new float[b * n * featureDim];
    float[] weights = new float[b * n];
    int[] indices = new int[b];
    for (int i = 0; i < b; i++) {
      WeightedNodeSet s = sets.get(chunk.get(i));
      if (s.size() != n) {
        throw new IllegalArgumentException("set " + chunk.get(i) + " has size " + s.size());
      }
      System.arraycopy(s.features(), 0, nodes, i * n * featureDim, n * featureDim);
      System.arraycopy(s.weights(), 0, weights, i * n, n);
      indices[i] = chunk.get(i);
    }
    return new NodeSetBatch(
        indices,
        Nd4j.create(nodes, new long[] {(long) b * n, featureDim}, 'c'),
        Nd4j.create(weights, new long[] {b, n}, 'c'));
  }

  /** Number of sets in the batch. */
  public int size() {
    return indices.length;
  }
}
