package io.matscreen.model;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/** Builds a SameDiff graph's gradient function, which tests compare the hand-written one with. */
final class SameDiffGradients {
  private SameDiffGradients() {}

  /** Creates the gradient function without SameDiff's line per differentiated op on stdout. */
  static void create(SameDiff sd) {
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      sd.createGradFunction();
    } finally {
      System.setOut(out);
    }
  }
}
