package io.matscreen.cli;

/** Keeps ND4J's start-up INFO lines off the CLI's output (slf4j-simple reads these at start). */
final class CliLogging {
  private CliLogging() {}

  static void quietNd4j() {
    System.setProperty("org.slf4j.simpleLogger.log.org.nd4j", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.deeplearning4j", "warn");
  }
}
