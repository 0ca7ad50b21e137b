package io.matscreen.workflows;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Keeps workflow code deterministic: no I/O, clocks, randomness or threads, and no reach into the
 * activity implementations (workflows see activity interfaces and proto messages only).
 */
class ArchitectureTest {
  private static final JavaClasses WORKFLOWS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.matscreen.workflows");

  @Test
  void workflowsDoNoIo() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.matscreen.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.io..",
                "java.nio..",
                "java.net..",
                "java.sql..",
                "javax.sql..",
                "java.util.concurrent..")
            .because("workflow code is replayed and must not touch the outside world");
    rule.check(WORKFLOWS);
  }

  @Test
  void workflowsUseNoClocksRandomnessOrThreads() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.matscreen.workflows..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.lang.Thread")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.Random")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.util.UUID")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Instant")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.LocalDateTime")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.time.Clock")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(System.class, "nanoTime")
            .orShould()
            .callMethod(Math.class, "random")
            .because("use Workflow.currentTimeMillis, Workflow.newRandom and Async instead");
    rule.check(WORKFLOWS);
  }

  @Test
  void workflowsSeeOnlyActivityInterfacesAndProtos() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.matscreen.workflows..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "io.matscreen.store..",
                "io.matscreen.structure..",
                "io.matscreen.symmetry..",
                "io.matscreen.features..",
                "io.matscreen.model..",
                "io.matscreen.hull..",
                "io.matscreen.sources..",
                "io.matscreen.dft..",
                "org.nd4j..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("ActivitiesImpl")
            .because("dependencies point one way: proto <- activities <- workflows");
    rule.check(WORKFLOWS);
  }
}
