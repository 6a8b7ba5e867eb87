Feature: The transport dumpster keeps delivered mail for a lossy failover
  The organisation's Hub Transport servers keep a copy of the mail they delivered to the
  clustered mailbox server, per storage group, up to a size and for a number of days; a
  failover that lost logs asks for that mail again. Neither may be 0 (that turns it off).

  Scenario: The dumpster has the environment's size and age
    Then the transport dumpster keeps the environment's size per storage group
    And the transport dumpster keeps mail for the environment's number of days
