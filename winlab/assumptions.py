"""Every output text and behaviour of the emulated tools that no public source confirms.

ccr-domain.md and ccr-domain-confirmations.md mark these UNCONFIRMED (or say nothing).
Tools import them from here, so checking one on a real host and correcting it is a
one-line change, and `fidelity.py` can list them. Each has a comment: what it is based on.
Texts end with "\\r\\n" as Windows prints them; `{}` fields are filled with str.format.
"""

from __future__ import annotations

# --- Operating system and hardware -----------------------------------------------------

# Win32_OperatingSystem.Caption: 2003 form from memory of 2003 hosts; R2 does not show in it.
OS_CAPTION_2003 = "Microsoft(R) Windows(R) Server 2003, {edition} Edition"
# 2008 caption from memory of 2008 hosts (registered signs, trailing space).
OS_CAPTION_2008 = "Microsoft\u00ae Windows Server\u00ae 2008 {edition} "
# 2003 R2 reports "R2" in OtherTypeDescription (memory of 2003 R2 hosts).
OS_OTHER_TYPE_R2 = "R2"
# Build numbers: 2003 is 3790 for every SP; 2008 RTM is 6001 (SP1 built in), SP2 is 6002.
OS_VERSION_2003 = ("5.2.3790", "3790")
OS_VERSION_2008 = {1: ("6.0.6001", "6001"), 2: ("6.0.6002", "6002")}
# Edition of the domain controller and witness host (the environment does not say).
SERVER_EDITION = "standard"
# Every host of a fresh lab last started when its lease was obtained (LEASE_OBTAINED below),
# 2008-01-07 09:00 UTC; later starts take the lab's clock. Epoch seconds.
BASELINE_BOOT_TIME = 1199696400
# The lab's hosts run on UTC: WMI datetimes (LastBootUpTime) end in +000. The CIM DATETIME
# layout yyyymmddHHMMSS.mmmmmm+UUU itself is WMI's documented one.
UTC_OFFSET_MINUTES = 0

# The lab's machines are VMware guests: VMware's MAC prefix and its emulated NICs.
MAC_PREFIX = "00:0C:29"
NIC_DESCRIPTION = {"windows-2003": "VMware Accelerated AMD PCNet Adapter",
                   "windows-2008": "Intel(R) PRO/1000 MT Network Connection"}
NIC_MANUFACTURER = {"windows-2003": "Advanced Micro Devices (AMD)", "windows-2008": "Intel"}
NIC_SERVICE = {"windows-2003": "VMXNET", "windows-2008": "E1G60"}
# WMI indexes: the RAS/WAN miniports come first, so the first LAN adapter is Index 7
# (the spec's own example, `Win32_NetworkAdapterConfiguration.Index=7`).
FIRST_LAN_INDEX = 7
SYSTEM_ADAPTERS = {
    "windows-2003": ["RAS Async Adapter", "WAN Miniport (L2TP)", "WAN Miniport (PPTP)",
                     "WAN Miniport (PPPOE)", "Direct Parallel", "WAN Miniport (IP)"],
    "windows-2008": ["WAN Miniport (SSTP)", "WAN Miniport (L2TP)", "WAN Miniport (PPTP)",
                     "WAN Miniport (PPPOE)", "WAN Miniport (IPv6)", "WAN Miniport (IP)"],
}
COMPUTER_MANUFACTURER, COMPUTER_MODEL = "VMware, Inc.", "VMware Virtual Platform"
# A virtual machine's processor as Win32_Processor names it (any x64 part would do; only
# AddressWidth matters to the runbook [S127]).
PROCESSOR_MANUFACTURER, PROCESSOR_NAME = "GenuineIntel", "Intel(R) Xeon(R) CPU           E5345  @ 2.33GHz"
# Setup stores the computer name in upper case, so `hostname` and ipconfig print E2K7NODE1
# (the spec's samples do; the environment spells E2K7Node1).
HOST_NAME_UPPER_CASE = True

# --- Shell environment of a WinRS command --------------------------------------------------

PROFILE = {"windows-2003": r"C:\Documents and Settings\Administrator",
           "windows-2008": r"C:\Users\Administrator"}
TEMP = {"windows-2003": r"C:\Documents and Settings\Administrator\Local Settings\Temp",
        "windows-2008": r"C:\Users\Administrator\AppData\Local\Temp"}
SYSTEM_ROOT = {"windows-2003": r"C:\WINDOWS", "windows-2008": r"C:\Windows"}
SUPPORT_TOOLS_DIR = r"C:\Program Files\Support Tools"
# What SUPTOOLS.MSI puts in that folder, as far as the lab shows it (netdom and nltest run;
# the others are files only). The real package installs many more programs.
SUPPORT_TOOLS_FILES = ("dcdiag.exe", "dnscmd.exe", "netdiag.exe", "netdom.exe", "nltest.exe", "repadmin.exe",
                       "setspn.exe", "suptools.chm")
# The text the lab puts in a program's file (type shows it; nothing reads it).
PROGRAM_FILE = "MZ winlab stand-in for {program}\r\n"
# The package's place on the Windows Server 2003 CD is confirmed [S63]; the lab's file holds this
# marker, by which msiexec knows it (a copy elsewhere installs the same).
SUPTOOLS_MSI = r"SUPPORT\TOOLS\SUPTOOLS.MSI"
SUPTOOLS_MSI_CONTENT = "winlab package: Windows Server 2003 Support Tools (SUPTOOLS.MSI)\r\n"  # the lab's marker

# --- ipconfig ---------------------------------------------------------------------------

# ipconfig lists adapters in binding order (the spec assumes it; the scripts rely on it).
IPCONFIG_ORDER_IS_BINDING_ORDER = True
# Node Type: "Unknown" without WINS servers, "Hybrid" with (XP/2003 sample shows Hybrid).
NODE_TYPE_NO_WINS, NODE_TYPE_WINS = "Unknown", "Hybrid"
# 2003 prints "NetBIOS over Tcpip" only when it is disabled; 2008 always prints it.
IPCONFIG_2003_NETBIOS_ONLY_WHEN_DISABLED = True
# Lease times are fixed so outputs are stable (ipconfig prints the local time of the lease).
LEASE_OBTAINED = "Monday, January 07, 2008 9:00:00 AM"
LEASE_EXPIRES = "Tuesday, January 15, 2008 9:00:00 AM"
# Messages of the other ipconfig switches (from memory of XP/2003).
IPCONFIG_BAD_SWITCH = "\r\nError: unrecognized or incomplete command line.\r\n"
IPCONFIG_USAGE = ("\r\nUSAGE:\r\n    ipconfig [/? | /all | /renew [adapter] | /release [adapter] |\r\n"
                  "              /flushdns | /displaydns | /registerdns |\r\n"
                  "              /showclassid adapter |\r\n              /setclassid adapter [classid] ]\r\n")
IPCONFIG_NO_ADAPTER = "The operation failed as no adapter is in the state permissible for this operation.\r\n"
IPCONFIG_FLUSHED = "Successfully flushed the DNS Resolver Cache.\r\n"
IPCONFIG_REGISTERED = ("Registration of the DNS resource records for all adapters of this computer has been "
                       "initiated. Any errors will be reported in the Event Viewer in 15 minutes.\r\n")

# --- netsh --------------------------------------------------------------------------------

# Success: "Ok." on 2003 (no public capture), nothing on 2008.
NETSH_OK = {"windows-2003": "Ok.\r\n\r\n", "windows-2008": ""}
NETSH_NOT_FOUND = "The following command was not found: {command}.\r\n"
# Unknown connection name: the 2003 router-manager text, the 2008 text (both from memory).
NETSH_NO_INTERFACE = {"windows-2003": "An interface with this name is not registered with the router.\r\n",
                      "windows-2008": "The filename, directory name, or volume label syntax is incorrect.\r\n\r\n"}
