package org.votehall.rules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Marks on an election: section id → candidate id → choice, and section id → written-in names as
 * the voter wrote them (cleaned only when counted).
 */
public record ElectionMarks(
    Map<String, Map<String, Choice>> marks, Map<String, List<String>> writeIns) implements Marks {

  public ElectionMarks {
    marks = copyOfNested(marks);
    writeIns = copyOfLists(writeIns);
  }

  public Map<String, Choice> marksIn(String sectionId) {
    return marks.getOrDefault(sectionId, Map.of());
  }

  public List<String> writeInsIn(String sectionId) {
    return writeIns.getOrDefault(sectionId, List.of());
  }

  private static Map<String, Map<String, Choice>> copyOfNested(
      Map<String, Map<String, Choice>> in) {
    return in.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
  }

  private static Map<String, List<String>> copyOfLists(Map<String, List<String>> in) {
    return in.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
  }
}
