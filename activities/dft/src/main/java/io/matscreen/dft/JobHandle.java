package io.matscreen.dft;

import java.nio.file.Path;

/**
 * A reference to a submitted job: its idempotency key, its job directory and the scheduler's id
 * (Slurm job id such as "42" or "42_3" for an array task; local process id).
 */
public record JobHandle(String key, Path jobDir, String schedulerId) {}
