package org.votehall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of docs/style.md: {@code rules} is pure, and dependencies point inward only. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.votehall");
  }

  @Test
  void rulesDependOnTheJdkCoreOnly() {
    classes()
        .that()
        .resideInAPackage("org.votehall.rules..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.votehall.rules..", "java.lang..", "java.util..", "java.math..", "java.text..")
        .because("the rules are pure: no I/O, no clock, no framework (docs/style.md §2)")
        .check(main);
  }

  @Test
  void rulesUseNoClockAndNoRandomness() {
    noClasses()
        .that()
        .resideInAPackage("org.votehall.rules..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("java.util.concurrent..", "java.lang.reflect..", "java.util.logging..")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .orShould()
        .callMethod(Math.class, "random")
        .orShould()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .because("a count must give the same result every time (docs/style.md §2)")
        .check(main);
  }

  @Test
  void formatsDoNotReachTheServerOrTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("org.votehall.format..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "com.hazelcast..", "org.votehall.cli..", "picocli..")
        .check(main);
  }

  @Test
  void onlyTheCommandLineUsesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.votehall.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("picocli..")
        .check(main);
  }

  @Test
  void theAuditorsToolNeverDependsOnTheServer() {
    noClasses()
        .that()
        .resideInAPackage("org.votehall.audit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "com.hazelcast..",
            "org.votehall.cluster..",
            "org.votehall.hall..",
            "org.votehall.http..",
            "org.votehall.cli..")
        .because("an auditor must be able to trust a small tool (docs/architecture.md)")
        .check(main);
  }

  @Test
  void cryptoStandsOnBouncyCastleAndTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("org.votehall.crypto..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.votehall.crypto..", "java..", "javax..", "org.bouncycastle..", "org.erdtman.jcs..")
        .check(main);
  }

  @Test
  void theVaultStandsOnCryptoAndTheJdkOnly() {
    classes()
        .that()
        .resideInAPackage("org.votehall.vault..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.votehall.vault..", "org.votehall.crypto..", "java..", "org.slf4j..")
        .because(
            "a node's secrets on disk need no cluster, ledger or framework (docs/architecture.md)")
        .check(main);
  }

  @Test
  void dependenciesPointInward() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.votehall.rules..", "org.votehall.crypto..", "org.votehall.format..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.votehall.ledger..", "org.votehall.audit..", "org.votehall.cli..")
        .check(main);
    noClasses()
        .that()
        .resideInAPackage("org.votehall.ledger..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.votehall.audit..", "org.votehall.cli..")
        .check(main);
  }

  @Test
  void onlyTheClusterLayerTouchesHazelcast() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.votehall.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.hazelcast..")
        .because(
            "every record the cluster holds is a signed record behind cluster (docs/architecture.md)")
        .check(main);
  }

  @Test
  void theClusterLayerKnowsTheRulesAndHazelcastButNotTheEdges() {
    noClasses()
        .that()
        .resideInAPackage("org.votehall.cluster..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.votehall.ledger..",
            "org.votehall.audit..",
            "org.votehall.hall..",
            "org.votehall.http..",
            "org.votehall.cli..")
        .check(main);
  }

  @Test
  void theHallKnowsNothingOfHttpOrTheCommandLine() {
    noClasses()
        .that()
        .resideInAPackage("org.votehall.hall..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.votehall.http..", "org.votehall.cli..", "io.vertx.ext.web..")
        .because("the hall is the application service; HTTP is one edge of it (docs/style.md §1)")
        .check(main);
  }

  @Test
  void onlyTheCommandLineStartsThings() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.votehall.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.votehall.cli..")
        .check(main);
  }
}
