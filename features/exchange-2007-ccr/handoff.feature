Feature: A scheduled handoff moves the clustered mailbox server to the passive node
  Move-ClusteredMailboxServer moved the CMS to the second node; its Application log records
  the move (MSExchangeRepl event 100) and the copies, now on the first node, are healthy.

  Scenario: The clustered mailbox server runs on the second node
    Then the clustered mailbox server runs on the second node
    And the clustered mailbox server is "Online"

  Scenario: The move is recorded and the copies are healthy again
    Then the Application log of the second node has MSExchangeRepl event 100
    And every storage group of the environment has a "Healthy" copy
