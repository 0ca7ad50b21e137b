package io.matscreen.store;

import io.matscreen.store.StoreRows.CampaignRow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link CampaignRepository} on the tables campaigns and reports. */
final class JdbiCampaignRepository implements CampaignRepository {
  private final StoreDatabase db;

  JdbiCampaignRepository(StoreDatabase db) {
    this.db = db;
  }

  @Override
  public void upsertCampaign(String name, String chemsys, String specText, String workflowId) {
    String t = Instant.now().toString();
    db.update(
        "saving campaign " + name,
        "INSERT INTO campaigns (name, chemsys, spec_text, workflow_id, stage, status, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, 'created', 'RUNNING', ?, ?) ON CONFLICT (name) DO"
            + " UPDATE SET chemsys = excluded.chemsys, spec_text = excluded.spec_text,"
            + " workflow_id = excluded.workflow_id, updated_at = excluded.updated_at",
        name,
        chemsys,
        specText,
        workflowId,
        t,
        t);
  }

  @Override
  public void updateCampaignStage(
      String name, String stage, CampaignStatus status, String failureReason) {
    db.update(
        "updating campaign " + name,
        "UPDATE campaigns SET stage = ?, status = ?, failure_reason = ?, updated_at = ? WHERE"
            + " name = ?",
        stage,
        status.name(),
        failureReason,
        Instant.now().toString(),
        name);
  }

  @Override
  public Optional<CampaignRow> campaign(String name) {
    return db.first(
        "reading campaign " + name,
        CampaignRow.class,
        "SELECT * FROM campaigns WHERE name = ?",
        name);
  }

  @Override
  public List<CampaignRow> campaigns() {
    return db.list(
        "listing campaigns", CampaignRow.class, "SELECT * FROM campaigns ORDER BY created_at");
  }

  @Override
  public void saveReport(String campaign, String text) {
    db.update(
        "saving report of " + campaign,
        "INSERT INTO reports (campaign, text, created_at) VALUES (?, ?, ?) ON CONFLICT (campaign)"
            + " DO UPDATE SET text = excluded.text, created_at = excluded.created_at",
        campaign,
        text,
        Instant.now().toString());
  }

  @Override
  public Optional<String> report(String campaign) {
    return db.first(
        "reading report of " + campaign,
        String.class,
        "SELECT text FROM reports WHERE campaign = ?",
        campaign);
  }
}
