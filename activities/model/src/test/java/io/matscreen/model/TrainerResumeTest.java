package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerResumeTest {
  @TempDir Path dir;

  /** Simulates a crash: the progress stream throws once the trainer reports the given line. */
  static final class CrashingLog extends OutputStream {
    private final StringBuilder seen = new StringBuilder();
    private final Predicate<String> crashOn;
    private int lineStart;

    CrashingLog(String crashOn) {
      this(line -> line.contains(crashOn));
    }

    /** Crashes after the first line that matches. */
    CrashingLog(Predicate<String> crashOn) {
      this.crashOn = crashOn;
    }

    String text() {
      return seen.toString();
    }

    @Override
    public void write(int b) {
      seen.append((char) b);
      if (b == '\n') {
        String line = seen.substring(lineStart);
        lineStart = seen.length();
        if (crashOn.test(line)) {
          throw new IllegalStateException("simulated crash");
        }
      }
    }
  }

  @Test
  void interruptedRunResumesFromItsCheckpoints() throws Exception {
    ComputeThreads.limit(1);
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 3));
    Path out = dir.resolve("bundle");
    TrainingOptions o = TinyTraining.options(csv, "composition", "roost", out, 2, 3);
    // The epoch line is printed after that epoch's checkpoint is written.
    PrintStream crashing = new PrintStream(new CrashingLog("member 2/2 epoch 1/3"), true);
    assertThatThrownBy(() -> new Trainer(o, crashing).train()).hasMessage("simulated crash");
    assertThat(out.resolve("model.json")).doesNotExist();
    assertThat(out.resolve("checkpoints/member-0.progress.json")).exists();

    // Without --resume the half-finished run is protected.
    assertThatThrownBy(
            () -> new Trainer(o, new PrintStream(OutputStream.nullOutputStream())).train())
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("pass --resume");

    TrainingOptions resume = o.resuming();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ModelMetadata meta = new Trainer(resume, new PrintStream(log, true)).train();
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("member 1/2: already trained")
        .contains("member 2/2: resuming after epoch 1");
    assertThat(text).doesNotContain("member 2/2 epoch 1/3").contains("member 2/2 epoch 3/3");
    assertThat(meta.members()).hasSize(2);
    assertThat(meta.members().get(0).epochs()).isEqualTo(3);
    assertThat(meta.members().get(1).epochs()).isEqualTo(3);
    assertThat(out.resolve("checkpoints")).doesNotExist();
    assertThat(Files.exists(out.resolve("model.json"))).isTrue();
    assertThat(ModelBundle.load(out).ensembleSize()).isEqualTo(2);
  }

  @Test
  void aResumedMemberContinuesItsLearningRateScheduleAndTimeShare() throws Exception {
    ComputeThreads.limit(1);
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 3));
    Path out = dir.resolve("bundle");
    // Far more epochs than fit in 10 s: the cosine schedule runs on the member's time share.
    TrainingOptions o = TinyTraining.timed(csv, out, 10_000, 10);
    // Crash once the time-driven schedule is well under way (about a third of the share), so
    // that a restart at the initial rate (3e-3) would show, however fast the epochs are.
    CrashingLog crashing =
        new CrashingLog(line -> line.startsWith("member 1/1 epoch") && rateIn(line) < 2.4e-3);
    assertThatThrownBy(() -> new Trainer(o, new PrintStream(crashing, true)).train())
        .hasMessage("simulated crash");
    Trainer.MemberProgress before =
        ModelBundle.JSON.readValue(
            out.resolve("checkpoints/member-0.progress.json").toFile(),
            Trainer.MemberProgress.class);
    int crashEpoch = before.epoch();
    assertThat(before.timeShare()).isGreaterThan(8).isLessThanOrEqualTo(10);
    assertThat(before.seconds()).isGreaterThan(0).isLessThan(before.timeShare());
    double lastRate = rateOf(crashing.text(), crashEpoch);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ModelMetadata meta = new Trainer(o.resuming(), new PrintStream(log, true)).train();
    String text = log.toString(StandardCharsets.UTF_8);
    // A restarted schedule would begin again at the initial rate (3e-3).
    double resumedRate = rateOf(text, crashEpoch + 1);
    System.out.printf(
        "rate at epoch %d: %.3e, at the resumed epoch %d: %.3e%n",
        crashEpoch, lastRate, crashEpoch + 1, resumedRate);
    assertThat(lastRate).isLessThan(2.4e-3);
    assertThat(resumedRate).isLessThanOrEqualTo(lastRate);
    assertThat(text).contains(String.format("time budget of %.0f s used", before.timeShare()));
    assertThat(meta.members().get(0).epochs()).isGreaterThan(crashEpoch + 1);
  }

  private static double rateIn(String line) {
    Matcher m = Pattern.compile("  lr (\\S+)").matcher(line);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static double rateOf(String log, int epoch) {
    Matcher m = Pattern.compile("member 1/1 epoch " + epoch + "/\\d+  lr (\\S+)").matcher(log);
    assertThat(m.find()).as("epoch %d in the log", epoch).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
