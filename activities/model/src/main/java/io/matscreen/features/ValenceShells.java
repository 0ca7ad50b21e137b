package io.matscreen.features;

/**
 * Valence-electron counts by subshell (s, p, d, f) of a neutral atom's ground-state configuration
 * as the Madelung (n + l, then n) filling rule gives it.
 *
 * <p>The rule misplaces one or two electrons for about twenty elements (Cr and Cu take 4s¹, Pd 5s⁰,
 * La 5d¹ instead of 4f¹, …); the counts are features for a learnt model, which sees each element's
 * identity as well, so the rule's smooth trend across the table is what matters. Valence shells: ns
 * and np of the outermost shell n, (n−1)d and (n−2)f, as in Magpie's NsValence…NfValence.
 */
public final class ValenceShells {
  // (n, l) in Madelung order up to 7p, enough for Z <= 118.
  private static final int[][] ORDER = {
    {1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {4, 0}, {3, 2}, {4, 1}, {5, 0}, {4, 2}, {5, 1}, {6, 0},
    {4, 3}, {5, 2}, {6, 1}, {7, 0}, {5, 3}, {6, 2}, {7, 1}
  };

  private ValenceShells() {}

  /** The s, p, d and f valence-electron counts of the element with atomic number z (1–118). */
  public static int[] of(int z) {
    if (z < 1 || z > 118) {
      throw new IllegalArgumentException("atomic number " + z + " is outside 1-118");
    }
    int[][] occupancy = new int[8][4];
    int left = z;
    int outer = 1;
    for (int[] orbital : ORDER) {
      if (left == 0) {
        break;
      }
      int n = orbital[0];
      int l = orbital[1];
      int take = Math.min(left, 2 * (2 * l + 1));
      occupancy[n][l] = take;
      left -= take;
      if (l <= 1) {
        outer = Math.max(outer, n);
      }
    }
    int d = outer >= 3 ? occupancy[outer - 1][2] : 0;
    int f = outer >= 4 ? occupancy[outer - 2][3] : 0;
    return new int[] {occupancy[outer][0], occupancy[outer][1], d, f};
  }
}
