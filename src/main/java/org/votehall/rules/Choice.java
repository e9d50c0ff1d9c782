package org.votehall.rules;

/** A mark on a motion item, an election candidate or a project: 赞成 / 反对 / 弃权. */
public enum Choice {
  FOR,
  AGAINST,
  /** Also what an unmarked item or candidate counts as. */
  ABSTAIN
}
