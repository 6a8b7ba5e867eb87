"""Running PowerShell on a lab host as a WinRS client would: through cmd.exe and powershell.exe."""

from __future__ import annotations

import base64
import re

HUB = "E2K7HUB01"           # the witness/Hub Transport host: PowerShell from its baseline


def ps(lab, script: str, host: str = HUB, options: str = "-NoProfile -NonInteractive", stdin: str = ""):
    """`script` run by powershell.exe as an encoded command (no cmd quoting in the way); errors come back as
    plain text (the CLIXML of an encoded command is tested on its own)."""
    line = f"powershell {options} -EncodedCommand " + base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    out = lab.execute(host, line, stdin=stdin)
    return out.rc, out.stdout, plain(out.stderr)


def plain(stderr: str) -> str:
    """The text of powershell.exe's CLIXML error stream, as pywinrm's run_ps decodes it."""
    if not stderr.startswith("#< CLIXML\r\n"):
        return stderr
    parts = re.findall(r'<S S="Error">(.*?)</S>', stderr)
    text = "".join(parts).replace("_x000D__x000A_", "\n")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
