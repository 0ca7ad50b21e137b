package io.matscreen.hull;

/**
 * A phase diagram that cannot be built or queried as asked: a missing elemental reference, mixed
 * energy fingerprints or kinds, a composition outside the chemical system, too many elements.
 */
public class HullException extends IllegalArgumentException {
  public HullException(String message) {
    super(message);
  }
}
