package org.votehall.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.votehall.crypto.BlindPublicKey;
import org.votehall.crypto.BlindSigningKey;

/**
 * A node's blind-signing keys on disk: one per ballot, the same after a restart, never replaced.
 */
class BlindKeyVaultTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void aRestartedVaultGivesTheSameKeyForTheBallot() throws Exception {
    BlindPublicKey first;
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      first = vault.forBallot("e1").publicKey();
      assertEquals(first, vault.forBallot("e1").publicKey());
    }
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      assertEquals(first, vault.existing("e1").orElseThrow().publicKey());
      assertEquals(first, vault.forBallot("e1").publicKey());
    }
  }

  @Test
  void existingNeverMakesAKey() throws Exception {
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      assertTrue(vault.existing("e2").isEmpty());
      assertEquals(List.of(), ballotFiles());
      assertFalse(Files.exists(dir.resolve(BlindKeyVault.INDEX)));
    }
  }

  @Test
  void callersAskingForOneBallotAtOnceGetOneKey() throws Exception {
    int callers = 8;
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<BlindPublicKey>> asked = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        asked.add(
            threads.submit(
                (Callable<BlindPublicKey>)
                    () -> {
                      go.await();
                      return vault.forBallot("e1").publicKey();
                    }));
      }
      go.countDown();
      Set<BlindPublicKey> keys = new java.util.HashSet<>();
      for (Future<BlindPublicKey> f : asked) {
        keys.add(f.get(120, TimeUnit.SECONDS));
      }
      assertEquals(1, keys.size(), "one key for the ballot");
      assertEquals(1, ballotFiles().size());
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void thePoolRefillsAndSurvivesARestart() throws Exception {
    List<String> before;
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 2, RANDOM)) {
      await(() -> vault.pooled() == 2);
      before = poolFiles();
      assertEquals(2, before.size());
      BlindSigningKey key = vault.forBallot("e1");
      List<String> after = poolFiles();
      assertEquals(1, before.stream().filter(f -> !after.contains(f)).count(), "one key moved");
      assertEquals(
          key.publicKey(),
          BlindSigningKey.fromPem(Files.readString(vault.file("e1"))).publicKey(),
          "the ballot's file holds the key");
      await(() -> vault.pooled() == 2);
      before = poolFiles();
    }
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 2, RANDOM)) {
      assertEquals(2, vault.pooled(), "the keys on disk are the pool");
      assertEquals(before, poolFiles(), "none made anew");
    }
  }

  @Test
  void anEmptyPoolMakesTheKeyAtOnce() throws Exception {
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      assertEquals(0, vault.pooled());
      vault.forBallot("e1");
      assertEquals(1, ballotFiles().size());
      assertEquals(List.of(), poolFiles());
    }
  }

  @Test
  void everyFileIsOwnerOnly() throws Exception {
    assumeTrue(SecretFiles.posix(), "no POSIX permissions on this file system");
    try (BlindKeyVault vault = BlindKeyVault.open(dir.resolve("blind-keys"), 1, RANDOM)) {
      vault.forBallot("e1");
      await(() -> vault.pooled() == 1);
      Path folder = vault.folder();
      assertEquals("rwx------", permissions(folder));
      assertEquals("rwx------", permissions(folder.resolve(BlindKeyVault.POOL)));
      assertEquals("rw-------", permissions(vault.file("e1")));
      assertEquals("rw-------", permissions(folder.resolve(BlindKeyVault.INDEX)));
      for (Path pooled : list(folder.resolve(BlindKeyVault.POOL))) {
        assertEquals("rw-------", permissions(pooled));
      }
    }
  }

  @Test
  void aKeyFileThatDoesNotParseIsRefusedAndLeftAsItIs() throws Exception {
    byte[] damaged;
    Path file;
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      file = vault.file("e1");
      vault.forBallot("e1");
    }
    String text = Files.readString(file);
    int middle = text.indexOf("-----BEGIN") + 200;
    damaged =
        (text.substring(0, middle)
                + (text.charAt(middle) == 'A' ? 'B' : 'A')
                + text.substring(middle + 1))
            .getBytes(StandardCharsets.US_ASCII);
    Files.write(file, damaged);
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      VaultException e = assertThrows(VaultException.class, () -> vault.forBallot("e1"));
      assertTrue(e.getMessage().contains(file + " of ballot e1 does not parse"), e.getMessage());
      assertTrue(e.getMessage().contains("never replaced"), e.getMessage());
      assertThrows(VaultException.class, () -> vault.existing("e1"));
      assertThrows(VaultException.class, () -> vault.forBallot("e1"), "and again");
    }
    assertArrayEquals(damaged, Files.readAllBytes(file), "the file is untouched");
    assertEquals(1, ballotFiles().size(), "no second key");
  }

  @Test
  void aBallotIdIsNeverAPath() throws Exception {
    String id = "../../etc/passwd\n王";
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      vault.forBallot(id);
      Path file = vault.file(id);
      assertEquals(dir.toAbsolutePath().normalize(), file.getParent());
      assertTrue(file.getFileName().toString().matches("[0-9a-f]{64}\\.key"), file.toString());
      assertTrue(Files.exists(file));
      String index = Files.readString(dir.resolve(BlindKeyVault.INDEX));
      String[] line = index.strip().split(" ");
      assertEquals(file.getFileName().toString(), line[0]);
      assertEquals(id, new String(Base64.getUrlDecoder().decode(line[1]), StandardCharsets.UTF_8));
      assertThrows(IllegalArgumentException.class, () -> vault.forBallot(""));
    }
  }

  @Test
  void oneVaultAtATimeOverAFolder() throws Exception {
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      IOException e = assertThrows(IOException.class, () -> BlindKeyVault.open(dir, 0, RANDOM));
      assertTrue(e.getMessage().contains("in use by another blind-key vault"), e.getMessage());
    }
    BlindKeyVault.open(dir, 0, RANDOM).close();
  }

  @Test
  void whatACrashLeftInThePoolIsCleanedAtOpen() throws Exception {
    Path pool = Files.createDirectories(dir.resolve(BlindKeyVault.POOL));
    Files.writeString(pool.resolve("0123.tmp"), "half a key");
    Files.writeString(pool.resolve("4567.key"), "not a key");
    try (BlindKeyVault vault = BlindKeyVault.open(dir, 0, RANDOM)) {
      assertEquals(0, vault.pooled());
      assertEquals(List.of(), poolFiles());
    }
  }

  private List<String> ballotFiles() throws IOException {
    return list(dir).stream()
        .map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".key"))
        .toList();
  }

  private List<String> poolFiles() throws IOException {
    Path pool = dir.resolve(BlindKeyVault.POOL);
    return Files.isDirectory(pool)
        ? list(pool).stream().map(p -> p.getFileName().toString()).sorted().toList()
        : List.of();
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  private static String permissions(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "not within two minutes");
      Thread.sleep(20);
    }
  }
}
