"""`runbook`: the command line. Only this package turns errors into exit codes (generator.errors):
0 ok, 1 a verification or converge failed, 2 bad input, 3 declined, 4 busy, 7 blocked, 130 interrupted."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import INTERRUPTED, GeneratorError
from ..secrets import Secrets


class RunbookGroup(click.Group):
    """Prints a GeneratorError as its message (no traceback) and exits with its code; Ctrl-C
    exits 130. An OSError that no command turned into a GeneratorError (a disk that filled up,
    a file that vanished) is still the machine's state, not a bug: its message, exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeneratorError as exc:
            self._fail(ctx, str(exc), exc.exit_code)
        except (KeyboardInterrupt, click.Abort):      # click turns Ctrl-C at a prompt into Abort
            click.echo("\ninterrupted", err=True)
            sys.exit(INTERRUPTED)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            self._fail(ctx, f"{where}{exc.strerror or exc}", GeneratorError.exit_code)

    @staticmethod
    def _fail(ctx: click.Context, message: str, code: int):
        """The message, with every secret the run resolved masked out."""
        secrets = ctx.find_object(Secrets)
        text = f"error: {message}" if "\n" not in message else f"error:\n{message}"
        click.echo(secrets.redact(text) if secrets else text, err=True)
        sys.exit(code)


@click.group(cls=RunbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runbook")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Tailored runbooks, per-host scripts and BDD acceptance from one environment file per site.

    \b
    Exit codes: 0 ok, 1 a verification or converge failed, 2 bad input (files, options,
    targets, folders that cannot be written, a port in use), 3 declined (a prompt answered
    no; nothing changed), 4 busy (another run holds the lock), 7 blocked (a stage gate:
    an earlier stage of the site has no current pass; nothing was sent), 130 interrupted
    (Ctrl-C; nothing is left half-written).
    """
    ctx.ensure_object(Secrets)          # the run's secrets: resolved once, masked everywhere


def _register() -> None:
    from . import lab, site, acceptance, operations, inventory   # noqa: F401  (commands register themselves on `main`)


_register()
