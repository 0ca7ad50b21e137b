package io.matscreen.store;

/** A campaign-store operation failed; the message names the store URL and the operation. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
