package io.matscreen.dft.vasp;

import io.matscreen.dft.DftOutputParser;
import io.matscreen.dft.DftOutputParserContract;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * VaspOutputParser passes the parser contract on the real VASP outputs of ../shared/fixtures/vasp
 * (every test skips, saying so, when that directory is absent).
 */
class VaspOutputParserContractTest extends DftOutputParserContract {
  @Override
  protected DftOutputParser parser() {
    return new VaspOutputParser();
  }

  @Override
  protected Path finishedRun() {
    return VaspFixtures.dir().resolve("io");
  }

  @Override
  protected double finishedEnergyPerAtomEv() {
    // io/OUTCAR, last step: "energy(sigma->0) = -10.84147246" for the 2-atom cell.
    return -10.84147246 / 2;
  }

  @Override
  protected int finishedAtoms() {
    return 2;
  }

  @Override
  protected double[] finishedFirstLatticeRowAngstrom() {
    // io/vasprun.xml, finalpos basis, first row: -0.00000000 2.73487846 2.73487846
    return new double[] {0, 2.73487846, 2.73487846};
  }

  @Override
  protected Path truncatedRun(Path dir) throws Exception {
    // The first two thirds of io/vasprun.xml, as if VASP had been killed while writing it.
    String xml;
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(VaspFixtures.dir().resolve("io/vasprun.xml.gz")))) {
      xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
    Files.writeString(
        dir.resolve("vasprun.xml"),
        xml.substring(0, xml.length() * 2 / 3),
        StandardCharsets.ISO_8859_1);
    return dir;
  }

  @Override
  protected Path scfNotConvergedRun() {
    return VaspFixtures.dir().resolve("nonconv");
  }

  @Override
  protected String mainOutputFile() {
    return "vasprun.xml";
  }
}
