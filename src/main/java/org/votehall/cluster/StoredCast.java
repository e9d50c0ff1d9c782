package org.votehall.cluster;

import java.io.Serializable;

/**
 * A cast as the cluster keeps it: keyed by its voter (the deputy for a recorded ballot, the token
 * for a secret one), with its marks object and the whole stored content, both canonical JSON. A
 * secret cast's content holds no deputy, terminal, address, time or arrival order. The receipt is
 * the digest of the content (computed by the caller), which the deputy can later find in the
 * published box.
 */
public record StoredCast(String voter, String marks, String content, String receipt)
    implements Serializable {}
