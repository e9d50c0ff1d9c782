package org.votehall.vault;

/**
 * The vault cannot give a key: a key file that does not parse, or a disk that refuses a write. A
 * fault, not a refusal: nothing was issued, and the message says what to do.
 */
public final class VaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }

  public VaultException(String message) {
    super(message);
  }
}
