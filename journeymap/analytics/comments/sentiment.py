"""Sentiment of a comment from word lists, with negation, in [−1, 1] and three classes.

Each word or phrase found in the language's lists (``lexicon``) adds its score (−5…+5);
a phrase (*fungerer ikke*, *kunne vært bedre*) is taken before its words. Then, after
the rules of VADER (Hutto & Gilbert 2014), fixed in advance rather than fitted:

- **Negation**: a negator (*ikke, ikkje, inte, ej, aldrig, aldri, ingen, not, never …*)
  turns the next sentiment word up to ``NEGATION_SCOPE`` words later in the same clause
  into ``NEGATED`` × its score (*ikke god* → −2.25). Scandinavian word order often puts
  the negator after the verb (*likte den ikke*, *gillade det inte*): a negator with no
  sentiment word after it turns the nearest one up to ``NEGATION_SCOPE`` words before it.
  An idiom listed with score 0 (*ikke mindst*, *inte minst*, *not least*) is no negation.
- **Degree**: an intensifier right before a word (*meget, veldig, mycket, very …*)
  multiplies it by ``BOOST``, a softener (*lidt, litt, lite, a bit …*) by ``SOFTEN``.
- **Contrast**: in a sentence with *men*/*but*, the words before count half and the words
  after one and a half times: the clause after *but* is what the customer means.
- Emoticons from AFINN's list count as words.

The sum s becomes s/√(s² + 15) (VADER's normalisation) in [−1, 1]; a comment is
positive at ≥ ``THRESHOLD``, negative at ≤ −``THRESHOLD``, else neutral. The score sits
beside the customer's own 0–10 score; it never replaces it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeymap.analytics.comments.language import normalise_language
from journeymap.analytics.comments.lexicon import MAX_PHRASE, bridge, emoticons, word_lists
from journeymap.analytics.comments.tokens import CLAUSE_BREAK, WORD, normalise, stop_words
from journeymap.i18n import N_

NEGATED = -0.75
NEGATION_SCOPE = 3
BOOST = 1.25
SOFTEN = 0.75
ALPHA = 15.0
THRESHOLD = 0.05
BEFORE_CONTRAST, AFTER_CONTRAST = 0.5, 1.5

NEGATORS = {
    "da": frozenset("ikke ej aldrig ingen intet ingenting hverken uden".split()),
    "nb": frozenset("ikke ikkje aldri ingen inga intet ingenting verken uten".split()),
    "sv": frozenset("inte icke ej aldrig ingen inget inga ingenting varken utan".split()),
    "en": frozenset(
        """not no never none nothing nobody neither nor without cannot don't doesn't
        didn't isn't wasn't aren't weren't won't wouldn't can't couldn't shouldn't
        haven't hasn't hadn't""".split()
    ),
}
INTENSIFIERS = {
    "da": frozenset("meget rigtig virkelig utrolig vildt super helt yderst særdeles".split()),
    "nb": frozenset("veldig meget virkelig utrolig kjempe svært helt ekstremt".split()),
    "sv": frozenset("mycket jätte verkligen otroligt väldigt riktigt extremt helt".split()),
    "en": frozenset("very really extremely incredibly so totally absolutely".split()),
}
SOFTENERS = {
    "da": frozenset("lidt ret temmelig nogenlunde".split()),
    "nb": frozenset("litt ganske nokså".split()),
    "sv": frozenset("lite ganska någorlunda".split()),
    "en": frozenset("slightly somewhat fairly quite bit".split()),
}
CONTRAST = {"da": "men", "nb": "men", "sv": "men", "en": "but"}
LABELS = ("negative", "neutral", "positive")


# The two kinds of disagreement, kept in English and translated where shown (``_(kind)``).
DETRACTOR_POSITIVE = N_("detractor with positive words")
PROMOTER_NEGATIVE = N_("promoter with negative words")


@dataclass(frozen=True)
class Sentiment:
    score: float  # in [−1, 1]
    label: str  # 'negative', 'neutral' or 'positive'
    raw: float  # the sum before normalisation
    hits: int  # words and phrases found in the lists


def label_of(score: float) -> str:
    """The class of a score: positive at ≥ THRESHOLD, negative at ≤ −THRESHOLD."""
    if score >= THRESHOLD:
        return "positive"
    if score <= -THRESHOLD:
        return "negative"
    return "neutral"


def _lookup(word: str, language: str) -> float | None:
    if word in stop_words(language):
        return None
    lists = word_lists(language)
    for word_list in lists:
        found = word_list.lookup(word)
        if found is not None:
            return found
    for candidate in bridge(word, language):
        for word_list in lists[1:]:
            found = word_list.lookup(candidate)
            if found is not None:
                return found
    return None


