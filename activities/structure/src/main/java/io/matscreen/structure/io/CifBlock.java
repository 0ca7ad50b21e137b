package io.matscreen.structure.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code data_} block of a CIF file: its single-valued items and its loops, with tags in lower
 * case (CIF data names are case-insensitive).
 */
public final class CifBlock {
  private final String name;
  private final int line;
  private final Map<String, CifValue> items;
  private final List<CifLoop> loops;

  public CifBlock(String name, int line, Map<String, CifValue> items, List<CifLoop> loops) {
    this.name = name;
    this.line = line;
    this.items = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
    this.loops = List.copyOf(loops);
  }

  /** Block name, the text after {@code data_}. */
  public String name() {
    return name;
  }

  /** Line of the {@code data_} header. */
  public int line() {
    return line;
  }

  /** Single-valued items by lower-case tag. */
  public Map<String, CifValue> items() {
    return items;
  }

  public List<CifLoop> loops() {
    return loops;
  }

  /** The value of a single-valued item (tag in lower case). */
  public Optional<CifValue> value(String tag) {
    return Optional.ofNullable(items.get(tag));
  }

  /** The loop holding a tag (lower case). */
  public Optional<CifLoop> loopWith(String tag) {
    for (CifLoop loop : loops) {
      if (loop.column(tag) >= 0) {
        return Optional.of(loop);
      }
    }
    return Optional.empty();
  }

  /** True when the tag appears as an item or in a loop. */
  public boolean has(String tag) {
    return items.containsKey(tag) || loopWith(tag).isPresent();
  }

  /** True when some item or loop tag starts with the prefix. */
  public boolean hasTagStartingWith(String prefix) {
    for (String t : items.keySet()) {
      if (t.startsWith(prefix)) {
        return true;
      }
    }
    for (CifLoop l : loops) {
      for (String t : l.tags()) {
        if (t.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}
