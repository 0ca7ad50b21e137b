package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A command on one campaign of the store ({@code CAMPAIGN}, {@code --store}); the store's pools
 * close when {@link #run} ends.
 */
abstract class StoredCampaignCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "CAMPAIGN")
  String campaign;

  @Override
  public final Integer call() {
    return store.closingAfter(this::run);
  }

  /** The command's work, with {@link #store} open; returns the exit code. */
  abstract int run();
}
