package org.votehall.hall;

import java.io.Serializable;

/** A deputy on the roster: number, name, and the Argon2id hash of the PIN they check in with. */
public record Deputy(String id, String name, String pinHash) implements Serializable {}
