Feature: The clustered mailbox server is verified
  The CMS is online, every storage group's copy is healthy and no further behind than the
  mount dial allows, the replication checks pass and both nodes are up.

  Scenario: The clustered mailbox server is online
    Then the clustered mailbox server is "Online"

  Scenario: Every copy is healthy and keeps up
    Then every storage group of the environment has a "Healthy" copy
    And every copy queue is within the mount dial

  Scenario: The replication checks pass
    Then every replication health check passes

  Scenario: Both nodes are up
    Then the cluster lists every node of the environment as "Up"
