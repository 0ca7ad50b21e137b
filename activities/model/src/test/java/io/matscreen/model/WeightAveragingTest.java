package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class WeightAveragingTest {
  @TempDir Path dir;

  /** Keeps a copy of the member's checkpoint weights as each epoch line is printed. */
  final class EpochSnapshots extends OutputStream {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final StringBuilder line = new StringBuilder();
    private final Pattern epochLine = Pattern.compile("member 1/1 epoch (\\d+)/");
    private final Path ckpt;

    EpochSnapshots(Path ckpt) {
      this.ckpt = ckpt;
    }

    @Override
    public void write(int b) {
      all.write(b);
      line.append((char) b);
      if (b != '\n') {
        return;
      }
      Matcher m = epochLine.matcher(line);
      if (m.find()) {
        try {
          copy("member-0.current.weights", "epoch-" + m.group(1) + ".weights");
          copy("member-0.average.weights", "average-after-" + m.group(1) + ".weights");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      line.setLength(0);
    }

    private void copy(String from, String to) throws IOException {
      if (Files.exists(ckpt.resolve(from))) {
        Files.copy(ckpt.resolve(from), dir.resolve(to), StandardCopyOption.REPLACE_EXISTING);
      }
    }

    String text() {
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void averagesTheLastEpochsAndKeepsTheAverageOnlyIfItValidatesBetter() throws Exception {
    ComputeThreads.limit(1);
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 5));
    Path out = dir.resolve("bundle");
    // Patience equals the epochs, so no early stop can cut the averaging window short.
    TrainingOptions o = TinyTraining.options(csv, "composition", "roost", out, 1, 4, 0.5);
    EpochSnapshots log = new EpochSnapshots(out.resolve("checkpoints"));
    ModelMetadata meta = new Trainer(o, new PrintStream(log, true)).train();

    // Epochs 2, 3 and 4 end at or after half the planned work: those three are averaged.
    assertThat(dir.resolve("average-after-1.weights")).doesNotExist();
    Map<String, INDArray> average = read(dir.resolve("average-after-4.weights"));
    Map<String, INDArray> e2 = read(dir.resolve("epoch-2.weights"));
    Map<String, INDArray> e3 = read(dir.resolve("epoch-3.weights"));
    Map<String, INDArray> e4 = read(dir.resolve("epoch-4.weights"));
    assertThat(average.keySet()).isEqualTo(e4.keySet());
    for (String name : e4.keySet()) {
      INDArray expected = e2.get(name).add(e3.get(name)).add(e4.get(name)).div(3);
      assertThat(average.get(name).equalsWithEps(expected, 1e-6)).as(name).isTrue();
    }

    Matcher m =
        Pattern.compile(
                "average of the last 3 epochs: val MAE ([0-9.]+) eV/atom \\(best epoch"
                    + " ([0-9.]+)\\), (kept|not kept)")
            .matcher(log.text());
    assertThat(m.find()).as(log.text()).isTrue();
    double averageMae = Double.parseDouble(m.group(1));
    double bestEpochMae = Double.parseDouble(m.group(2));
    boolean kept = m.group(3).equals("kept");
    assertThat(kept).isEqualTo(averageMae < bestEpochMae);
    ModelMetadata.Member member = meta.members().get(0);
    Map<String, INDArray> shipped = read(out.resolve(member.file()));
    if (kept) {
      assertThat(member.averagedEpochs()).isEqualTo(3);
      assertThat(member.bestEpoch()).isEqualTo(4);
      assertThat(member.validationMae()).isCloseTo(averageMae, within(1e-4));
      for (String name : average.keySet()) {
        assertThat(shipped.get(name).equalsWithEps(average.get(name), 1e-9)).as(name).isTrue();
      }
    } else {
      assertThat(member.averagedEpochs()).isNull();
      assertThat(member.validationMae()).isCloseTo(bestEpochMae, within(1e-4));
      Map<String, INDArray> best = read(dir.resolve("epoch-" + member.bestEpoch() + ".weights"));
      for (String name : best.keySet()) {
        assertThat(shipped.get(name).equalsWithEps(best.get(name), 1e-9)).as(name).isTrue();
      }
    }
    assertThat(out.resolve("checkpoints")).doesNotExist();
  }

  private static Map<String, INDArray> read(Path file) throws IOException {
    return WeightsFile.read(Files.readAllBytes(file), file.toString());
  }
}
