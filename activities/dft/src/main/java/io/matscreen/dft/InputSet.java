package io.matscreen.dft;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A named recipe that turns a structure and settings into the input files of one DFT job. */
public interface InputSet {
  /** Registry name, e.g. "qe-pbe-relax". */
  String name();

  /** What the energies of this input set are comparable with. */
  EnergyFingerprintInfo fingerprint();

  /**
   * Writes all input files for {@code s} into {@code jobDir} (created if needed).
   *
   * @throws DftInputException when a setting is invalid or a pseudopotential is missing
   */
  void write(DftStructure s, Path jobDir, Map<String, String> settings);

  /** The command that runs the code in the job directory (stdout is captured by the executor). */
  List<String> command(Map<String, String> settings);

  /** Parser for the outputs this input set's code writes. */
  DftOutputParser parser();
}
