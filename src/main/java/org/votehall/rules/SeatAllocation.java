package org.votehall.rules;

import java.util.List;
import java.util.Optional;

/**
 * Fills places from contenders who met the threshold, ranked (docs/voting-rules.md §2 "Elected",
 * §3): all of them if they fit; otherwise the top ones, unless the last place and the next are
 * tied, in which case everyone strictly above the tied count takes a place and the tied go to a
 * revote.
 */
record SeatAllocation(List<String> elected, Optional<Tie> tie, int unfilled) {

  static SeatAllocation none(int seats) {
    return new SeatAllocation(List.of(), Optional.empty(), seats);
  }

  static SeatAllocation of(List<Contender> rankedEligible, int seats) {
    if (rankedEligible.size() <= seats) {
      return new SeatAllocation(
          Contender.ids(rankedEligible), Optional.empty(), seats - rankedEligible.size());
    }
    int lastIn = rankedEligible.get(seats - 1).votes();
    int firstOut = rankedEligible.get(seats).votes();
    if (lastIn != firstOut) {
      return new SeatAllocation(
          Contender.ids(rankedEligible.subList(0, seats)), Optional.empty(), 0);
    }
    List<String> above =
        rankedEligible.stream().filter(c -> c.votes() > lastIn).map(Contender::id).toList();
    List<String> tied =
        rankedEligible.stream().filter(c -> c.votes() == lastIn).map(Contender::id).toList();
    return new SeatAllocation(above, Optional.of(new Tie(tied, seats - above.size())), 0);
  }
}
