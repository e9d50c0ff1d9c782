package org.votehall.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.votehall.hall.Refusal;

/**
 * Every error code the API can answer has a message in the pages' {@code common/errors.js}, in
 * Chinese and in English: a page never shows a bare code to a deputy or a clerk.
 */
class ErrorMessagesTest {
  private static final Path HTTP = Path.of("src/main/java/org/votehall/http");
  private static final Path MESSAGES = Path.of("src/main/resources/webroot/common/errors.js");

  /** The codes the HTTP layer writes itself, as string literals next to a status. */
  private static final Pattern WRITTEN =
      Pattern.compile(
          "(?:send|write)\\(\\s*rc,\\s*[0-9]+,\\s*\"([a-z-]+)\"|\\n\\s+\"([a-z]+(?:-[a-z]+)+|internal|refused)\",\\n");

  @Test
  void everyCodeHasAChineseAndAnEnglishMessage() throws IOException {
    Set<String> codes = codes();
    assertTrue(
        codes.containsAll(
            Set.of(
                "already-voted",
                "wrong-login",
                "no-majority",
                "internal",
                "wrong-role",
                "ledger-cut",
                "invalid-request",
                "method-not-allowed")),
        codes.toString());
    String messages = Files.readString(MESSAGES);
    int english = messages.indexOf("\n  en: {");
    assertTrue(english > 0, "errors.js has an en block");
    Set<String> zh = keys(messages.substring(0, english));
    Set<String> en = keys(messages.substring(english));
    for (String code : codes) {
      assertTrue(zh.contains(code), "no Chinese message for " + code);
      assertTrue(en.contains(code), "no English message for " + code);
    }
    assertEquals(zh, en, "the same codes in both languages");
  }

  private static Set<String> codes() throws IOException {
    Set<String> codes = new TreeSet<>();
    Arrays.stream(Refusal.Code.values()).map(Refusal.Code::wire).forEach(codes::add);
    try (Stream<Path> files = Files.list(HTTP)) {
      for (Path file : files.toList()) {
        Matcher m = WRITTEN.matcher(Files.readString(file));
        while (m.find()) {
          codes.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
      }
    }
    codes.remove("content-digest"); // a header's name, not a code
    return codes;
  }

  private static Set<String> keys(String block) {
    Set<String> keys = new TreeSet<>();
    Matcher m = Pattern.compile("'([a-z-]+)':").matcher(block);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }
}