# A value netsh cannot parse (bad address, mask, keyword): netsh's option-value message, from memory.
NETSH_BAD_VALUE = "'{value}' is not an acceptable value for {tag}.\r\n"
# A required parameter missing (2003 and 2008 wording, from memory).
NETSH_MISSING = {"windows-2003": "One or more essential parameters not specified\r\n",
                 "windows-2008": "One or more essential parameters were not entered.\r\n"
                                 "Verify the required parameters, and reenter them.\r\n\r\n"}
# Unknown tag, too many arguments, a tag given twice.
NETSH_SYNTAX = "The syntax supplied for this command is not valid. Check help for the correct syntax.\r\n"
# Renaming onto a name in use: the Network Connections dialog's text.
NETSH_NAME_IN_USE = "Cannot rename this connection. A connection with the name you specified already exists.\r\n"
# `add dns` with a server already in the list.
NETSH_DUPLICATE = "The object is already in the list.\r\n"
# `set dns` without register= registers under the primary suffix (Vista help states the default).
NETSH_DEFAULT_REGISTER = "primary"
NETSH_ERROR_RC = 1
# netsh and wmic without arguments start their interactive prompt; stdin ends it at once.
NETSH_PROMPT, WMIC_PROMPT = "netsh>", "wmic:root\\cli>"
# `show config` wording of the register setting, per platform (the 2008 "both" wording is
# the one the stage templates expect; neither is confirmed).
REGISTER_WORDS = {
    "windows-2003": {"none": "None", "primary": "Primary only", "both": "Primary and connection-specific"},
    "windows-2008": {"none": "None", "primary": "Primary only", "both": "Both primary and connection-specific"},
}
# 2008 automatic interface metric of a 1 Gb/s adapter; 2003 shows 0 (automatic).
INTERFACE_METRIC_2008 = 10
# 2008 `netsh interface ipv4 dump` shape (from memory of Vista): routes and addresses only.
DUMP_2008_HEADER = ("\r\n# ----------------------------------\r\n# IPv4 Configuration\r\n"
                    "# ----------------------------------\r\npushd interface ipv4\r\n\r\nreset\r\n")
# Its closing lines, from the same memory of Vista.
DUMP_2008_FOOTER = "\r\npopd\r\n# End of IPv4 configuration\r\n\r\n"
# 2003 `show config` omits "Default Gateway" and "GatewayMetric" without a gateway, and the
# address lines of a DHCP connection (XP behaviour from memory).
SHOW_CONFIG_2003_DHCP_ADDRESSES = False

# --- wmic -----------------------------------------------------------------------------------

WMIC_NO_INSTANCES = "No Instance(s) Available.\r\n"
# /value: two blank lines before each instance, two after the last (hex dumps from memory).
WMIC_VALUE_TRAILING_BLANKS = 2
WMIC_ALIAS_NOT_FOUND = "{alias} - Alias not found.\r\n"
WMIC_ERROR = "Node - {host}\r\nERROR:\r\nDescription = {description}\r\n\r\n"
WMIC_INVALID_QUERY = "Invalid query"
WMIC_INVALID_GLOBAL_SWITCH = "Invalid Global Switch.\r\n"
WMIC_INVALID_VERB = "Invalid Verb.\r\n"
WMIC_INVALID_GET = "Invalid GET Expression.\r\n"
WMIC_INVALID_METHOD = "Invalid method Parameter(s)"
WMIC_INVALID_CLASS = "Invalid class"
WMIC_NOT_SUPPORTED = "Not supported"      # a real WMI method the lab does not emulate
WMIC_ERROR_RC = 44135
# Positional method arguments fill the input parameters in their declared order.
WMIC_ARGUMENTS_IN_DECLARED_ORDER = True
# After `netdom join` and before the restart, Win32_ComputerSystem keeps Domain = the workgroup
# and PartOfDomain FALSE (the reading). Windows may already report the new domain
# there (the join writes it to the LSA at once); True makes the lab show it before the restart.
JOIN_SHOWN_BEFORE_RESTART = False
# Static method call line, by analogy with `wmic process call create` [C10].
WMIC_STATIC_CALL = "Executing ({cls})->{method}()\r\n"

# --- reg.exe --------------------------------------------------------------------------------

REG_BANNER = {"windows-2003": "\r\n! REG.EXE VERSION 3.0\r\n", "windows-2008": ""}
REG_SEPARATOR = {"windows-2003": "\t", "windows-2008": "    "}
REG_NOT_FOUND = {
    "windows-2003": "\r\nError:  The system was unable to find the specified registry key or value\r\n",
    "windows-2008": "ERROR: The system was unable to find the specified registry key or value.\r\n"}
REG_SYNTAX = {"windows-2003": "\r\nError:  Invalid syntax.\r\nType \"REG {op} /?\" for usage.\r\n",
              "windows-2008": "ERROR: Invalid syntax.\r\nType \"REG {op} /?\" for usage.\r\n"}
# The lab refuses writes it cannot map back to its state with Windows' access-denied text.
REG_ACCESS_DENIED = {"windows-2003": "\r\nError:  Access is denied.\r\n",
                     "windows-2008": "ERROR: Access is denied.\r\n"}
REG_ADD_OK = {"windows-2003": "\r\nThe operation completed successfully\r\n\r\n",
              "windows-2008": "The operation completed successfully.\r\n\r\n"}
REG_OVERWRITE_PROMPT = "Value {name} exists, overwrite(Y/N)? "
REG_CANCELLED = "The operation was cancelled by the user.\r\n"
# Linkage values: 2003 ends Tcpip Bind with \Device\NdisWanIp; LanmanServer Bind starts with
# \Device\NetbiosSmb; Route entries are quoted GUIDs (Export format is confirmed [C9]).
TCPIP_BIND_TAIL = {"windows-2003": ["\\Device\\NdisWanIp"], "windows-2008": []}
LANMAN_BIND_HEAD = ["\\Device\\NetbiosSmb"]

# --- dsquery ----------------------------------------------------------------------------------

DSQUERY_ROW = "  {value} \r\n"
DSQUERY_HEADER = "  {attribute}\r\n"
DSQUERY_NOT_FOUND = "dsquery failed:Directory object not found.\r\ntype dsquery /? for help.\r\n"
DSQUERY_SYNTAX = "dsquery failed:The parameter is incorrect.:Invalid syntax.\r\ntype dsquery /? for help.\r\n"
DSQUERY_ERROR_RC = 1

# --- netdom -----------------------------------------------------------------------------------

# Success text is confirmed for Windows 7's netdom [C13]; 2003 is believed the same.
NETDOM_JOINED = "The computer needs to be restarted in order to complete the operation.\r\n\r\n" \
                "The command completed successfully.\r\n"
NETDOM_FAILED = "\r\nThe command failed to complete successfully.\r\n"
NETDOM_ALREADY_JOINED = "This machine is already joined to a domain.\r\n"
NETDOM_USAGE = ("The syntax of this command is:\r\n\r\nNETDOM [ ADD | COMPUTERNAME | JOIN | MOVE | QUERY | "
                "REMOVE | MOVENT4BDC | RENAMECOMPUTER | RESET | RESETPWD | TIME | TRUST | VERIFY ]\r\n")
NETDOM_PASSWORD_PROMPT = "Type the password associated with the domain user:\r\n"
NETDOM_ERROR_RC = 1

# --- nltest (Support Tools on 2003; with the AD DS tools on 2008) -------------------------------------

