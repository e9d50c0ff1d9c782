package org.votehall.cli;

/**
 * A mistake that stops a node from starting, told in one line that says what is wrong and how to
 * fix it; the command prints it and exits 2, never with a stack trace.
 */
final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StartupException(String message) {
    super(message, null, false, false);
  }
}
