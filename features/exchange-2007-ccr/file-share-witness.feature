Feature: The file share witness gives the cluster its third vote
  The witness host shares the witness folder, and the cluster's account (the cluster service
  account on Windows Server 2003, the cluster's computer account on 2008) has Full Control on
  the share and on the folder. The quorum counts the share: the Majority Node Set's
  MNSFileShare on 2003, a File Share Witness resource and the Node and File Share Majority
  quorum on 2008. No read-only tool shows the witness's vote itself: the quorum drills prove
  it counts.

  Scenario: The witness share points at the witness folder
    Then the witness host shares the witness folder as the witness share

  Scenario: The cluster's account has Full Control on the witness share and on its folder
    Then the witness share gives the cluster's account Full Control
    And the witness folder gives the cluster's account Full Control

  Scenario: The witness share answers from both nodes
    Then the witness share answers from every node

  @windows_2003
  Scenario: The Majority Node Set uses the witness share
    Then the resource "Majority Node Set" has the witness share as its private property "MNSFileShare"
    And the resource "Majority Node Set" is "Online" in group "Cluster Group"
    And the quorum resource of the cluster is "Majority Node Set"

  @windows_2008
  Scenario: The quorum is Node and File Share Majority with the witness share
    Then the resource "File Share Witness" has the witness share as its private property "SharePath"
    And the resource "File Share Witness" is "Online" in group "Cluster Group"
    And the quorum model of the cluster is "Node and File Share Majority"