# `/sc_query` layout: from public transcripts of later Windows (and NT 4's); 2003's is believed the same.
# The flags of a sound channel to a Windows 2003 domain controller:
NLTEST_FLAGS_SOUND = "30 HAS_IP  HAS_TIMESERV"
# The status the `secure-channel:HOST` fault shows (the machine account and the domain disagree).
NLTEST_BROKEN_CHANNEL = (1787, "ERROR_NO_TRUST_SAM_ACCOUNT")
# `/sc_query` of a domain the computer is not a member of (a workgroup computer, or one whose
# join waits for its restart), and on the domain controller itself.
NLTEST_NOT_A_MEMBER = "I_NetLogonControl failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN\r\n"
NLTEST_FAILED_RC = 1                # exit code of that failure (believed)
# Any other command line: the lab's short usage (nltest has many more options).
NLTEST_USAGE = "Usage: nltest [/OPTIONS]\r\n\r\n    /SC_QUERY:<DomainName> - Query secure channel for <Domain>\r\n"
NLTEST_USAGE_RC = 1                 # exit code after the usage (believed)

# --- ping ---------------------------------------------------------------------------------------

# Replies from the lab's Windows hosts: TTL 128, `time<1ms` on a LAN (Windows' own TTL default).
PING_TTL = 128
# Per echo when the pinging host has no route at all (no connected subnet, no gateway): 2003 as XP,
# 2008 as Vista (both from memory).
PING_NO_ROUTE = {"windows-2003": "Destination host unreachable.",
                 "windows-2008": "PING: transmit failed. General failure. "}
# The cluster's name is registered in the domain's DNS (at the cluster address) by its Network
# Name resource, this one, from the moment the cluster is created; general knowledge of the
# cluster service's dynamic DNS registration, no source in the research notes.
CLUSTER_NAME_RESOURCE = "Cluster Name"
# A name the domain's DNS does not resolve (XP/2003 and Vista wording, from memory; exit 1).
PING_UNKNOWN_HOST = "Ping request could not find host {name}. Please check the name and try again.\r\n"
# A command line ping refuses (and -t, which would never end): the lab's short usage.
PING_USAGE = ("\r\nUsage: ping [-t] [-a] [-n count] [-l size] [-f] [-i TTL] [-v TOS]\r\n"
              "            [-r count] [-s count] [[-j host-list] | [-k host-list]]\r\n"
              "            [-w timeout] target_name\r\n")

# --- shutdown.exe -------------------------------------------------------------------------------

# `shutdown /r` without /t waits 30 s; /t takes at most 600 on 2003 and 2008 RTM (from memory).
SHUTDOWN_DEFAULT_DELAY = 30
SHUTDOWN_MAX_DELAY = 600            # larger /t values print the usage (2003, 2008 RTM; from memory)
# A second `/r` while one is scheduled: 2003 as XP, 2008 as Vista (codes are the Win32 errors).
SHUTDOWN_ALREADY_SCHEDULED = {"windows-2003": (1115, "A system shutdown is in progress.(1115)\r\n"),
                              "windows-2008": (1190, "A system shutdown has already been scheduled.(1190)\r\n")}
# `/a` with nothing to abort.
SHUTDOWN_NOTHING_TO_ABORT = (1116, "Unable to abort the system shutdown because no shutdown was in "
                                   "progress.(1116)\r\n")

# --- ServerManagerCmd (Windows Server 2008; no public capture of its output was found) ------------

# `-query` prints the roles under this title (from memory of 2008 hosts).
SMC_ROLES_TITLE = "----- Roles -----\r\n\r\n"
# `-query` prints the features under this title, after the roles (from memory of 2008 hosts).
SMC_FEATURES_TITLE = "\r\n----- Features -----\r\n\r\n"
# One line per item: `[X]` installed or `[ ]` not, the display name, two spaces, the id in brackets;
# sub-items indented 4 spaces per level; a parent shows `[X]` when anything below it is installed.
SMC_ROW = "{indent}[{mark}] {name}  [{id}]\r\n"
# The lab's small catalogue of roles, (depth, display name, id); the real one lists many more. The Web
# Server role services are the ones Exchange 2007 SP1 needs on 2008 [S46]; their display names and
# nesting from memory of 2008's Server Manager.
SMC_ROLES = [(0, "Active Directory Domain Services", "AD-Domain-Services"), (0, "Web Server (IIS)", "Web-Server"),
             (1, "Web Server", "Web-WebServer"), (2, "Application Development", "Web-App-Dev"),
             (3, "ISAPI Extensions", "Web-ISAPI-Ext"), (2, "Security", "Web-Security"),
             (3, "Basic Authentication", "Web-Basic-Auth"), (3, "Windows Authentication", "Web-Windows-Auth"),
             (1, "Management Tools", "Web-Mgmt-Tools"), (2, "IIS 6 Management Compatibility", "Web-Mgmt-Compat"),
             (3, "IIS 6 Metabase Compatibility", "Web-Metabase"),
             (3, "IIS 6 Management Console", "Web-Lgcy-Mgmt-Console")]
# The lab's small catalogue of features; the ids are the ones `-install` takes (Failover-Clustering [S46]).
SMC_FEATURES = [(0, "Failover Clustering", "Failover-Clustering"),
                (0, "Remote Server Administration Tools", "RSAT"),
                (1, "Role Administration Tools", "RSAT-Role-Tools"),
                (2, "Active Directory Domain Services Tools", "RSAT-ADDS"),
                (0, "Windows PowerShell", "PowerShell")]
# `-install ID` progress lines before the result line (wording from memory of 2008 hosts); the
# result lines and exit codes themselves are Microsoft's [cc733119] (tools/servermanagercmd.py).
SMC_PROGRESS = "Start Installation...\r\n[Installation] Succeeded: [{name}].\r\n<100/100>\r\n\r\n"
# `-install ID` of an installed item: the NoChange result, exit 1003 (the documented text speaks of an
# answer file; this command-line wording is from memory).
SMC_NO_CHANGE = ("Start Installation...\r\n[Installation] NoChange: [{name}] is already installed.\r\n\r\n"
                 "NoChange: No changes were made because the roles, role services and features specified "
                 "are already installed.\r\n")
# After `Argument not valid X` (exit 4): the lab's short usage text.
SMC_USAGE = ("\r\nUsage: ServerManagerCmd.exe -query [<query.xml>] | -install <Id> [-allSubFeatures] "
             "[-restart] | -help\r\n")
# The features of the lab's catalogue whose install needs a restart (exit 3010): the AD DS tools,
# from memory of 2008 hosts (Server Manager asks for a restart after adding them); Failover
# Clustering installs without one. A pending feature's programs appear after the restart.
SMC_RESTART_FEATURES = ("RSAT-ADDS",)
# `-query` marks a feature installed only once the restart it needs has happened; installing it
# again before that restart answers 3010 again.
SMC_QUERY_MARKS_PENDING = False

# --- Win32_ComputerSystem.Rename ---------------------------------------------------------------

# The ReturnValue for a name Windows refuses (empty, longer than 63 characters, or with a
# character KB 909264 disallows in computer names): ERROR_INVALID_NAME is believed, not seen.
RENAME_INVALID_NAME = 123

# --- hostname ----------------------------------------------------------------------------------

HOSTNAME_SET = "sethostname: Use the Network Control Panel Applet to set hostname.\r\n"

# --- cluster.exe --------------------------------------------------------------------------------

# The exit code of a failed cluster.exe command is the Win32 error number.
CLUSTER_RC_IS_ERROR = True
CLUSTER_BAD_OPTION = "The option '{option}' is invalid.\r\n"
CLUSTER_BAD_OPTION_RC = 87
# Warnings (5024 after /priv on an online resource) wording from memory of KB 921181; exit 0.
CLUSTER_WARNING = "System warning {code} ({hex}).\r\n{message}\r\n"
# Single-object listings.
NODE_ONE = "Listing status for node '{name}':\r\n\r\n"
GROUP_ONE = "Listing status for resource group '{name}':\r\n\r\n"
RES_ONE = "Listing status for resource '{name}':\r\n\r\n"
NETWORK_ONE = "Listing status for network '{name}':\r\n\r\n"
# Status words beyond Up/Online (the API state names [C18][C19], display words unconfirmed).
NODE_DOWN, NODE_PAUSED = "Down", "Paused"
NETWORK_UP, NETWORK_DOWN, NETWORK_PARTITIONED, NETWORK_UNAVAILABLE = "Up", "Down", "Partitioned", "Unavailable"
# `cluster network`, `/priv`, `/prop` and `/quorum` layouts (ccr-domain 3.4 expected shapes).
NETWORK_ALL = "Listing status for all available networks:\r\n\r\n"
NETWORK_HEADER = "Network              Status\r\n-------------------- -----------\r\n"
PRIV_TITLE = "Listing private properties for '{name}':\r\n\r\n"
PROP_TITLE = "Listing properties for '{name}':\r\n\r\n"
PROPERTY_HEADER = ("T  {kind:<20} Name                           Value\r\n"
                   "-- -------------------- ------------------------------ -----------------------\r\n")
