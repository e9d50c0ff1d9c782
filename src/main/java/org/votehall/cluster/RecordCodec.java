package org.votehall.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.votehall.crypto.CanonicalJson;

/**
 * How a typed value becomes a record's content and back: text as it is, numbers in decimal, and
 * records as canonical JSON (so the same value always signs the same).
 */
public interface RecordCodec<T> {
  String encode(T value);

  /** The value a content holds; an {@link IllegalArgumentException} if it holds none. */
  T decode(String content);

  RecordCodec<String> TEXT =
      new RecordCodec<>() {
        @Override
        public String encode(String value) {
          return value;
        }

        @Override
        public String decode(String content) {
          return content;
        }
      };

  RecordCodec<Integer> NUMBER =
      new RecordCodec<>() {
        @Override
        public String encode(Integer value) {
          return value.toString();
        }

        @Override
        public Integer decode(String content) {
          try {
            return Integer.valueOf(content);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + content, e);
          }
        }
      };

  /** A record type (or any type Jackson maps) as canonical JSON. */
  static <T> RecordCodec<T> json(Class<T> type) {
    ObjectMapper json = new ObjectMapper();
    return new RecordCodec<>() {
      @Override
      public String encode(T value) {
        try {
          return CanonicalJson.text(json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException("Cannot write " + type.getSimpleName(), e);
        }
      }

      @Override
      public T decode(String content) {
        try {
          return json.readValue(content, type);
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException(
              "not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
      }
    };
  }
}
