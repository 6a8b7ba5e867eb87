"""`runbook`: the command line. Only this package turns errors into exit codes:
0 ok, 1 a verification or converge failed, 2 bad input (files, options, targets)."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import GeneratorError
from ..secrets import redact


class RunbookGroup(click.Group):
    """Prints a GeneratorError as its message (no traceback) and exits with its code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeneratorError as exc:
            click.echo(redact(f"error: {exc}" if "\n" not in str(exc) else f"error:\n{exc}"), err=True)
            sys.exit(exc.exit_code)


@click.group(cls=RunbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runbook")
def main() -> None:
    """Tailored runbooks, per-host scripts and BDD acceptance from one environment file per site.

    \b
    Exit codes: 0 ok, 1 a verification or converge failed, 2 bad input.
    """


def _register() -> None:
    from . import lab, site, acceptance   # noqa: F401  (commands register themselves on `main`)


_register()
