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
    argparse_texts,
    export,
    journeys,
    people,
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
from journeymap.i18n import Language, _, use_language
from journeymap.i18n.languages import parse_language
from journeymap.model import InvalidInput
from journeymap.services.access import NotAllowed

COMMAND_MODULES = (
    journeys,
    voc,
    themes,
    sand,
    shopping,
    people,
    programme,
    export,
    actions,
    accounts,
    alerts,
    api_keys,
    workspace,
)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        language = chosen_language(arguments)
    except ValueError as error:
        print(_("journeymap: {error}").format(error=error), file=sys.stderr)
        return EXIT_ERROR
    # The parser is built inside the block: its help texts are made in the language.
    with use_language(language), argparse_texts.translated():
        return run(arguments)


def chosen_language(argv: Sequence[str]) -> Language | None:
    """The --language the command line names (None: JOURNEYMAP_LANGUAGE decides).

    Read before the real parser is built, so that its help is in that language.
    """
    pre = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    pre.add_argument("--language", default=None)
    known, _rest = pre.parse_known_args(argv)
    if known.language is None:
        return None
    try:
        return parse_language(known.language)
    except ValueError:
        raise ValueError(
            _(
                "'{value}' is not a language journeymap speaks: use da (Danish), "
                "nb (Norwegian), sv (Swedish) or en (English)"
            ).format(value=known.language)
        ) from None


def run(argv: Sequence[str]) -> int:
    try:
        settings.check()  # before the parser: some defaults are settings
    except settings.SettingsError as error:
        print(_("journeymap: {error}").format(error=error), file=sys.stderr)
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
        print(_("journeymap: {error}").format(error=error), file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:
        return EXIT_OK  # the reader (e.g. `| head`) has had enough
    except database_errors() as error:
        print(
            _(
                "journeymap: cannot use the database {url}: {reason}. "
                "Check --db or JOURNEYMAP_DB_URL."
            ).format(
                url=safe_url(args.db), reason=first_line(getattr(error, "orig", None) or error)
            ),
            file=sys.stderr,
        )
        return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser, its texts in the current language."""
    parser = argparse.ArgumentParser(
        prog="python -m journeymap",
        description=_("Customer-journey mapping with the evidence on every step."),
        # --language is read before this parser exists: an abbreviation it would not see.
        allow_abbrev=False,
    )
    parser.add_argument(
        "--language",
        default=None,
        metavar="da|nb|sv|en",
        help=_(
            "the language of the messages and the help: da (Danish), nb (Norwegian), "
            "sv (Swedish) or en (English) (default: JOURNEYMAP_LANGUAGE, else English)"
        ),
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help=_("database URL (default: JOURNEYMAP_DB_URL, else the SQLite file in data/)"),
    )
    parser.add_argument(
        "--as",
        dest="acting_as",
        default=None,
        metavar="NAME",
        help=_(
            "the person the audit log names for what this command changes "
            "(default: JOURNEYMAP_AUTHOR, else your login name)"
        ),
    )
    commands = Commands(parser.add_subparsers(title=_("commands"), metavar="COMMAND"))
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser
