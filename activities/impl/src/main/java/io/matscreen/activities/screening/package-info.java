/**
 * Screening of a shard: symmetry labels, then the predictions on the known hull and the triage rule
 * ({@link io.matscreen.activities.screening.ShardScreening}).
 */
package io.matscreen.activities.screening;
