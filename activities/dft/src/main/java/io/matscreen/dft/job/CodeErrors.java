package io.matscreen.dft.job;

import io.matscreen.dft.CodeError;
import io.matscreen.dft.vasp.VaspError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one text form of {@link CodeError}s, for stores that keep them in a text column: {@code
 * code:id} (e.g. "vasp:edddav"), and the way back to the enum constant.
 */
public final class CodeErrors {
  /** Every error any of our parsers reports. */
  private static final List<CodeError> KNOWN = Stream.<CodeError>of(VaspError.values()).toList();

  private CodeErrors() {}

  /** "code:id" of one error. */
  public static String name(CodeError e) {
    return e.code() + ":" + e.id();
  }

  /** The names of {@code errors}, in order. */
  public static List<String> names(List<? extends CodeError> errors) {
    return errors.stream().map(CodeErrors::name).toList();
  }

  /**
   * The errors {@link #names} wrote.
   *
   * @throws IllegalArgumentException naming the first name no parser reports
   */
  public static List<CodeError> fromNames(List<String> names) {
    List<CodeError> out = new ArrayList<>();
    for (String n : names) {
      CodeError found = null;
      for (CodeError e : KNOWN) {
        if (name(e).equals(n.trim())) {
          found = e;
          break;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown DFT code error '" + n + "' (expected code:id such as vasp:edddav)");
      }
      out.add(found);
    }
    return out;
  }
}
