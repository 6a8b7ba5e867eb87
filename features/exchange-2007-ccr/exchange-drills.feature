Feature: The clustered mailbox server fails over as the mount dial says
  Losing the node that runs the CMS brings it online on the other node; the databases mount
  there only when the copies lack no more logs than the mount dial allows. A stopped log copy
  fails verification, and a failed copy is healthy again once seeded. Every drill is tagged
  destructive and lab: it runs in the lab only, and what it broke is brought back when it ends.

  Scenario: The clustered mailbox server is online before the drills
    Then the clustered mailbox server is "Online"

  @destructive @lab
  Scenario: Losing the node that runs the CMS, within the dial, mounts the databases on the other node
    When the node that runs the clustered mailbox server is lost
    Then the clustered mailbox server is "Online" on the other node
    And every mailbox database of the environment is mounted
    When the lost node comes back
    Then every storage group of the environment has a "Healthy" copy

  @destructive @lab
  Scenario: Losing the node that runs the CMS, beyond the dial, leaves the databases dismounted
    When the copy queue grows beyond the mount dial
    And the node that runs the clustered mailbox server is lost
    Then the clustered mailbox server runs on the other node
    And no mailbox database of the environment is mounted
    When the lost node comes back
    And the copy queue is let through
    Then every storage group of the environment has a "Healthy" copy

  @destructive @lab
  Scenario: A stopped log copy fails verification until it runs again
    When the replication service stops on the passive node
    Then not every storage group of the environment has a healthy copy within the mount dial
    When the replication service starts on the passive node
    Then every storage group of the environment has a "Healthy" copy

  @destructive @lab
  Scenario: A failed copy is healthy again once seeded
    When the copy of the first storage group fails
    Then the copy of the first storage group is "Failed"
    When the reseed stage's commands run for the first storage group
    Then every storage group of the environment has a "Healthy" copy
