"""powershell.exe's own command line: switches by prefix, -Command -, -OutputFormat XML, -?, and the lab's
limits on a runaway script."""

import pytest

from winlab.lab import Lab
from tests.unit.winlab.powershell_lab import HUB
from tests.unit.winlab.sites import topology


@pytest.fixture(scope="module")
def lab(lab_env, tmp_path_factory):
    return Lab.create(tmp_path_factory.mktemp("psexe") / "lab", topology(lab_env), clock=lambda: 1181839321.0)


def run(lab, line, stdin=""):
    out = lab.execute(HUB, line, stdin=stdin)
    return out.rc, out.stdout, out.stderr


def test_switches_by_unique_prefix_and_the_first_word_starts_the_command(lab):
    assert run(lab, "powershell -nop -noni -nol 2 + 3") == (0, "5\r\n", "")
    assert run(lab, "POWERSHELL.EXE /NoProfile -c \"'a' * 3\"") == (0, "aaa\r\n", "")


def test_command_dash_reads_the_script_from_stdin(lab):
    assert run(lab, "powershell -NonInteractive -Command -", stdin="$a = 4\r\n$a * 2\r\n") == (0, "8\r\n", "")


def test_output_format_xml_serializes_the_output(lab):
    rc, stdout, _ = run(lab, "powershell -OutputFormat XML -Command \"'x'\"")
    assert stdout.startswith("#< CLIXML\r\n<Objs") and '<S S="Output">x_x000D__x000A_</S>' in stdout
    assert run(lab, "powershell -OutputFormat Json -Command 1")[0] == 1


def test_a_date_alone_shows_in_the_long_format_on_the_lab_clock(lab):
    assert run(lab, "powershell -Command Get-Date") == (0, "\r\nThursday, June 14, 2007 4:42:01 PM\r\n\r\n", "")


def test_help_shows_the_syntax(lab):
    rc, stdout, _ = run(lab, "powershell -?")
    assert rc == 0 and "-EncodedCommand" not in stdout and "[-NoLogo]" in stdout


def test_an_endless_loop_is_stopped_by_the_lab(lab):
    rc, _, stderr = run(lab, "powershell -Command \"while ($true) { 1 | Out-Null }\"")
    assert rc != 0 and "an endless loop?" in stderr


def test_the_cmd_scripts_secret_prompt_reads_the_answer_through_powershell(lab):
    """What generator/languages/cmd/script.py's :read_secret runs on a host with PowerShell (the hub)."""
    line = ("for /f \"usebackq delims=\" %p in (`powershell -NoProfile -Command \"$s = Read-Host -AsSecureString "
            "'Enter the x'; '>' + [Runtime.InteropServices.Marshal]::PtrToStringAuto("
            "[Runtime.InteropServices.Marshal]::SecureStringToBSTR($s))\"`) do @echo got[%p]")
    assert run(lab, line, stdin="s3cret\r\n") == (0, "got[>s3cret]\r\n", "Enter the x: \r\n")
    rc, stdout, stderr = run(lab, line)                  # nothing to read: no answer at all
    assert stdout == "" and "NonInteractive mode" in stderr and "Value cannot be null." in stderr
