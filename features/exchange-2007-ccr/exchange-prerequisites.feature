Feature: Both nodes have what Exchange 2007 setup requires
  Setup installs nothing until its prerequisites are there: on Windows Server 2003 .NET
  Framework 2.0, IIS with the World Wide Web Service and network COM+ access, MMC 3.0 and
  PowerShell 1.0; on 2008 the features and role services Server Manager installs. The
  replication host names resolve on both nodes before they are enabled.

  @windows_2003
  Scenario: The Windows Server 2003 prerequisites are installed on both nodes
    Then every node has the prerequisite ".NET Framework 2.0"
    And every node has the prerequisite "Internet Information Services"
    And every node has the prerequisite "World Wide Web Service"
    And every node has the prerequisite "network COM+ access"
    And every node has the prerequisite "Windows PowerShell 1.0"

  @windows_2008
  Scenario: The Windows Server 2008 features are installed on both nodes
    Then every node has the feature "PowerShell" installed
    And every node has the feature "Web-Server" installed
    And every node has the feature "Web-ISAPI-Ext" installed
    And every node has the feature "Web-Metabase" installed
    And every node has the feature "Web-Lgcy-Mgmt-Console" installed
    And every node has the feature "Web-Basic-Auth" installed
    And every node has the feature "Web-Windows-Auth" installed

  Scenario: The replication host names resolve on both nodes
    Then every node resolves every replication host name to its address
