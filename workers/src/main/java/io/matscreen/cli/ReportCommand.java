package io.matscreen.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code matscreen report CAMPAIGN}: the campaign's report, as its final stage wrote it. */
@Command(
    mixinStandardHelpOptions = true,
    name = "report",
    description = "Print a campaign's report.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin StoreOptions store;

  @Parameters(paramLabel = "CAMPAIGN")
  String campaign;

  @Override
  public Integer call() {
    try {
      return run();
    } finally {
      store.close();
    }
  }

  private Integer run() {
    store.spec(campaign);
    String text =
        store
            .store()
            .report(campaign)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "campaign "
                            + campaign
                            + " has no report yet (it is written by the final stage; see"
                            + " matscreen status "
                            + campaign
                            + ")"));
    System.out.print(text);
    return ExitCodes.OK;
  }
}
