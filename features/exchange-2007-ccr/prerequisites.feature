Feature: Prerequisites
  The forest, the Windows edition and service pack of both nodes, and KB 921181 are what
  the cluster needs before anything is configured. Expected values come from the site's
  environment file.

  Scenario: The forest runs at the functional level the site expects
    Then the forest functional level is the environment's functional level

  Scenario: Both nodes run the platform's Windows release in a cluster-capable edition
    Then every node runs the environment's Windows release and edition

  Scenario: Both nodes have the environment's service pack
    Then every node has the environment's service pack

  @windows_2003
  Scenario: KB 921181 is on both nodes
    Then every node has KB 921181 or a service pack that includes it
