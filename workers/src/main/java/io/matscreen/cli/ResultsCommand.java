package io.matscreen.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.matscreen.store.CampaignStore;
import io.matscreen.store.DftJobRole;
import io.matscreen.store.StoreRows.CandidateRow;
import io.matscreen.store.StoreRows.DftJobRow;
import io.matscreen.store.StoreRows.HullRow;
import io.matscreen.store.StoreRows.PredictionRow;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code matscreen results CAMPAIGN}: the DFT-checked candidates, most stable first. */
@Command(
    mixinStandardHelpOptions = true,
    name = "results",
    description = "Export a campaign's DFT-checked candidates.")
public final class ResultsCommand extends StoredCampaignCommand {
  @Option(names = "--format", defaultValue = "csv", description = "csv, json or cif")
  String format;

  @Option(names = "--all", description = "every screened candidate, not only those run in DFT")
  boolean all;

  static final String[] COLUMNS = {
    "id",
    "formula",
    "spacegroup",
    "protostructure",
    "e_form_pred",
    "e_form_std",
    "e_above_hull_pred",
    "passed_triage",
    "dft_state",
    "dft_e_form",
    "dft_e_above_hull",
    "dft_decomposition"
  };

  @Override
  int run() {
    if (!List.of("csv", "json", "cif").contains(format)) {
      throw new IllegalArgumentException("--format must be csv, json or cif, got " + format);
    }
    store.spec(campaign);
    CampaignStore s = store.store();
    Map<String, HullRow> dft = new HashMap<>();
    for (HullRow h : s.hullResults(campaign, "dft")) {
      dft.put(h.candidateId(), h);
    }
    Map<String, DftJobRow> jobs = new HashMap<>();
    for (DftJobRow j : s.dftJobs(campaign)) {
      if (j.role() == DftJobRole.CANDIDATE) {
        jobs.put(j.subjectId(), j);
      }
    }
    List<HullRow> predicted = s.hullResults(campaign, "predicted");
    List<HullRow> rows =
        all
            ? predicted
            : predicted.stream()
                .filter(h -> jobs.containsKey(h.candidateId()))
                .sorted(
                    java.util.Comparator.comparingDouble(
                        (HullRow h) ->
                            dft.containsKey(h.candidateId())
                                ? dft.get(h.candidateId()).eAboveHull()
                                : Double.MAX_VALUE))
                .toList();
    ObjectMapper json = new ObjectMapper();
    if (format.equals("csv")) {
      System.out.println(String.join(",", COLUMNS));
    }
    for (HullRow h : rows) {
      CandidateRow c = s.candidate(campaign, h.candidateId()).orElseThrow();
      PredictionRow p = s.prediction(campaign, h.candidateId()).orElse(null);
      DftJobRow j = jobs.get(h.candidateId());
      HullRow d = dft.get(h.candidateId());
      Object[] values = {
        c.id(),
        c.reducedFormula(),
        c.spacegroup(),
        c.protostructure(),
        p == null ? null : p.eFormMean(),
        p == null ? null : p.eFormStd(),
        h.eAboveHull(),
        h.passedTriage(),
        j == null ? null : j.state().name(),
        d == null ? null : d.eForm(),
        d == null ? null : d.eAboveHull(),
        d == null ? null : d.decomposition()
      };
      switch (format) {
        case "csv" -> System.out.println(csvLine(values));
        case "json" -> {
          ObjectNode o = json.createObjectNode();
          for (int i = 0; i < COLUMNS.length; i++) {
            o.putPOJO(COLUMNS[i], values[i]);
          }
          System.out.println(o);
        }
        default -> System.out.print(CandidateCif.write(c, d));
      }
    }
    return ExitCodes.OK;
  }

  static String csvLine(Object[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Object v = values[i];
      String text =
          v == null
              ? ""
              : v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : v.toString();
      if (text.contains(",") || text.contains("\"")) {
        text = '"' + text.replace("\"", "\"\"") + '"';
      }
      sb.append(text);
    }
    return sb.toString();
  }
}
