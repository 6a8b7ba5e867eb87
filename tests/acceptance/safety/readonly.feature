Feature: A verification step cannot change the target (test only, not a runbook's)
  Installed into a throw-away project by tests/acceptance/safety/run.py and run through the
  same pytest process `runbook verify` starts. Each step that sends a changing
  command must fail with UnsafeCommand before the command leaves the process.

  Scenario: A probe goes through
    Then the first node answers "hostname"

  Scenario: A change through the step's target is refused
    When a step sends "mkdir X" through its target

  Scenario: A change through the target under the step's target is refused
    When a step sends "mkdir X" through the session's target

  Scenario: A change through a target the step opens itself is refused
    When a step sends "mkdir X" through a target it opens itself

  @destructive
  Scenario: A drill may change state when the run allows it
    When a step sends "mkdir Y" through its target
