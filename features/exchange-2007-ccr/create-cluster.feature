Feature: The Windows cluster exists
  The first node has formed the cluster at the environment's cluster address. On Windows
  Server 2003 its quorum resource is a Majority Node Set in the cluster group, and the Local
  Quorum that cluster setup made is gone.

  Scenario: The cluster answers and its first node is Up
    Then the cluster lists the first node as "Up"

  Scenario: The cluster's core resources are online
    Then the resource "Cluster IP Address" is "Online" in group "Cluster Group"
    And the resource "Cluster Name" is "Online" in group "Cluster Group"

  Scenario: The cluster IP address is the environment's cluster address
    Then the "Cluster IP Address" resource has the environment's cluster address

  @windows_2003
  Scenario: A Majority Node Set is the quorum resource
    Then the resource "Majority Node Set" is "Online" in group "Cluster Group"
    And the quorum resource of the cluster is "Majority Node Set"

  @windows_2003
  Scenario: No Local Quorum resource is left in the cluster
    Then the cluster has no resource "Local Quorum"

  @windows_2003
  Scenario: KB 921181 is active: the Majority Node Set can take a file share witness
    Then the resource "Majority Node Set" has the private property "MNSFileShare"
