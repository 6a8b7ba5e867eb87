"""The witness folder and share: mkdir, net share, cacls, icacls and dir \\\\HOST\\SHARE, as Windows does them."""

import pytest

from winlab import security
from winlab.lab import Lab
from tests.unit.winlab.sites import topology

HUB, FOLDER, SHARE = "E2K7HUB01", r"C:\MNS_FSW_E2K7CLUS", "MNS_FSW_E2K7CLUS"
UNDER = " " * (len(FOLDER) + 1)                   # where the entries after the first start
CREATE = f'net share {SHARE}="{FOLDER}" /GRANT:"E2K7\\Administrator",FULL /REMARK:"witness"'


@pytest.fixture
def lab(lab_env, tmp_path):
    return Lab.create(tmp_path, topology(lab_env))


@pytest.fixture
def lab2008(lab_2008_env, tmp_path):
    return Lab.create(tmp_path, topology(lab_2008_env))


def test_a_share_needs_its_folder_and_lists_as_net_share_prints_it(lab):
    missing = lab.execute(HUB, CREATE)
    assert (missing.rc, missing.stderr) == (2, "The device or directory does not exist.\r\n\r\n"
                                               "More help is available by typing NET HELPMSG 2116.\r\n\r\n")
    assert lab.execute(HUB, f'if exist "{FOLDER}\\" (echo there) else (mkdir "{FOLDER}")').rc == 0
    assert lab.execute(HUB, f'if exist "{FOLDER}\\" (echo there) else (mkdir "{FOLDER}")').stdout == "there\r\n"
    created = lab.execute(HUB, CREATE)
    assert (created.rc, created.stdout) == (0, f"{SHARE} was shared successfully.\r\n\r\n")
    assert lab.execute(HUB, CREATE).rc == 2                                     # 2118: already shared
    listing = lab.execute(HUB, "net share").stdout
    assert "\r\nMNS_FSW_E2K7CLUS\r\n             C:\\MNS_FSW_E2K7CLUS" in listing     # a long name wraps
    assert "ADMIN$       C:\\WINDOWS                      Remote Admin\r\n" in listing
    shown = lab.execute(HUB, f"net share {SHARE}").stdout
    assert shown.startswith(f"Share name        {SHARE}\r\nPath              {FOLDER}\r\nRemark            witness\r\n")
    assert "Permission        E2K7\\Administrator, FULL\r\n" in shown


def test_without_grant_everyone_reads_and_delete_removes(lab):
    lab.execute(HUB, f'mkdir "{FOLDER}"')
    assert lab.execute(HUB, f'net share {SHARE}="{FOLDER}"').rc == 0
    assert "Permission        Everyone, READ\r\n" in lab.execute(HUB, f"net share {SHARE}").stdout
    assert lab.execute(HUB, f"net share {SHARE} /delete").stdout == f"{SHARE} was deleted successfully.\r\n\r\n"
    gone = lab.execute(HUB, f"net share {SHARE}")
    assert gone.rc == 2 and "This shared resource does not exist." in gone.stderr and "2310" in gone.stderr


def test_a_grant_to_an_unknown_account_or_level_is_refused(lab):
    lab.execute(HUB, f'mkdir "{FOLDER}"')
    assert lab.execute(HUB, f'net share {SHARE}="{FOLDER}" /GRANT:"E2K7\\nobody",FULL').rc == 2
    assert lab.execute(HUB, f'net share {SHARE}="{FOLDER}" /GRANT:"E2K7\\Administrator",ALL').rc == 1
    assert lab.execute(HUB, f"net share {SHARE}").rc == 2                        # nothing was shared


