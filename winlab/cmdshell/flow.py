"""Control transfers that unwind the running commands: GOTO, EXIT and fatal errors."""

from __future__ import annotations


class GotoLabel(Exception):
    """`goto label`: the batch file that runs it continues after `:label`."""

    def __init__(self, label: str):
        super().__init__(label)
        self.label = label


class ExitBatch(Exception):
    """`exit /b [n]` (or GOTO :EOF): the running batch file or CALLed label returns."""

    def __init__(self, code: int | None):
        super().__init__(code)
        self.code = code            # None keeps the errorlevel


class ExitProcess(Exception):
    """`exit [n]`: the cmd.exe process ends."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


class BatchAbort(Exception):
    """A syntax error in a batch file: cmd.exe stops every batch file it is running."""
