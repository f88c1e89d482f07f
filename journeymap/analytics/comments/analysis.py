"""One journey's comments analysed together: language, sentiment and keyed themes.

**Language.** Each comment is guessed on its own (``language.guess_language``). A
comment too short or too mixed to tell takes its survey's language: the language most
of that survey's (its ``source``'s) comments are confidently written in, else the
journey's (most of all its confident comments), else English. A survey whose language a
person set (an override) takes that language for every one of its comments.

**Themes** are found over all the journey's comments (``themes.find_themes``, seeded),
then keyed as the themes of the previous computation they continue
(``theme_edits.carry_keys``), so that a person's edits, which name themes by key, mean
the same themes next month. Touchpoints, locations, segments and periods are views of
these themes (``theme_views.restrict``), not themes of their own: a theme renamed for
the whole journey is renamed wherever it shows.

The records below are what a store keeps of an analysis and of the edit log: plain
dicts of strings and numbers, turned back into the same themes and edits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from journeymap.analytics.comments.language import guess_language, normalise_language
from journeymap.analytics.comments.sentiment import comment_sentiments
from journeymap.analytics.comments.theme_edits import (
    Edit,
    Hide,
    Merge,
    Move,
    Rename,
    Show,
    Split,
    carry_keys,
)
from journeymap.analytics.comments.themes import EXAMPLES, OTHER, Theme, ThemeResult, find_themes

# Changed whenever the analysis gives other answers for the same comments, so that an
# analysis kept from an older version is done again.
METHOD = "1"
DEFAULT_LANGUAGE = "en"
SEED = 0


@dataclass(frozen=True)
class CommentAnalysis:
    """Per comment its language and sentiment score, and the keyed machine themes."""

    ids: tuple[str, ...]
    languages: tuple[str, ...]
    sentiments: tuple[float, ...]  # in [−1, 1]
    result: ThemeResult


def _majority(languages: Iterable[str]) -> str | None:
    counts = Counter(languages)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def comment_languages(
    texts: Sequence[str],
    sources: Sequence[str],
    overrides: Mapping[str, str] | None = None,
) -> list[str]:
    """Each comment's language by the rules of the module."""
    if len(texts) != len(sources):
        raise ValueError("every comment needs its survey")
    overrides = {s: normalise_language(lang) for s, lang in (overrides or {}).items()}
    guesses: dict[str, tuple[str, bool]] = {}
    for text in texts:
        if text not in guesses:
            guess = guess_language(text, DEFAULT_LANGUAGE)
            guesses[text] = (guess.language, guess.fallback)
    confident: dict[str, list[str]] = {}
    for text, source in zip(texts, sources, strict=True):
        language, fallback = guesses[text]
        if not fallback and source not in overrides:
            confident.setdefault(source, []).append(language)
    journey = _majority(lang for langs in confident.values() for lang in langs)
    survey = {source: _majority(langs) for source, langs in confident.items()}
    out = []
    for text, source in zip(texts, sources, strict=True):
        if source in overrides:
            out.append(overrides[source])
            continue
        language, fallback = guesses[text]
        out.append((survey.get(source) or journey or DEFAULT_LANGUAGE) if fallback else language)
    return out


def analyse_comments(
    ids: Sequence[str],
    texts: Sequence[str],
    sources: Sequence[str],
    *,
    overrides: Mapping[str, str] | None = None,
    previous: Sequence[Theme] = (),
    reserved: Iterable[str] = (),
    seed: int = SEED,
) -> CommentAnalysis:
    """Languages, sentiment and themes of the comments, keyed as ``previous``.

    ``reserved``: keys a machine theme must not take (those the edits gave new themes).
    """
    languages = comment_languages(texts, sources, overrides)
    sentiments = comment_sentiments(texts, languages)
    found = find_themes(texts, languages, ids=ids, seed=seed)
    keyed = carry_keys(found, previous, reserved=reserved)
    return CommentAnalysis(
        ids=tuple(str(i) for i in ids),
        languages=tuple(languages),
        sentiments=tuple(s.score for s in sentiments),
        result=keyed,
    )


