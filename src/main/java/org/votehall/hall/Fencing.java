package org.votehall.hall;

import java.util.Set;
import org.votehall.cluster.FenceHandler;
import org.votehall.ledger.Ledger;

/**
 * This node's part in closing a ballot: it shuts its gate only for a ballot its own (signed) view
 * sees closing, and answers with its account of what it acknowledged, once every secret cast it
 * acknowledged for the ballot is in its ledger.
 */
final class Fencing implements FenceHandler {
  private static final Set<BallotState.Status> CLOSING =
      Set.of(BallotState.Status.CLOSING, BallotState.Status.CLOSED, BallotState.Status.ANNOUNCED);

  private final HallMaps maps;
  private final Ledger ledger;
  private final Acknowledgements acks;
  private final String self;

  Fencing(HallMaps maps, Ledger ledger, Acknowledgements acks, String self) {
    this.maps = maps;
    this.ledger = ledger;
    this.acks = acks;
    this.self = self;
  }

  @Override
  public boolean mayClose(String ballot) {
    BallotState state = maps.ballots().get(ballot);
    return state != null && CLOSING.contains(state.status());
  }

  @Override
  public String acknowledged(String ballot) {
    ledger
        .flushSecret(ballot)
        .join(); // every acknowledged secret cast in the ledger before the close
    return acks.account(ballot, self);
  }
}
