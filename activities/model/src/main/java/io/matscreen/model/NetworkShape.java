package io.matscreen.model;

/**
 * Sizes of a set-attention network (Roost-like or Wren-like).
 *
 * @param featureDim length of each node's input feature vector (from the featuriser)
 * @param embedDim width of the node representation carried through message passing
 * @param pairHidden width of the hidden layer shared by the message and gate networks of a pair
 * @param heads attention heads (embedDim must be a multiple of heads)
 * @param layers message-passing layers
 * @param outputHidden width of the residual output network
 */
public record NetworkShape(
    int featureDim, int embedDim, int pairHidden, int heads, int layers, int outputHidden) {
  public NetworkShape {
    if (featureDim < 1 || embedDim < 1 || pairHidden < 1 || heads < 1 || layers < 0) {
      throw new IllegalArgumentException("network sizes must be positive: " + this);
    }
    if (embedDim % heads != 0) {
      throw new IllegalArgumentException(
          "embedDim " + embedDim + " is not a multiple of heads " + heads);
    }
  }
}
