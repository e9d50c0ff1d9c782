package org.votehall.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.votehall.crypto.SecretHash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code passwd [--stdin]}: prints the Argon2id hash of a password for an account's {@code
 * passwordHash} in a node's config. At a console the password is asked twice without echo;
 * otherwise, or with {@code --stdin}, it is one line of standard input. Only the hash goes to
 * standard output, so {@code $(votehall passwd --stdin < FILE)} is the hash.
 */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    description = "Print the Argon2id hash of a password, for an account's passwordHash.")
final class PasswdCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Option(
      names = "--stdin",
      description = "Read the password as one line of standard input, even at a console.")
  boolean stdin;

  private final InputStream in;
  private final Console console;

  /**
   * @param console the console to ask at, or null where there is none (a pipe, a file, a test)
   */
  PasswdCommand(InputStream in, Console console) {
    this.in = in;
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = command.commandLine().getErr();
    Optional<String> password = console == null || stdin ? fromStdin(err) : fromConsole(err);
    if (password.isEmpty()) {
      return 2;
    }
    command
        .commandLine()
        .getOut()
        .println(SecretHash.hash(password.get(), new SecureRandom(), SecretHash.DEFAULT));
    return 0;
  }

  /** One line, without its line break; strict UTF-8, so the hash is of the characters typed. */
  private Optional<String> fromStdin(PrintWriter err) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
    String line;
    try {
      line = reader.readLine();
    } catch (CharacterCodingException e) {
      return refuse(err, "the password on standard input is not UTF-8 text");
    }
    if (line == null) {
      return refuse(err, "no password on standard input");
    }
    return line.isEmpty() ? refuse(err, "an empty password is refused") : Optional.of(line);
  }

  private Optional<String> fromConsole(PrintWriter err) {
    char[] first = console.readPassword("Password: ");
    if (first == null || first.length == 0) {
      return refuse(err, first == null ? "no password given" : "an empty password is refused");
    }
    char[] again = console.readPassword("The same password again: ");
    try {
      return Arrays.equals(first, again)
          ? Optional.of(new String(first))
          : refuse(err, "the two passwords differ; nothing was hashed");
    } finally {
      Arrays.fill(first, '\0');
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
  }

  private static Optional<String> refuse(PrintWriter err, String why) {
    err.println("passwd: " + why);
    return Optional.empty();
  }
}
