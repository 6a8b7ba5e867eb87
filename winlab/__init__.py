"""winlab: an emulation of a site's Windows hosts (cmd.exe, ipconfig, netsh, wmic, reg, netdom,
cluster.exe, ...) that runs the commands a real site gets, each host behind its own WinRM
endpoint if asked.

The site is data (`topology.py`: hosts, roles, networks, accounts); `baseline.py` turns it
into the lab's first state (`state.py`), kept in a directory (`store.py`). `Lab` (`lab.py`)
is the facade: execute, fail/heal (`faults.py`), status (`status.py`), serve (`winrm/`).
Changes that wait for a restart, and restarts on the lab's clock, are `restarts.py`.
`tools/` holds the Windows programs it emulates, `cmdshell/` the cmd.exe around them; what
it assumes is in `assumptions.py`, how faithful each command is in `fidelity.py`.
winlab imports nothing of the program that drives it; its errors are its own (`errors.py`).
Import from the submodules: this package imports nothing, so its parts load independently.
"""
