package io.matscreen.activities.screening;

/**
 * A known phase has no predicted energy yet, so the known hull cannot be built; retrying helps once
 * the inference stage has predicted the references.
 */
public class ReferencesNotPredictedException extends IllegalStateException {
  /** The failure type the activity reports this under (retryable). */
  public static final String FAILURE_TYPE = "ReferencesNotPredicted";

  public ReferencesNotPredictedException(String message) {
    super(message);
  }
}
