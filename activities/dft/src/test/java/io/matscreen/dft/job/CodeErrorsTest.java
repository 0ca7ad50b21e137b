package io.matscreen.dft.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.matscreen.dft.CodeError;
import io.matscreen.dft.vasp.VaspError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text form of code errors goes both ways, for every error a parser can report. */
class CodeErrorsTest {
  @Test
  void everyVaspErrorSurvivesItsName() {
    List<CodeError> all = List.of(VaspError.values());
    List<String> names = CodeErrors.names(all);
    assertThat(names).startsWith("vasp:tet", "vasp:dentet").hasSize(VaspError.values().length);
    assertThat(CodeErrors.fromNames(names)).isEqualTo(all);
  }

  @Test
  void unknownNameIsRefusedByName() {
    assertThatThrownBy(() -> CodeErrors.fromNames(List.of("vasp:edddav", "qe:c_bands")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'qe:c_bands'");
  }
}
