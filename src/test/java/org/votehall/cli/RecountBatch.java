package org.votehall.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@code recount} over many cases in one JVM, for the differential test against the
 * independent reference in {@code src/test/python}. Each line of {@code DIR/list.txt} is {@code
 * NAME PRESENT ISSUED}; the result (or {@code EXIT n} and the refusal) goes to {@code
 * DIR/NAME.out}.
 */
public final class RecountBatch {
  private RecountBatch() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    for (String line : Files.readAllLines(dir.resolve("list.txt"))) {
      String[] c = line.split(" ");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] recount = {
        "recount",
        "--spec",
        dir.resolve(c[0] + ".spec.json").toString(),
        "--ballots",
        dir.resolve(c[0] + ".jsonl").toString(),
        "--present",
        c[1],
        "--issued",
        c[2]
      };
      int code = Main.run(recount, new PrintWriter(out), new PrintWriter(err));
      String text = code == 0 ? out.toString() : "EXIT " + code + "\n" + err;
      Files.writeString(dir.resolve(c[0] + ".out"), text, StandardCharsets.UTF_8);
    }
  }
}
