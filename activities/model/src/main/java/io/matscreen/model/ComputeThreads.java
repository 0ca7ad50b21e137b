package io.matscreen.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps the CPU threads ND4J uses (its op threads, OpenMP and BLAS). On a shared machine more
 * threads than free cores make OpenMP spin and slow everything down, so training and tests run on
 * one thread unless told otherwise.
 */
public final class ComputeThreads {
  private ComputeThreads() {}

  /** Limits ND4J to n threads. */
  public static void limit(int n) {
    Nd4j.getEnvironment().setMaxThreads(n);
    Nd4j.getEnvironment().setMaxMasterThreads(n);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    Nd4j.factory().blas().setMaxThreads(n);
  }
}
