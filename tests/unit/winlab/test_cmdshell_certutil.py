"""certutil -decode / -encode over the virtual file system."""

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output

BYTES = "@echo off\r\necho \xe9t\xe9 \x00\xff\r\n"          # one character per byte


def make_shell(files):
    return Shell(None, VirtualFileSystem(files, [r"C:\t"]), env={}, cwd=r"C:\t")


def test_encode_then_decode_gives_back_the_exact_bytes():
    files = {r"C:\t\in.bin": BYTES}
    shell = make_shell(files)
    assert shell.run("certutil -encode in.bin out.b64") == Output(
        0, "Input Length = 24\r\nOutput Length = 90\r\nCertUtil: -encode command completed successfully.\r\n", "")
    assert files[r"C:\t\out.b64"] == ("-----BEGIN CERTIFICATE-----\r\nQGVjaG8gb2ZmDQplY2hvIOl06SAA/w0K\r\n"
                                      "-----END CERTIFICATE-----\r\n")
    assert shell.run("certutil -decode out.b64 back.bin").rc == 0
    assert files[r"C:\t\back.bin"] == BYTES


def test_decode_of_echoed_lines_without_armour():
    files = {r"C:\t\x.b64": "QGVjaG8gb2Zm\r\nDQplY2hvIOl0\r\n6SAA/w0K\r\n"}
    assert make_shell(files).run('certutil -f -decode "x.b64" "x.cmd"') == Output(
        0, "Input Length = 38\r\nOutput Length = 24\r\nCertUtil: -decode command completed successfully.\r\n", "")
    assert files[r"C:\t\x.cmd"] == BYTES


def test_decode_refuses_to_overwrite_without_f():
    files = {r"C:\t\x.b64": "QUJD\r\n", r"C:\t\x.cmd": "old"}
    out = make_shell(files).run("certutil -decode x.b64 x.cmd")
    assert out == Output(-2147024816, "CertUtil: -decode command FAILED: 0x80070050 (WIN32: 80)\r\n"
                                      "CertUtil: The file exists.\r\n", "")       # certutil reports on stdout
    assert files[r"C:\t\x.cmd"] == "old"
    assert make_shell(files).run("certutil -F -decode x.b64 x.cmd").rc == 0
    assert files[r"C:\t\x.cmd"] == "ABC"


def test_decode_failures():
    files = {r"C:\t\bad.b64": "not base64!\r\n"}
    assert make_shell(files).run("certutil -decode missing.b64 x") == Output(
        -2147024894, "CertUtil: -decode command FAILED: 0x80070002 (WIN32: 2)\r\n"
                     "CertUtil: The system cannot find the file specified.\r\n", "")
    assert make_shell(files).run("certutil -decode bad.b64 x").stdout.endswith("CertUtil: Bad Data.\r\n")
    assert r"C:\t\x" not in files
