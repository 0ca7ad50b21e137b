package io.matscreen.sources.references;

/**
 * An entry of a source that could not be read and was left out, with where it was (file and line,
 * or provider page), its id when one could be read, and why.
 */
public record SkippedEntry(String location, String id, String reason) {
  @Override
  public String toString() {
    return location + (id == null || id.isEmpty() ? "" : " (" + id + ")") + ": " + reason;
  }
}
