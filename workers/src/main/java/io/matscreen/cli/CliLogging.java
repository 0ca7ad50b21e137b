package io.matscreen.cli;

/**
 * Keeps libraries' start-up INFO lines (ND4J's, the store pool's) off the CLI's output
 * (slf4j-simple reads these at start).
 */
final class CliLogging {
  private CliLogging() {}

  static void quietNd4j() {
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "warn");
  }

  /** HikariCP announces every pool start and stop; the commands' output is about campaigns. */
  static void quietStorePool() {
    System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
  }
}
