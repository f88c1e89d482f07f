"""argparse's own words (usage:, options, error: …) in the reader's language.

argparse looks its texts up in gettext's `argparse` domain, which nobody ships for
Danish, Norwegian or Swedish; inside `translated()` it looks them up in journeymap's
catalog instead, so `--help` and a mistyped option read in the command's language.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager

from journeymap.i18n import N_, _

# argparse's text → the catalog's; the catalog's {names} stand, in order, for argparse's
# %-placeholders (argparse fills them in itself after the lookup).
TEXTS: dict[str, str] = {
    # Translators: the start of the line showing how a command is written.
    "usage: ": N_("usage: "),
    "positional arguments": N_("positional arguments"),
    # Translators: the heading over a command's --options in its help.
    "options": N_("options"),
    "show this help message and exit": N_("show this help message and exit"),
    "%(prog)s: error: %(message)s\n": N_("{prog}: error: {message}"),
    "argument %(argument_name)s: %(message)s": N_("argument {argument}: {message}"),
    "the following arguments are required: %s": N_(
        "the following arguments are required: {arguments}"
    ),
    "unrecognized arguments: %s": N_("unrecognized arguments: {arguments}"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "invalid choice: {value} (choose from {choices})"
    ),
    "invalid %(type)s value: %(value)r": N_("invalid {type} value: {value}"),
    "expected one argument": N_("expected one argument"),
    "expected at most one argument": N_("expected at most one argument"),
    "expected at least one argument": N_("expected at least one argument"),
    "one of the arguments %s is required": N_("one of the arguments {arguments} is required"),
    "not allowed with argument %s": N_("not allowed with argument {argument}"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "ambiguous option: {option} could match {matches}"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "unknown command {command} (choices: {choices})"
    ),
}
_SPEC = re.compile(r"%(?:\(\w+\))?[sr]")
_NAME = re.compile(r"\{(\w+)\}")


def argparse_text(message: str) -> str:
    """argparse's `message` translated, with argparse's own placeholders back in it."""
    ours = TEXTS.get(message)
    if ours is None:
        return message
    specs = dict(zip(_NAME.findall(ours), _SPEC.findall(message), strict=False))
    text = _NAME.sub(lambda m: specs.get(m.group(1), m.group(0)), _(ours))
    return text + ("\n" if message.endswith("\n") and not text.endswith("\n") else "")


@contextmanager
def translated() -> Iterator[None]:
    """argparse's texts through the catalog inside the block (the command line only)."""
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = argparse_text  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]
