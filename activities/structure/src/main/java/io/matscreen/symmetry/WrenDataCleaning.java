package io.matscreen.symmetry;

import io.matscreen.structure.Structure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The data-cleaning steps of the Wren work, as options: drop structures with too many Wyckoff
 * positions, too many sites or too much volume per site, or whose Wyckoff multiplicities do not
 * reproduce the composition; and keep only the lowest-energy structure per protostructure label.
 */
public final class WrenDataCleaning {

  /**
   * Limits of the cleaning filter.
   *
   * @param maxWyckoffPositions most occupied Wyckoff positions (orbits) allowed
   * @param maxSites most sites in the cell allowed
   * @param maxVolumePerSiteA3 largest volume per site allowed, Å^3
   */
  public record Criteria(int maxWyckoffPositions, int maxSites, double maxVolumePerSiteA3) {
    /** The Wren paper's limits: 16 Wyckoff positions, 64 sites, 500 Å^3 per site. */
    public static Criteria wren() {
      return new Criteria(16, 64, 500.0);
    }
  }

  private WrenDataCleaning() {}

  /** Why a structure fails the filter, or empty when it passes. */
  public static Optional<String> rejectionReason(
      Structure structure, WyckoffRepresentation representation, Criteria criteria) {
    if (!representation.isValid()) {
      return Optional.of(
          "Wyckoff multiplicities of "
              + representation.protostructureLabel()
              + " do not match the composition");
    }
    if (representation.numWyckoffPositions() > criteria.maxWyckoffPositions()) {
      return Optional.of(
          representation.numWyckoffPositions()
              + " Wyckoff positions > limit "
              + criteria.maxWyckoffPositions());
    }
    if (structure.numSites() > criteria.maxSites()) {
      return Optional.of(structure.numSites() + " sites > limit " + criteria.maxSites());
    }
    if (structure.volumePerAtom() > criteria.maxVolumePerSiteA3()) {
      return Optional.of(
          String.format(
              java.util.Locale.ROOT,
              "%.1f Å^3 per site > limit %.1f",
              structure.volumePerAtom(),
              criteria.maxVolumePerSiteA3()));
    }
    return Optional.empty();
  }

  /**
   * Keeps, for each label, the item with the lowest energy (first one on ties), in the order in
   * which the labels first appear.
   */
  public static <T> List<T> keepLowestEnergyPerLabel(
      Collection<T> items, Function<T, String> label, ToDoubleFunction<T> energy) {
    Map<String, T> best = new LinkedHashMap<>();
    for (T item : items) {
      best.merge(
          label.apply(item),
          item,
          (kept, candidate) ->
              energy.applyAsDouble(candidate) < energy.applyAsDouble(kept) ? candidate : kept);
    }
    return new ArrayList<>(best.values());
  }
}
