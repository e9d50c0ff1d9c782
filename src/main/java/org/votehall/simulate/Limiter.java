package org.votehall.simulate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * At most so many operations in flight (the simulator's {@code --concurrency}); the others wait
 * their turn in order. Used from one Vert.x context only, so it needs no locking.
 */
final class Limiter {
  private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
  private int free;

  Limiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("at least one operation in flight, not " + permits);
    }
    this.free = permits;
  }

  /** Runs {@code work} once a permit is free, and frees it when the work's future completes. */
  <T> Future<T> run(Supplier<Future<T>> work) {
    return acquire()
        .compose(
            v -> {
              Future<T> started;
              try {
                started = work.get();
              } catch (RuntimeException e) {
                started = Future.failedFuture(e);
              }
              return started.andThen(done -> release());
            });
  }

  private Future<Void> acquire() {
    if (free > 0) {
      free--;
      return Future.succeededFuture();
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(turn);
    return turn.future();
  }

  private void release() {
    Promise<Void> next = waiting.poll();
    if (next == null) {
      free++;
    } else {
      next.complete();
    }
  }
}
