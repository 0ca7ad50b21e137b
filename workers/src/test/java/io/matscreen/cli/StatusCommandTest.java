package io.matscreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.matscreen.activities.ScreeningActivitiesImpl;
import io.matscreen.activities.campaign.CampaignSpecReader;
import io.matscreen.proto.v1.CampaignProgress;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignStage;
import io.matscreen.store.CampaignStatus;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.store.StoreRows.CampaignRow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code matscreen status} shows a failed campaign as {@code failed: REASON}. */
class StatusCommandTest {
  @TempDir Path dir;

  private static final String REASON =
      "campaign st-fail: known_phases[2]: 'fluorite:Xx2O': formula 'Xx2O': 'Xx' is not an element"
          + " symbol at position 1";

  @Test
  void aCampaignRecordedAsFailedShowsItsReason() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("store.db");
    Path yaml = dir.resolve("st.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "name: st-fail",
            "elements: [C, Si]",
            "candidates: {prototypes: [zincblende]}",
            "known_phases: [diamond:C, diamond:Si]",
            "store: " + url,
            ""));
    CampaignSpec spec = CampaignSpecReader.read(yaml);
    CampaignStores stores = new CampaignStores();
    CampaignStore store = stores.forUrl(url);
    store.upsertCampaign(spec.getName(), "C-Si", spec.toString(), "campaign-st-fail");
    // What the workflow's failure branch records through the recordProgress activity.
    new ScreeningActivitiesImpl(stores)
        .recordProgress(
            CampaignProgress.newBuilder()
                .setCampaign("st-fail")
                .setStore(url)
                .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_FAILED)
                .setFailureReason(REASON)
                .build());
    stores.close();

    // Nothing listens on port 1: the store alone must tell.
    CliRun r = CliRun.run("status", "--store", url, "--temporal", "127.0.0.1:1", "st-fail");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
    assertThat(r.out().lines().toList())
        .anySatisfy(
            l -> assertThat(l).startsWith("st-fail  workflow campaign-st-fail  stage failed"))
        .contains("  failed: " + REASON)
        .noneSatisfy(l -> assertThat(l).contains("stage candidates"));
  }

  private static CampaignRow row(String stage, CampaignStatus status, String reason) {
    return new CampaignRow("c", "C-Si", "", "campaign-c", stage, status, "t0", "t1", reason);
  }

  @Test
  void theReasonComesFromLiveProgressTheStoreOrTemporal() {
    CampaignProgress liveFailed =
        CampaignProgress.newBuilder()
            .setCampaignStage(CampaignStage.CAMPAIGN_STAGE_FAILED)
            .setFailureReason("live reason")
            .build();
    CampaignProgress liveRunning =
        CampaignProgress.newBuilder().setCampaignStage(CampaignStage.CAMPAIGN_STAGE_SCREEN).build();

    assertThat(
            StatusCommand.failureReason(
                row("candidates", CampaignStatus.RUNNING, null), liveFailed, null))
        .isEqualTo("live reason");
    assertThat(
            StatusCommand.failureReason(
                row("failed", CampaignStatus.FAILED, "old"), liveRunning, null))
        .isNull();
    assertThat(
            StatusCommand.failureReason(row("failed", CampaignStatus.FAILED, "stored"), null, null))
        .isEqualTo("stored");
    // The workflow could not record its failure (store unreachable): Temporal's account of it.
    assertThat(
            StatusCommand.failureReason(
                row("candidates", CampaignStatus.RUNNING, null),
                null,
                "workflow failed: campaign c failed"))
        .isEqualTo("workflow failed: campaign c failed");
    assertThat(StatusCommand.failureReason(row("failed", CampaignStatus.FAILED, null), null, null))
        .isEqualTo("no reason recorded");
    assertThat(StatusCommand.failureReason(row("screen", CampaignStatus.RUNNING, null), null, null))
        .isNull();
  }
}
