/**
 * Cluster state in Hazelcast: ballots, attendance, issued tokens and casts, the in-memory tally
 * across nodes, and the close fence. Filled by the issue "The hall server".
 */
package org.votehall.cluster;
