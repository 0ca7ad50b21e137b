package io.matscreen.structure.io;

import java.util.List;

/**
 * A CIF loop: its tags (lower case) and its rows of values, one value per tag.
 *
 * @param tags data names in lower case, in file order
 * @param rows values per packet, each row as long as {@code tags}
 * @param line line of the {@code loop_} keyword
 */
public record CifLoop(List<String> tags, List<List<CifValue>> rows, int line) {
  public CifLoop {
    tags = List.copyOf(tags);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** Column index of a tag (lower case), or -1. */
  public int column(String tag) {
    return tags.indexOf(tag);
  }
}