DWORD_FORMAT = "{value} (0x{value:x})"
QUORUM_HEADER = ("Quorum Resource Name           Path                           Maximum Log Size\r\n"
                 "------------------------------ ------------------------------ ----------------\r\n")
QUORUM_MAX_LOG_SIZE = 4096
LOCAL_QUORUM_PATH = r"{root}\Cluster\MSCS" + "\\"
MNS_PATH = r"{root}\Cluster\MNS.{id}$\{id}$\MSCS" + "\\"
NODE_MAJORITY_2008 = "Quorum type: Node Majority\r\n"
# Progress of changes (no public transcript of /create or /add exists).
CREATE_PROGRESS = ["Creating cluster '{cluster}'...", "  Analyzing configuration of node {node}...",
                   "  Creating the cluster service on {node}...", "  Creating resources in 'Cluster Group'..."]
CREATE_DONE = "Cluster '{cluster}' was created successfully.\r\n"
ADD_PROGRESS = ["Adding node '{node}' to cluster '{cluster}'...", "  Analyzing configuration of node {node}...",
                "  Configuring the cluster service on {node}..."]
ADD_DONE = "Node '{node}' was added to cluster '{cluster}' successfully.\r\n"
RES_CREATE = "Creating resource '{name}'...\r\n\r\n"
RES_ONLINE = "Bringing resource '{name}' online...\r\n\r\n"
RES_OFFLINE = "Taking resource '{name}' offline...\r\n\r\n"
RES_DELETE = "Deleting resource '{name}'...\r\n"
GROUP_MOVE = "Moving resource group '{name}'...\r\n\r\n"
GROUP_ONLINE = "Bringing resource group '{name}' online...\r\n\r\n"
GROUP_OFFLINE = "Taking resource group '{name}' offline...\r\n\r\n"
QUORUM_SET = "Setting quorum resource to '{name}'...\r\n"
NETPRI_TITLE = "Listing network priority for cluster '{cluster}':\r\n\r\n"
NETPRI_HEADER = "Network\r\n--------------------\r\n"
# Errors whose number the sources do not give for this situation (text per [C20]).
ERROR_NO_LOCAL_CLUSTER = 1060       # `cluster node` on a host that is not a node
ERROR_CREATE_EXISTS = 5010          # /create with the name of an existing cluster
ERROR_NOT_IN_DOMAIN = 1787          # /create or /add of a workgroup computer: no computer account
ERROR_ADD_NODE_DOWN = 1722          # /add of a host that is off: RPC to it fails
ERROR_NO_NETWORK_FOR_IP = 5894      # /create or /add: no connection on the cluster address's subnet
ERROR_ADD_LOCAL_QUORUM = 87         # /add while the quorum is a Local Quorum (spec)
ERROR_QUORUM_OFFLINE = 5004         # /quorum:R while R is offline
ERROR_NOT_EMULATED = 50             # a real cluster.exe option the lab does not emulate
ERROR_DELETE_QUORUM_RESOURCE = 5068  # `res R /delete` of the quorum resource (5020's text would fit too)
# `cluster netint` (option list confirmed [C17]; layout and title are expected shapes).
NETINT_ALL = "Listing status for all available network interfaces:\r\n\r\n"
# `netint /node:N /net:X`: the title of one interface (an expected shape).
NETINT_ONE = "Listing status for network interface on node '{node}' and network '{network}':\r\n\r\n"
# Columns node 14, network 20, status (by analogy with `cluster node` and `cluster network`).
NETINT_HEADER = ("Node           Network              Status\r\n"
                 "-------------- -------------------- -----------\r\n")
NETINT_ROW = "{node:<14} {network:<20} {status}\r\n"          # one row, names in full as elsewhere
# Interface states (the API's names [C19]; display words unconfirmed). Unavailable: its node is
# down; Failed: its link is down; Unreachable: up, but no other node's interface answers on it.
NETINT_UP, NETINT_FAILED, NETINT_UNREACHABLE, NETINT_UNAVAILABLE = "Up", "Failed", "Unreachable", "Unavailable"
# KB 921181 private properties of the MNS resource and their defaults.
MNS_PRIVATE_DEFAULTS: dict[str, str | int] = {"MNSFileShare": "", "MNSFileShareCheckInterval": 240,
                                              "MNSFileShareDelay": 4}
# New cluster networks start as "All communications (mixed network)".
DEFAULT_NETWORK_ROLE = 3


# --- net.exe (unconfirmed: wording as on Windows XP/2003, from memory) ---------------------------
NET_SYNTAX = "The syntax of this command is:\r\n\r\nNET [ SHARE | START | STOP ] ...\r\n\r\n"
# `net share` with a switch or value it does not take: its usage, exit 1 (abridged from memory).
NET_SHARE_SYNTAX = ("The syntax of this command is:\r\n\r\nNET SHARE\r\nsharename\r\n"
                    "          sharename=drive:path [/GRANT:user,[READ | CHANGE | FULL]]\r\n"
                    "                               [/USERS:number | /UNLIMITED]\r\n"
                    "                               [/REMARK:\"text\"]\r\n"
                    "                               [/CACHE:Manual | Documents| Programs | None ]\r\n"
                    "          {sharename | devicename | drive:path} /DELETE\r\n\r\n")


def net_helpmsg(text: str, number: int) -> str:
    """net.exe's error shape: the message, a blank line, the HELPMSG hint."""
    return f"{text}\r\n\r\nMore help is available by typing NET HELPMSG {number}.\r\n\r\n"


# --- cluster node /evict (unconfirmed: progress text and the last-node error) --------------------
EVICT_PROGRESS = "Evicting node '{node}'...\r\n"
EVICT_LAST_NODE = 5005             # "A cluster node is not available for this operation."


# --- shutdown.exe usage -----------------------------------------------------------------------
# What shutdown prints for a form the lab does not take (abridged from memory of Windows Server 2003).
SHUTDOWN_USAGE = ("Usage: shutdown [-i | -l | -s | -r | -a] [-f] [-m \\\\computername] [-t xx] "
                  "[-c \"comment\"] [-d up:xx:yy]\r\n")


# --- The Failover Cluster Virtual Adapter of a 2008 cluster node (cluster_adapter.py) ------------

# Its description is Microsoft's [askcore 2010]; its connection name, service name and MAC prefix
# are from memory of 2008 nodes. It is hidden in the GUI's binding list and the lab leaves it out
# of ipconfig and netsh, where real 2008 nodes list it (a gap).
NETFT_DESCRIPTION = "Microsoft Failover Cluster Virtual Adapter"
NETFT_CONNECTION = "Local Area Connection* 9"       # its NetConnectionID (from memory; the number varies)
NETFT_SERVICE = "Netft"                              # its ServiceName (the driver is NetFT.sys [askcore 2009])
NETFT_MAC_PREFIX = "02"                              # a locally administered MAC (from memory)


# --- Folders, shares and their permissions (security.py, net share, cacls, icacls) -------------

