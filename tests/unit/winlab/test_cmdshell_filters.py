"""find, findstr, more and sort, fed by a fake program through a pipe."""

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output

DUMP = ('pushd interface ip\r\n\r\n# Interface IP Configuration for "Public"\r\n\r\n'
        'set address name="Public" source=static addr=192.168.10.21 mask=255.255.255.0\r\n'
        'set address name="Public" gateway=192.168.10.1 gwmetric=1\r\n'
        'set dns name="Public" source=static addr=192.168.10.10 register=PRIMARY\r\n'
        'set address name="Private" source=static addr=10.10.10.1 mask=255.255.255.0\r\n')
NODES = ("Listing status for all available nodes:\r\n\r\nNode           Node ID Status\r\n"
         "-------------- ------- ---------------------\r\nE2K7NODE1            1 Up\r\nE2K7NODE2            2 Down\r\n")
IPCONFIG = ("\r\nWindows IP Configuration\r\n\r\n        Host Name . . . . . . . . . . . . : E2K7NODE1\r\n\r\n"
            "Ethernet adapter Public:\r\n\r\n        IP Address. . . . . . . . . . . . : 192.168.10.21\r\n\r\n"
            "Ethernet adapter Private:\r\n\r\n        IP Address. . . . . . . . . . . . : 10.10.10.1\r\n")


class Canned:
    def __init__(self, **texts):
        self.texts = texts

    def lookup(self, name):
        text = self.texts.get(name.lower())
        return None if text is None else (lambda inv: Output(0, text))


def run(line, files=None):
    tools = Canned(dump=DUMP, nodes=NODES, ipconfig=IPCONFIG, dsquery="  msDS-Behavior-Version\r\n  2 \r\n",
                   wmic="\r\r\n\r\r\nVersion=5.2.3790\r\r\n\r\r\n\r\r\n", value="0\r\r\n")
    return Shell(tools, VirtualFileSystem(files or {}, [r"C:\t"]), env={}, cwd=r"C:\t").run(line)


def test_find_with_doubled_quotes():
    out = run('dump | find "set address name=""Public"" gateway=192.168.10.1 gwmetric=1"')
    assert out == Output(0, 'set address name="Public" gateway=192.168.10.1 gwmetric=1\r\n', "")
    assert run('dump | find "set dns name=""Public"" source=static addr=192.168.10.10 register=primary"').rc == 1
    assert run('dump | find /i "set dns name=""Public"" source=static addr=192.168.10.10 register=primary"').rc == 0


def test_find_count_prints_only_the_number():
    assert run('dump | find /c "set address name=""Private"" gateway="') == Output(1, "0\r\n", "")
    assert run('dump | find /c "Public"') == Output(0, "4\r\n", "")
    assert run('dump | find /c /v ""') == Output(0, "8\r\n", "")
    assert run('dump | find /c "set address name=""Private"" gateway=" | findstr /x "0"') == Output(0, "0\r\n", "")


def test_find_v_n_and_exit_codes():
    assert run('nodes | find /v /n "E2K7"').stdout == ("[1]Listing status for all available nodes:\r\n[2]\r\n"
                                                        "[3]Node           Node ID Status\r\n"
                                                        "[4]-------------- ------- ---------------------\r\n")
    assert run('nodes | find "E2K7Node1"') == Output(1, "", "")
    assert run('nodes | find /i "E2K7Node1"') == Output(0, "E2K7NODE1            1 Up\r\n", "")
    assert run('nodes | find /v ""').stdout == NODES


def test_find_keeps_wmics_extra_carriage_return():
    assert run('wmic | find "Version=5.2."') == Output(0, "Version=5.2.3790\r\r\n", "")


@pytest.mark.parametrize("line", ["find Public", "find", "find /c", "find /x \"a\""])
def test_find_usage_errors(line):
    out = run(f"dump | {line}")
    assert out.rc == 2 and out.stderr in ("FIND: Parameter format not correct\r\n", "FIND: Invalid switch\r\n")
    assert run("dump | find Public").stderr == "FIND: Parameter format not correct\r\n"


