package io.matscreen.dft.qe;

import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftOutputParserContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * QeOutputParser passes the parser contract on the recorded pw.x 6.7 runs of {@link
 * QeOutputParserTest} (its Javadoc says how they were made).
 */
class QeOutputParserContractTest extends DftOutputParserContract {
  @Override
  protected DftOutputParser parser() {
    return new QeOutputParser();
  }

  @Override
  protected Path finishedRun() throws Exception {
    return QeOutputParserTest.resource("si-vcrelax");
  }

  @Override
  protected double finishedEnergyPerAtomEv() {
    // job.out: "!    total energy = -20.39407947 Ry" for the 2-atom cell.
    return -20.39407947 * QeOutputParser.EV_PER_RY / 2;
  }

  @Override
  protected int finishedAtoms() {
    return 2;
  }

  @Override
  protected double[] finishedFirstLatticeRowAngstrom() {
    // job.out, "Begin final coordinates", CELL_PARAMETERS (angstrom), first row.
    return new double[] {-0.005836861, 2.750972107, 2.750972107};
  }

  @Override
  protected Path truncatedRun(Path dir) throws Exception {
    // The first 700 lines of job.out (the run was cut off after its third BFGS step), no XML.
    Path src = QeOutputParserTest.resource("si-vcrelax");
    Files.copy(src.resolve("pw.in"), dir.resolve("pw.in"));
    List<String> lines = Files.readAllLines(src.resolve("job.out"));
    Files.write(dir.resolve("job.out"), lines.subList(0, 700));
    return dir;
  }

  @Override
  protected Path scfNotConvergedRun() throws Exception {
    return QeOutputParserTest.resource("si-scf-not-converged");
  }

  @Override
  protected String mainOutputFile() {
    return "job.out";
  }

  @Override
  protected void addInputs(Path dir) throws Exception {
    Files.copy(QeOutputParserTest.resource("si-vcrelax").resolve("pw.in"), dir.resolve("pw.in"));
  }
}
