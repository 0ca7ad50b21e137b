/**
 * Model inference, the GPU pool's activities: bundles loaded once per process, one batched call per
 * shard ({@link io.matscreen.activities.inference.ShardInference}).
 */
package io.matscreen.activities.inference;