# The ACL a new folder on C: inherits (from memory of 2003 and 2008 hosts: the drive root's
# inheritable entries). 2003's cacls shows no (ID) marker, so inherited entries look explicit there.
_SPECIAL = dict(account="BUILTIN\\Users", rights="S", flags=["CI"], inherited=True)
DEFAULT_FOLDER_ACL: dict[str, list[dict]] = {
    "windows-2003": [dict(account="BUILTIN\\Administrators", rights="F", flags=["OI", "CI"], inherited=True),
                     dict(account="NT AUTHORITY\\SYSTEM", rights="F", flags=["OI", "CI"], inherited=True),
                     dict(account="CREATOR OWNER", rights="F", flags=["OI", "CI", "IO"], inherited=True),
                     dict(account="BUILTIN\\Users", rights="R", flags=["OI", "CI"], inherited=True),
                     dict(_SPECIAL, special=["FILE_APPEND_DATA"]), dict(_SPECIAL, special=["FILE_WRITE_DATA"])],
    "windows-2008": [dict(account="BUILTIN\\Administrators", rights="F", flags=["OI", "CI"], inherited=True),
                     dict(account="NT AUTHORITY\\SYSTEM", rights="F", flags=["OI", "CI"], inherited=True),
                     dict(account="BUILTIN\\Users", rights="R", flags=["OI", "CI"], inherited=True),
                     dict(account="NT AUTHORITY\\Authenticated Users", rights="C", flags=[], inherited=True),
                     dict(account="NT AUTHORITY\\Authenticated Users", rights="C", flags=["OI", "CI", "IO"],
                          inherited=True),
                     dict(account="CREATOR OWNER", rights="F", flags=["OI", "CI", "IO"], inherited=True)],
}
# `cacls FOLDER /G|/P user:perm` on a folder writes entries that folders and files inherit, (OI)(CI)
# (believed from cacls listings of folders it set); without /E the new entries replace the whole ACL.
CACLS_FOLDER_FLAGS = ["OI", "CI"]
# The question cacls asks before replacing an ACL (Microsoft's text gives "Are you sure? Y/N" in prose
# [C23]; the on-screen wording is believed). Any answer but y/Y declines and changes nothing.
CACLS_PROMPT = "Are you sure (Y/N)?"
# cacls prints "processed dir: PATH" for a folder it changed (from memory of XP/2003).
CACLS_PROCESSED = "processed dir: {path}\r\n"
# cacls's exit codes (believed): 0 done or declined; the Win32 error number for a failure.
CACLS_NOT_FOUND = (2, "The system cannot find the file specified.\r\n")
CACLS_NO_MAPPING = (1332, "No mapping between account names and security IDs was done.\r\n")
CACLS_INVALID = (87, "Invalid arguments.\r\n")
# icacls (2008): the summary line is seen in public captures; "processed file:" per changed object too.
ICACLS_SUMMARY = "Successfully processed {ok} files; Failed processing {failed} files\r\n"
ICACLS_PROCESSED = "processed file: {path}\r\n"
ICACLS_NOT_FOUND = (2, "{path}: The system cannot find the file specified.\r\n")
ICACLS_NO_MAPPING = (1332, "{account}: No mapping between account names and security IDs was done.\r\n")
ICACLS_INVALID = (87, "Invalid parameter \"{parameter}\"\r\n")
# net share: the default shares a Windows server lists first (IPC$ has no path), then the others in
# the order they were created (real hosts list them in their own order).
DEFAULT_SHARES = [("C$", "C:\\", "Default share"), ("IPC$", "", "Remote IPC"), ("ADMIN$", "{root}", "Remote Admin")]
# `net share NAME=PATH` without /GRANT gives Everyone Read on 2003 [C22]; 2008 is believed the same.
SHARE_DEFAULT_GRANT = {"Everyone": "READ"}
# `net share ... /GRANT:user,FULL` works on 2003 as on 2008 (STILL UNCONFIRMED for 2003 [ccr-domain 2.4]),
# and `net share NAME` shows the `Permission` lines on both.
NET_SHARE_GRANT_2003 = True
# `net share` list: a name longer than 12 characters ends its line and the rest follows on the next,
# at column 13; a path longer than 31 pushes the remark to the next line at column 45 (from memory).
NET_SHARE_NAME_WIDTH, NET_SHARE_PATH_WIDTH = 12, 31
NET_SHARE_CACHING = "Manual caching of documents"
# What `dir` prints for the lab's folders: dates are fixed (the lab keeps no file times), the volume
# has no label, its serial number and free space are made up.
DIR_DATE = "01/07/2008  09:00 AM"
DIR_SERIAL = "5C3A-1E2F"
DIR_FREE = "10,737,418,240"
# `dir \\HOST\SHARE` when HOST does not answer (down, unknown) and when it has no such share.
NETWORK_PATH_NOT_FOUND = "The network path was not found.\r\n"
NETWORK_NAME_NOT_FOUND = "The network name cannot be found.\r\n"
# Writing through \\HOST\SHARE from another host is refused (the lab checks share permissions only
# for the file share witness); reading follows the share's grants (READ and up).
UNC_WRITES = False

# --- Quorum: the witness's log, forcing quorum, heartbeat tolerance (quorum.py, net.py, cluster.exe) ---

# The file the witness keeps in its folder, named by the witness resource's id (the real witness keeps
# its own files there; their names and content are not documented): the configuration it last saw.
WITNESS_LOG = "{id}.witness.log"
# A forced start prints net.exe's ordinary success lines (the SCM may report a failure that the sources
# say to ignore [S70]). The ForceQuorum registry value [S70][S71] is not emulated: use the switch.
# The lab keeps the newest configuration when a stale node is forced (a real one runs with its own,
# older configuration and the changes it missed are lost).
FORCE_QUORUM_REGISTRY = False
# A node whose Cluster service cannot form or join the cluster (no majority, or stale with only the
# witness) keeps its service "started" in the lab, as if the service's recovery action kept restarting
# it: `net start` reports success, cluster.exe fails with 1722, and `net stop clussvc` stops it (which
# forcing quorum needs first). A real service ends after each failed attempt between the restarts.
SERVICE_STARTED_WITHOUT_QUORUM = True
# Windows 2003 heartbeat tolerance (KB 921181 "configurable cluster heartbeats"): cluster private
# properties, names and defaults from memory of KB 921181 (STILL UNCONFIRMED [ccr-domain 1 stage 4]);
# read by each node's Cluster service when it starts, so they take effect node by node at the next
# `net start clussvc`.
HEARTBEAT_2003: dict[str, str | int] = {"HeartBeatLostInterfaceTicks": 4, "HeartBeatLostNodeTicks": 6}
# Windows 2008 heartbeat properties and defaults are Microsoft's [S80]; they take effect at once. The
# other common properties a real 2008 `cluster /prop` lists are left out.
HEARTBEAT_2008: dict[str, str | int] = {"SameSubnetDelay": 1000, "SameSubnetThreshold": 5,
                                        "CrossSubnetDelay": 1000, "CrossSubnetThreshold": 5}
# The cluster-level listings' titles and second column (by analogy with the resource listings).
CLUSTER_PROP_TITLE = "Listing properties for '{name}':\r\n\r\n"
CLUSTER_PRIV_TITLE = "Listing private properties for '{name}':\r\n\r\n"
# 2008 Node and File Share Majority: `cluster /cluster:C /quorum:"<File Share Witness resource>"`
# (STILL UNCONFIRMED [ccr-domain 2.6]: the form by analogy with 2003's `/quorum:R`; `/quorum
# /nodemajority` [S78] goes back to Node Majority). Its listing:
FSW_MAJORITY_2008 = "Quorum type: Node and File Share Majority\r\nQuorum resource: {name}\r\nShare path: {path}\r\n"
# icacls.exe ships with Windows Server 2003 from Service Pack 2 (from memory of SP2 hosts); before it,
# `icacls` is not recognized.
ICACLS_2003_SERVICE_PACK = 2


