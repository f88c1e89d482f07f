"""Which language a comment is written in: Danish, Norwegian bokmål, Swedish or English.

py3langid (BSD-3-Clause; a Naive Bayes model over byte n-grams that ships in its wheel)
ranks the four languages; its Norwegian classes ``no`` and ``nn`` count as ``nb``.

Danish and Norwegian bokmål share most of their written words, and the model often
confuses them on a short comment ("Rådgiveren var hyggelig og hjelpsom" comes out Danish).
Spellings that only one of the two uses in everyday writing (``MARKERS``: *hjælp*/*hjelp*,
*mig*/*meg*, *af*/*av*, *-hed*/*-het* …) then decide between them: each marker adds
``MARKER_WEIGHT`` to the log-odds of its language. Markers never move a comment to or
from Swedish or English.

A comment shorter than ``MIN_WORDS`` words without a marker, or whose best language has a
probability below ``MIN_CONFIDENCE``, is too short or too mixed to tell: it takes the
caller's default — the survey's or the journey's language. An override (the person
knows the survey's language) wins over everything.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from journeymap.i18n import _

LANGUAGES = ("da", "nb", "sv", "en")
ALIASES = {
    "da": "da",
    "dan": "da",
    "nb": "nb",
    "no": "nb",
    "nn": "nb",
    "nob": "nb",
    "nor": "nb",
    "sv": "sv",
    "swe": "sv",
    "en": "en",
    "eng": "en",
}
MIN_WORDS = 3
MIN_CONFIDENCE = 0.6
MARKER_WEIGHT = math.log(9.0)  # one marker alone turns an even da/nb call into 90 %

_MODEL_CLASSES = {"da": "da", "no": "nb", "nn": "nb", "sv": "sv", "en": "en"}
_WORD = re.compile(r"[^\W\d_]+")

# Everyday spellings that differ between Danish and Norwegian bokmål (pairs where one
# language writes the word and the other a different form of it).
MARKERS: dict[str, frozenset[str]] = {
    "da": frozenset(
        """af efter hvad mig dig sig nogen noget nogle meget blev fik gik tak mere ud op
        nej vej hjælp hjælpe hjælper hjælpsom hjælpsomme venlig venlige venligt rigtig
        rigtigt købe købt købte spørgsmål medarbejder medarbejderen medarbejdere
        medarbejderne lidt uden jer jeres vores nu fejl fejlen tilbage måske altid sige
        sagde spurgte gerne ringede dejlig dejligt hej penge pengene igen læse læst sød
        søde ventede hjemmeside hjemmesiden svært""".split()
    ),
    "nb": frozenset(
        """av etter hva meg deg seg noen noe mye ble fikk gikk takk mer ut opp nei vei
        hjelp hjelpe hjelper hjelpsom hjelpsomme vennlig vennlige vennligst riktig
        riktige kjøpe kjøpt kjøpte spørsmål medarbeider medarbeideren medarbeidere
        medarbeiderne litt uten dere nå feil feilen tilbake kanskje alltid aldri si sa
        spurte gjerne ringte deilig hei penger pengene igjen lese lest søt søte veldig
        fornøyd misfornøyd ikkje kva eg greit grei bra nettside nettsiden vanskelig
        skjedde skjer kjempe kjempebra""".split()
    ),
}
_SUFFIXES = {"da": ("hed", "heden", "heder"), "nb": ("het", "heten", "heter")}


def normalise_language(code: str) -> str:
    """'da', 'nb', 'sv' or 'en' for a language code; Norwegian codes all become 'nb'."""
    found = ALIASES.get(code.strip().lower())
    if found is None:
        raise ValueError(
            _(
                "the language '{code}' is not one of Danish (da), Norwegian (nb), Swedish (sv) "
                "or English (en)"
            ).format(code=code)
        )
    return found


@dataclass(frozen=True)
class LanguageGuess:
    language: str
    confidence: float
    fallback: bool  # True when the comment was too short or too mixed and took the default


@lru_cache(maxsize=1)
def _identifier() -> Any:  # py3langid has no type hints
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_MODEL_CLASSES))
    return identifier


def _marker_counts(words: list[str]) -> dict[str, int]:
    counts = {"da": 0, "nb": 0}
    for word in words:
        for language in counts:
            if word in MARKERS[language] or (len(word) > 6 and word.endswith(_SUFFIXES[language])):
                counts[language] += 1
    return counts


def _probabilities(text: str) -> dict[str, float]:
    probabilities = dict.fromkeys(LANGUAGES, 0.0)
    for model_class, probability in _identifier().rank(text):
        probabilities[_MODEL_CLASSES[model_class]] += probability
    return probabilities


def guess_language(text: str, default: str, override: str | None = None) -> LanguageGuess:
    """The comment's language with its probability; see the module's rules."""
    if override:
        return LanguageGuess(normalise_language(override), 1.0, fallback=False)
    fallback = normalise_language(default)
    words = _WORD.findall(text.lower())
    if not words:
        return LanguageGuess(fallback, 0.0, fallback=True)
    probabilities = _probabilities(text)
    markers = _marker_counts(words)
    best = max(LANGUAGES, key=lambda lang: (probabilities[lang], -LANGUAGES.index(lang)))
    if best in ("da", "nb") and (markers["da"] or markers["nb"]):
        pair = probabilities["da"] + probabilities["nb"]
        floor = 1e-9
        log_odds = math.log(max(probabilities["da"], floor) / max(probabilities["nb"], floor))
        log_odds += MARKER_WEIGHT * (markers["da"] - markers["nb"])
        share_da = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds))))
        probabilities["da"], probabilities["nb"] = pair * share_da, pair * (1 - share_da)
        best = "da" if share_da >= 0.5 else "nb"
    confidence = probabilities[best]
    has_marker = markers["da"] + markers["nb"] > 0 and best in ("da", "nb")
    if (len(words) < MIN_WORDS and not has_marker) or confidence < MIN_CONFIDENCE:
        return LanguageGuess(fallback, confidence, fallback=True)
    return LanguageGuess(best, confidence, fallback=False)


def detect_language(text: str, default: str, override: str | None = None) -> str:
    """'da', 'nb', 'sv' or 'en' for one comment."""
    return guess_language(text, default, override).language


def detect_languages(texts: Sequence[str], default: str, override: str | None = None) -> list[str]:
    """The language of each comment; identical comments are looked at once."""
    if override:
        return [normalise_language(override)] * len(texts)
    seen: dict[str, str] = {}
    out = []
    for text in texts:
        language = seen.get(text)
        if language is None:
            language = seen[text] = detect_language(text, default)
        out.append(language)
    return out
