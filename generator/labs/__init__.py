"""The generic lab runner: a runbook's lab (its `lab.py`, generator.labs.contract) opened in
this process (`control.open_lab`) or served by a daemon (`daemon.py`, started and stopped by
`control.up`/`down`) whose endpoints (`endpoints.py`) and liveness lock (`liveness.py`) live
in the lab's folder. Nothing here knows what a lab emulates.
Import from the submodules: this package imports nothing, so its parts load independently.
"""
