package org.votehall.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.cp.CPMember;
import com.hazelcast.cp.CPSubsystemManagementService;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node in the CP group. The first three members form it; a member that restarts comes
 * back with a new identity, as a plain member, while the group still lists its old self (the open
 * source subsystem keeps no state on disk). It then removes the CP members that are gone from the
 * cluster and takes their place, so that the group is whole again and a second failure does not
 * cost it its majority. Runs on its own thread: it waits for the group to form.
 */
final class CpMembership {
  private static final Logger LOG = LoggerFactory.getLogger(CpMembership.class);

  private CpMembership() {}

  static void keep(HazelcastInstance hazelcast, int waitSeconds) {
    Thread thread = new Thread(() -> join(hazelcast, waitSeconds), "votehall-cp-membership");
    thread.setDaemon(true);
    thread.start();
  }

  private static void join(HazelcastInstance hazelcast, int waitSeconds) {
    CPSubsystemManagementService cp = hazelcast.getCPSubsystem().getCPSubsystemManagementService();
    try {
      while (!cp.awaitUntilDiscoveryCompleted(waitSeconds, TimeUnit.SECONDS)) {
        LOG.warn(
            "ballot lifecycle: the CP group has not formed yet (it needs {} members up at once);"
                + " opening and closing ballots waits for it",
            HazelcastConfigs.CP_MEMBERS);
      }
      if (cp.getLocalCPMember() != null) {
        LOG.info("ballot lifecycle: Raft (CP subsystem); this node is a CP member");
        return;
      }
      Set<UUID> here =
          hazelcast.getCluster().getMembers().stream()
              .map(Member::getUuid)
              .collect(Collectors.toSet());
      Collection<CPMember> group =
          cp.getCPMembers().toCompletableFuture().get(30, TimeUnit.SECONDS);
      for (CPMember gone : group) {
        if (!here.contains(gone.getUuid())) {
          LOG.info("ballot lifecycle: removing CP member {}, gone from the cluster", gone);
          cp.removeCPMember(gone.getUuid()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
      }
      if (group.stream().filter(m -> here.contains(m.getUuid())).count()
          < HazelcastConfigs.CP_MEMBERS) {
        cp.promoteToCPMember().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("ballot lifecycle: Raft (CP subsystem); this node joined the CP group");
      } else {
        LOG.info("ballot lifecycle: Raft (CP subsystem) on the other members' CP group");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("ballot lifecycle: could not take a place in the CP group: {}", e.toString());
    }
  }
}
