package io.matscreen.dft.vasp;

import io.matscreen.dft.CodeError;
import io.matscreen.dft.DftErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Failures that VASP announces in its standard output, recognised by the messages VASP prints. Each
 * maps to a {@link DftErrorKind} for the generic machinery and is corrected by {@link
 * VaspErrorHandler}.
 */
public enum VaspError implements CodeError {
  TET(
      DftErrorKind.SCF_NOT_CONVERGED,
      "Tetrahedron method fails",
      "Routine TETIRR needs special values",
      "Fatal error detecting k-mesh",
      "ALGO=A and IALGO=5X tend to fail with the tetrahedron method"),
  DENTET(DftErrorKind.SCF_NOT_CONVERGED, "DENTET: can't reach specified precision"),
  GRAD_NOT_ORTH(
      DftErrorKind.SCF_NOT_CONVERGED, "EDWAV: internal error, the gradient is not orthogonal"),
  BRMIX(DftErrorKind.SCF_NOT_CONVERGED, "BRMIX: very serious problems"),
  EDDDAV(DftErrorKind.SCF_NOT_CONVERGED, "Error EDDDAV: Call to ZHEGV failed"),
  EDDRMM(DftErrorKind.SCF_NOT_CONVERGED, "WARNING in EDDRMM: call to ZHEGV failed"),
  SUBSPACE(DftErrorKind.SCF_NOT_CONVERGED, "Sub-Space-Matrix is not hermitian in DAV"),
  EDDIAG(DftErrorKind.SCF_NOT_CONVERGED, "ERROR in EDDIAG: call to ZHEEV"),
  ZBRENT(
      DftErrorKind.IONIC_NOT_CONVERGED,
      "ZBRENT: fatal error in bracketing",
      "ZBRENT: fatal error: bracketing"),
  BRIONS(DftErrorKind.IONIC_NOT_CONVERGED, "BRIONS problems: POTIM should be increased"),
  POSMAP(DftErrorKind.UNKNOWN, "POSMAP internal error: symmetry equivalent atom not found"),
  RHOSYG(DftErrorKind.UNKNOWN, "RHOSYG internal error", "RHOSYG: internal error"),
  SGRCON(DftErrorKind.UNKNOWN, "internal error in subroutine SGRCON"),
  POINT_GROUP(DftErrorKind.UNKNOWN, "Error: point group operation missing"),
  IBZKPT(DftErrorKind.UNKNOWN, "internal error in subroutine IBZKPT"),
  PRICEL(
      DftErrorKind.UNKNOWN,
      "PRICELV: current lattice and primitive lattice are incommensurate",
      "internal error in subroutine PRICEL"),
  NBANDS(DftErrorKind.UNKNOWN, "The number of bands is not sufficient to hold all electrons"),
  TOO_FEW_BANDS(DftErrorKind.UNKNOWN, "TOO FEW BANDS"),
  REAL_OPTLAY(DftErrorKind.UNKNOWN, "REAL_OPTLAY: internal error", "REAL_OPT: internal ERROR"),
  SBESSELITER(DftErrorKind.UNKNOWN, "SBESSELITER : nicht konvergent"),
  READ_ERROR(DftErrorKind.UNKNOWN, "Error reading item");

  private final DftErrorKind kind;
  private final String[] messages;

  VaspError(DftErrorKind kind, String... messages) {
    this.kind = kind;
    this.messages = messages;
  }

  /** Always "vasp". */
  @Override
  public String code() {
    return "vasp";
  }

  /** The generic classification. */
  @Override
  public DftErrorKind kind() {
    return kind;
  }

  /** Lower-case name used in error details, e.g. "edddav". */
  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** All errors whose messages occur in {@code text}, in declaration order. */
  public static List<VaspError> detect(String text) {
    List<VaspError> out = new ArrayList<>();
    for (VaspError e : values()) {
      for (String m : e.messages) {
        if (text.contains(m)) {
          out.add(e);
          break;
        }
      }
    }
    return out;
  }
}