def test_cacls_replaces_the_acl_only_when_the_question_is_answered_y(lab):
    lab.execute(HUB, f'mkdir "{FOLDER}"')
    before = lab.execute(HUB, f'cacls "{FOLDER}"').stdout
    assert before.startswith(f"{FOLDER} BUILTIN\\Administrators:(OI)(CI)F\r\n" + UNDER + "NT AUTHORITY\\SYSTEM")
    assert "BUILTIN\\Users:(CI)(special access:)\r\n" + UNDER + " " * len("BUILTIN\\Users:(CI)") + "FILE_APPEND_DATA\r\n" in before
    grant = f'cacls "{FOLDER}" /G BUILTIN\\Administrators:F "E2K7\\Administrator":F'
    for declined in (f"echo y | {grant}", f"{grant} <nul", f"echo n| {grant}"):
        assert lab.execute(HUB, declined).stdout == "Are you sure (Y/N)?"
        assert lab.execute(HUB, f'cacls "{FOLDER}"').stdout == before
    done = lab.execute(HUB, f"echo y| {grant}")
    assert done.stdout == f"Are you sure (Y/N)?processed dir: {FOLDER}\r\n"
    assert lab.execute(HUB, f'cacls "{FOLDER}"').stdout == (
        f"{FOLDER} BUILTIN\\Administrators:(OI)(CI)F\r\n" + UNDER + "E2K7\\Administrator:(OI)(CI)F\r\n\r\n")
    assert lab.execute(HUB, f'cacls "{FOLDER}" /E /R BUILTIN\\Administrators').rc == 0     # /E: no question
    assert "Administrators" not in lab.execute(HUB, f'cacls "{FOLDER}"').stdout


def test_cacls_refuses_what_it_cannot_map_or_find(lab):
    lab.execute(HUB, f'mkdir "{FOLDER}"')
    assert lab.execute(HUB, f'echo y| cacls "{FOLDER}" /G E2K7\\nobody:F').rc == 1332
    assert lab.execute(HUB, r'cacls C:\nowhere').rc == 2
    assert lab.execute(HUB, f'cacls "{FOLDER}" /R Everyone').rc == 87                    # /R needs /E


def test_icacls_is_missing_on_2003_before_sp2(lab):
    out = lab.execute(HUB, f'icacls "{FOLDER}"')
    assert out.rc == 9009 and "'icacls' is not recognized" in out.stderr


def test_icacls_on_2008_lists_and_grants(lab2008):
    lab2008.execute(HUB, f'mkdir "{FOLDER}"')
    listing = lab2008.execute(HUB, f'icacls "{FOLDER}"').stdout
    assert listing.startswith(f"{FOLDER} BUILTIN\\Administrators:(I)(OI)(CI)(F)\r\n")
    assert listing.endswith("\r\nSuccessfully processed 1 files; Failed processing 0 files\r\n")
    granted = lab2008.execute(HUB, f'icacls "{FOLDER}" /grant "E2K7\\E2K7CLUS$":(OI)(CI)F')
    assert granted.rc == 1332                                                   # no cluster yet: no such account
    granted = lab2008.execute(HUB, f'icacls "{FOLDER}" /grant "E2K7\\Administrator":(OI)(CI)F')
    assert granted.stdout == (f"processed file: {FOLDER}\r\n"
                              "Successfully processed 1 files; Failed processing 0 files\r\n")
    assert lab2008.execute(HUB, f'icacls "{FOLDER}"').stdout.startswith(
        f"{FOLDER} E2K7\\Administrator:(OI)(CI)(F)\r\n" + UNDER + "BUILTIN\\Administrators:(I)(OI)(CI)(F)\r\n")


def test_dir_over_unc_reaches_the_share_while_its_host_answers(lab):
    lab.execute(HUB, f'mkdir "{FOLDER}"')
    lab.execute(HUB, f'echo hello> "{FOLDER}\\note.txt"')
    assert lab.execute("E2K7Node1", f"dir \\\\{HUB}\\{SHARE}").stderr == "The network name cannot be found.\r\n"
    lab.execute(HUB, CREATE)
    shown = lab.execute("E2K7Node1", f"dir \\\\{HUB}\\{SHARE}")
    assert shown.rc == 0 and f" Directory of \\\\{HUB}\\{SHARE}\r\n" in shown.stdout and " note.txt\r\n" in shown.stdout
    assert lab.execute("E2K7Node1", f"dir /b \\\\{HUB}\\{SHARE}").stdout == "note.txt\r\n"
    assert lab.execute("E2K7Node1", f"echo x> \\\\{HUB}\\{SHARE}\\new.txt").rc == 1       # writes are refused
    lab.fail(HUB)
    down = lab.execute("E2K7Node1", f"dir \\\\{HUB}\\{SHARE}")
    assert (down.rc, down.stderr) == (1, "The network path was not found.\r\n")


def test_effective_rights_follow_group_membership(lab):
    state = lab.state()
    host = state.host(HUB)
    assert security.folder_rights(state, host, FOLDER, "E2K7\\Administrator") == "F"   # a domain admin
    assert security.folder_rights(state, host, FOLDER, "E2K7\\E2K7CLUS$") == "N"       # a computer account