def test_find_in_files():
    files = {r"C:\t\a.txt": "alpha\r\nbeta\r\n", r"C:\t\b.txt": "gamma\r\n"}
    assert run('find "a" a.txt b.txt', files).stdout == ("\r\n---------- A.TXT\r\nalpha\r\nbeta\r\n"
                                                         "\r\n---------- B.TXT\r\ngamma\r\n")
    assert run('find /c "ta" a.txt', files).stdout == "\r\n---------- A.TXT: 1\r\n"


def test_findstr_regex_with_anchors_and_spaces():
    assert run('dsquery | findstr /r /c:"^ *2 *$"') == Output(0, "  2 \r\n", "")
    assert run('dsquery | findstr /r /c:"^ *3 *$"') == Output(1, "", "")
    assert run('nodes | findstr /r /i /c:"^E2K7Node1  *[0-9][0-9]* Up"') == Output(0, "E2K7NODE1            1 Up\r\n", "")
    assert run('nodes | findstr /r /i /c:"^E2K7Node2  *[0-9][0-9]* Up"').rc == 1


def test_findstr_begin_number_and_chains():
    line = 'ipconfig | findstr /b /c:"Ethernet adapter " | findstr /n /r "." | findstr /b /c:"2:Ethernet adapter Private:"'
    assert run(line) == Output(0, "2:Ethernet adapter Private:\r\n", "")
    assert run('ipconfig | findstr /b /c:"IP Address"').rc == 1
    assert run('ipconfig | findstr /n "Public Private"').stdout == ("6:Ethernet adapter Public:\r\n"
                                                                     "10:Ethernet adapter Private:\r\n")


def test_findstr_exact_inverted_and_case():
    assert run('value | findstr /x "0"') == Output(0, "0\r\r\n", "")        # a stray CR does not stop /x
    assert run('nodes | findstr /v /i "e2k7 - node listing"') == Output(0, "\r\n", "")
    assert run('nodes | findstr "e2k7node1"').rc == 1
    assert run('nodes | findstr /e "Down"').stdout == "E2K7NODE2            2 Down\r\n"


def test_findstr_literal_and_regex_defaults():
    files = {r"C:\t\x.txt": "a.b\r\naxb\r\n[x]\r\n"}
    assert run("findstr a.b x.txt", files).stdout == "a.b\r\naxb\r\n"          # a plain string is a regex
    assert run('findstr /c:"a.b" x.txt', files).stdout == "a.b\r\n"            # /c: is literal
    assert run("findstr /l a.b x.txt", files).stdout == "a.b\r\n"
    assert run(r"findstr a\.b x.txt", files).stdout == "a.b\r\n"
    assert run(r'findstr /r "^[^a]"  x.txt', files).stdout == "[x]\r\n"
    assert run(r'findstr /r "^[a-c]x[a-c]$" x.txt', files).stdout == "axb\r\n"
    assert run("findstr /ni X x.txt", files).stdout == "2:axb\r\n3:[x]\r\n"


def test_findstr_usage_errors():
    assert run("findstr") == Output(2, "", "FINDSTR: Bad command line\r\n")
    assert run("dump | findstr /z Public").stderr == "FINDSTR: /Z ignored\r\n"


def test_more_and_sort():
    assert run("nodes | more +4") == Output(0, "E2K7NODE1            1 Up\r\nE2K7NODE2            2 Down\r\n", "")
    files = {r"C:\t\s.txt": "b\r\nA\r\nc\r\n"}
    assert run("sort s.txt", files).stdout == "A\r\nb\r\nc\r\n"
    assert run("type s.txt | sort /r", files).stdout == "c\r\nb\r\nA\r\n"
    assert run("echo a\tb| more").stdout == "a       b\r\n"
