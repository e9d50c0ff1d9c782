package org.votehall.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values of classes no node writes are not even deserialized (Hazelcast's Java filter). */
class SerializationFilterTest {
  @Test
  void aClassNoNodeWritesIsRefusedWhenRead() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HazelcastInstance member =
        Hazelcast.newHazelcastInstance(
            HazelcastConfigs.of(
                new ClusterSettings(
                    "filter-" + port, "127.0.0.1", port, List.of("127.0.0.1:" + port), 1)));
    try {
      IMap<String, Object> map = member.getMap(HazelcastConfigs.VOTING_MAPS + "filter");
      map.put("gadget", new javax.management.ObjectName("rogue:type=gadget"));
      assertThrows(HazelcastSerializationException.class, () -> map.get("gadget"));
    } finally {
      member.getLifecycleService().terminate();
    }
  }
}
