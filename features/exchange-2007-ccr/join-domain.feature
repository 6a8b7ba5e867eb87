Feature: Both nodes are members of the domain
  The nodes are member servers of the site's domain, not domain controllers.

  Scenario: Each node is a member server of the environment's domain
    Then every node is a member of the environment's domain
    And no node is a domain controller

  Scenario: Each node has a working secure channel to a domain controller
    Then every node's secure channel to the environment's domain works
