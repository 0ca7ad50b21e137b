package io.matscreen.cli;

/** Exit codes of the CLI contract: 0 success, 1 some inputs failed, 2 usage or configuration. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int SOME_INPUTS_FAILED = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}
}
