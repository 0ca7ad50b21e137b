package io.matscreen.sources.references;

/** A reference entry that cannot be read: which one (when its id is known) and what is wrong. */
public class ReferenceFormatException extends RuntimeException {
  private final String id;

  public ReferenceFormatException(String id, String problem) {
    super(problem);
    this.id = id;
  }

  /** The entry's id, or null when it has none. */
  public String id() {
    return id;
  }
}
