package io.matscreen.model;

/** A data file is malformed; the message names the file, line and field. */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }
}
