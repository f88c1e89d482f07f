"""Sentiment word lists per language, read once from data that ships with the packages.

- **AFINN** (Finn Årup Nielsen, DTU): the Danish list AFINN-da-32 and the English
  AFINN-en-165, words and phrases scored −5…+5, and the emoticon list AFINN-emoticon-8,
  in ``data/afinn/`` beside this module, unmodified, under the Open Database License 1.0
  (its text is there too; it allows commercial use). They were once read from the
  ``afinn`` package, whose only release declares its code GPL: shipping the lists
  ourselves keeps a GPL package out of an MIT tool's dependencies.
- **service_words.tsv** beside this module: words customers use to judge a service
  (*hjelpsom*, *otrevlig*, *kunne vært bedre* …) in all four languages, written for this
  project on the same scale. It is the only list for Swedish and Norwegian words that
  AFINN lacks; its entries win over AFINN's.

There is no Norwegian or Swedish AFINN list in the package. For those languages a word
that is not in the service list is looked up in the Danish AFINN list through regular
spelling correspondences instead of a translation (``bridge``): Norwegian *øy, ei, kj,
-het*, a doubled final consonant and a final *p/t/k* after a vowel against Danish *øj,
ej, k, -hed*, a single one and *b/d/g* (*svak* → *svag*, *takk* → *tak*, *kjedelig* →
*kedelig*); Swedish *ä, ö, -het* against *æ, ø, -hed*.

A word is found as written; in the service list also by its Snowball stem (the stems
of entries that agree in sign, averaged), since that list names base forms only. AFINN
lists every inflected form it scores, and a stem there would match unrelated words
(Danish *være* and *værelse* share the stem *vær*), so AFINN is matched as written — also
through the bridge. Stop words are never looked up.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from journeymap.analytics.comments.language import normalise_language
from journeymap.analytics.comments.tokens import stem

SERVICE_WORDS = Path(__file__).with_name("data") / "service_words.tsv"
AFINN_FOLDER = Path(__file__).with_name("data") / "afinn"
AFINN_FILES = {"da": "AFINN-da-32.txt", "en": "AFINN-en-165.txt"}
EMOTICON_FILE = "AFINN-emoticon-8.txt"
MAX_PHRASE = 4


def _read_afinn(name: str) -> dict[str, float]:
    entries: dict[str, float] = {}
    with (AFINN_FOLDER / name).open(encoding="utf-8") as handle:
        for line in handle:
            word, _, score = line.rstrip("\n").rpartition("\t")
            if word:
                entries[word.strip().lower()] = float(score)
    return entries


def _read_service_words() -> dict[str, dict[str, float]]:
    by_language: dict[str, dict[str, float]] = {lang: {} for lang in ("da", "nb", "sv", "en")}
    with SERVICE_WORDS.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            by_language[row["language"]][row["word"]] = float(row["score"])
    return by_language


@dataclass(frozen=True)
class WordList:
    """One language's entries: single words, their stems, and phrases of 2–4 words."""

    language: str
    words: dict[str, float]
    stems: dict[str, float]  # empty where entries are matched as written only
    phrases: dict[tuple[str, ...], float]

    def lookup(self, word: str) -> float | None:
        found = self.words.get(word)
        if found is None and self.stems:
            found = self.stems.get(stem(word, self.language))
        return found


def _word_list(language: str, entries: dict[str, float], *, by_stem: bool) -> WordList:
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    scores_by_stem: dict[str, list[float]] = {}
    for entry, score in entries.items():
        parts = tuple(entry.split())
        if len(parts) == 1:
            words[entry] = score
            if score and by_stem:
                scores_by_stem.setdefault(stem(entry, language), []).append(score)
        elif 1 < len(parts) <= MAX_PHRASE:
            phrases[parts] = score
    stems = {
        s: sum(scores) / len(scores)
        for s, scores in scores_by_stem.items()
        if all(v > 0 for v in scores) or all(v < 0 for v in scores)
    }
    return WordList(language, words, stems, phrases)


@cache
def word_lists(language: str) -> tuple[WordList, ...]:
    """The lists a language's words are looked up in, first match wins."""
    language = normalise_language(language)
    service = _read_service_words()
    lists = [_word_list(language, service[language], by_stem=True)]
    afinn_language = language if language in AFINN_FILES else "da"
    lists.append(
        _word_list(afinn_language, _read_afinn(AFINN_FILES[afinn_language]), by_stem=False)
    )
    return tuple(lists)


@lru_cache(maxsize=1)
def emoticons() -> dict[str, float]:
    return _read_afinn(EMOTICON_FILE)


_HARD_TO_SOFT = {"k": "g", "t": "d", "p": "b"}
_VOWELS = frozenset("aeiouyæøå")
_ENDINGS = (("heten", "heden"), ("het", "hed"))


def _ending(word: str) -> str:
    for old, new in _ENDINGS:
        if word.endswith(old):
            return word[: -len(old)] + new
    return word


def bridge(word: str, language: str) -> list[str]:
    """Danish spellings to try for a Norwegian or Swedish word (see the module)."""
    if len(word) < 3 or language not in ("nb", "sv"):
        return []
    if language == "sv":
        respelt = _ending(word.replace("ä", "æ").replace("ö", "ø"))
        return [respelt] if respelt != word else []
    respelt = _ending(word.replace("øy", "øj").replace("ei", "ej").replace("kj", "k"))
    if respelt[-1] == respelt[-2] and respelt[-1] not in _VOWELS:
        respelt = respelt[:-1]  # takk → tak, gikk → gik
    elif respelt[-1] in _HARD_TO_SOFT and respelt[-2] in _VOWELS:
        respelt = respelt[:-1] + _HARD_TO_SOFT[respelt[-1]]  # svak → svag, søt → sød
    return [respelt] if respelt != word else []