# --- Exchange 2007 SP1 (winlab/exchange/; ccr-domain 1 stages 6-12, 3.7-3.9, 4.5, 4.6) ----------------

# The build setup.com installs and the cmdlets report (Exchange 2007 SP1 is 8.1.240.6, from memory).
EXCHANGE_VERSION = "Version 8.1 (Build 240.6)"
EXCHANGE_BUILD = "8.1.240.6"
# The Exchange media: setup.com in the environment's setup folder, recognised by this content (the lab's marker).
EXCHANGE_SETUP_CONTENT = "winlab package: Exchange Server 2007 SP1 setup.com\r\n"
# The 2003 prerequisite installers the runbook names (exchange-stages' decision; names UNCONFIRMED), by
# architecture, and the component each installs: (file name, component).
EXCHANGE_INSTALLERS_2003 = {
    "x64": [("NetFx64.exe", "NetFx20"), ("WindowsServer2003.WindowsXP-KB926139-v2-x64-ENU.exe", "PowerShell"),
            ("WindowsServer2003-KB907265-x64-ENU.exe", "MMC30")],
    "x86": [("dotnetfx.exe", "NetFx20"), ("WindowsServer2003-KB926139-v2-x86-ENU.exe", "PowerShell"),
            ("WindowsServer2003-KB907265-x86-ENU.exe", "MMC30")]}
# An installer file's content (the lab's marker): the package and its architecture.
EXCHANGE_INSTALLER_CONTENT = "winlab package: {name} ({architecture})\r\n"
# The quiet switches each installer takes: the .NET 2.0 redistributable is an IExpress package
# (`/q:a /c:"install.exe /q"`); the updates take `/quiet` (`/passive` too) with `/norestart`. Without one
# the lab answers 1 (a real one would show a dialog nobody can answer in a WinRS session).
EXCHANGE_INSTALLER_QUIET = {"NetFx20": ("/q:a",), "PowerShell": ("/quiet", "/passive", "/q"),
                            "MMC30": ("/quiet", "/passive", "/q")}
EXCHANGE_INSTALLER_NOT_QUIET_RC = 1
# An installer for the other architecture, or a 2003 installer on 2008: refused with this exit code.
EXCHANGE_INSTALLER_WRONG_PLATFORM_RC = 1
# 2003 IIS components the Mailbox role needs, by their sysoc.inf ids [S2][S3]: setup checks these.
EXCHANGE_IIS_COMPONENTS_2003 = ("iis_common", "iis_www", "complusnetwork")
# sysocmgr /i:sysoc.inf /u:ANSWERS /q: installs the `[Components]` set ON (from memory); prints nothing; exit 0.
# An answer file it cannot read: exit 1 (believed).
SYSOCMGR_NO_ANSWER_FILE_RC = 1
# The 2008 features setup checks for the Mailbox role [S46] (ServerManagerCmd ids).
EXCHANGE_FEATURES_2008 = ("PowerShell", "Web-Server", "Web-ISAPI-Ext", "Web-Metabase", "Web-Lgcy-Mgmt-Console",
                          "Web-Basic-Auth", "Web-Windows-Auth")
# What each missing prerequisite reads in setup's output (wording after ExBPA's prerequisite rules, from memory).
EXCHANGE_PREREQUISITE_TEXT = {
    "NetFx20": "Setup cannot continue because Microsoft .NET Framework 2.0 is not installed.",
    "PowerShell": "Windows PowerShell is not installed on this computer. Install Windows PowerShell, and then run "
                  "Setup again.",
    "MMC30": "Microsoft Management Console (MMC) 3.0 is not installed on this computer.",
    "iis_common": "The Internet Information Services (IIS) component is not installed on this computer.",
    "iis_www": "The World Wide Web Service component of IIS is not installed on this computer.",
    "complusnetwork": "Network COM+ access is not enabled on this computer.",
    "feature": "The Windows component '{name}' is not installed on this computer and must be installed before "
               "Exchange Setup can begin.",
    "not-a-node": "The local computer is not a member of a cluster. A clustered mailbox server can only be installed "
                  "on a cluster node.",
    "no-cms": "No clustered mailbox server exists in this cluster. Install the active clustered mailbox role first "
              "with /NewCms.",
    "cms-exists": "A clustered mailbox server already exists in this cluster: {name}.",
    "cms-name-in-use": "The name '{name}' is already in use on the network.",
    "not-in-domain": "This computer is not a member of a domain. Exchange Server 2007 must be installed on a domain "
                     "member.",
    "installed": "The Mailbox role is already installed on this computer.",
    "cluster-down": "The Cluster service is not running on this computer.",
    "other-roles": "The clustered mailbox server role cannot be installed with other server roles.",
}
# setup.com's console output: banner, phases and result lines (from memory of Exchange 2007 unattended setup;
# the dots column and COMPLETED/FAILED words as remembered).
EXCHANGE_SETUP_BANNER = "\r\nWelcome to Microsoft Exchange Server 2007 Unattended Setup\r\n\r\n"
EXCHANGE_SETUP_STEP = "    {name:<30}......................... {result}\r\n"
EXCHANGE_SETUP_ROLES = "The following server roles will be installed\r\nManagement Tools\r\nMailbox Role\r\n\r\n"
EXCHANGE_SETUP_PREREQ = "Performing Microsoft Exchange Server Prerequisite Check\r\n\r\n"
EXCHANGE_SETUP_CONFIGURING = "Configuring Microsoft Exchange Server\r\n\r\n"
EXCHANGE_SETUP_DONE = "\r\nThe Microsoft Exchange Server setup operation completed successfully.\r\n"
EXCHANGE_SETUP_FAILED = ("\r\nThe Microsoft Exchange Server setup operation did not complete. Visit "
                         "http://support.microsoft.com and enter the Error ID to find more information.\r\n\r\n"
                         "Exchange Server setup encountered an error.\r\n")
# A switch setup does not know, or a command line without /mode and /roles (or with a role the lab does not
# install): the message, then exit 1.
EXCHANGE_SETUP_BAD_SWITCH = "The following argument is not valid: '{argument}'.\r\n"
EXCHANGE_SETUP_MISSING = "The /{switch} parameter is required and must be valid to create a clustered mailbox server."
EXCHANGE_SETUP_NEEDS = "The parameters /mode and /roles are required for an unattended install.\r\n"
EXCHANGE_SETUP_FAILED_RC = 1
# The setup log (%SystemDrive%\ExchangeSetupLogs\ExchangeSetup.log is Microsoft's [TechNet Magazine 2007.09]);
# its line shape `[date time] [level] text` is from memory.
EXCHANGE_SETUP_LOG = r"C:\ExchangeSetupLogs\ExchangeSetup.log"
EXCHANGE_SETUP_LOG_LINE = "[{time}] [{level}] {text}\r\n"
# Setup asks for no restart after the clustered mailbox role (the lab's choice; real setup may ask on 2003).
EXCHANGE_SETUP_RESTART = False
# The execution policy Exchange setup sets (contract decision; UNCONFIRMED) and its snap-in's name [S102].
EXCHANGE_EXECUTION_POLICY = "RemoteSigned"
EXCHANGE_SNAPIN = "Microsoft.Exchange.Management.PowerShell.Admin"

# The CMS's cluster resources: types from memory of Cluster Administrator on CCR nodes; names as setup
# names them (believed): `<CMS> IP Address`... one `<SG>/<DB> (<CMS>)` database instance per storage group.
CMS_RESOURCES = {"ip": ("IP Address", "IP Address ({address})"), "name": ("Network Name", "Network Name ({cms})"),
                 "store": ("Microsoft Exchange Information Store Instance",
                           "Exchange Information Store Instance ({cms})"),
                 "sa": ("Microsoft Exchange System Attendant", "Exchange System Attendant Instance ({cms})"),
                 "database": ("Microsoft Exchange Database Instance", "{group}/{database} ({cms})")}
