/**
 * Selection for DFT: ranking of the candidates that passed triage, the budget and the batches of
 * DFT jobs ({@link io.matscreen.activities.selection.DftSelector}).
 */
package io.matscreen.activities.selection;
