package org.votehall.cluster;

import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;

/**
 * A cluster map of typed values, each stored as a {@link SignedRecord}. Reads see only records a
 * trusted node signed for this map and key: any other (another class, fields missing, a signature
 * no trusted node made) is reported and treated as absent, and a write over it takes its place.
 * Calls block on Hazelcast: never run them on an event loop.
 */
public final class SignedMap<T> {
  private final String name;
  // Values are Objects, not SignedRecords: anyone on the member port may put anything there.
  private final IMap<String, Object> map;
  private final RecordCodec<T> codec;
  private final RecordSigner signer;
  // Null for the maps whose compare-and-set on the map itself is enough.
  private final CpRegisters registers;

  SignedMap(String name, IMap<String, Object> map, RecordCodec<T> codec, RecordSigner signer) {
    this(name, map, codec, signer, null);
  }

  SignedMap(
      String name,
      IMap<String, Object> map,
      RecordCodec<T> codec,
      RecordSigner signer,
      CpRegisters registers) {
    this.name = name;
    this.map = map;
    this.codec = codec;
    this.signer = signer;
    this.registers = registers;
  }

  /** A trusted value and the record it was read from (for compare-and-set). */
  public record Entry<T>(T value, SignedRecord record) {}

  public Optional<Entry<T>> read(String key) {
    return trusted(key, raw(key));
  }

  /** The trusted value at {@code key}, or null. */
  public T get(String key) {
    return read(key).map(Entry::value).orElse(null);
  }

  public T getOrDefault(String key, T fallback) {
    return read(key).map(Entry::value).orElse(fallback);
  }

  public boolean containsKey(String key) {
    return read(key).isPresent();
  }

  /**
   * Puts {@code value} unless a trusted value is there; returns that value, or null if {@code
   * value} is now in. An untrusted record in the way is replaced.
   */
  public T putIfAbsent(String key, T value) {
    return putIfAbsent(key, value, 0, TimeUnit.SECONDS);
  }

  /** As {@link #putIfAbsent(String, Object)}, the entry then kept for {@code ttl} (0: for ever). */
  public T putIfAbsent(String key, T value, long ttl, TimeUnit unit) {
    SignedRecord mine = sign(key, value);
    while (true) {
      Object before;
      try {
        before = ttl > 0 ? map.putIfAbsent(key, mine, ttl, unit) : map.putIfAbsent(key, mine);
      } catch (HazelcastSerializationException e) {
        signer.incidents().reportOnce("record " + name + " [" + key + "] does not read: replaced");
        map.delete(key); // what is there is no record: it goes
        continue;
      }
      if (before == null) {
        return null;
      }
      Optional<Entry<T>> existing = trusted(key, before);
      if (existing.isPresent()) {
        return existing.get().value();
      }
      map.remove(key, before);
    }
  }

  public void put(String key, T value) {
    map.set(key, sign(key, value));
  }

  public void putAll(Map<String, T> values) {
    Map<String, Object> records = new HashMap<>();
    values.forEach((k, v) -> records.put(k, sign(k, v)));
    map.putAll(records);
  }

  /**
   * Compare-and-set against a record read before. On a map with linearizable registers the change
   * wins in the register first (Raft), then is copied here; a lost race copies the register's
   * record here, so the caller's next read sees the change that won.
   */
  public boolean replace(String key, Entry<T> expected, T next) {
    SignedRecord mine = sign(key, next);
    if (registers == null) {
      return map.replace(key, expected.record(), mine);
    }
    // Each copy to the map replaces only the record it follows, so a copy that comes late never
    // puts back an older record over a newer one.
    if (registers.advance(name, key, expected.record(), mine, r -> trusted(key, r).isPresent())) {
      map.replace(key, expected.record(), mine);
      return true;
    }
    Object won = registers.read(name, key);
    if (trusted(key, won).isPresent() && !won.equals(expected.record())) {
      map.replace(key, expected.record(), won); // a change that won there, not copied here (yet)
    }
    return false;
  }

  /**
   * Compare-and-set on the map alone, for a replay rebuilding the working state from a ledger: the
   * registers may not be reachable yet, and one that was never set starts from the map's record.
   */
  public boolean rebuild(String key, Entry<T> expected, T next) {
    return map.replace(key, expected.record(), sign(key, next));
  }

  /** Removes the entry; returns the trusted value it held, or null. */
  public T remove(String key) {
    Object removed;
    try {
      removed = map.remove(key);
    } catch (HazelcastSerializationException e) {
      return null; // something no node wrote: gone now
    }
    return trusted(key, removed).map(Entry::value).orElse(null);
  }

  public boolean remove(String key, Entry<T> expected) {
    return map.remove(key, expected.record());
  }

  /**
   * Merges {@code value} into the trusted value at {@code key} (or puts it) by compare-and-set;
   * returns the value now there.
   */
  public T merge(String key, T value, BinaryOperator<T> merge) {
    while (true) {
      Optional<Entry<T>> current = read(key);
      if (current.isEmpty()) {
        if (putIfAbsent(key, value) == null) {
          return value;
        }
        continue;
      }
      T next = merge.apply(current.get().value(), value);
      if (replace(key, current.get(), next)) {
        return next;
      }
    }
  }

  /** Every trusted entry. */
  public Map<String, T> entries() {
    Map<String, T> out = new HashMap<>();
    records().forEach((k, e) -> out.put(k, e.value()));
    return out;
  }

  /** Every trusted entry with the record it was read from (which names the writing node). */
  public Map<String, Entry<T>> records() {
    Map<String, Entry<T>> out = new HashMap<>();
    all().forEach((k, v) -> trusted(k, v).ifPresent(t -> out.put(k, t)));
    return out;
  }

  public Set<String> keys() {
    return entries().keySet();
  }

  /** How many trusted entries there are: every record read and checked. */
  public int size() {
    return records().size();
  }

  /**
   * How many records the map holds, trusted or not: a live figure from the cluster at once, never a
   * basis for a decision or a sealed figure (use {@link #size}).
   */
  public int count() {
    return map.size();
  }

  private SignedRecord sign(String key, T value) {
    return signer.sign(name, key, codec.encode(value));
  }

  private Object raw(String key) {
    try {
      return map.get(key);
    } catch (HazelcastSerializationException e) {
      signer.incidents().reportOnce("record " + name + " [" + key + "] does not read: ignored");
      return null;
    }
  }

  /** Every raw value; one that does not deserialize is left out (and reported), not fatal. */
  private Map<String, Object> all() {
    try {
      Map<String, Object> out = new HashMap<>();
      map.entrySet().forEach(e -> out.put(e.getKey(), e.getValue()));
      return out;
    } catch (HazelcastSerializationException e) {
      Map<String, Object> out = new HashMap<>();
      for (String key : map.keySet()) {
        Object value = raw(key);
        if (value != null) {
          out.put(key, value);
        }
      }
      return out;
    }
  }

  private Optional<Entry<T>> trusted(String key, Object raw) {
    if (raw == null) {
      return Optional.empty();
    }
    if (!(raw instanceof SignedRecord record) || !signer.holds(name, key, record)) {
      if (!(raw instanceof SignedRecord)) {
        signer
            .incidents()
            .reportOnce("record " + name + " [" + key + "] is not a signed record: ignored");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(new Entry<>(codec.decode(record.content()), record));
    } catch (RuntimeException e) {
      signer
          .incidents()
          .reportOnce(
              "record " + name + " [" + key + "] is signed but unreadable: " + e.getMessage());
      return Optional.empty();
    }
  }
}
