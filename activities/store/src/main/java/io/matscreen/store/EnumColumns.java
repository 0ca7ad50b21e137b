package io.matscreen.store;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a text column into one of an enum's constants, naming the row and the choices if not. */
final class EnumColumns {
  private EnumColumns() {}

  /**
   * The constant whose {@code text} is {@code value}; otherwise a StoreException "OWNER has COLUMN
   * 'value', not one of …".
   */
  static <E extends Enum<E>> E read(
      E[] constants, Function<E, String> text, String owner, String column, String value) {
    for (E e : constants) {
      if (text.apply(e).equals(value)) {
        return e;
      }
    }
    throw new StoreException(
        owner
            + " has "
            + column
            + " '"
            + value
            + "', not one of "
            + Arrays.stream(constants).map(text).collect(Collectors.joining(", ")));
  }
}