# A replication host name's cluster group and its IP Address and Network Name resources: names believed (the
# docs speak of "the cluster group and resources" Enable-ContinuousReplicationHostName creates [S15]).
REPLICATION_HOST_GROUP = "{name}"
REPLICATION_HOST_RESOURCES = ("IP Address ({address})", "Network Name ({name})")
# The Exchange services a Mailbox server runs (names from memory of 2007 servers) and the Hub's.
EXCHANGE_SERVICES_MAILBOX = [("MSExchangeADTopology", "Microsoft Exchange Active Directory Topology Service"),
                             ("MSExchangeIS", "Microsoft Exchange Information Store"),
                             ("MSExchangeRepl", "Microsoft Exchange Replication Service"),
                             ("MSExchangeSA", "Microsoft Exchange System Attendant"),
                             ("MSExchangeSearch", "Microsoft Exchange Search Indexer")]
EXCHANGE_SERVICES_HUB = [("MSExchangeADTopology", "Microsoft Exchange Active Directory Topology Service"),
                         ("MSExchangeTransport", "Microsoft Exchange Transport")]
# On the passive node the clustered services (store, system attendant) are stopped: the cluster runs them
# on the active node only (from memory of CCR nodes); the Replication service runs on both.
CMS_CLUSTERED_SERVICES = ("MSExchangeIS", "MSExchangeSA")

# Log generation: every storage group closes a 1 MB log this often while its database is mounted
# (the lab's rate: an idle server closes far fewer; a busy one many more).
EXCHANGE_LOG_SECONDS = 30
# A new passive copy is Initializing, then Seeding, for these many lab seconds each before it is Healthy
# (real seeding takes as long as the database takes to copy). The passive node's setup seeds while it runs
# [S7]: its copies are only Initializing afterwards.
EXCHANGE_INITIALIZING_SECONDS = 1
EXCHANGE_SEEDING_SECONDS = 2
# The copy-queue fault: this many logs closed at once on every storage group, held from the copy until healed.
EXCHANGE_BURST_LOGS = 20
# AutoDatabaseMountDial: the copy queue (logs) a failover may lose and still mount. Lossless 0; the 2007
# thresholds are STILL UNCONFIRMED (2010 documents Good 6, Best 12 [S112]; 2007 commonly quoted 3 and 6).
DIAL_THRESHOLDS = {"Lossless": 0, "GoodAvailability": 3, "BestAvailability": 6}
# The summary status of a copy whose passive node or Replication service is down: SP1's "Service Down"
# [S93]; the object's spelling (2010's CopyStatus enum name) is an assumption.
COPY_STATUS_SERVICE_DOWN = "ServiceDown"
# After a lossy failover the old active node's copy has diverged: it comes back Failed and needs a reseed
# (2007 had no incremental resync; believed). The message:
DIVERGED_MESSAGE = ("The log files of the passive copy diverged from the active copy after a lossy failover. "
                    "Reseed the copy.")
# The failed-copy fault's FailedMessage (as the Replication service words a damaged log; from memory).
FAILED_COPY_MESSAGE = "Log file corruption was detected in the passive copy. The copy must be reseeded."
# Application-log events of the Replication service: 100 is a handoff's duration [S49] (text believed); the
# failover, dial and redelivery ids and texts are the lab's.
EVENT_HANDOFF = (100, "The clustered mailbox server '{cms}' was moved to '{node}' in {seconds} seconds. "
                      "Comment: {comment}")
EVENT_FAILOVER = (1076, "The clustered mailbox server '{cms}' failed over to '{node}'.")
EVENT_LOSSY = (2091, "Storage group '{group}' was mounted after a lossy failover: {lost} log files were lost. "
                     "Hub Transport server '{hub}' was asked to resubmit messages from its transport dumpster.")
EVENT_DIAL_BLOCKED = (2092, "Storage group '{group}' was not mounted: {lost} log files could not be copied, more "
                            "than AutoDatabaseMountDial {dial} allows ({allowed}).")
EVENT_RECOVERED = (2093, "Storage group '{group}' copied its missing log files from '{node}' and was mounted.")
# How long a handoff takes, as event 100 reports it (the lab moves at once; a real one takes seconds to minutes).
EXCHANGE_HANDOFF_SECONDS = 15
EVENT_TYPES = {100: "Information", 1076: "Warning", 2091: "Warning", 2092: "Error", 2093: "Information"}
# Get-StorageGroupCopyStatus | fl: the fields after ReplayQueueLength, in this order ([S94][S95] names;
# 2007 order UNCONFIRMED).
COPY_STATUS_LATER_FIELDS = ("LatestAvailableLogTime", "LastCopyNotificationedLogTime", "LastCopiedLogTime",
                            "LastInspectedLogTime", "LastReplayedLogTime", "LastLogGenerated", "LastLogCopyNotified",
                            "LastLogCopied", "LastLogInspected", "LastLogReplayed", "LatestFullBackupTime",
                            "LatestIncrementalBackupTime", "SnapshotBackup", "IsValid", "ObjectState")
# Test-ReplicationHealth's 2007 SP1 checks (believed names [ccr-domain 3.9]) and results.
REPLICATION_CHECKS = ("PassiveNodeUp", "ClusterNetwork", "QuorumGroup", "FileShareQuorum", "CmsGroup",
                      "DnsRegistrationStatus", "ReplayService", "SGCopySuspended", "SGCopyFailed", "SGInitializing",
                      "SGCopyQueueLength", "SGReplayQueueLength")
REPLICATION_QUEUE_WARNING = 6               # a queue longer than this fails its check (believed)
# Get-ClusteredMailboxServerStatus: property names (ccr-domain 3.8, illustrative) and the active node's mark.
CMS_STATUS_ACTIVE_MARK = " <Active{quorum}>"
CMS_STATUS_QUORUM_MARK = ", Quorum Owner"
# The CMS state after a failover that left databases dismounted (the dial), and while stopped.
CMS_STATE_PARTIAL, CMS_STATE_OFFLINE = "Partially Online", "Offline"


# Every host's HOSTS file (%SystemRoot%\system32\drivers\etc\hosts) as Windows installs it: the sample
# comment block abridged (from memory), the loopback line.
HOSTS_FILE = ("# Copyright (c) 1993-1999 Microsoft Corp.\r\n#\r\n# This is a sample HOSTS file used by Microsoft TCP/IP "
              "for Windows.\r\n#\r\n\r\n127.0.0.1       localhost\r\n")

# --- Windows PowerShell 1.0 (winlab/powershell) ------------------------------------------

# Error positions as PowerShell 1.0's console prints them, from memory of 1.0/2.0 transcripts:
# the 1-based column right after the offending token, the line with ` <<<< ` inserted there.
PS_POSITION = "At line:{line} char:{char}"
PS_FILE_POSITION = "At {file}:{line} char:{char}"
PS_MARKER_LINE = "+ {before} <<<< {after}"
# PowerShell 1.0's CommandNotFoundException text (2.0 reworded it: "the name of a cmdlet ...").
# The contract prints it after the name (`Get-Foo : The term ...`), as cmdlet errors are.
PS_UNKNOWN_TERM = ("The term '{name}' is not recognized as a cmdlet, function, operable program, or script file. "
                   "Verify the term and try again.")


# The width PowerShell formats to when its output is not a console (a WinRS command): 80 columns,
# as 1.0's console host has by default; Format-List wraps longer values under the value column.
PS_HOST_WIDTH = 80
# The hosts' regional settings: en-US unless a host's settings say otherwise (Host.powershell.culture).
# Patterns are .NET's short date + long time of each culture (from memory).
PS_DEFAULT_CULTURE = "en-US"
PS_CULTURES = {"en-US": ("M/d/yyyy h:mm:ss tt", "."), "en-GB": ("dd/MM/yyyy HH:mm:ss", "."),
               "de-DE": ("dd.MM.yyyy HH:mm:ss", ","), "fr-FR": ("dd/MM/yyyy HH:mm:ss", ","),
               "nl-NL": ("d-M-yyyy H:mm:ss", ",")}
