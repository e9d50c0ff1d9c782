package org.votehall.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that check passwords and PINs (Argon2id, slow on purpose), apart from the workers
 * that take casts: a flood of logins can then use at most this pool's threads (half the cores),
 * never the casts' workers. Each kind of check has a lane that admits a bounded number waiting;
 * past it a request is refused at once ({@link Busy}) instead of queueing behind an attacker's.
 */
final class HashingPool {
  private final WorkerExecutor executor;

  HashingPool(Vertx vertx) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    this.executor = vertx.createSharedWorkerExecutor("votehall-hashing", threads);
  }

  /** A lane of the pool that lets at most {@code limit} checks wait or run at once. */
  Lane lane(int limit) {
    return new Lane(limit);
  }

  void close() {
    executor.close();
  }

  /** One kind of check (logins, PINs) with its own bound. */
  final class Lane {
    private final int limit;
    private final AtomicInteger waiting = new AtomicInteger();

    private Lane(int limit) {
      this.limit = limit;
    }

    <T> Future<T> run(Callable<T> check) {
      if (waiting.incrementAndGet() > limit) {
        waiting.decrementAndGet();
        return Future.failedFuture(new Busy());
      }
      return executor.executeBlocking(check, false).onComplete(r -> waiting.decrementAndGet());
    }
  }

  /** Too many checks are waiting: try again in a moment. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("too many password and PIN checks are waiting", null, false, false);
    }
  }
}