def _phrase(words: list[str], start: int, language: str) -> tuple[int, float] | None:
    for length in range(min(MAX_PHRASE, len(words) - start), 1, -1):
        key = tuple(words[start : start + length])
        for word_list in word_lists(language):
            if key in word_list.phrases:
                return length, word_list.phrases[key]
    return None


def _clause_hits(words: list[str], language: str) -> list[tuple[int, float]]:
    """(position, score) of each sentiment word or phrase, negation and degree applied."""
    hits: list[tuple[int, float]] = []
    negators: list[int] = []
    i = 0
    while i < len(words):
        phrase = _phrase(words, i, language)
        if phrase is not None:
            length, score = phrase
            if score:
                hits.append((i + length - 1, score))
            i += length
            continue
        word = words[i]
        if word in NEGATORS[language]:
            negators.append(i)
        else:
            found = _lookup(word, language)
            if found:
                if i and words[i - 1] in INTENSIFIERS[language]:
                    found *= BOOST
                elif i and words[i - 1] in SOFTENERS[language]:
                    found *= SOFTEN
                hits.append((i, found))
        i += 1
    negated: set[int] = set()
    for q in negators:
        after = [n for n, (p, _) in enumerate(hits) if q < p <= q + NEGATION_SCOPE]
        before = [n for n, (p, _) in enumerate(hits) if q - NEGATION_SCOPE <= p < q]
        if after:
            negated.add(after[0])
        elif before and language != "en":
            negated.add(before[-1])
    return [(p, s * NEGATED if n in negated else s) for n, (p, s) in enumerate(hits)]


def _sentence_sum(text: str, language: str) -> tuple[float, int]:
    contrast = CONTRAST[language]
    total, found = 0.0, 0
    for sentence in re.split(r"[.!?\n]+", text):
        parts = [WORD.findall(part) for part in CLAUSE_BREAK.split(sentence)]
        flat = [w for part in parts for w in part]
        pivot = flat.index(contrast) if contrast in flat else None
        offset = 0
        for part in parts:
            for position, score in _clause_hits(part, language):
                weight = 1.0
                if pivot is not None:
                    weight = BEFORE_CONTRAST if offset + position < pivot else AFTER_CONTRAST
                total += weight * score
                found += 1
            offset += len(part)
    return total, found


def comment_sentiment(text: str, language: str) -> Sentiment:
    """The sentiment of one comment written in ``language``."""
    language = normalise_language(language)
    clean = normalise(text)
    icons = emoticons()
    total, found = _sentence_sum(clean, language)
    for piece in text.split():
        if piece in icons:
            total += icons[piece]
            found += 1
    score = total / math.sqrt(total * total + ALPHA) if total else 0.0
    return Sentiment(score=score, label=label_of(score), raw=total, hits=found)


def comment_sentiments(texts: Sequence[str], languages: Sequence[str]) -> list[Sentiment]:
    """The sentiment of each comment; identical comments are scored once."""
    seen: dict[tuple[str, str], Sentiment] = {}
    out = []
    for text, language in zip(texts, languages, strict=True):
        key = (text, language)
        found = seen.get(key)
        if found is None:
            found = seen[key] = comment_sentiment(text, language)
        out.append(found)
    return out


@dataclass(frozen=True)
class Disagreement:
    position: int
    score: int  # the customer's 0–10
    sentiment: float
    kind: str  # 'detractor with positive words' or 'promoter with negative words'


def disagreements(
    sentiments: Sequence[Sentiment],
    scores: Sequence[int | None],
    *,
    min_strength: float = 0.3,
) -> list[Disagreement]:
    """Comments whose words and score disagree, the strongest first.

    A detractor (0–6) whose words score at least ``min_strength``, or a promoter (9–10)
    whose words score at most −``min_strength``; passives and comments without a score
    never disagree. Ties keep the input order.
    """
    found = []
    for position, (sentiment, score) in enumerate(zip(sentiments, scores, strict=True)):
        if score is None:
            continue
        if score <= 6 and sentiment.score >= min_strength:
            found.append(Disagreement(position, int(score), sentiment.score, DETRACTOR_POSITIVE))
        elif score >= 9 and sentiment.score <= -min_strength:
            found.append(Disagreement(position, int(score), sentiment.score, PROMOTER_NEGATIVE))
    return sorted(found, key=lambda d: (-abs(d.sentiment), d.position))


def sentiment_by_score_group(
    sentiments: Sequence[Sentiment], scores: Sequence[int | None]
) -> dict[str, dict[str, int]]:
    """How many comments of each score group (detractor/passive/promoter) are negative,
    neutral or positive: the distribution shown beside the score, never instead of it."""
    table = {group: dict.fromkeys(LABELS, 0) for group in ("detractor", "passive", "promoter")}
    for sentiment, score in zip(sentiments, scores, strict=True):
        if score is None:
            continue
        group = "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"
        table[group][sentiment.label] += 1
    return table
