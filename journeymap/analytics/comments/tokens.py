"""Words, stop words, stems and two-word phrases, per language.

Words are runs of letters (æøå and äö included), lower-cased; digits and punctuation are
not words. Punctuation ends a clause: a phrase never spans a comma or a full stop.

Stop words: the Snowball project's lists for Danish, Norwegian and Swedish as the
``stop-words`` package ships them (BSD-3-Clause) — its Swedish list also names words a
customer uses to judge (*bra*, *långsam*, *sämre* …), which are kept (``KEEP``) — and
scikit-learn's English list (BSD-3-Clause, from the Glasgow Information Retrieval
Group). ``FILLER`` adds the thanks and okays that end many survey comments and a few
function words and modal verbs the Snowball lists leave out (*ved*, *igen*, *kan*, *må* …).

Stems come from the Snowball stemmers (``snowballstemmer``, BSD-3-Clause): Danish,
Norwegian, Swedish and English. A theme term is a stem of a word that is not a stop word,
or a phrase of two such stems that stand next to each other in one clause once stop
words are left out ("lang ventetid", "ventetid skranke"). Each term remembers the words
as written, so a theme is labelled in the customers' own words rather than in stems.

Terms are spelled in one Scandinavian form (``fold``: æ and ä as e, ö as ø, aa as å), so
that a journey's Danish, Norwegian and Swedish comments meet on their shared words:
*hjælpsom*/*hjelpsom* and *väntetid*/*ventetid* are one term each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from journeymap.analytics.comments.language import normalise_language

_STEMMER_NAMES = {"da": "danish", "nb": "norwegian", "sv": "swedish", "en": "english"}
_STOP_LIST_NAMES = {"da": "danish", "nb": "norwegian", "sv": "swedish"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”«»–—\n\r\t/|]+|\s-\s")
MIN_TERM_LENGTH = 2

KEEP: dict[str, frozenset[str]] = {
    "sv": frozenset(
        """bra dålig god goda godare godast gott bäst bättre sämre sämst värre långsam
        långsammare långsammast långsamt lätt lättare lättast enkel enkelt enkla fin
        viktig viktigare viktigast viktigt snabb snabbt sent tidig tidigt länge
        långt ursäkt beslut möjlig möjligt nödvändig nödvändigt""".split()
    ),
}
FILLER: dict[str, frozenset[str]] = {
    "da": frozenset(
        "tak ok okay osv fx evt mvh ved igen kun bare lige hele helt lidt nok altså fik får "
        "gang gange kr så kan må".split()
    ),
    "nb": frozenset(
        "takk ok okei osv mvh ved igjen kun bare hele helt litt nok altså fikk får gang "
        "ganger kr må".split()
    ),
    "sv": frozenset("tack ok okej osv mvh igen bara hela helt lite nog fick får gång kr".split()),
    "en": frozenset("thanks thank ok okay just got get".split()),
}


@cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words of a language ('da', 'nb', 'sv' or 'en')."""
    language = normalise_language(language)
    if language == "en":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        listed = set(ENGLISH_STOP_WORDS)
    else:
        from stop_words import get_stop_words

        listed = set(get_stop_words(_STOP_LIST_NAMES[language]))
    return frozenset((listed - KEEP.get(language, frozenset())) | FILLER[language])


class _Stemmer:
    """A Snowball stemmer with a memory: customers use the same few thousand words."""

    def __init__(self, language: str) -> None:
        import snowballstemmer

        self._stem = snowballstemmer.stemmer(_STEMMER_NAMES[language]).stemWord
        self._seen: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        stem = self._seen.get(word)
        if stem is None:
            stem = self._seen[word] = self._stem(word)
        return stem


@cache
def _stemmer(language: str) -> _Stemmer:
    return _Stemmer(language)


def stem(word: str, language: str) -> str:
    """The Snowball stem of one lower-case word."""
    return _stemmer(normalise_language(language))(word)


def normalise(text: str) -> str:
    """NFC form, lower case, typographic apostrophes straightened."""
    return unicodedata.normalize("NFC", text).lower().replace("’", "'")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order."""
    return WORD.findall(normalise(text))


def clauses(text: str) -> list[list[str]]:
    """The words of each clause (split at punctuation), empty clauses left out."""
    found = (WORD.findall(part) for part in CLAUSE_BREAK.split(normalise(text)))
    return [clause for clause in found if clause]


_FOLD = str.maketrans({"æ": "e", "ä": "e", "ö": "ø"})


def fold(term: str) -> str:
    """One Scandinavian spelling for a stem: æ, ä → e; ö → ø; aa → å."""
    return term.translate(_FOLD).replace("aa", "å")


def comment_terms(text: str, language: str) -> list[tuple[str, str]]:
    """(term, words as written) for each stem and two-stem phrase of a comment.

    Terms repeat as often as they occur; a phrase is the stems of two neighbouring
    content words joined by a space.
    """
    language = normalise_language(language)
    stops = stop_words(language)
    stemmer = _stemmer(language)
    out: list[tuple[str, str]] = []
    for clause in clauses(text):
        content = [
            w for w in clause if w not in stops and len(w) >= MIN_TERM_LENGTH and "'" not in w
        ]
        stems = [fold(stemmer(w)) for w in content]
        out.extend(zip(stems, content, strict=True))
        out.extend(
            (f"{stems[i]} {stems[i + 1]}", f"{content[i]} {content[i + 1]}")
            for i in range(len(content) - 1)
            if stems[i] != stems[i + 1]
        )
    return out
