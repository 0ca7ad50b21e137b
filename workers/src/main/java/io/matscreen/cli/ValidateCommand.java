package io.matscreen.cli;

import io.matscreen.activities.api.CampaignEnums;
import io.matscreen.activities.campaign.CampaignSpecValidator;
import io.matscreen.proto.v1.CampaignSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code matscreen validate SPEC.yaml}: every check of a campaign file that needs no server. Exit 0
 * with one line when it is valid, 2 with one line per problem (each naming its field) when not.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a campaign YAML file without contacting a server: fields, prototypes, known phases,",
      "local files (candidates, model bundle), DFT executor settings and the store URL.",
      "Exit 0 when valid, 2 with one line per problem."
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec command;

  @Parameters(paramLabel = "SPEC.yaml", description = "campaign file")
  Path specFile;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    int code = check(specFile, out, err);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Validates a campaign file, printing the one-line verdict to {@code out} or each problem to
   * {@code err}; returns the exit code. Launch uses it before it contacts a server.
   */
  static int check(Path specFile, PrintWriter out, PrintWriter err) {
    CampaignSpecValidator.Result r = CampaignSpecValidator.validate(specFile);
    if (!r.valid()) {
      for (String p : r.problems()) {
        // The reader's messages already start with the file's name.
        err.println(p.startsWith(specFile.toString()) ? p : specFile + ": " + p);
      }
      err.println(
          specFile
              + ": "
              + r.problems().size()
              + (r.problems().size() == 1 ? " problem" : " problems"));
      err.flush();
      return ExitCodes.USAGE;
    }
    CampaignSpec s = r.spec();
    out.println(
        specFile
            + ": valid, campaign "
            + s.getName()
            + ", "
            + String.join("-", s.getElementsList())
            + ", "
            + (s.getCandidatesSource().equals("file")
                ? "candidates from " + s.getCandidatesFile()
                : s.getPrototypesCount() + " prototypes")
            + ", "
            + s.getKnownPhasesCount()
            + " known phases, DFT "
            + CampaignEnums.yamlName(s.getDft().getInputSetKind())
            + " on "
            + CampaignEnums.yamlName(s.getDft().getExecutorKind())
            + " (budget "
            + s.getDft().getBudget()
            + "), store "
            + s.getStore());
    out.flush();
    return ExitCodes.OK;
  }
}
