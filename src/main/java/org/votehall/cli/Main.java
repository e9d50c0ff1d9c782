package org.votehall.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/** {@code java -jar votehall.jar <command>}: the commands of docs/formats.md, "Command line". */
@Command(
    name = "votehall",
    mixinStandardHelpOptions = true,
    version = "votehall 0.1.0",
    description = "Signed, auditable electronic voting for a people's congress.",
    subcommands = {
      RecountCommand.class,
      KeygenCommand.class,
      VerifyCommand.class,
      DemoCommand.class,
      ServeCommand.class,
      PasswdCommand.class,
      SimulateCommand.class,
      CountersignCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    // Vert.x and Hazelcast log through SLF4J (Logback), like votehall itself.
    System.setProperty(
        "vertx.logger-delegate-factory-class-name",
        "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** Runs one command with the given streams; returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, System.in, out, err);
  }

  /**
   * Runs one command with the given streams; {@code in} is what {@code passwd} reads. A console
   * belongs to the process's own standard input: given another stream, there is none.
   */
  public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
    Console console = in == System.in ? System.console() : null;
    IFactory defaults = CommandLine.defaultFactory();
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == PasswdCommand.class
                ? type.cast(new PasswdCommand(in, console))
                : defaults.create(type);
          }
        };
    CommandLine cli = new CommandLine(new Main(), factory);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
