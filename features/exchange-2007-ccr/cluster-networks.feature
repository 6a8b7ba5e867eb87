Feature: The cluster networks carry the heartbeat as planned
  Private carries the cluster's own traffic only and comes first in the cluster's network
  priority; Public carries all communications, so the heartbeat still has a path when Private
  fails. The cluster tolerates the environment's number of missed heartbeats.

  Scenario: The cluster uses Private for its own traffic only, Public for all communications
    Then the cluster network on the "Private" subnet has role 1, internal cluster communications only
    And the cluster network on the "Public" subnet has role 3, all communications

  Scenario: Private comes first in the cluster's network priority
    Then the cluster's network priority puts the "Private" subnet's network first, then the "Public" one

  Scenario: The heartbeat's own path is up on every node
    Then every node has an "Up" interface on the cluster networks of "Private" and "Public"

  @windows_2003
  Scenario: The cluster tolerates the environment's missed heartbeats
    Then the cluster's private property "HeartBeatLostNodeTicks" is the environment's missed heartbeats
    And the cluster's private property "HeartBeatLostInterfaceTicks" is the environment's missed heartbeats

  @windows_2008
  Scenario: The cluster tolerates the environment's missed heartbeats at its heartbeat interval
    Then the cluster's property "SameSubnetThreshold" is the environment's missed heartbeats
    And the cluster's property "CrossSubnetThreshold" is the environment's missed heartbeats
    And the cluster's property "SameSubnetDelay" is the environment's heartbeat delay
    And the cluster's property "CrossSubnetDelay" is the environment's heartbeat delay
