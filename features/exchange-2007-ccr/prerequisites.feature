Feature: Prerequisites
  The forest, the Windows edition, service pack and architecture of both nodes, and
  KB 921181 are what the cluster needs before anything is configured. Expected values come
  from the site's environment file.

  Scenario: The forest runs at the Windows 2000 functional level or higher
    Then the forest functional level is Windows 2000 or higher

  Scenario: Both nodes run the platform's Windows release in a cluster-capable edition
    Then every node runs the environment's Windows release and edition

  Scenario: Both nodes have the environment's service pack
    Then every node has the environment's service pack

  Scenario: Both nodes run the Windows architecture the site needs (x64 in production)
    Then every node runs Windows of the environment's architecture

  @windows_2003
  Scenario: KB 921181 is on both nodes
    Then every node has KB 921181 or a service pack that includes it
