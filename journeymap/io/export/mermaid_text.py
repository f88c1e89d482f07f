"""User text made safe for Mermaid, so a diagram parses and shows the name as typed.

The two grammars need different care (checked against mermaid 11 in Chromium):

- flowchart labels are quoted and drawn as HTML: ``<b>`` would be bold and ``"`` would
  end the label, so they are HTML entities (``&lt;``, ``&quot;`` …). ``#`` becomes
  ``&num;``: Mermaid rewrites ``#word;`` before parsing and, in version 11, does not
  always turn it back.
- the journey grammar stops a name at ``:``, ``;``, ``#`` or a line break and accepts
  no entities, so those become look-alike characters (``꞉`` ``;`` ``＃``); its text is
  drawn as SVG text, where ``<b>`` stays text. The title shows ``&`` as ``&amp;``, so
  there it is a full-width ``＆``.

A name is one line in both grammars; line breaks become spaces. In a journey, a line that
starts with ``%%`` is a comment, so a leading ``%`` is a full-width ``％``; a task that
starts with a keyword (``section …``) would be a statement, so such names get a
zero-width space in front: not shown, and not whitespace to Mermaid's lexer.
"""

from __future__ import annotations

import re

FLOWCHART_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "#": "&num;",
    "`": "&grave;",
}
JOURNEY_LOOK_ALIKES = {":": "\ua789", ";": "\u037e", "#": "\uff03"}
ACTOR_LOOK_ALIKES = JOURNEY_LOOK_ALIKES | {",": "\u201a"}
TITLE_LOOK_ALIKES = JOURNEY_LOOK_ALIKES | {"&": "\uff06"}
JOURNEY_KEYWORDS = re.compile(r"(?i)^(journey|title|section|acctitle|accdescr)")
FULL_WIDTH_PERCENT = "\uff05"
ZERO_WIDTH_SPACE = "\u200b"


def _one_line(text: str, fallback: str) -> str:
    return " ".join(str(text).split()) or fallback


def flowchart_label(text: str, fallback: str = "?") -> str:
    """Text for inside a quoted flowchart label or edge label."""
    return "".join(FLOWCHART_ENTITIES.get(c, c) for c in _one_line(text, fallback))


def _journey(text: str, fallback: str, table: dict[str, str]) -> str:
    safe = "".join(table.get(c, c) for c in _one_line(text, fallback))
    if safe.startswith("%"):
        safe = FULL_WIDTH_PERCENT + safe[1:]
    return ZERO_WIDTH_SPACE + safe if JOURNEY_KEYWORDS.match(safe) else safe


def journey_name(text: str, fallback: str = "?") -> str:
    """A section or task name in a journey diagram."""
    return _journey(text, fallback, JOURNEY_LOOK_ALIKES)


def journey_title(text: str, fallback: str = "?") -> str:
    return _journey(text, fallback, TITLE_LOOK_ALIKES)


def journey_actor(text: str, fallback: str = "?") -> str:
    """An actor of a task; actors are separated by commas."""
    return _journey(text, fallback, ACTOR_LOOK_ALIKES)
