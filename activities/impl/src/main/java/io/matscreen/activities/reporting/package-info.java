/**
 * The end of a campaign and its words: the final DFT hull, the funnel and report text, the stage
 * recorded for {@code matscreen status} ({@link io.matscreen.activities.reporting.FinalHull},
 * {@link io.matscreen.activities.reporting.CampaignReport}).
 */
package io.matscreen.activities.reporting;
