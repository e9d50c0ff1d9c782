package org.votehall.rules;

/**
 * The participation figures of one ballot (docs/voting-rules.md §0): 应到 (members), 实到 (present), 发出
 * (issued) and 收回 (returned).
 */
public record Turnout(int members, int present, int issued, int returned) {

  public Turnout {
    if (members < 1 || present < 0 || issued < 0 || returned < 0) {
      throw new IllegalArgumentException(
          "Turnout figures out of range [members: "
              + members
              + ", present: "
              + present
              + ", issued: "
              + issued
              + ", returned: "
              + returned
              + "]");
    }
  }

  /** 未按 / 未投: issued but not returned; a participation figure, never a vote, never negative. */
  public int notVoted() {
    return Math.max(0, issued - returned);
  }

  /** More ballots returned than issued voids the whole vote (docs/voting-rules.md §0: 选举无效). */
  public boolean returnedExceedsIssued() {
    return returned > issued;
  }
}