def theme_record(theme: Theme) -> dict[str, Any]:
    """What is kept of a machine theme: members and examples follow from the assignment."""
    return {
        "key": theme.key,
        "label": theme.label,
        "keywords": list(theme.keywords),
        "terms": [[term, round(weight, 6)] for term, weight in theme.terms],
    }


def result_from_records(
    ids: Sequence[str],
    assignment: Sequence[str],
    strength: Sequence[float],
    records: Sequence[Mapping[str, Any]],
    texts: Sequence[str],
    *,
    seed: int = SEED,
    rule: str = "",
) -> ThemeResult:
    """The keyed machine themes as :func:`analyse_comments` found them, from records."""
    members: dict[str, list[int]] = {}
    for position, key in enumerate(assignment):
        members.setdefault(key, []).append(position)
    themes = []
    for record in records:
        key = str(record["key"])
        own = members.get(key, [])
        themes.append(
            Theme(
                key=key,
                label=str(record["label"]),
                keywords=tuple(str(k) for k in record["keywords"]),
                terms=tuple((str(t), float(w)) for t, w in record["terms"]),
                members=tuple(own),
                examples=strongest(own, strength, texts),
            )
        )
    known = {t.key for t in themes}
    return ThemeResult(
        comment_ids=tuple(str(i) for i in ids),
        assignment=tuple(a if a in known else OTHER for a in assignment),
        strength=tuple(float(s) for s in strength),
        themes=tuple(themes),
        seed=seed,
        n_themes_chosen=rule,
    )


def strongest(
    positions: Sequence[int], strength: Sequence[float], texts: Sequence[str]
) -> tuple[int, ...]:
    """The members that show a theme best: the strongest, one per distinct text."""
    chosen: list[int] = []
    seen: set[str] = set()
    for p in sorted(positions, key=lambda p: (-strength[p], p)):
        if texts[p] not in seen:
            seen.add(texts[p])
            chosen.append(p)
        if len(chosen) == EXAMPLES:
            break
    return tuple(chosen)


EDIT_KINDS = ("rename", "merge", "split", "hide", "show", "move")


def edit_record(edit: Edit) -> tuple[str, dict[str, Any]]:
    """(kind, body) of an edit, as the edit log keeps it."""
    if isinstance(edit, Rename):
        return "rename", {"theme": edit.theme, "label": edit.label}
    if isinstance(edit, Merge):
        return "merge", {"source": edit.source, "target": edit.target}
    if isinstance(edit, Split):
        return "split", {
            "theme": edit.theme,
            "new_key": edit.new_key,
            "label": edit.label,
            "keywords": list(edit.keywords),
        }
    if isinstance(edit, Hide):
        return "hide", {"theme": edit.theme}
    if isinstance(edit, Show):
        return "show", {"theme": edit.theme}
    return "move", {"comment_id": edit.comment_id, "theme": edit.theme}


def edit_from_record(kind: str, body: Mapping[str, Any]) -> Edit:
    """The edit a log entry holds; ValueError for a kind this version does not know."""
    if kind == "rename":
        return Rename(str(body["theme"]), str(body["label"]))
    if kind == "merge":
        return Merge(str(body["source"]), str(body["target"]))
    if kind == "split":
        return Split(
            str(body["theme"]),
            str(body["new_key"]),
            str(body["label"]),
            tuple(str(k) for k in body["keywords"]),
        )
    if kind == "hide":
        return Hide(str(body["theme"]))
    if kind == "show":
        return Show(str(body["theme"]))
    if kind == "move":
        return Move(str(body["comment_id"]), str(body["theme"]))
    raise ValueError(f"'{kind}' is not a kind of theme edit: use {', '.join(EDIT_KINDS)}")


def split_keys(edits: Iterable[Edit]) -> set[str]:
    """The keys the edits gave to themes split out of others."""
    return {e.new_key for e in edits if isinstance(e, Split)}


def next_theme_key(taken: Iterable[str]) -> str:
    """A key no theme has had: t and one more than the highest number taken."""
    numbers = [int(k[1:]) for k in taken if k[:1] == "t" and k[1:].isdigit()]
    return f"t{max(numbers, default=0) + 1}"
