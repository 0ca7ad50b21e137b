package io.matscreen.model;

/** A model bundle is missing, malformed, fails its checksums or does not fit the request. */
public final class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
