"""`is_probe_command`: the allow-list `verify` enforces on real clusters."""

from __future__ import annotations

import pytest

from winprobes import PROBES, is_probe_command

PROBE_COMMANDS = [
    "ipconfig /all",
    "IPCONFIG /ALL",
    "hostname",
    "netsh interface ip dump",
    "netsh interface ip show config",
    'netsh interface ip show config name="Private"',
    'netsh interface ipv4 show config name="Local Area Connection 2"',
    'netsh interface ip show address name="Public"',
    "wmic nic get Index,MACAddress,NetConnectionID /value <nul",
    "wmic nic get Index,NetConnectionID,MACAddress /value",
    "wmic nicconfig get Index,SettingID,IPEnabled,TcpipNetbiosOptions,WINSEnableLMHostsLookup,"
    "DomainDNSRegistrationEnabled,FullDNSRegistrationEnabled /value",
    "wmic os get Caption,CSDVersion,OtherTypeDescription,ServicePackMajorVersion,Version /value",
    "wmic computersystem get Name,Domain,PartOfDomain,DomainRole /value",
    "wmic qfe get HotFixID /value < nul",
    r"reg query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage /v Bind",
    r"reg query HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Linkage /v Bind",
    r"reg query HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters\Interfaces"
    r"\Tcpip_{9F2C4B1E-77A0-4C55-B1D4-0C8E3F5A6B22} /v NetbiosOptions",
    r'reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion" /v ProductName',
    "cluster E2K7CLUS node",
    "cluster E2K7CLUS node E2K7Node1",
    "cluster /cluster:E2K7CLUS node",
    "cluster E2K7CLUS group",
    'cluster E2K7CLUS group "Cluster Group"',
    "cluster E2K7CLUS res",
    'cluster E2K7CLUS res "Majority Node Set"',
    'cluster E2K7CLUS resource "A & B | C > D"',          # operators inside quotes are text
    "cluster E2K7CLUS network",
    "cluster E2K7CLUS /quorum",
    'cluster E2K7CLUS res "Majority Node Set" /priv',
    'dsquery * "CN=Partitions,CN=Configuration,DC=e2k7,DC=local" -scope base -attr msDS-Behavior-Version',
    "ping -n 2 10.10.10.2",
    "nltest /sc_query:E2K7",
    "nltest /sc_query:na.fabrikam.local",
    "cluster E2K7CLUS netint",
    "cluster /cluster:DFWEXCL02 netinterface",
    'cluster E2K7CLUS network "Private" /prop',
    "wmic cpu get AddressWidth /value <nul",
    "wmic nic get Index,MACAddress,Name,NetConnectionID /value <nul",
]

STATE_CHANGING = [
    'netsh interface set interface name="Local Area Connection" newname="Public"',
    'netsh interface ip set address name="Private" source=static addr=10.10.10.1 mask=255.255.255.0 gateway=none',
    'netsh interface ip set dns name="Private" source=static addr=none register=none',
    'netsh interface ip add dns name="Public" addr=192.168.10.11 index=2',
    'netsh interface ip set wins name="Private" source=static addr=none',
    'netsh interface ipv4 set dnsservers name="X" source=static address=none',
    "netsh exec c:\\temp\\x.txt",
    'netsh interface ip show config name="Private" set',
    "wmic nicconfig call EnableWINS FALSE,FALSE <nul",
    "wmic nicconfig where Index=7 call SetTcpipNetbios 2",
    "wmic computersystem where name=\"OLD\" rename name=\"NEW\"",
    "wmic nic get Index /value /output:c:\\x.txt",
    "wmic /node:other nic get Index /value",
    "wmic process call create calc",
    "wmic os get Caption /value ; del x",
    'cluster E2K7CLUS /create /ipaddr:192.168.10.20,255.255.255.0,"Public" /user:E2K7\\svc /pass:x /verbose',
    "cluster E2K7CLUS /add:E2K7Node2 /pass:x /verbose",
    'cluster E2K7CLUS res "Majority Node Set" /online /wait:60',
    'cluster E2K7CLUS res "Majority Node Set" /create /group:"Cluster Group" /type:"Majority Node Set"',
    'cluster E2K7CLUS /quorum:"Majority Node Set"',
    "cluster E2K7CLUS /quorum /path:C:\\",
    'cluster E2K7CLUS res "Majority Node Set" /priv MNSFileShare=\\\\HUB01\\FSW',
    'cluster E2K7CLUS group "Cluster Group" /move:E2K7Node2',
    "cluster E2K7CLUS node E2K7Node2 /evict",
    "cluster E2K7CLUS node /pause",
    'cluster E2K7CLUS network "Private" /prop Role=1',
    "cluster E2K7CLUS /setnetpri:Private,Public",
    "reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Linkage /v Bind /t REG_MULTI_SZ /d x /f",
    "reg delete HKLM\\SYSTEM\\X /f",
    "reg query HKLM\\SYSTEM\\X /v Bind /s",
    "netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\\Administrator /passwordd:*",
    "netdom renamecomputer E2K7NODE1 /newname:X",
    "net share FSW=C:\\FSW /GRANT:E2K7\\svc,FULL",
    "cacls C:\\FSW /G Everyone:F",
    'cmd /c "ipconfig /all"',
    "dsquery user -name x",
    "shutdown /r /t 0",
    "ping -t 10.10.10.2",                                  # never ends
    "ping -n 2 -l 65500 10.10.10.2",
    "ping -n 2 e2k7node2",                                 # names: only addresses are probed
    "nltest /sc_reset:E2K7",
    "nltest /sc_query:E2K7 /server:E2K7DC01",
    "cluster E2K7CLUS netint /node:E2K7Node1 /net:Private /prop Name=x",
    'cluster E2K7CLUS network "Private" /prop Role=3',
    'cluster E2K7CLUS network "Private" /rename:Heartbeat',
    'cluster E2K7CLUS res "Local Quorum" /delete',
    'cluster E2K7CLUS res "Local Quorum" /offline',
    'msiexec /i "D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI" /qn',
    "wmic cpu where DeviceID='CPU0' call SetPowerState 3",
]

CHAINED = [
    "ipconfig /all & netdom join x /domain:y",
    "ipconfig /all && del c:\\boot.ini",
    "ipconfig /all || shutdown /r",
    "ipconfig /all | find \"Public\"",
    "ipconfig /all > c:\\out.txt",
    "ipconfig /all >> c:\\out.txt",
    "ipconfig /all 2>c:\\err.txt",
    "hostname >nul",
    "hostname <c:\\in.txt",
    "ipconfig /all ^& shutdown",
    "cluster %CLUSTER% node",
    "cluster E2K7CLUS node\r\ndel x",
    "cluster E2K7CLUS node\ndel x",
    'cluster E2K7CLUS res "Majority Node Set /priv',        # unbalanced quote
    '(ipconfig /all)',
    "",
]


@pytest.mark.parametrize("line", PROBE_COMMANDS)
def test_accepts_probe_commands(line: str) -> None:
    assert is_probe_command(line)


@pytest.mark.parametrize("line", STATE_CHANGING)
def test_rejects_commands_that_change_state(line: str) -> None:
    assert not is_probe_command(line)


@pytest.mark.parametrize("line", CHAINED)
def test_rejects_chaining_redirection_and_expansion(line: str) -> None:
    assert not is_probe_command(line)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_every_probe_declares_its_shapes(name: str) -> None:
    probe = PROBES[name]
    assert probe.NAME == name
    assert probe.ALLOW, f"{name} declares no command shape"
