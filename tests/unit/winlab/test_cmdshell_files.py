"""The virtual file system: Windows path rules over plain data the caller owns."""

import pytest

from winlab.cmdshell import VirtualFileSystem, full_path
from winlab.cmdshell.files import device, glob


@pytest.mark.parametrize("path, cwd, expected", [
    (r"x.cmd", r"C:\Temp", r"C:\Temp\x.cmd"),
    (r"..\a\.\b", r"C:\Temp\runbook", r"C:\Temp\a\b"),
    (r"\WINDOWS", r"C:\Temp", r"C:\WINDOWS"),
    (r"d:x", r"C:\Temp", r"D:\x"),
    (r"c:x", r"C:\Temp", r"C:\Temp\x"),
    ("c:/temp//runbook/", r"C:\\", r"C:\temp\runbook"),
    (r"C:\a\..\..\..", r"C:\\", "C:\\"),
    (r"C:\dir.\name. ", r"C:\\", r"C:\dir\name"),
    (r"\\hub01\MNS_FSW\x", r"C:\\", r"\\hub01\MNS_FSW\x"),
])
def test_full_path_follows_windows_rules(path, cwd, expected):
    assert full_path(path, cwd) == expected


def test_paths_are_case_insensitive_and_keep_their_first_case():
    files, dirs = {}, []
    fs = VirtualFileSystem(files, dirs)
    fs.mkdir(r"C:\Temp\Runbook")
    fs.write(r"c:\temp\runbook\A.cmd", "one\r\n")
    fs.write(r"C:\TEMP\RUNBOOK\a.CMD", "two\r\n", append=True)
    assert files == {r"C:\Temp\Runbook\A.cmd": "one\r\ntwo\r\n"}
    assert dirs == [r"C:\Temp", r"C:\Temp\Runbook"]
    assert fs.read(r"C:\temp\RUNBOOK\a.cmd") == "one\r\ntwo\r\n"
    assert fs.listdir(r"c:\TEMP") == ["Runbook"]


def test_the_caller_owns_the_storage():
    files, dirs = {r"C:\WINDOWS\system32\drivers\etc\hosts": "127.0.0.1 localhost\r\n"}, []
    fs = VirtualFileSystem(files, dirs)
    assert fs.is_dir(r"C:\WINDOWS\system32") and fs.is_dir("C:\\")
    files[r"C:\new.txt"] = "x"
    assert fs.read(r"c:\NEW.TXT") == "x"
    assert fs.listdir("C:\\") == ["new.txt", "WINDOWS"]


def test_writing_needs_an_existing_directory():
    fs = VirtualFileSystem({}, [])
    with pytest.raises(FileNotFoundError):
        fs.write(r"C:\missing\x.txt", "x")
    fs.mkdir(r"C:\dir")
    with pytest.raises(IsADirectoryError):
        fs.write(r"C:\dir", "x")


def test_deleting_the_last_file_keeps_its_directory():
    files, dirs = {r"C:\only\x.txt": "x"}, []
    fs = VirtualFileSystem(files, dirs)
    assert fs.delete(r"c:\ONLY\x.txt") is True
    assert files == {} and fs.is_dir(r"C:\only")
    assert fs.delete(r"C:\only\x.txt") is False


def test_a_directory_is_deleted_only_when_empty():
    fs = VirtualFileSystem({r"C:\d\x": "x"}, [r"C:\d"])
    assert fs.delete(r"C:\d") is False
    fs.delete(r"C:\d\x")
    assert fs.delete(r"C:\d") is True
    assert not fs.exists(r"C:\d")


def test_devices_and_wildcards():
    fs = VirtualFileSystem({r"C:\t\a.b64": "", r"C:\t\b.cmd": "", r"C:\t\c.b64": ""}, [])
    assert device("nul") == "NUL" and device(r"C:\t\NUL.txt") == "NUL" and device("null") is None
    assert fs.exists(r"C:\t\nul") and not fs.exists(r"C:\missing\nul")
    fs.write("nul", "dropped")
    assert glob(fs, r"C:\T\*.B64") == [r"C:\T\a.b64", r"C:\T\c.b64"]     # the directory as typed
    assert glob(fs, r"C:\t\?.cmd") == [r"C:\t\b.cmd"]
    assert len(glob(fs, r"C:\t\*.*")) == 3
