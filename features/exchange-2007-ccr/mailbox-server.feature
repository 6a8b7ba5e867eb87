Feature: The clustered mailbox server runs on the cluster
  Exchange setup made the clustered mailbox server with the active role on the first node and
  installed the passive role on the second; the cluster group named after it is online.

  Scenario: Both nodes have the clustered mailbox role
    Then every node has the Exchange mailbox role installed

  Scenario: The clustered mailbox server is online
    Then the cluster group of the clustered mailbox server is "Online"
    And the clustered mailbox server is "Online"
