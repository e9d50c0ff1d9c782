package org.votehall.cluster;

import java.io.Serializable;

/**
 * A record as it sits in a cluster map: its content, the fingerprint of the node that wrote it and
 * that node's Ed25519 signature over the map's name, the key and the content ({@link
 * RecordSigner#statement}). The maps are reachable by anyone on the member port; only this
 * signature says a trusted node wrote the record.
 */
public record SignedRecord(String content, String node, String signature) implements Serializable {}
