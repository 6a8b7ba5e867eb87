"""How faithfully the lab emulates each Windows command: the data of the docs' fidelity table.

One `Fidelity` per command form: what the lab accepts, what it prints, the sources the
behaviour rests on (ids of ccr-domain.md [Sn] and ccr-domain-confirmations.md [Cn]),
and whether those sources confirm it. UNCONFIRMED texts live in `assumptions.py`, whose
named constants `assumption_rows()` lists with the comments above them.
Keep this list true to the code: a test checks that every emulated program appears.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
import tokenize
from dataclasses import dataclass
from types import ModuleType

from . import assumptions

CONFIRMED, UNCONFIRMED = "CONFIRMED", "UNCONFIRMED"
ASSUMPTIONS_MODULE = "winlab/assumptions.py"


@dataclass(frozen=True)
class Fidelity:
    command: str
    forms: str                  # switches and forms the lab accepts
    output: str                 # what it prints
    sources: str                # "[S36][C14]"
    status: str                 # CONFIRMED / UNCONFIRMED
    note: str = ""


FIDELITY: list[Fidelity] = [
    Fidelity("ipconfig", "(none), /all, /renew [adapter], /release [adapter], /flushdns, /registerdns",
             "2003: 8-space indent, `Dhcp Enabled`, `IP Address`, `Autoconfiguration IP Address` for APIPA; "
             "2008: 3-space indent, `DHCP Enabled`, `IPv4 Address ...(Preferred)`; adapters in binding order",
             "[S90][S91]", UNCONFIRMED,
             "Labels and indents confirmed by samples; adapter order, Node Type, the 2003 `NetBIOS over Tcpip` "
             "line only when disabled, lease times and IPv6/tunnel adapters (not shown) are assumptions."),
    Fidelity("netsh interface set interface", "name= newname= (tags or positional, prefix-matched)",
             "`Ok.` (2003) / nothing (2008); unknown connection, name in use, bad name fail with exit 1",
             "[C1][C3][C10]", UNCONFIRMED, "Renaming only; admin=/connect= are refused."),
    Fidelity("netsh interface ip set address", "name= source=dhcp|static addr= mask= gateway=IP|none gwmetric=; "
             "`name= gateway= gwmetric=` alone; positional form; 2008: `interface ipv4`, address=",
             "`Ok.`; bad address or mask: `'X' is not an acceptable value for mask.`; missing parameter; "
             "unknown connection; unknown tag: syntax error; exit 1", "[S56][C2]", CONFIRMED,
             "Syntax confirmed; success and error texts are assumptions. A static address without gateway= "
             "clears the gateway."),
    Fidelity("netsh interface ip set dns / add dns / delete dns",
             "set: name= source=dhcp|static addr=IP|none register=none|primary|both; add: name= addr= index=; "
             "2008: set/add dnsservers, address=", "`Ok.`; duplicate server refused",
             "[C1][S57]", CONFIRMED, "register= omitted means primary (assumption)."),
    Fidelity("netsh interface ip set wins / add wins / delete wins", "name= source=dhcp|static addr=IP|none",
             "`Ok.`", "[C2]", CONFIRMED, ""),
    Fidelity("netsh interface ip add address / delete address", "name= addr= mask= [gateway= gwmetric=]",
             "`Ok.`", "[S56]", UNCONFIRMED, ""),
    Fidelity("netsh interface ip dump", "(2003) / netsh interface ipv4 dump (2008)",
             "2003: `pushd interface ip` ... per connection `set address/dns/wins` lines that can be run again",
             "[C2]", CONFIRMED, "The 2008 dump shape is an assumption."),
    Fidelity("netsh interface ip show config|address|dns|wins", "[name=X]",
             "`Configuration for interface \"X\"`, labels padded to column 42; 2003 `SubnetMask:`/"
             "`GatewayMetric:`, 2008 `Subnet Prefix: n/len (mask m)`/`Gateway Metric:`",
             "[S87][S88][S89]", CONFIRMED, "2008 layout confirmed; 2003 register wording and line order assumed."),
    Fidelity("wmic get", "os, qfe, nic, nicconfig, computersystem, cpu (AddressWidth 64 or 32 from the "
             "environment's architecture [S127]), path Win32_...; where WQL (=, <>, <, >, "
             "and/or/not, like, is null, parentheses); get P1,P2 [/value|/format:list]; list brief|full",
             "`/value`: sorted `Name=Value`, two blank lines before each instance; tables sorted, columns padded "
             "to width+2; lines end CR CR LF; no match: `No Instance(s) Available.` on stderr, exit 0",
             "[C10][C11]", UNCONFIRMED, "Layout per the spec; the no-instance text and error texts are assumptions."),
    Fidelity("wmic call", "nicconfig: SetTcpipNetbios, SetDynamicDNSRegistration, EnableDHCP, RenewDHCPLease "
             "(instance); EnableWINS (static)",
             "`Executing (\\\\HOST\\ROOT\\CIMV2:Class.Index=n)->Method()` ... `ReturnValue = n;` per instance; "
             "static: `Executing (Class)->Method()`", "[C10][C11][S33][S58][S59]", CONFIRMED,
             "Static call line and argument order are assumptions; other real methods fail as Not supported."),
    Fidelity("wmic computersystem rename", "`where name=\"%COMPUTERNAME%\" call rename name=\"NEW\"` and the bare "
             "verb `... rename name=\"NEW\"`; Name positional or named (Password, UserName accepted)",
             "`Executing (\\\\OLD\\ROOT\\CIMV2:Win32_ComputerSystem.Name=\"OLD\")->rename()` ... "
             "`ReturnValue = 0;`, the method name as typed", "[C10]", CONFIRMED,
             "The name it runs with (any case) changes nothing. Another name is pending (`lab status`) until the "
             "host restarts: hostname, %COMPUTERNAME%, `wmic computersystem get Name`, cluster.exe and netdom "
             "keep the old name; Tcpip\\Parameters `NV Hostname` holds the new one. Domain credentials are not "
             "checked. An invalid name returns 123 (assumption)."),
    Fidelity("reg query", "HKLM\\KEY [/v VALUE | /ve] [/s]",
             "2003: `! REG.EXE VERSION 3.0` banner, TAB-separated, MULTI_SZ ends `\\0\\0`; 2008: 4 spaces; "
             "missing key/value: error, exit 1", "[C5][C7][C9][S60]", UNCONFIRMED,
             "Values derived from the state: Tcpip/LanmanServer Linkage, NetBT NetbiosOptions and EnableLMHOSTS, "
             "Control\\Network Connection Name, Tcpip interface settings. Only HKEY_LOCAL_MACHINE."),
    Fidelity("reg add", "HKLM\\KEY /v VALUE /t TYPE /d DATA [/f] [/s SEP]",
             "`The operation completed successfully`; unmappable writes: `Access is denied.`, exit 1",
             "[C7][C8]", UNCONFIRMED,
             "Maps back Tcpip\\Linkage Bind (applies at the next restart; \\Device\\NdisWanIp, Remote Access, "
             "stays where the write puts it), NetbiosOptions, connection Name, "
             "EnableLMHOSTS. Other writes are refused, which Windows would not do."),
    Fidelity("netdom join", "MACHINE /domain: (/d:) /userd: (/ud:) /passwordd: (/pd:, * prompts) [/reboot[:s]]",
             "success: `The computer needs to be restarted...` + `The command completed successfully.`; "
             "failure: message + `The command failed to complete successfully.`, exit 1",
             "[C12][C13][S63]", CONFIRMED,
             "The membership takes effect at the next restart [C13]: until then `wmic computersystem get Domain` "
             "shows the workgroup (assumption JOIN_SHOWN_BEFORE_RESTART), cluster.exe refuses the node (1787) "
             "and a second join says it is joined already; `/reboot[:s]` schedules the restart (20 s without a "
             "value [C12]). Domain unreachable (1355 text), bad password (1326 text); other netdom operations "
             "print usage."),
    Fidelity("cluster node|group|res [NAME]", "[/cluster:]NAME or a node name or none; /stat[us]",
             "confirmed tables: node `%-14s %7d %s`, group `%-20s %-15s %s`, res `%-20s %-20s %-15s %s`, long "
             "names printed in full", "[S82][S83][S85][C21]", CONFIRMED,
             "Single-object titles and status words other than Up/Online are assumptions."),
    Fidelity("cluster node /pause /resume /evict", "NODE /pause, /resume, /evict [/wait[:s]]",
             "/evict: `Evicting node 'NODE'...`; the node's groups move to a remaining node; the last node "
             "cannot be evicted (5005)", "[C16]", UNCONFIRMED,
             "Option list confirmed [C16]; /pause and /resume print the node table (`Paused`: display word "
             "unconfirmed); the /evict progress text and the last-node error number are assumptions."),
    Fidelity("cluster network", "[NAME] [/prop [Role=n]]", "`Network  Status` table; property list with Role",
             "[S38][C19]", UNCONFIRMED,
             "Layout is the expected shape of ccr-domain 3.4. Up while every node that is up has its link on it, "
             "Partitioned when some have, Down when none has. Roles 1 (private) and 3 (mixed) carry the heartbeat: "
             "with Private cut it goes over a mixed Public; with no common network the nodes partition and only "
             "the larger partition (or the quorum group owner's, which wins the witness) keeps its cluster service."),
    Fidelity("cluster netinterface", "netint[erface] [/node:NODE /net[work]:NAME] [/stat[us]]",
             "`Node  Network  Status` table, one row per node and network: Up, Failed (its link is down), "
             "Unreachable (no other node answers on it), Unavailable (its node is down)",
             "[C17][C19]", UNCONFIRMED,
             "Option list confirmed [C17] (/node and /network together, 87 otherwise; 5047 for no such "
             "interface); layout, title and display words are assumptions. `lab fail private-network` makes "
             "every Private interface Failed."),
    Fidelity("cluster /create", "2003: /ipaddr[ess]:IP[,MASK,CONN] /user: /pass[word]: [/node:] [/verb[ose]] "
             "[/unattend[ed]] [/min[imum]]; 2008: /nodes:\"N1 N2\" /ipaddr:IP/MASK",
             "progress lines (with /verbose), a success line", "[S36][C14][S65][S66]", CONFIRMED,
             "Syntax confirmed; output and the error numbers for a workgroup node (1787), no matching network "
             "(5894), an existing cluster (5010) are assumptions. Quorum: Local Quorum (2003) [S29]."),
    Fidelity("cluster /add", "2003: /add[nodes][:N1,N2] [/pass[word]:] [/verb[ose]]; 2008: /add /nodes:\"N\"",
             "progress lines, a success line", "[S36][C14]", CONFIRMED,
             "Refused while the quorum is Local Quorum (87, assumption), for a member (5065), a node that is off "
             "(1722), outside the domain (1787)."),
    Fidelity("cluster res R /create", "/group:G /type:T [/separate]", "`Creating resource` + one-row table",
             "[S43][S35]", CONFIRMED, "A second Majority Node Set fails with 5010; output shape assumed."),
    Fidelity("cluster res R /online|/offline|/delete", "[/wait[:s]]", "progress + one-row table",
             "[S43][C15]", UNCONFIRMED,
             "The quorum resource cannot go offline (5020) or be deleted (5068, assumption): `res \"Local Quorum\" "
             "/delete` is refused until the quorum is Majority Node Set; a resource must be offline to be deleted "
             "(5019, per MS-CMRP ApiDeleteResource); core resources cannot be deleted (5026)."),
    Fidelity("cluster res R /priv", "[Name=Value[:format] ...]", "`T  Resource  Name  Value` list; setting on an "
             "online resource warns 5024 (exit 0)", "[S22][S43][S69]", UNCONFIRMED,
             "MNSFileShare takes effect when the resource next comes online (group move, failover)."),
    Fidelity("cluster /quorum[:R]", "[/quorum[resource][:R]]", "listing `Quorum Resource Name  Path  Maximum Log "
             "Size`; set: progress line", "[S29][S30][S35]", UNCONFIRMED,
             "Local Quorum on a multi-node cluster: 87 `The parameter is incorrect.` (CONFIRMED [S29])."),
    Fidelity("cluster group G /move[to][:N] | /on[line] | /off[line]", "[/wait[:s]]",
             "progress + one-row group table", "[S68]", UNCONFIRMED,
             "Without /wait cluster.exe waits 20 s for a move [S68]; the lab's move completes at once. A node "
             "that is down or outside the counting partition is refused (5050), a paused node too (5070, "
             "ERROR_CLUSTER_NODE_PAUSED [C20])."),
    Fidelity("cluster /listnetpri, /setnetpri:N1,N2", "all internal networks must be listed",
             "network list", "[S36]", UNCONFIRMED, ""),
    Fidelity("cluster /ren[ame]:NEW", "the cluster, `group G`, `res R`, `network N`", "nothing", "[S36][S43][S68]",
             UNCONFIRMED, "An existing name fails with 5010 (5044 for networks)."),
    Fidelity("cluster errors", "any", "`System error N has occurred (0x%08x).` + Win32 message on stderr; "
             "exit code N", "[S84][C20]", CONFIRMED,
             "Exit code = N is an assumption; no cluster or no quorum: 1722; real options the lab does not "
             "emulate: 50; unknown option: `The option 'x' is invalid.`, 87."),
    Fidelity("dsquery *", "DN -scope base -attr A[,B] (domain controller only)",
             "`  msDS-Behavior-Version` / `  2 `", "[S1]", UNCONFIRMED,
             "Only the domain object and the Partitions container exist."),
    Fidelity("lab faults (lab-only)", "runbook lab fail|heal HOST | ROLE | NETWORK-network | "
             "secure-channel:HOST | network-role", "a sentence; the effects show in the tools",
             "[none]", UNCONFIRMED,
             "HOST: powered off/on (a start applies what is pending); NETWORK-network: media disconnected on "
             "that wire (ipconfig, WMI, cluster interfaces Failed, pings time out, heartbeat elsewhere); "
             "secure-channel:HOST: nltest reports the channel broken; network-role: the cluster networks on a "
             "wire only the nodes use become mixed (3), healing restores their role."),
    Fidelity("net start / net stop", "start|stop clussvc (the Cluster service, for quorum drills)",
             "`The Cluster Service service is stopping.` / `... was stopped successfully.`; errors with "
             "`More help is available by typing NET HELPMSG n.`, exit 2", "[none]", UNCONFIRMED,
             "Wording from Windows XP/2003 memory. Other services and net subcommands print the usage (exit 1). "
             "Stopping the service removes the node's vote (ccr-domain 4.3)."),
    Fidelity("net start clussvc /forcequorum | /fq", "2003: /forcequorum N1[,N2] (a node list, no spaces) "
             "[S70][S71]; 2008: /fq or /forcequorum [S72]", "the ordinary start lines", "[S70][S71][S72]", CONFIRMED,
             "The node's service starts without a majority and the cluster runs, marked forced, until the service "
             "is started normally; a running service refuses (2182). The ForceQuorum registry value is not "
             "emulated; a stale node forced keeps the newer configuration in the lab (FORCE_QUORUM_REGISTRY)."),
    Fidelity("net share", "(list); NAME; NAME=\"PATH\" [/GRANT:user,READ|CHANGE|FULL ...] [/REMARK:\"text\"] "
             "[/UNLIMITED|/USERS:n] [/CACHE:x]; NAME /delete",
             "list `Share name   Resource   Remark` (names over 12 and paths over 31 wrap); one share: labels "
             "padded to 18, `Permission  ACCOUNT, LEVEL` lines; `NAME was shared successfully.`; errors NET "
             "HELPMSG 2310, 2116, 2118, exit 2", "[C22]", UNCONFIRMED,
             "Layouts from public captures (Vista and later). Without /GRANT: Everyone READ [C22]. /GRANT on 2003 "
             "is UNCONFIRMED (NET_SHARE_GRANT_2003). The witness counts only with FULL for the cluster's account."),
    Fidelity("cacls", "FOLDER; FOLDER [/T] [/E] [/C] [/G user:perm] [/R user] [/P user:perm] [/D user]",
             "`PATH ACCOUNT:(OI)(CI)F` one entry a line, `(special access:)` with one right a line; "
             "`Are you sure (Y/N)?processed dir: PATH`", "[S74][C23]", UNCONFIRMED,
             "Without /E the grants replace the ACL after the question, answered from stdin: only `y` goes on "
             "(`echo y |`, with the space, and `<nul` decline [C23]). (ID) marks inherited entries on 2008 only. "
             "A new folder's inherited ACL is DEFAULT_FOLDER_ACL."),
    Fidelity("icacls", "2008 (and 2003 from SP2): FOLDER; FOLDER /grant[:r] user:(OI)(CI)F ... [/T] [/C] [/Q]; "
             "/remove[:g] user", "`PATH ACCOUNT:(I)(OI)(CI)(F)` entries, explicit first, then "
             "`Successfully processed 1 files; Failed processing 0 files`", "[none]", UNCONFIRMED,
             "Listing layout from public captures. Not installed on 2003 before SP2: `is not recognized`, 9009."),
    Fidelity("dir", "[/b] [PATH]; PATH may be \\\\HOST\\SHARE[\\...] on another lab host",
             "the long form (volume, `Directory of`, entries, totals) or bare names", "[none]", UNCONFIRMED,
             "Dates, serial number and free space are made up (DIR_*). A host that is down or unknown: `The "
             "network path was not found.`; no such share: `The network name cannot be found.`; exit 1. Writing "
             "through a share is refused (UNC_WRITES)."),
    Fidelity("cluster /prop, cluster /priv", "[Name=Value[:DWORD] ...] on the cluster itself",
             "`T  Cluster  Name  Value` list", "[S13][S80]", UNCONFIRMED,
             "2008: SameSubnetDelay 250-2000, CrossSubnetDelay 250-4000, Same/CrossSubnetThreshold 3-10 "
             "(CONFIRMED [S80]), in force at once; 2003: HEARTBEAT_2003 private properties (names UNCONFIRMED), read "
             "by each node at its next `net start clussvc`. Other names or values outside the ranges: 87."),
    Fidelity("cluster /quorum (2008 Node and File Share Majority)", "/quorum:\"FSW RESOURCE\"; /quorum "
             "/nodemajority [S78]", "`Quorum type: Node and File Share Majority` + resource and share lines",
             "[S14][S76][S78]", UNCONFIRMED,
             "The cluster.exe form for Node and File Share Majority is UNCONFIRMED [ccr-domain 2.6] "
             "(FSW_MAJORITY_2008). A File Share Witness resource whose share the cluster's computer account "
             "cannot use fails to come online."),
    Fidelity("quorum (lab model)", "the witness vote, partition in time", "cluster.exe fails with 1722 "
             "without quorum", "[S22][S26][S39][S14][S42]", UNCONFIRMED,
             "The witness votes while its host is up, the share exists and the cluster's account (2003 service "
             "account, 2008 DOMAIN\\CLUSTER$) has Full Control on share and folder. Configuration changes are "
             "recorded by running nodes and the witness (WITNESS_LOG); a node that missed one cannot form the "
             "cluster with the witness alone until forced."),
    Fidelity("servermanagercmd", "2008 only: -query (-q), -install (-i) ID [-allSubFeatures] [-restart] "
             "[-resultPath F] [-logPath F]",
             "`[X] Failover Clustering  [Failover-Clustering]` rows under `----- Roles -----` / "
             "`----- Features -----`; install: `Start Installation...`, `[Installation] Succeeded: [NAME].`, "
             "`<100/100>`, `Success: Installation succeeded.`, exit 0; already installed: NoChange, 1003; "
             "unknown id: ArgumentNotValid, 1004", "[S46]", UNCONFIRMED,
             "`ServerManagerCmd -i` with the ids Failover-Clustering, PowerShell and Web-Server is confirmed [S46]; "
             "exit codes and result lines are Microsoft's (technet cc733119): 0, 3010 `Success: Installation "
             "succeeded. A restart is required.`, 4 ArgumentNotValid, 1003 NoChange. Which features need a restart "
             "(RSAT-ADDS) is an assumption: until the restart such a feature is pending, unmarked in -query, and "
             "its programs (netdom, nltest) are not found; -restart restarts the host then. The -query layout, display names and progress lines are "
             "from memory. A small catalogue (AD DS, IIS, Failover Clustering, RSAT > AD DS Tools, PowerShell). "
             "On 2003 it is not found (9009). -remove is not emulated."),
    Fidelity("cluster / netdom / nltest availability", "2003: cluster.exe always, netdom and nltest with the "
             "Support Tools (C:\\Program Files\\Support Tools, on the PATH of processes started after the "
             "install); 2008: cluster.exe with Failover-Clustering, netdom and nltest with RSAT-ADDS installed "
             "(and restarted)", "otherwise cmd's `is not recognized`, 9009", "[S46][S63]", UNCONFIRMED,
             "A fresh 2003 node has no Support Tools unless the topology says so; the 2008 nodes start without "
             "either feature; the domain controllers have theirs. That a process started before the install "
             "keeps its PATH is Windows' behaviour; that the next WinRS command sees the new PATH is assumed."),
    Fidelity("msiexec", "/i (/package) PACKAGE with /qn (/q, /quiet, /passive, /qb) [/norestart]",
             "nothing; exit 0 installed, 1619 no such package, 1639 bad command line, 1603 wrong release",
             "[S63]", UNCONFIRMED,
             "Only the Support Tools package is known (D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI on the 2003 CD [S63], "
             "or a copy); it installs netdom.exe, nltest.exe and a few other files in C:\\Program Files\\Support "
             "Tools. Exit codes are Windows Installer's; that the package needs no restart is believed. Without "
             "a quiet switch the lab refuses (1639) where Windows would wait on a dialog."),
    Fidelity("powershell", "Windows PowerShell 1.0: -Command TEXT (or the first word that is no switch) | -Command - | "
             "-EncodedCommand B64 (pywinrm run_ps), -NoProfile, -NonInteractive, -NoLogo, -NoExit, -PSConsoleFile F, "
             "-OutputFormat/-InputFormat Text|XML; switches by unique prefix; an unknown switch (-File) starts the "
             "command, as in 1.0",
             "output as the console host formats it (80 columns); errors on stderr as 1.0 prints them "
             "(`X : message`, `At line:1 char:N`, `+ text <<<< rest`), as CLIXML for an encoded command; exit code "
             "`exit N`, else 1 when the last statement failed, else 0", "[tech-notes 1.4]", UNCONFIRMED,
             "Present where installed: 2003 with KB926139 in the host's updates, 2008 with the PowerShell feature, the "
             "Hub Transport from its baseline; $PSHOME on the PATH. Message texts, positions and CLIXML under 1.0 are "
             "from memory (PS_* assumptions)."),
    Fidelity("powershell language", "statements, `;`, pipelines, variables ($_, $?, $LASTEXITCODE, $env:, "
             "$ErrorActionPreference), strings with expansion and backtick escapes, here-strings, numbers with KB/MB/GB, "
             "@() , arrays, hashtables, member access and methods, comparison/logical/arithmetic/-f/-like/-match/"
             "-contains/-replace operators, if/elseif/else, foreach, while, do, for, function, param, script blocks, "
             "trap, throw, exit, & and . (scripts)", "values as PowerShell shows them; `try` is a command (not found), "
             "as in 1.0; no member enumeration (a 2.0+ feature)", "[none]", UNCONFIRMED,
             "A subset of the 1.0 grammar: no switch statement, no [type] beyond int, string, bool, datetime, "
             "timespan, array; statement-terminating errors continue with the next statement unless "
             "$ErrorActionPreference is Stop or a trap handles them."),
    Fidelity("powershell cmdlets (core)", "Write-Host/-Output/-Warning/-Error, Format-List, Format-Table, "
             "Select-Object, Where-Object, ForEach-Object, Out-String, Out-Null, Measure-Object, Get-/Set-/Add-Content, "
             "Test-Path, Split-Path, Join-Path, Get-Date, Start-Sleep, Read-Host, Add-PSSnapin, Get-PSSnapin "
             "[-Registered], Get-/Set-ExecutionPolicy, Get-Service, Get-EventLog",
             "Format-List `Name : value` padded, wrapped at 80 columns; tables from a snap-in's view or sized to "
             "their values; dates in the host's culture (en-US `6/14/2007 4:42:01 PM`), invariant in strings; "
             "lists `{a, b}`; sizes `15 MB (15,728,640 bytes)`; timespans `7.00:00:00`", "[none]", UNCONFIRMED,
             "Parameter binding as 1.0: names, unique prefixes, positions, switches, -Name:value, common parameters, "
             "-WhatIf/-Confirm only on cmdlets that ask; a prompt under -NonInteractive fails. Scripts run only "
             "once the execution policy allows (Restricted until set). Start-Sleep sleeps at most PS_SLEEP_CAP."),
    Fidelity("nltest /sc_query", "[/server:NAME] /sc_query:DOMAIN (FQDN or NetBIOS name)",
             "`Flags: 30 HAS_IP  HAS_TIMESERV`, `Trusted DC Name \\\\DC.fqdn`, `Trusted DC Connection Status "
             "Status = 0 0x0 NERR_Success`, `The command completed successfully`; broken: `Flags: 0`, no DC name, "
             "an error status, still exit 0", "[none]", UNCONFIRMED,
             "Layout from public transcripts of later Windows; ERROR_NO_LOGON_SERVERS (1311) when no domain "
             "controller answers, the `secure-channel:HOST` fault's 1787 ERROR_NO_TRUST_SAM_ACCOUNT, the "
             "non-member failure (1355, exit 1) and the usage text are assumptions. /server:NAME reports that "
             "member's own channel [S117]; a computer outside the domain answers ERROR_ACCESS_DENIED (5), one "
             "not found or not reached RPC_S_SERVER_UNAVAILABLE (1722), both assumptions. Other nltest options "
             "are not emulated."),
    Fidelity("ping", "[-n N] [-w ms] [-l size] [-4] ADDRESS|NAME (also /n)",
             "`Pinging A with 32 bytes of data:`, `Reply from A: bytes=32 time<1ms TTL=128` or `Request timed "
             "out.` per echo, `Ping statistics for A:`, `Packets: Sent = N, Received = R, Lost = L (P% loss),`, "
             "round trip times when R > 0; exit 0 when any echo came back, else 1", "[none]", UNCONFIRMED,
             "An address answers when it is on a connected subnet whose link is up at both ends (a cut wire, a "
             "host that is down: timed out), or on a routed network through a gateway; the private network has "
             "none. Names resolve through the domain's DNS (members only, and the cluster's name at the cluster "
             "address once the cluster exists). The no-route line and the unknown-host text are assumptions; -t "
             "is refused."),
    Fidelity("cmd.exe limits (lab-only)", "every WinRS command line",
             "stops after 200000 commands or FOR iterations, or 120 s: `The lab stopped this command: ...` on "
             "stderr, exit 0xC000013A; too deep CALL recursion likewise", "[none]", UNCONFIRMED,
             "Windows has no such limits: an endless batch loop runs until it is killed. The lab stops it so "
             "that it cannot hold the lab; `for /l` with step 0 runs nothing."),
    Fidelity("shutdown /r | /a", "/r [/t seconds] [/f] [/c \"comment\"] [/d x], /a; also with -",
             "nothing on success; a second /r: `A system shutdown is in progress.(1115)` (2003) / `... has already "
             "been scheduled.(1190)` (2008); /a with nothing to abort: 1116; the usage on other forms",
             "[none]", UNCONFIRMED,
             "Schedules a restart on the lab's clock: the host answers until min(N, the lab's delay cap) seconds "
             "have passed (N = 30 without /t, at most 600), then drops connections for the lab's downtime, then "
             "answers with what was pending applied (name, domain membership, 2008 features, a Tcpip\\Linkage "
             "order [C7]) and a new LastBootUpTime. Both times are lab parameters (RUNBOOK_LAB_RESTART). Texts "
             "and codes from memory."),
    Fidelity("wmic os get LastBootUpTime", "/value and tables, like every Win32_OperatingSystem property",
             "`LastBootUpTime=20080107090000.000000+000`, WMI's DATETIME", "[none]", UNCONFIRMED,
             "Changes at every start of the host (a restart, `lab heal`); a fresh lab's hosts all started at "
             "BASELINE_BOOT_TIME. The +000 offset (hosts on UTC) is an assumption."),
    Fidelity("2008 Failover Cluster Virtual Adapter", "reg query ...\\Tcpip\\Linkage; wmic nic, nicconfig",
             "a 2008 cluster node's Linkage Bind/Export/Route start with its GUID; WMI lists it as "
             "`Microsoft Failover Cluster Virtual Adapter` with an APIPA address", "[none]", UNCONFIRMED,
             "That it heads the binding order once the node is in a cluster is from Microsoft's askcore blog "
             "(2010, Failover Clusters: Networking part 4). Hidden in the GUI list (assumed); real nodes also show "
             "it in ipconfig /all, which the lab does not (a gap). Its connection name is an assumption."),
    Fidelity("setup.com (Exchange 2007 SP1)", "/mode:install /roles:mailbox[,managementtools] [/NewCms /CMSName: "
             "/CMSIPAddress:] with the short forms (/m /r /cn /cip /dc ...), `/` or `-`, from the environment's setup "
             "folder", "banner, `Copying Setup Files ... COMPLETED`, the prerequisite check (FAILED with one line per "
             "missing .NET 2.0, PowerShell, MMC 3.0, IIS, network COM+ on 2003; ServerManagerCmd features on 2008), "
             "`completed successfully` exit 0 / `did not complete` exit 1; C:\\ExchangeSetupLogs\\ExchangeSetup.log",
             "[S19][S47][S7]", UNCONFIRMED,
             "Switches and aliases confirmed; every output line, the exit codes and the log lines are assumptions. "
             "The active install creates the CMS group (IP Address, Network Name, System Attendant, Information Store, "
             "one database instance per storage group) with the environment's storage groups (real setup creates "
             "only First Storage Group: the others need New-StorageGroup, which the lab does not emulate); the "
             "passive install seeds every copy over lab time. Not emulated: /mode other than Install, other roles, "
             "/CMSSharedStorage (SCC), restarts after setup."),
    Fidelity("sysocmgr", "/i:%windir%\\inf\\sysoc.inf /u:ANSWERFILE /q (2003)",
             "nothing; exit 0; the `[Components]` set ON are installed (iis_common, iis_www, iis_inetmgr, "
             "complusnetwork); an answer file it cannot read: exit 1", "[S2][S3]", UNCONFIRMED,
             "The components Exchange needs are confirmed; the tool's exit codes and silence are assumptions. "
             "Shown by reg query ...\\OC Manager\\Subcomponents."),
    Fidelity("Exchange prerequisite installers (2003)", ".NET 2.0 `NetFx64.exe`/`dotnetfx.exe /q:a /c:\"install.exe "
             "/q\"`; KB926139 (PowerShell 1.0) and KB907265 (MMC 3.0) `/quiet /norestart`, in the environment's "
             "prerequisites folder", "nothing; exit 0; not quiet, the other architecture or 2008: exit 1",
             "[S2][S3]", UNCONFIRMED, "File names and switches are the runbook's (unconfirmed.yaml); the registry "
             "values they leave (NDP\\v2.0.50727 Install, PowerShell\\1 Install, Hotfix\\KB907265) are from memory."),
    Fidelity("net start|stop (Exchange services)", "MSExchangeRepl, MSExchangeIS, MSExchangeSA, MSExchangeADTopology, "
             "MSExchangeSearch, MSExchangeTransport (hub): short or display name",
             "net.exe's service lines; already started / not started: NET HELPMSG 2182 / 3521, exit 2", "[S34][S93]",
             UNCONFIRMED, "Stopping MSExchangeRepl on the passive node stops the copy (CopyQueueLength grows, "
             "SummaryCopyStatus ServiceDown); the clustered Information Store and System Attendant run on the active "
             "node only. The service list is from memory."),
    Fidelity("Exchange lab time (replication)", "every command and read advances it",
             "logs close every EXCHANGE_LOG_SECONDS per mounted storage group; copied and replayed at once while "
             "the copy runs; the passive node's setup seeds while it runs [S7], its copies then Initializing for a "
             "lab second; a new copy goes Initializing, Seeding, Healthy (no progress while the copy cannot run); "
             "Update-StorageGroupCopy reseeds at once", "[S7][S93][S96]",
             UNCONFIRMED, "Rates and seeding times are the lab's parameters. Failover: a storage group mounts when "
             "its copy queue is within DIAL_THRESHOLDS (2007 values unconfirmed); a lossy mount records a dumpster "
             "redelivery request (Application log, MSExchangeRepl) and leaves the old copy Failed (diverged); beyond "
             "the dial it stays dismounted until the old node is back. A cluster-tool move leaves the databases "
             "dismounted [S51]; cluster.exe taking a database instance offline dismounts it, the store instance or "
             "the group offline stops the CMS (online: mount, start); an old node that is up but out of the cluster hands over its last logs. "
             "ForcedDatabaseMountAfter is stored, not acted on. No command leaves a copy Seeding yet: setup and "
             "Update-StorageGroupCopy seed synchronously, so the Seeding state is the lab's machinery only."),
    Fidelity("Get-TransportConfig / Set-TransportConfig", "Set: -MaxDumpsterSizePerStorageGroup 18MB "
             "-MaxDumpsterTime 07.00:00:00 (-MaxSendSize -MaxReceiveSize -MaxRecipientEnvelopeLimit)",
             "a TransportConfigContainer, Format-List by default, sizes `18 MB (18,874,368 bytes)`",
             "[S12][S17][S18]", UNCONFIRMED, "Defaults 18 MB / 7 days confirmed; the property list and its order "
             "are assumptions (TRANSPORT_CONFIG_FIELDS). Organisation-wide: every server reads the same."),
    Fidelity("Get-MailboxServer / Set-MailboxServer", "-Identity CMS; Set: -AutoDatabaseMountDial "
             "Lossless|GoodAvailability|BestAvailability, -ForcedDatabaseMountAfter",
             "table Name, AutoDatabaseMountDial, RedundantMachines", "[S11][S12]", UNCONFIRMED,
             "The dial's values are confirmed; the table columns are assumptions. Unknown identity: Exchange's "
             "`could not be found on domain controller` error."),
    Fidelity("Enable-ContinuousReplicationHostName", "-Identity -TargetMachine -HostName -IPv4Address",
             "nothing; refused when the name does not resolve (HOSTS) on both nodes or the address is not the "
             "target's", "[S8][S15][S16]", UNCONFIRMED, "Parameters are the runbook's belief. Creates a cluster group "
             "of the name with an IP Address and a Network Name resource (names believed); operational while the node "
             "is up and the adapter live; on 2008 a Network Name created with NetBIOS off stays failed until the "
             "group is made again [S15]. The lab's cluster moves such a group to a surviving node like any other "
             "(real possible owners keep it on its node)."),
    Fidelity("Get-ClusteredMailboxServerStatus", "[-Identity CMS]",
             "list: Identity, ClusteredMailboxServerName (FQDN), State (Online, Partially Online, Offline), "
             "OperationalMachines `{NODE1 <Active, Quorum Owner>, NODE2}`, FailedResources, the replication host "
             "name lists, IsValid", "[S8][S9][S98]", UNCONFIRMED,
             "Content confirmed; property names and the node annotation are ccr-domain 3.8's illustration. Needs "
             "the Cluster service on the node it runs on."),
    Fidelity("Get-StorageGroupCopyStatus", "[-Identity CMS\\SG] | -Server CMS [-DumpsterStatistics] "
             "[-StandbyMachine]", "table Name, SummaryCopyStatus, CopyQueueLength, ReplayQueueLength, "
             "LastInspectedLogTime; Format-List from Identity ... ReplayQueueLength then COPY_STATUS_LATER_FIELDS",
             "[S10][S92][S93][S96]", UNCONFIRMED, "Columns and the first ten list fields confirmed; the later fields' "
             "order and ServiceDown's spelling are assumptions. Without -Identity/-Server on a node: its CMS's copies."),
    Fidelity("Suspend- / Update- / Resume-StorageGroupCopy", "-Identity CMS\\SG; Suspend -SuspendComment; Update "
             "-DeleteExistingFiles -ManualResume -DataHostNames -Force -StandbyMachine -TargetPath",
             "nothing; Update refuses an unsuspended copy, existing files without -DeleteExistingFiles, another node "
             "than the passive one; Resume refuses a failed copy", "[S20][S53][S54]", UNCONFIRMED,
             "Suspending twice is no error [S53]; Update reseeds at once (synchronous) and resumes unless "
             "-ManualResume. Refusal texts are assumptions."),
    Fidelity("Test-ReplicationHealth", "[-Identity CMS]", "table Server, Check, Result, Error; Passed or Failed",
             "[S48][S99]", UNCONFIRMED, "The 2007 check names (REPLICATION_CHECKS) and their rules are believed."),
    Fidelity("Move- / Start- / Stop-ClusteredMailboxServer", "Move -Identity -TargetMachine -MoveComment "
             "[-IgnoreDismounted] [-ValidateOnly]; Stop -StopReason; Start -Identity",
             "nothing; Move refuses a target that is not the passive node, down, or unhealthy replication",
             "[S49][S50][S52]", UNCONFIRMED, "A handoff copies every log, moves the group and writes MSExchangeRepl "
             "event 100 on the new node (its text believed). Stop keeps the CMS offline through restarts."),
    Fidelity("Get-StorageGroup / Get-MailboxDatabase / Get-PublicFolderDatabase", "[-Identity] [-Server CMS] "
             "[-StorageGroup] [-Status]", "tables Name, Server, (StorageGroup,) Replicated/Recovery; -Status adds "
             "Mounted", "[S5]", UNCONFIRMED, "Columns are assumptions."),
    Fidelity("hostname", "(no arguments)", "host name in upper case", "[S103]", UNCONFIRMED,
             "The name the computer runs with: a pending rename shows only after the restart. With an argument: "
             "`sethostname: Use the Network Control Panel Applet to set hostname.`"),
]


def emulated_programs() -> set[str]:
    return {f.command.split()[0].lower() for f in FIDELITY}


@dataclass(frozen=True)
class Assumption:
    name: str
    value: str                  # its repr, shortened
    basis: str                  # the comment lines right above it (or beside it)
    module: str = ASSUMPTIONS_MODULE


def rows() -> tuple[list[Fidelity], list[Assumption]]:
    """What the fidelity page shows: every command form, every assumption."""
    return list(FIDELITY), assumption_rows(assumptions)


SECTION = "# ---"
_CONSTANT_LINE = re.compile(r"[A-Z][A-Z0-9_]*(, *[A-Z][A-Z0-9_]*)* *=.*[^,(\[{]$")      # a whole assignment on one line


def assumption_rows(module: ModuleType) -> list[Assumption]:
    """One row per upper-case constant of `module`, with the comment that explains it."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    comments = _comments(source)
    found = []
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)] + \
                [e.id for t in targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
        names = [n for n in names if n.isupper()]
        if not names:
            continue
        basis = comments.get(node.lineno) or _comment_above(lines, node.lineno - 2) or _section(lines, node.lineno - 2)
        for name in names:
            found.append(Assumption(name, _short(getattr(module, name)), basis))
    return found


def _comment_above(lines: list[str], i: int) -> str:
    """The comment block above line `i`, or above the one-line constants right before it (a group
    of them shares the comment that opens it); anything else ends the search."""
    while i >= 0 and _CONSTANT_LINE.match(lines[i]):
        i -= 1
    comment = []
    while i >= 0 and lines[i].lstrip().startswith("#") and not lines[i].lstrip().startswith(SECTION):
        comment.insert(0, lines[i].strip().lstrip("#").strip())
        i -= 1
    return " ".join(comment)


def _section(lines: list[str], i: int) -> str:
    """The section a constant without a note of its own stands in (`# --- wmic ---`)."""
    while i >= 0 and not lines[i].lstrip().startswith(SECTION):
        i -= 1
    title = lines[i].strip().lstrip("#").strip(" -") if i >= 0 else ""
    return f"No note of its own (section: {title})." if title else ""


def _comments(source: str) -> dict[int, str]:
    """Line number -> the comment on it: a `#` inside a string literal is not one."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {t.start[0]: t.string.lstrip("#").strip() for t in tokens if t.type == tokenize.COMMENT}


def _short(value: object) -> str:
    text = repr(value)
    return text[:117] + "..." if len(text) > 120 else text
