package io.matscreen.dft;

/** A scheduler or process operation failed (sbatch refused, a command could not start, ...). */
public class DftExecutorException extends RuntimeException {
  public DftExecutorException(String message) {
    super(message);
  }

  public DftExecutorException(String message, Throwable cause) {
    super(message, cause);
  }
}
