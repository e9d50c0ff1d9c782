package org.votehall.rules;

import java.util.List;

/**
 * The candidates a first round proposes for a runoff (另行选举) of its unfilled seats
 * (docs/voting-rules.md §2): the first {@code S' + extra} listed candidates not elected, by
 * first-round {@code for}, plus any tied with the last one proposed; all that remain, and a call
 * for nominations, if fewer remain.
 */
record RunoffProposal(List<String> candidates, boolean nominationNeeded) {

  static final RunoffProposal NONE = new RunoffProposal(List.of(), false);

  /**
   * @param notElected the listed candidates not elected, ranked by first-round {@code for}
   */
  static RunoffProposal of(Post post, int unfilled, List<Contender> notElected) {
    int wanted = unfilled + extra(post, unfilled);
    if (notElected.size() < wanted) {
      return new RunoffProposal(Contender.ids(notElected), true);
    }
    int last = notElected.get(wanted - 1).votes();
    int end = wanted;
    while (end < notElected.size() && notElected.get(end).votes() == last) {
      end++;
    }
    return new RunoffProposal(Contender.ids(notElected.subList(0, end)), false);
  }

  /**
   * How many more candidates than seats (差额): 1 for chief and vice posts, ⌈S'/10⌉ (≥ 1) for
   * members.
   */
  static int extra(Post post, int seats) {
    return post == Post.MEMBER ? Math.max(1, ceilDiv(seats, 10)) : 1;
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
