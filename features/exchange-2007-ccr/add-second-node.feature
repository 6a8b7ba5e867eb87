Feature: Both nodes are in the cluster
  The second node has joined. With two nodes and no file share witness yet, the
  Majority Node Set needs both nodes up.

  Scenario: The cluster has exactly the environment's two nodes, both Up
    Then the cluster lists every node of the environment as "Up"
    And the cluster has no other nodes

  @windows_2003
  Scenario: The Majority Node Set is still the quorum resource
    Then the quorum resource of the cluster is "Majority Node Set"

  @destructive @windows_2003
  Scenario: Without a file share witness, losing a node stops the cluster
    When the Cluster service stops on the second node
    Then the cluster does not answer on the first node
    When the Cluster service starts on the second node
    Then the cluster lists every node of the environment as "Up"
