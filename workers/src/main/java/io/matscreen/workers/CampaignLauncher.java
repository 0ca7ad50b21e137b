package io.matscreen.workers;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.api.TaskQueues;
import io.matscreen.activities.api.WorkflowIds;
import io.matscreen.activities.campaign.CampaignDefaults;
import io.matscreen.proto.v1.CampaignSpec;
import io.matscreen.proto.v1.CampaignState;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.CampaignStores;
import io.matscreen.workflows.campaign.CampaignSearchAttributes;
import io.matscreen.workflows.campaign.CampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.List;

/** Starts campaign workflows and registers them in the campaign store's index. */
public final class CampaignLauncher {
  private CampaignLauncher() {}

  /** Starts (or, when already running, finds) the campaign's workflow; returns its id. */
  public static String start(WorkflowClient client, CampaignSpec spec, CampaignStores stores) {
    String workflowId = WorkflowIds.campaign(spec.getName());
    CampaignStore store = stores.forUrl(spec.getStore());
    store.upsertCampaign(
        spec.getName(), String.join("-", spec.getElementsList()), spec.toString(), workflowId);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.WORKFLOWS)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(CampaignSearchAttributes.CAMPAIGN, spec.getName())
                    .set(CampaignSearchAttributes.STAGE, "created")
                    .set(CampaignSearchAttributes.CHEMSYS, List.copyOf(spec.getElementsList()))
                    .build())
            .setStaticSummary(
                "Screening campaign "
                    + spec.getName()
                    + " over "
                    + String.join("-", spec.getElementsList()))
            .setStaticDetails(staticDetails(spec))
            .build();
    CampaignWorkflow workflow = client.newWorkflowStub(CampaignWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, spec, CampaignState.getDefaultInstance());
    } catch (WorkflowExecutionAlreadyStarted e) {
      // Launching twice attaches to the running campaign instead of starting a second one.
    }
    return workflowId;
  }

  private static String staticDetails(CampaignSpec spec) {
    return String.join(
        "\n",
        "| setting | value |",
        "|---|---|",
        "| chemical system | " + String.join("-", spec.getElementsList()) + " |",
        "| candidates | "
            + spec.getCandidatesSource()
            + (spec.getPrototypesCount() > 0
                ? " into " + String.join(", ", spec.getPrototypesList())
                : " from " + spec.getCandidatesFile())
            + " |",
        "| model | " + spec.getModel() + " |",
        "| triage | e_above_hull_pred + "
            + spec.getTriageK()
            + "·σ("
            + CampaignEnums.yamlName(CampaignDefaults.triageSigma(spec))
            + ") < "
            + spec.getTriageThreshold()
            + " eV/atom |",
        "| DFT | "
            + CampaignEnums.yamlName(spec.getDft().getInputSetKind())
            + " on "
            + CampaignEnums.yamlName(spec.getDft().getExecutorKind())
            + ", budget "
            + spec.getDft().getBudget()
            + " |",
        "| store | " + spec.getStore() + " |");
  }
}
