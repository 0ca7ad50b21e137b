package io.matscreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members trained side by side end with exactly the weights of a one-at-a-time run. */
class ParallelMembersTest {
  @TempDir Path dir;

  @Test
  void parallelMembersReproduceTheSerialEnsemble() throws Exception {
    ComputeThreads.limit(1);
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 160, 21));
    ModelMetadata serial =
        new Trainer(
                TinyTraining.options(csv, "composition", "roost", dir.resolve("serial"), 3, 3),
                new PrintStream(new ByteArrayOutputStream(), true),
                1)
            .train();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ModelMetadata parallel =
        new Trainer(
                TinyTraining.options(csv, "composition", "roost", dir.resolve("parallel"), 3, 3),
                new PrintStream(log, true),
                2)
            .train();

    assertThat(parallel.members()).hasSize(3);
    for (int m = 0; m < 3; m++) {
      assertThat(parallel.members().get(m).sha256())
          .as("member %d weights", m)
          .isEqualTo(serial.members().get(m).sha256());
    }
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("member 1/3 epoch 3/3")
        .contains("member 2/3 epoch 3/3")
        .contains("member 3/3 epoch 3/3");
  }

  @Test
  void aFailingMemberStopsTheOthersAndTheRunResumes() throws Exception {
    ComputeThreads.limit(1);
    Path csv =
        SyntheticData.writeCsv(
            dir.resolve("data.csv"), SyntheticData.compositions(SyntheticData.LIGHT, 120, 4));
    Path out = dir.resolve("crashing");
    TrainingOptions o = TinyTraining.options(csv, "composition", "roost", out, 3, 3);
    PrintStream crashing =
        new PrintStream(new TrainerResumeTest.CrashingLog("member 2/3 epoch 1/3"), true);
    assertThatThrownBy(() -> new Trainer(o, crashing, 2).train()).hasMessage("simulated crash");
    assertThat(out.resolve("model.json")).doesNotExist();
    assertThat(out.resolve("checkpoints/member-1.progress.json")).exists();

    TrainingOptions resume = o.resuming();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ModelMetadata meta = new Trainer(resume, new PrintStream(log, true), 2).train();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("member 2/3: resuming after epoch 1");
    assertThat(meta.members()).extracting(ModelMetadata.Member::epochs).containsExactly(3, 3, 3);
  }

  @Test
  void aMemberThatTakesOverFromAnEarlyStopGetsAllTheTimeLeft() {
    // 4 members on 2 threads, 6,300 s: the first two get half each.
    assertThat(Trainer.budgetShare(6300, 4, 2)).isEqualTo(3150.0);
    assertThat(Trainer.budgetShare(6300, 3, 2)).isEqualTo(3150.0);
    // The third starts at 2,490 s because the second stopped early while the first still runs:
    // its thread has one round left, so it gets all 3,810 s (not half, as the count of unfinished
    // members would give).
    assertThat(Trainer.budgetShare(3810, 2, 2)).isEqualTo(3810.0);
    assertThat(Trainer.budgetShare(3730, 1, 2)).isEqualTo(3730.0);
    // One at a time: the time left over the members left.
    assertThat(Trainer.budgetShare(6000, 3, 1)).isEqualTo(2000.0);
    assertThat(Trainer.budgetShare(4200, 2, 1)).isEqualTo(2100.0);
    assertThat(Trainer.budgetShare(-5, 1, 1)).isZero();
  }
}
