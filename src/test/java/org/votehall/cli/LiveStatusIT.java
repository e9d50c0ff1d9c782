package org.votehall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The big screen's feed: server-sent status events with the figures, never who voted what. */
@ExtendWith(VertxExtension.class)
class LiveStatusIT {
  private static DemoCommand.Demo demo;

  @BeforeAll
  static void startDemo() throws Exception {
    demo = DemoCommand.start(0);
  }

  @AfterAll
  static void stopDemo() throws Exception {
    demo.stop();
  }

  @Test
  void twoScreensWatchingOneSittingBothGetItsStatus(Vertx vertx, VertxTestContext test) {
    Checkpoint screens = test.checkpoint(2);
    for (int screen = 0; screen < 2; screen++) {
      RequestOptions request =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setHost("127.0.0.1")
              .setPort(demo.server().port())
              .setURI("/api/sittings/demo/live");
      vertx
          .createHttpClient()
          .request(request)
          .compose(r -> r.send())
          .onComplete(
              test.succeeding(
                  response ->
                      test.verify(
                          () -> {
                            assertEquals(200, response.statusCode());
                            assertTrue(
                                response.getHeader("content-type").startsWith("text/event-stream"));
                            StringBuilder received = new StringBuilder();
                            response.handler(
                                chunk -> {
                                  received.append(chunk.toString());
                                  int end = received.indexOf("\n\n");
                                  if (end > 0) {
                                    String event = received.substring(0, end);
                                    received.setLength(0);
                                    test.verify(
                                        () -> {
                                          assertTrue(
                                              event.startsWith("event: status\ndata: "), event);
                                          JsonObject status =
                                              new JsonObject(
                                                  event.substring(event.indexOf("data: ") + 6));
                                          assertEquals(60, status.getInteger("members"));
                                          assertEquals(4, status.getJsonArray("ballots").size());
                                          assertFalse(
                                              event.contains("deputy"), "the feed names no deputy");
                                        });
                                    screens.flag();
                                    response.request().connection().close();
                                  }
                                });
                          })));
    }
  }
}
