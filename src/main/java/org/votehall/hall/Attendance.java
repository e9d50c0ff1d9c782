package org.votehall.hall;

/** 应到 / 实到 and whether the quorum is met, for the clerk console and the big screen. */
public record Attendance(
    String sitting, int members, int present, int quorumRequired, boolean quorumMet) {}
