"""What every command shares: exit codes, the database, user-facing errors."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from journeymap import settings
from journeymap.cli.json_out import emit
from journeymap.i18n import _
from journeymap.i18n import formatting as fmt
from journeymap.model import InvalidInput
from journeymap.model.access import Viewer
from journeymap.services.access import NotAllowed, command_line_viewer

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
T = TypeVar("T")


class CommandError(Exception):
    """A failure the user can fix; printed as one sentence, no traceback."""


def refuse(args: argparse.Namespace, message: str, exit_code: int, **details: Any) -> int:
    """Say why the command stopped, as main() says it, or with --json as one JSON object.

    A script that asked for JSON parses stdout whatever happened; the exit code is the
    same either way, so a shell script that only checks it sees no difference.
    """
    if getattr(args, "json", False):
        file = getattr(args, "file", None)
        emit({"error": message} | ({"file": Path(file).name} if file else {}) | details)
    else:
        print(_("journeymap: {error}").format(error=message), file=sys.stderr)
    return exit_code


def json_errors(handler: Handler) -> Handler:
    """With --json, the errors main() prints as text become one JSON object on stdout."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        if not getattr(args, "json", False):
            return handler(args)
        try:
            return handler(args)
        except InvalidInput as error:
            problems = [{"location": p.location, "message": p.message} for p in error.problems]
            return refuse(args, str(error), EXIT_PROBLEMS, problems=problems)
        except (CommandError, NotAllowed) as error:
            return refuse(args, str(error), EXIT_PROBLEMS)

    return run


class Commands:
    """Adds subcommands to the parser; each command module registers its own."""

    def __init__(self, subparsers: Any) -> None:
        self._subparsers = subparsers

    def add(self, name: str, handler: Handler, text: str) -> argparse.ArgumentParser:
        sub = self._subparsers.add_parser(name, help=text, description=text)
        sub.set_defaults(handler=handler)
        return sub


def refused(action: Callable[[], T]) -> T:
    """The action's result; a role that may not, an unknown id or a value no service
    takes, as the command's one sentence."""
    try:
        return action()
    except (NotAllowed, ValueError, LookupError) as error:
        raise CommandError(str(error).rstrip(".")) from None


def viewer_for(args: argparse.Namespace) -> Viewer:
    """The person this command acts as (``--as NAME``, else JOURNEYMAP_AUTHOR, else the
    login name), with the admin's capabilities; every service call takes it."""
    return command_line_viewer(getattr(args, "acting_as", None))


def engine_for(args: argparse.Namespace) -> Any:
    from journeymap.store.engine import open_database

    return open_database(args.db)


def stored_journey(args: argparse.Namespace) -> Any:
    from journeymap.services.journeys import get_journey

    stored = get_journey(engine_for(args), args.journey)
    if stored is None:
        raise CommandError(
            _(
                "there is no journey '{journey}' in the workspace: "
                "`python -m journeymap journeys` lists them"
            ).format(journey=args.journey)
        )
    return stored


def database_errors() -> tuple[type[BaseException], ...]:
    from sqlalchemy.exc import ArgumentError, OperationalError

    from journeymap.store.engine import UnknownSchema

    # OSError: the SQLite file's folder cannot be created or opened.
    return (OperationalError, ArgumentError, OSError, UnknownSchema)


def first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0].rstrip(".")


def safe_url(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url or settings.database_url()).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for the message
        return _("(unreadable URL)")


def shown_time(moment: datetime) -> str:
    """A stored moment (UTC; naive ones are UTC too) as the reader writes a day and time,
    on the workspace's clock."""
    from journeymap.services.workspace_time import shown_moment

    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return fmt.moment(shown_moment(aware))


def signed(value: float, decimals: int = 0) -> str:
    """A score with its sign in the reader's numbers (+23,6 in Danish), the minus typed as
    on a keyboard: a terminal's text is pasted into shells and spreadsheets, which read
    U+2212 as a word."""
    return fmt.signed(value, decimals).replace(fmt.MINUS, "-")
