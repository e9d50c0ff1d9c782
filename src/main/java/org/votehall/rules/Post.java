package org.votehall.rules;

/** The kind of post an election section fills; it sets the expected number of candidates (差额). */
public enum Post {
  /** 正职. */
  CHIEF,
  /** 副职, the default. */
  VICE,
  /** 委员. */
  MEMBER
}
