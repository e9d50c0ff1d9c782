package org.votehall.cluster;

import com.hazelcast.map.IMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;

/**
 * A cluster map of typed values, each stored as a {@link SignedRecord}. Reads see only records a
 * trusted node signed for this map and key: any other is reported and treated as absent, and a
 * write over it takes its place. Calls block on Hazelcast: never run them on an event loop.
 */
public final class SignedMap<T> {
  private final String name;
  private final IMap<String, SignedRecord> map;
  private final RecordCodec<T> codec;
  private final RecordSigner signer;

  SignedMap(
      String name, IMap<String, SignedRecord> map, RecordCodec<T> codec, RecordSigner signer) {
    this.name = name;
    this.map = map;
    this.codec = codec;
    this.signer = signer;
  }

  /** A trusted value and the record it was read from (for compare-and-set). */
  public record Entry<T>(T value, SignedRecord record) {}

  public Optional<Entry<T>> read(String key) {
    return trusted(key, map.get(key));
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
    SignedRecord mine = sign(key, value);
    while (true) {
      SignedRecord before = map.putIfAbsent(key, mine);
      if (before == null) {
        return null;
      }
      Optional<Entry<T>> existing = trusted(key, before);
      if (existing.isPresent()) {
        return existing.get().value();
      }
      if (map.replace(key, before, mine)) {
        return null;
      }
    }
  }

  public void put(String key, T value) {
    map.set(key, sign(key, value));
  }

  public void putAll(Map<String, T> values) {
    Map<String, SignedRecord> records = new HashMap<>();
    values.forEach((k, v) -> records.put(k, sign(k, v)));
    map.putAll(records);
  }

  /** Puts unless a trusted value is there, the entry then kept for {@code ttl}. */
  public T putIfAbsent(String key, T value, long ttl, TimeUnit unit) {
    SignedRecord mine = sign(key, value);
    while (true) {
      SignedRecord before = map.putIfAbsent(key, mine, ttl, unit);
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

  /** Compare-and-set against a record read before. */
  public boolean replace(String key, Entry<T> expected, T next) {
    return map.replace(key, expected.record(), sign(key, next));
  }

  /** Removes the entry; returns the trusted value it held, or null. */
  public T remove(String key) {
    return trusted(key, map.remove(key)).map(Entry::value).orElse(null);
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
    map.entrySet()
        .forEach(
            e -> trusted(e.getKey(), e.getValue()).ifPresent(t -> out.put(e.getKey(), t.value())));
    return out;
  }

  /** Every trusted entry with the record it was read from (which names the writing node). */
  public Map<String, Entry<T>> records() {
    Map<String, Entry<T>> out = new HashMap<>();
    map.entrySet()
        .forEach(e -> trusted(e.getKey(), e.getValue()).ifPresent(t -> out.put(e.getKey(), t)));
    return out;
  }

  public Set<String> keys() {
    return entries().keySet();
  }

  /** How many trusted entries there are. */
  public int size() {
    return entries().size();
  }

  /** The map's name, as records' signatures cover it. */
  public String name() {
    return name;
  }

  private SignedRecord sign(String key, T value) {
    return signer.sign(name, key, codec.encode(value));
  }

  private Optional<Entry<T>> trusted(String key, SignedRecord record) {
    if (record == null || !signer.holds(name, key, record)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Entry<>(codec.decode(record.content()), record));
    } catch (IllegalArgumentException e) {
      signer
          .incidents()
          .report("record " + name + " [" + key + "] is signed but unreadable: " + e.getMessage());
      return Optional.empty();
    }
  }
}
