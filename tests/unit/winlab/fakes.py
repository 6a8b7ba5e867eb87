"""Test doubles for the cmd shell: a tool registry whose programs print canned answers."""


class FakeTools:
    """FakeTools(netsh=Output(...), wmic=lambda inv: ...): programs by name (a path and `.exe`
    are ignored, case too); every call is recorded."""

    def __init__(self, **programs):
        self.programs, self.calls = programs, []

    def lookup(self, name):
        program = name.rsplit("\\", 1)[-1].lower().removesuffix(".exe")
        if program not in self.programs:
            return None

        def tool(inv):
            self.calls.append(inv)
            answer = self.programs[program]
            return answer(inv) if callable(answer) else answer
        return tool
