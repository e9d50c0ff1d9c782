package org.votehall.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.votehall.ledger.Ledger;

/**
 * votehall's own metrics, beside Vert.x's (request latency per route): casts, issues, check-ins and
 * logins by result code, ledger batches, cluster members, open ballots. No label ever carries a
 * deputy, terminal, token or address: only the kind of request and its result code.
 */
public final class HallMetrics {
  private final MeterRegistry registry;

  public HallMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics that go nowhere, for servers started without a registry (tests, benchmarks). */
  static HallMetrics none() {
    return new HallMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** A cast of {@code kind} (secret, recorded): {@code accepted}, or the refusal's code. */
  void cast(String kind, String result) {
    counter("votehall.casts", "Casts by kind and result", "kind", kind, "result", result)
        .increment();
  }

  void issue(String result) {
    counter("votehall.issues", "Blind signatures issued, by result", "result", result).increment();
  }

  void checkIn(String result) {
    counter("votehall.checkins", "Deputy check-ins by result", "result", result).increment();
  }

  void login(String result) {
    counter("votehall.logins", "Clerk and auditor logins by result", "result", result).increment();
  }

  /** Every batch the ledger writes: its size, and how long forcing it to disk took. */
  public void watch(Ledger ledger) {
    DistributionSummary batch =
        DistributionSummary.builder("votehall.ledger.batch.entries")
            .description("Entries per group-commit batch of the ledger")
            .register(registry);
    Timer fsync =
        Timer.builder("votehall.ledger.fsync")
            .description("Time to force a ledger batch to disk")
            .register(registry);
    ledger.observe(
        (entries, nanos) -> {
          batch.record(entries);
          fsync.record(nanos, TimeUnit.NANOSECONDS);
        });
  }

  /** Gauges read when scraped: they must answer at once (no cluster calls). */
  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  private Counter counter(String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }
}
