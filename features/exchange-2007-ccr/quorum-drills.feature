Feature: The cluster follows the quorum table
  Two nodes and the witness are three votes; the cluster runs while it has two. It survives
  the loss of one node or of the witness, stops when a node and the witness are lost, and
  runs again on one node once quorum is forced there. With Private cut, the heartbeat goes
  over Public. Every drill is @destructive: it runs only in the lab or with
  --allow-destructive, and whatever it broke is brought back when it ends, passed or failed.

  Scenario: The cluster is whole: both nodes up, the witness answering
    Then the cluster lists every node of the environment as "Up"
    And the witness share answers from every node

  @destructive
  Scenario: Losing the passive node leaves the cluster running on the first node
    When the Cluster service stops on the second node
    Then the cluster runs on the first node with the second node "Down"
    When the Cluster service starts on the second node
    Then the cluster lists every node of the environment as "Up"

  @destructive
  Scenario: Losing the witness leaves both nodes running
    When the witness share is deleted
    Then the cluster lists every node of the environment as "Up"
    When the witness share is created again
    Then the witness share answers from every node
    And the cluster lists every node of the environment as "Up"

  @destructive
  Scenario: Losing the witness and a node stops the cluster until quorum is forced
    When the witness share is deleted
    And the Cluster service stops on the second node
    Then the cluster does not answer on the first node
    When quorum is forced on the first node
    Then the cluster runs on the first node with the second node "Down"
    When the witness share is created again
    And the Cluster service starts on the second node
    And the Cluster service restarts normally on the first node
    Then the cluster lists every node of the environment as "Up"

  @destructive @lab
  Scenario: With Private cut the heartbeat goes over Public
    When the "Private" network is cut
    Then every node's interface on the cluster network of "Private" is "Failed"
    And the cluster lists every node of the environment as "Up"
    When the "Private" network is restored
    Then every node has an "Up" interface on the cluster networks of "Private" and "Public"

  @destructive @lab
  Scenario: A node that missed a change cannot form the cluster with the witness alone
    When the Cluster service stops on the second node
    And the cluster's network priority changes to "Public" first on the first node
    And the Cluster service stops on the first node
    And the Cluster service starts on the second node
    Then the cluster does not answer on the second node
    When the Cluster service starts on the first node
    Then the cluster lists every node of the environment as "Up"