# The console host writes warnings to its output as `WARNING: text` (they reach a WinRS client's stdout).
PS_WARNING = "WARNING: {text}"
# An error under ErrorActionPreference/-ErrorAction Stop, 1.0 wording for both (2.0: "the preference variable
# ... or common parameter"); from memory.
PS_STOPPED = 'Command execution stopped because the shell variable "{variable}" is set to Stop: {message}'
PS_WHATIF = 'What if: Performing operation "{action}" on Target "{target}".'
# A confirmation prompt under -NonInteractive (PowerShell's HostException text, from memory). Without a console
# (a WinRS command) Read-Host and prompts read a line of the command's stdin, the prompt text on stderr (so
# `for /f` capturing the answer gets the answer only); with no line left, this same error.
PS_NONINTERACTIVE_PROMPT = ("Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not "
                            "available.")
# Running a script while the execution policy forbids it (1.0 and 2.0 wording, from transcripts).
PS_SCRIPTS_DISABLED = ('File {path} cannot be loaded because the execution of scripts is disabled on this system. '
                       'Please see "get-help about_signing" for more details.')
PS_NOT_SIGNED = ('File {path} cannot be loaded. The file {path} is not digitally signed. The script will not '
                 'execute on the system. Please see "get-help about_signing" for more details.')
# Start-Sleep really sleeps in the lab, at most this long (lab time moves on by what it slept).
PS_SLEEP_CAP = 5
# Snap-in messages (1.0 wording from memory of transcripts).
PS_SNAPIN_NOT_INSTALLED = "Windows PowerShell snap-in {name} is not installed on the machine."
PS_SNAPIN_ADDED = ("Cannot add Windows PowerShell snap-in {name} because it is already added. Verify the name of "
                   "the snap-in and try again.")
PS_SNAPIN_NOT_FOUND = "No Windows PowerShell Snap-ins matching the pattern '{name}' were found."
PS_NO_SERVICE = "Cannot find any service with service name '{name}'."
PS_NO_EVENT_LOG = "The event log '{name}' on computer '.' does not exist."
# powershell.exe's own messages (from memory; the usage text is shortened to its syntax lines).
PS_USAGE = ("\r\npowershell[.exe] [-PSConsoleFile <file> | -Version <version>]\r\n"
            "    [-NoLogo] [-NoExit] [-NoProfile] [-NonInteractive]\r\n"
            "    [-OutputFormat {Text | XML}] [-InputFormat {Text | XML}]\r\n"
            "    [-Command { - | <script-block> [-args <arg-array>]\r\n"
            "                  | <string> [<CommandParameters>] } ]\r\n\r\n"
            "powershell[.exe] -Help | -? | /?\r\n\r\n")
PS_MISSING_ARGUMENT = "Missing argument for parameter {switch}."
PS_BAD_ENCODED_COMMAND = "Cannot process the command because the value specified with -EncodedCommand is not properly encoded. The value must be Base64 encoded."
PS_BAD_FORMAT = "The value {value} is not a valid value for the {switch} parameter. Valid values are Text and XML."
PS_CONSOLE_FILE_MISSING = "Cannot load the console file {path}: the file was not found."
PS_CONSOLE_FILE_SNAPIN = ("Cannot load Windows PowerShell snap-in {name} because of the following error: "
                          "The Windows PowerShell snap-in {name} is not installed (console file {path}).")
# An unknown powershell.exe switch starts the command, as in 1.0's command-line parser: `-File x` is then a
# parse error with this text.
PS_UNARY_MINUS = "Missing expression after unary operator '-'."
# A date shown alone (`Get-Date`) uses the culture's long date and time; English cultures only (others show the
# short form): .NET's patterns from memory.
PS_LONG_DATES = {"en-US": "dddd, MMMM dd, yyyy h:mm:ss tt", "en-GB": "dd MMMM yyyy HH:mm:ss"}


# --- Exchange Management Shell (winlab/exchange/snapin) -------------------------------------------------

# An identity no object has: Exchange's ManagementObjectNotFoundException text (from memory of 2007 shells).
EMS_NOT_FOUND = ("The operation could not be performed because object '{identity}' could not be found on domain "
                 "controller '{dc}'.")
# Cmdlets that need the Cluster service (CMS status, moves) on a node where it does not run or has no quorum.
EMS_CLUSTER_DOWN = "The cluster service on '{node}' is not running or the cluster has no quorum."
# Get-StorageGroupCopyStatus without -Identity/-Server on a host that is no mailbox server.
EMS_NOT_MAILBOX = "The server '{server}' is not a Mailbox server."
# Move-ClusteredMailboxServer refusals (the docs say the checks; the wording is the lab's) [S50].
EMS_MOVE_TARGET = "The target machine '{target}' is not a passive node of clustered mailbox server '{cms}'."
EMS_MOVE_DOWN = "The target machine '{target}' is not available."
EMS_MOVE_UNHEALTHY = ("Replication of storage group '{group}' is not healthy ({status}, copy queue {queue}). The "
                      "clustered mailbox server was not moved.")
EMS_CMS_STOPPED = "The clustered mailbox server '{cms}' is stopped. Start it with Start-ClusteredMailboxServer."
# Storage group copy cmdlets.
EMS_NOT_SUSPENDED = "The storage group copy '{identity}' must be suspended before it is seeded. Run Suspend-StorageGroupCopy first."
EMS_FILES_EXIST = ("Files already exist in the passive copy's folders of '{identity}'. Use -DeleteExistingFiles or remove "
                   "them [S20].")
EMS_NOT_PASSIVE = "Update-StorageGroupCopy must be run on the passive node of '{cms}': '{node}'."
EMS_RESUME_FAILED = "The storage group copy '{identity}' is in a failed state: reseed it with Update-StorageGroupCopy."
EMS_COPY_UNREACHABLE = "The Microsoft Exchange Replication service on '{node}' could not be contacted."
# Enable-ContinuousReplicationHostName refusals (parameters STILL UNCONFIRMED).
EMS_NAME_UNRESOLVED = "The host name '{name}' does not resolve to {address} on '{node}'."
EMS_ADDRESS_NOT_LOCAL = "The address {address} is not on a network of '{node}'."
# Get-TransportConfig | Format-List: the properties shown, in order (from memory of SP1 shells), and the
# default view of each object type: a list for the transport config and the CMS status, tables otherwise.
TRANSPORT_CONFIG_FIELDS = ("ClearCategories", "GenerateCopyOfDSNFor", "InternalSMTPServers", "JournalingReportNdrTo",
                           "MaxDumpsterSizePerStorageGroup", "MaxDumpsterTime", "MaxReceiveSize",
                           "MaxRecipientEnvelopeLimit", "MaxSendSize", "TLSReceiveDomainSecureList",
                           "TLSSendDomainSecureList", "VerifySecureSubmitEnabled", "VoicemailJournalingEnabled",
                           "WritingBrandingInDSNEnabled", "Xexch50Enabled")
MAILBOX_SERVER_TABLE = ("Name", "AutoDatabaseMountDial", "RedundantMachines")
# Get-StorageGroupCopyStatus's table column widths (Exchange's format file has the real ones): a storage group
# name of up to 20 characters and the four status columns whole in 80 columns; LastInspectedLogTime gets the rest.
COPY_STATUS_WIDTHS = {"Name": 20, "SummaryCopyStatus": 17, "CopyQueueLength": 15, "ReplayQueueLength": 17}
STORAGE_GROUP_TABLE = ("Name", "Server", "Replicated", "Recovery")
DATABASE_TABLE = ("Name", "Server", "StorageGroup", "Recovery")
