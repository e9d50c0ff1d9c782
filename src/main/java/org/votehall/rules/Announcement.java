package org.votehall.rules;

/**
 * The text read out and shown on the big screen when a result is announced (docs/voting-rules.md
 * §5).
 */
public record Announcement(String zh, String en) {}
