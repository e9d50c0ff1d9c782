package org.votehall.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.IAtomicReference;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.votehall.crypto.Sha256;

/**
 * Linearizable registers on the Hazelcast CP subsystem (Raft over the three CP members), one per
 * record of a map whose changes must never fork, such as a ballot's lifecycle. A register holds the
 * same signed record the map holds; a change wins here first and is then copied to the map, which
 * stays the place everyone reads. A register that was never set (a CP group formed afresh after
 * every member restarted) starts from the map's record.
 *
 * <p>Raft calls block for ever while the CP group has no majority; every call here gives up after
 * {@link #TIMEOUT_MS} with a {@link NoMajorityException} instead, and nothing changed.
 */
final class CpRegisters {
  static final long TIMEOUT_MS = 10_000;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private final HazelcastInstance hazelcast;

  CpRegisters(HazelcastInstance hazelcast) {
    this.hazelcast = hazelcast;
  }

  /**
   * Moves the register of {@code map}/{@code key} from {@code expected} to {@code next}; false if
   * it holds something else. {@code trusted} says whether what it holds is a trusted node's record:
   * anything else (written by whoever reached the member port) counts as never set.
   */
  boolean advance(
      String map, String key, SignedRecord expected, SignedRecord next, Predicate<Object> trusted) {
    IAtomicReference<Object> register = register(map, key);
    if (await(register.compareAndSetAsync(expected, next))) {
      return true;
    }
    Object now = await(register.getAsync());
    if (now != null && trusted.test(now)) {
      return false;
    }
    return await(register.compareAndSetAsync(now, expected))
        && await(register.compareAndSetAsync(expected, next));
  }

  /** What the register of {@code map}/{@code key} holds now (null if never set). */
  Object read(String map, String key) {
    return await(register(map, key).getAsync());
  }

  private IAtomicReference<Object> register(String map, String key) {
    return hazelcast.getCPSubsystem().getAtomicReference(name(map, key));
  }

  /** CP object names may not hold "@" (it names a CP group): odd keys go by their hash. */
  static String name(String map, String key) {
    String plain = map + "." + key;
    return PLAIN.matcher(plain).matches()
        ? plain
        : map + ".#" + Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
  }

  private static <T> T await(CompletionStage<T> call) {
    try {
      return call.toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new NoMajorityException(
          "the CP subsystem did not answer within "
              + TIMEOUT_MS / 1000
              + " s: a majority of its members is out of reach");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoMajorityException("interrupted while waiting for the CP subsystem");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
