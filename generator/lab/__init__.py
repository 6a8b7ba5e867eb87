"""The embedded lab: an emulation of the site's Windows hosts that runs the runbook's commands.

`Lab` (in `lab.py`) is the facade the CLI and the WinRM daemon use; `state.py` holds the
lab's model, `tools/` the Windows programs it emulates, `cmdshell/` the cmd.exe around them.
Import from the submodules: this package imports nothing, so its parts load independently.
"""
