"""Where a Danish or Norwegian word may break at the end of a diagram line.

The places come from the LibreOffice hyphenation dictionaries that pyphen ships in its
wheel (pyphen is tri-licensed GPL/LGPL/MPL 1.1; journeymap uses it under the MPL 1.1).
A word breaks only where the Danish and the Norwegian (bokmål) patterns agree: the two
languages share most compounds, and either dictionary alone proposes a few breaks a
reader of the other stops at ("Rå-dgivning" in Danish, "Skade-s-anmeldelse" in
Norwegian). Fewer places, but never a wrong one: "Op-følg-nings-møde", not
"Opfølgni-ngsmøde".
"""

from __future__ import annotations

import functools
import re

import pyphen

LANGUAGES = ("da_DK", "nb_NO")
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _dictionaries() -> tuple[pyphen.Pyphen, ...]:
    return tuple(pyphen.Pyphen(lang=lang) for lang in LANGUAGES)


@functools.cache
def word_breaks(word: str) -> frozenset[int]:
    """Offsets inside ``word`` (letters only) where every dictionary allows a hyphen."""
    places = [set(d.positions(word)) for d in _dictionaries()]
    return frozenset(set.intersection(*places)) if places else frozenset()


@functools.cache
def break_places(text: str) -> frozenset[int]:
    """Offsets inside ``text`` where a hyphenated break falls between two syllables of
    one of its words (words are runs of letters; digits and marks never break)."""
    return frozenset(
        match.start() + offset
        for match in _WORD.finditer(text)
        for offset in word_breaks(match.group())
    )


SOFT_HYPHEN = "\u00ad"
MIN_ENDS = 3  # letters kept on each side of a break, as on the diagrams


def soft_hyphenated(text: str) -> str:
    """``text`` with a soft hyphen at each break place, for a browser to wrap at: it
    shows a hyphen where it breaks a line there and nothing elsewhere, and it then
    never needs to cut a long word at a place of its own."""
    out = []
    for match in re.finditer(r"[^\W\d_]+|[\W\d_]+", text):
        word = match.group()
        places = [
            i
            for i in sorted(word_breaks(word))
            if min(i, len(word) - i) >= MIN_ENDS and word.isalpha()
        ]
        cut = 0
        for place in places:
            out += [word[cut:place], SOFT_HYPHEN]
            cut = place
        out.append(word[cut:])
    return "".join(out)
