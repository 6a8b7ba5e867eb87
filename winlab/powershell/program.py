"""powershell.exe (Windows PowerShell 1.0) as a program of the host's tool registry.

    powershell [-PSConsoleFile F] [-NoLogo] [-NoExit] [-NoProfile] [-NonInteractive]
               [-OutputFormat Text|XML] [-InputFormat Text|XML]
               [-Command] <text...> | -Command - | -EncodedCommand <base64 of UTF-16LE>

Switches are matched case-insensitively by a unique beginning (`-noni`, `-nop`, `-enc`).
As in 1.0, the first word that is no switch starts the command, and so does an unknown
switch: `-File x.ps1` (a 2.0 switch) is run as the command `-File x.ps1`, a parse error.
pywinrm's `run_ps` sends `powershell -encodedcommand B64`; then errors go to stderr as
CLIXML (`#< CLIXML`), as powershell.exe does for an encoded command. The exit code is
`exit N`'s, else 1 when the last statement failed (or the script stopped on an error), else 0.
"""

from __future__ import annotations

import base64
import binascii
import re
from xml.sax.saxutils import escape

from .. import assumptions as A
from ..cmdshell.argv import split
from ..context import HostContext
from ..tooling import Invocation, Output, crlf
from .errors import ErrorRecord, ExitScript, ParseError, Position, PSError
from .formatting.output import Console
from .install import installed
from .language.evaluator import Evaluator
from .language.parser import parse
from .session import Session

SWITCHES = (("psconsolefile", 3, True), ("nologo", 3, False), ("noexit", 3, False), ("noprofile", 3, False),
            ("noninteractive", 4, False), ("outputformat", 1, True), ("inputformat", 2, True),
            ("encodedcommand", 1, True), ("command", 1, False), ("help", 1, False), ("?", 1, False))


class UsageError(Exception):
    pass


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    if not installed(ctx.host):                 # the registry should not have found it: be safe
        return Output(9009, "", f"'{inv.name}' is not recognized as an internal or external command,\r\n"
                                "operable program or batch file.\r\n")
    try:
        options, command = parse_command_line(split(inv.args))
    except UsageError as error:
        return Output(1, "", str(error) + "\r\n")
    if "help" in options or "?" in options:
        return Output(0, A.PS_USAGE)
    if command == "-":
        command = inv.stdin
    encoded = "encodedcommand" in options
    session = Session(ctx, inv.shell, dict(inv.env), inv.cwd, stdin="" if command is inv.stdin else inv.stdin,
                      interactive="noninteractive" not in options, xml_errors=encoded)
    if "psconsolefile" in options and not _console_file(session, options["psconsolefile"]):
        return _output(session, 1, options)
    code = run_text(session, command or "")
    return _output(session, code, options)


def parse_command_line(words: list[str]) -> tuple[dict[str, str], str | None]:
    options: dict[str, str] = {}
    items = iter(range(len(words)))
    for i in items:
        word = words[i]
        name = _switch(word)
        if name is None:
            return options, " ".join(words[i:])
        if name == "command":
            return options, " ".join(words[i + 1:])
        if name == "encodedcommand":
            if i + 1 >= len(words):
                raise UsageError(A.PS_MISSING_ARGUMENT.format(switch="-EncodedCommand"))
            try:
                return options | {"encodedcommand": ""}, base64.b64decode(words[i + 1], validate=False).decode(
                    "utf-16-le")
            except (binascii.Error, UnicodeDecodeError):
                raise UsageError(A.PS_BAD_ENCODED_COMMAND) from None
        takes_value = next(v for n, _, v in SWITCHES if n == name)
        if takes_value:
            if i + 1 >= len(words):
                raise UsageError(A.PS_MISSING_ARGUMENT.format(switch=word))
            options[name] = words[i + 1]
            next(items)
            if name in ("outputformat", "inputformat") and options[name].lower() not in ("text", "xml"):
                raise UsageError(A.PS_BAD_FORMAT.format(switch=word, value=options[name]))
        else:
            options[name] = ""
    return options, None


def _switch(word: str) -> str | None:
    if word[:1] not in "-/" or len(word) < 2:
        return None
    typed = word[1:].lower()
    for name, shortest, _ in SWITCHES:
        if len(typed) >= shortest and name.startswith(typed):
            return name
    return None


def run_text(session: Session, text: str) -> int:
    """Run `text` as the session's command; returns the exit code."""
    session.script_text = text
    try:
        script = parse(text)
    except ParseError as error:
        session.report(ErrorRecord(error.message, "ParserError", "ParseException", None, "",
                                   Position(text, error.start)))
        return 1
    evaluator = Evaluator(session, text)
    emit = _console(session)
    try:
        evaluator.run_script(script, emit)
    except ExitScript as done:
        return done.code
    except PSError as error:
        if not getattr(error, "reported", False):
            session.report(error.record)
        return 1
    return 0 if session.success else 1


def _console(session: Session):
    console = session.console = Console(session)

    def emit(values) -> None:
        if values:
            console.show(values)
    emit.direct = True                          # Out-Default: what reaches it is shown at once
    return emit


def _console_file(session: Session, path: str) -> bool:
    from .invocation import resolve_path
    full = resolve_path(session, path)
    text = session.shell.fs.read(full) if session.shell is not None else None
    if text is None:
        session.err.append(A.PS_CONSOLE_FILE_MISSING.format(path=full))
        return False
    for name in re.findall(r'<PSSnapIn\s+Name="([^"]+)"', text):
        if session.load_snapin(name) is None:
            session.err.append(A.PS_CONSOLE_FILE_SNAPIN.format(path=full, name=name))
            return False
    return True


def _output(session: Session, code: int, options: dict[str, str]) -> Output:
    if session.console is not None:
        session.console.close()
    session.flush()
    stdout = crlf(session.out)
    if options.get("outputformat", "").lower() == "xml":
        stdout = clixml(session.out, "Output")
    if session.xml_errors and session.err:
        stderr = clixml(session.err, "Error")
    else:
        stderr = crlf(session.err)
    return Output(code, stdout, stderr)


def clixml(lines: list[str], stream: str) -> str:
    """`#< CLIXML` and one <S> per line, as powershell.exe serializes a stream [tech-notes 1.4]."""
    body = "".join(f'<S S="{stream}">{_xml(line)}_x000D__x000A_</S>' for line in lines)
    return f'#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">{body}</Objs>'


def _xml(text: str) -> str:
    return escape(text).replace("\r", "_x000D_").replace("\n", "_x000A_")
