"""`python -m journeymap`: the same services as the app, for scripts and CI.

Each command module registers its subcommands; imports of heavy modules are made inside
the commands so that `validate` starts fast and nothing here ever pulls in streamlit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from journeymap import settings
from journeymap.cli import (
    accounts,
    actions,
    alerts,
    api_keys,
    export,
    journeys,
    programme,
    sand,
    shopping,
    themes,
    voc,
    workspace,
)
from journeymap.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    Commands,
    database_errors,
    first_line,
    safe_url,
)
from journeymap.model import InvalidInput
from journeymap.services.access import NotAllowed

COMMAND_MODULES = (
    journeys,
    voc,
    themes,
    sand,
    shopping,
    programme,
    export,
    actions,
    accounts,
    alerts,
    api_keys,
    workspace,
)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        settings.check()  # before the parser: some defaults are settings
    except settings.SettingsError as error:
        print(f"journeymap: {error}", file=sys.stderr)
        return EXIT_ERROR
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return int(args.handler(args) or EXIT_OK)
    except InvalidInput as error:
        for line in str(error).splitlines():
            print(line)
        return EXIT_PROBLEMS
    except (CommandError, NotAllowed) as error:
        print(f"journeymap: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_OK  # the reader (e.g. `| head`) has had enough
    except database_errors() as error:
        print(
            f"journeymap: cannot use the database {safe_url(args.db)}: "
            f"{first_line(getattr(error, 'orig', None) or error)}. "
            "Check --db or JOURNEYMAP_DB_URL.",
            file=sys.stderr,
        )
        return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m journeymap",
        description="Customer-journey mapping with the evidence on every step.",
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="database URL (default: JOURNEYMAP_DB_URL, else the SQLite file in data/)",
    )
    parser.add_argument(
        "--as",
        dest="acting_as",
        default=None,
        metavar="NAME",
        help="the person the audit log names for what this command changes "
        "(default: JOURNEYMAP_AUTHOR, else your login name)",
    )
    commands = Commands(parser.add_subparsers(title="commands", metavar="COMMAND"))
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser
