Feature: Every copy is seeded and healthy
  A copy that was not healthy was suspended, seeded again from the active copy and resumed;
  now every copy is healthy and none is suspended.

  Scenario: Every copy is healthy and resumed
    Then every storage group of the environment has a "Healthy" copy
    And no copy of the environment is suspended
