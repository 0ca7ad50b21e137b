package io.matscreen.store;

/**
 * The state column of a DFT job row, stored as the constant's name; mirrors {@code
 * io.matscreen.dft.job.DftState}, which the store cannot see.
 */
public enum StoredDftState {
  PENDING,
  SUBMITTED,
  RUNNING,
  FINISHED,
  FAILED;

  /** True while the executor has the job (submitted, queued or running). */
  public boolean active() {
    return this == SUBMITTED || this == RUNNING;
  }

  static StoredDftState fromColumn(String jobKey, String text) {
    return EnumColumns.read(values(), Enum::name, "DFT job " + jobKey, "state", text);
  }
}
