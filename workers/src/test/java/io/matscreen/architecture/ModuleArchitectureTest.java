package io.matscreen.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of DESIGN.md, checked over every matscreen class: dependencies point
 * one way (proto ← activities/api ← workflows ← workers; the science libraries below the activity
 * implementations), and no two packages depend on each other.
 *
 * <p>Maven already refuses most forbidden module arrows at compile time; this test names the rule
 * when someone widens a POM.
 */
class ModuleArchitectureTest {
  private static final JavaClasses MATSCREEN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // Modules' test fixtures reach this classpath as test-jars; they are not the product.
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.matscreen");

  /** The module rules, as layers: each names the packages of one Maven module. */
  static ArchRule moduleRule() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("proto")
        .definedBy("io.matscreen.proto..")
        .layer("api")
        .definedBy("io.matscreen.activities.api..")
        .layer("structure")
        .definedBy("io.matscreen.structure..", "io.matscreen.symmetry..")
        .layer("model")
        .definedBy("io.matscreen.features..", "io.matscreen.model..")
        .layer("hull")
        .definedBy("io.matscreen.hull..")
        .layer("dft")
        .definedBy("io.matscreen.dft..")
        .layer("sources")
        .definedBy("io.matscreen.sources..")
        .layer("store")
        .definedBy("io.matscreen.store..")
        .layer("implementations")
        .definedBy(
            "io.matscreen.activities",
            "io.matscreen.activities.campaign..",
            "io.matscreen.activities.candidates..",
            "io.matscreen.activities.screening..",
            "io.matscreen.activities.inference..",
            "io.matscreen.activities.selection..",
            "io.matscreen.activities.dftjobs..",
            "io.matscreen.activities.reporting..")
        .layer("workflows")
        .definedBy("io.matscreen.workflows..")
        .layer("workers")
        .definedBy("io.matscreen.cli..", "io.matscreen.workers..")
        .whereLayer("proto")
        .mayNotAccessAnyLayer()
        .whereLayer("api")
        .mayOnlyAccessLayers("proto")
        .whereLayer("structure")
        .mayNotAccessAnyLayer()
        .whereLayer("model")
        .mayOnlyAccessLayers("structure")
        .whereLayer("hull")
        .mayOnlyAccessLayers("structure")
        .whereLayer("dft")
        .mayOnlyAccessLayers("structure")
        .whereLayer("sources")
        .mayOnlyAccessLayers("structure", "hull")
        .whereLayer("store")
        .mayNotAccessAnyLayer()
        .whereLayer("implementations")
        .mayOnlyAccessLayers(
            "proto", "api", "structure", "model", "hull", "dft", "sources", "store")
        .whereLayer("workflows")
        .mayOnlyAccessLayers("proto", "api")
        .because("dependencies point one way (DESIGN.md, Layout)");
  }

  @Test
  void modulesDependOneWay() {
    moduleRule().check(MATSCREEN);
  }

  /**
   * No package depends on a package that depends back on it (directly or around a longer loop): a
   * cycle means the two are one room cut in half, e.g. dft returning dft.handlers types.
   */
  @Test
  void packagesHaveNoCycles() {
    slices()
        .matching("io.matscreen.(**)")
        .should()
        .beFreeOfCycles()
        .because("data flows one way between packages too (STYLE.md)")
        .check(MATSCREEN);
  }
}
