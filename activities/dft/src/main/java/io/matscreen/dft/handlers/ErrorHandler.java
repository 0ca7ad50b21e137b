package io.matscreen.dft.handlers;

import io.matscreen.dft.DftErrorKind;

/**
 * Recognises one kind of DFT failure and proposes a correction, at most {@link #maxCorrections()}
 * times per job.
 */
public interface ErrorHandler {
  /** Short name used in provenance and for counting corrections. */
  String name();

  /** Whether this handler deals with the error kind. */
  boolean handles(DftErrorKind kind);

  /** Most corrections this handler applies to one job before the job is given up. */
  int maxCorrections();

  /** The correction for the failed attempt in {@code context}. */
  Correction correct(DftJobContext context);
}
