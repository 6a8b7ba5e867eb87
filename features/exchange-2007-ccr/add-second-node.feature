Feature: Both nodes are in the cluster
  The second node has joined. Until the file share witness (the next stage) adds a vote, the
  Majority Node Set needs both nodes up. The heartbeat runs over both cluster networks.

  Scenario: The cluster has exactly the environment's two nodes, both Up
    Then the cluster lists every node of the environment as "Up"
    And the cluster has no other nodes

  Scenario: Both cluster networks are Up
    Then the cluster network on the "Private" subnet is "Up"
    And the cluster network on the "Public" subnet is "Up"

  Scenario: Every node's interfaces on both cluster networks are Up
    Then every node has an "Up" interface on the cluster networks of "Private" and "Public"

  @windows_2003
  Scenario: The Majority Node Set is still the quorum resource
    Then the quorum resource of the cluster is "Majority Node Set"

  @windows_2008
  Scenario: Until the file share witness exists the quorum is Node Majority
    Then the quorum model of the cluster is "Node Majority"

  @destructive
  Scenario: Cluster Group can run on the second node
    When the group "Cluster Group" moves to the second node
    Then the group "Cluster Group" is "Online" on the second node
    When the group "Cluster Group" moves to the first node
    Then the group "Cluster Group" is "Online" on the first node
