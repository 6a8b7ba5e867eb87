Feature: Network settings on both nodes
  Each node has a Public connection for clients and a Private connection for the
  heartbeat only. Expected values come from the site's environment file.

  Scenario: Each node runs with the environment's computer name
    Then every node's computer name is the environment's node name

  Scenario: Each node has a Public and a Private connection
    Then every node has connections named "Public" and "Private"

  Scenario: Public comes first in the binding order, then Private
    Then on every node the binding order starts with "Public" then "Private"

  Scenario: Remote access connections come last in the binding order, if at all
    Then on every node no connection follows the remote access connections in the binding order

  Scenario: Public has the environment's address, gateway and DNS servers
    Then on every node "Public" has the environment's static address and mask
    And on every node "Public" has the environment's default gateway
    And on every node "Public" has the environment's DNS servers in order

  Scenario: Public registers its addresses in DNS
    Then on every node "Public" registers its addresses in DNS under the primary DNS suffix

  Scenario: Private has an address and a mask only
    Then on every node "Private" has the environment's static address and mask
    And on every node "Private" has no default gateway
    And on every node "Private" has no DNS servers

  Scenario: Private does not register in DNS
    Then on every node "Private" does not register its addresses in DNS

  Scenario: Private has no WINS servers
    Then on every node "Private" has no WINS servers

  Scenario: The private link is up: each node reaches the other's private address
    Then every node reaches the other node's "Private" address

  Scenario: LMHOSTS lookup is off and NetBIOS over TCP/IP on Private is as the site requires
    Then on every node LMHOSTS lookup is off
    And on every node NetBIOS over TCP/IP on "Private" is as the environment requires

  Scenario: File and Printer Sharing stays bound to Private
    Then on every node File and Printer Sharing is bound to "Private"
