package io.matscreen.activities.campaign;

import io.matscreen.proto.v1.CampaignSpec;
import java.nio.file.Path;

/** Paths written in a campaign file: relative ones are relative to the file's folder. */
public final class CampaignPaths {
  private CampaignPaths() {}

  /** {@code file} as the campaign file means it (as given when the spec has no file). */
  public static Path resolve(CampaignSpec spec, String file) {
    Path p = Path.of(file);
    if (!p.isAbsolute() && !spec.getSpecPath().isEmpty()) {
      return Path.of(spec.getSpecPath()).getParent().resolve(p);
    }
    return p;
  }
}
