package org.votehall.http;

/** A clerk or auditor account from the node's config: name, role, Argon2id password hash. */
public record Account(String name, String role, String passwordHash) {
  public static final String CLERK = "clerk";
  public static final String AUDITOR = "auditor";
}
