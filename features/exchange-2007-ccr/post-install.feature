Feature: The clustered mailbox server copies over Private and mounts as the dial says
  Each node's continuous replication host name is operational, and the mount dial is the
  environment's.

  Scenario: The replication host names are operational
    Then every replication host name of the environment is operational

  Scenario: The mount dial is the environment's
    Then the mount dial of the clustered mailbox server is the environment's
