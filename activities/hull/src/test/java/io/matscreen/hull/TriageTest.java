package io.matscreen.hull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Triage rule e_above_hull_pred + k·σ < threshold, ranking and budget; values by hand. */
class TriageTest {
  private static final List<TriageCandidate> CANDIDATES =
      List.of(
          new TriageCandidate("A", -0.10, 0.05, 0.02, 0.04), // total: -0.05
          new TriageCandidate("B", -0.30, 0.40, 0.09, 0.35), // total: +0.10
          new TriageCandidate("C", -0.20, 0.10, 0.05, 0.08), // total: -0.10
          new TriageCandidate("D", 0.05, 0.00, 0.00, 0.00), // total: +0.05
          new TriageCandidate("E", -0.15, 0.10, 0.20, 0.01)); // total: -0.05, ties with A

  @Test
  void defaultsPassBelowZeroWithTotalSigmaRankedAndCutToBudget() {
    List<TriageDecision> ranked = Triage.rank(CANDIDATES, TriageSettings.defaults().withBudget(2));
    assertThat(ranked).extracting(d -> d.candidate().id()).containsExactly("C", "A", "E", "D", "B");
    assertThat(ranked)
        .extracting(TriageDecision::passed)
        .containsExactly(true, true, true, false, false);
    assertThat(ranked).extracting(TriageDecision::rank).containsExactly(1, 2, 3, 0, 0);
    assertThat(ranked)
        .extracting(TriageDecision::selected)
        .containsExactly(true, true, false, false, false);
    assertThat(ranked.get(0).acquisitionEv()).isCloseTo(-0.10, within(1e-12));
    assertThat(ranked.get(4).acquisitionEv()).isCloseTo(0.10, within(1e-12));
    assertThat(Triage.select(CANDIDATES, TriageSettings.defaults().withBudget(2)))
        .extracting(d -> d.candidate().id())
        .containsExactly("C", "A");
  }

  @Test
  void sigmaKindKAndThresholdAreHonoured() {
    // Epistemic σ, k = 2: A -0.06, B -0.12, C -0.10, D 0.05, E +0.25.
    List<TriageDecision> epi =
        Triage.select(CANDIDATES, new TriageSettings(2, 0, SigmaKind.EPISTEMIC, 10));
    assertThat(epi).extracting(d -> d.candidate().id()).containsExactly("B", "C", "A");
    // Aleatoric σ, k = 1, threshold -0.1: only E (-0.14) and C (-0.12) pass.
    List<TriageDecision> ale =
        Triage.select(CANDIDATES, new TriageSettings(1, -0.1, SigmaKind.ALEATORIC, 10));
    assertThat(ale).extracting(d -> d.candidate().id()).containsExactly("E", "C");
    // Strict inequality: D with acquisition exactly 0.05 fails at threshold 0.05.
    assertThat(Triage.select(CANDIDATES, new TriageSettings(0, 0.05, SigmaKind.TOTAL, 10)))
        .extracting(d -> d.candidate().id())
        .containsExactly("B", "C", "E", "A");
  }

  @Test
  void badInputsAreRefusedWithTheCandidateNamed() {
    assertThatThrownBy(
            () ->
                Triage.rank(
                    List.of(new TriageCandidate("X", -0.1, Double.NaN, 0, 0)),
                    TriageSettings.defaults()))
        .isInstanceOf(HullException.class)
        .hasMessageContaining("X")
        .hasMessageContaining("total");
    assertThatThrownBy(() -> new TriageSettings(1, 0, SigmaKind.TOTAL, -1))
        .hasMessageContaining("budget");
  }
}
