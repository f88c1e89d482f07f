"""A person stays in charge: edits to themes, kept when themes are computed again.

Edits are an ordered log — rename, merge, split, hide, show, move a comment — replayed
on every computation (``apply_edits``). For the log to mean the same themes next time,
the new machine-found themes first take the keys of the previous run's machine-found
themes they resemble (``carry_keys``): the cosine similarity of their centroids (each
theme's terms with weights, unit length), paired one to one by the Hungarian method
(scipy's ``linear_sum_assignment``), a pair counting only at ``MIN_SIMILARITY`` or more.
A new theme without a partner gets a key never used before. So a theme renamed
"Ventetid ved skranken" keeps that name after a month of new comments, a merged pair
stays merged, a hidden theme stays hidden, a moved comment stays where it was put.

An edit that no longer applies (its theme was not found again) changes nothing and is
named in ``ThemeResult.unapplied``, so nothing a person decided disappears unseen. A
move of a comment that is not among the comments themed (another touchpoint, another
period) is simply not needed there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from journeymap.analytics.comments.themes import EXAMPLES, KEYWORDS, OTHER, Theme, ThemeResult
from journeymap.analytics.comments.tokens import comment_terms
from journeymap.i18n import _

MIN_SIMILARITY = 0.3


@dataclass(frozen=True)
class Rename:
    theme: str
    label: str


@dataclass(frozen=True)
class Merge:
    source: str
    target: str


@dataclass(frozen=True)
class Split:
    """Members of ``theme`` that use one of ``keywords`` become the theme ``new_key``."""

    theme: str
    new_key: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Hide:
    theme: str


@dataclass(frozen=True)
class Show:
    theme: str


@dataclass(frozen=True)
class Move:
    comment_id: str
    theme: str  # a theme key or OTHER


Edit = Rename | Merge | Split | Hide | Show | Move


def similarity(a: Theme, b: Theme) -> float:
    """Cosine of two themes' centroids (their terms are unit-length already)."""
    weights = dict(a.terms)
    return float(sum(weights.get(term, 0.0) * w for term, w in b.terms))


def match_themes(
    previous: Sequence[Theme], new: Sequence[Theme], *, min_similarity: float = MIN_SIMILARITY
) -> dict[str, str]:
    """New theme key → the previous theme key it continues, one to one."""
    if not previous or not new:
        return {}
    from scipy.optimize import linear_sum_assignment

    table = np.array([[similarity(p, n) for p in previous] for n in new])
    rows, columns = linear_sum_assignment(-table)
    return {
        new[r].key: previous[c].key
        for r, c in zip(rows, columns, strict=True)
        if table[r, c] >= min_similarity
    }


def _number(key: str) -> int:
    return int(key[1:]) if key[:1] == "t" and key[1:].isdigit() else 0


def carry_keys(
    new: ThemeResult, previous: Sequence[Theme], *, reserved: Iterable[str] = ()
) -> ThemeResult:
    """``new`` with each theme keyed as the previous theme it continues (see the module)."""
    matched = match_themes(previous, new.themes)
    taken = {t.key for t in previous} | set(reserved)
    next_number = max((_number(k) for k in taken), default=0) + 1
    key_of: dict[str, str] = {}
    for theme in new.themes:
        if theme.key in matched:
            key_of[theme.key] = matched[theme.key]
        else:
            key_of[theme.key] = f"t{next_number}"
            next_number += 1
    return replace(
        new,
        themes=tuple(replace(t, key=key_of[t.key]) for t in new.themes),
        assignment=tuple(key_of.get(a, a) for a in new.assignment),
    )


def _edit_keys(edits: Iterable[Edit]) -> set[str]:
    return {e.new_key for e in edits if isinstance(e, Split)}


class _Replay:
    """The themes while the log is replayed; frozen again by ``result``."""

    def __init__(self, result: ThemeResult, texts: Sequence[str], languages: Sequence[str]):
        self.base = result
        self.texts, self.languages = texts, languages
        self.assignment = list(result.assignment)
        self.themes = {t.key: t for t in result.themes}
        self.order = [t.key for t in result.themes]
        self.position = {cid: i for i, cid in enumerate(result.comment_ids)}
        self.hidden: set[str] = {t.key for t in result.themes if t.hidden}
        self.unapplied: list[str] = list(result.unapplied)

    def missing(self, sentence: str, key: str, **names: str) -> bool:
        """Notes the edit as unapplied when the theme ``key`` is gone; ``sentence`` says
        which edit, with {key} and the ``names`` in it."""
        if key in self.themes:
            return False
        self.unapplied.append(sentence.format(key=key, **names))
        return True

    def apply(self, edit: Edit) -> None:  # noqa: C901 - one branch per kind of edit
        if isinstance(edit, Rename):
            renaming = _(
                "Renaming {theme} to '{label}': the theme {key} was not found in these comments"
            )
            if not self.missing(renaming, edit.theme, theme=edit.theme, label=edit.label):
                self.themes[edit.theme] = replace(
                    self.themes[edit.theme], label=edit.label, renamed=True
                )
        elif isinstance(edit, Merge):
            merging = _(
                "Merging {source} into {target}: the theme {key} was not found in these comments"
            )
            names = {"source": edit.source, "target": edit.target}
            if edit.source == edit.target or self.missing(merging, edit.source, **names):
                return
            if self.missing(merging, edit.target, **names):
                return
            self._merge(edit.source, edit.target)
        elif isinstance(edit, Split):
            splitting = _(
                "Splitting '{label}' out of {theme}: the theme {key} was not found in these "
                "comments"
            )
            if self.missing(splitting, edit.theme, label=edit.label, theme=edit.theme):
                return
            if edit.new_key in self.themes:
                self.unapplied.append(
                    _("Splitting '{label}' out of {theme}: the key {key} is taken").format(
                        label=edit.label, theme=edit.theme, key=edit.new_key
                    )
                )
                return
            self._split(edit)
        elif isinstance(edit, Hide | Show):
            showing = (
                _("Hiding {theme}: the theme {key} was not found in these comments")
                if isinstance(edit, Hide)
                else _("Showing {theme}: the theme {key} was not found in these comments")
            )
            if not self.missing(showing, edit.theme, theme=edit.theme):
                (self.hidden.add if isinstance(edit, Hide) else self.hidden.discard)(edit.theme)
        elif isinstance(edit, Move):
            position = self.position.get(edit.comment_id)
            if position is None:
                return
            moving = _(
                "Moving comment {comment} to {theme}: the theme {key} was not found in these "
                "comments"
            )
            if edit.theme != OTHER and self.missing(
                moving, edit.theme, comment=edit.comment_id, theme=edit.theme
            ):
                return
            self.assignment[position] = edit.theme

    def _merge(self, source: str, target: str) -> None:
        self.assignment = [target if a == source else a for a in self.assignment]
        gone, into = self.themes.pop(source), self.themes[target]
        self.order.remove(source)
        self.hidden.discard(source)
        self.themes[target] = replace(
            into,
            keywords=tuple(dict.fromkeys(into.keywords + gone.keywords))[:KEYWORDS],
            merged_from=into.merged_from + (source,) + gone.merged_from,
        )

    def _split(self, edit: Split) -> None:
        wanted = {language: _keyword_terms(edit.keywords, language) for language in self.languages}
        for position, key in enumerate(self.assignment):
            if key != edit.theme:
                continue
            language = self.languages[position]
            terms = {t for t, _ in comment_terms(self.texts[position], language)}
            if any(needed <= terms for needed in wanted[language]):
                self.assignment[position] = edit.new_key
        self.themes[edit.new_key] = Theme(
            key=edit.new_key,
            label=edit.label,
            keywords=tuple(edit.keywords)[:KEYWORDS],
            terms=(),
            members=(),
            examples=(),
            split_from=edit.theme,
        )
        self.order.insert(self.order.index(edit.theme) + 1, edit.new_key)

    def result(self) -> ThemeResult:
        strength = self.base.strength
        members: dict[str, list[int]] = {}
        for position, key in enumerate(self.assignment):
            members.setdefault(key, []).append(position)
        themes = []
        for key in self.order:
            own = members.get(key, [])
            themes.append(
                replace(
                    self.themes[key],
                    members=tuple(own),
                    examples=_examples(own, strength, self.texts),
                    hidden=key in self.hidden,
                )
            )
        assignment = tuple(OTHER if a in self.hidden else a for a in self.assignment)
        return replace(
            self.base, assignment=assignment, themes=tuple(themes), unapplied=tuple(self.unapplied)
        )


def _keyword_terms(keywords: Sequence[str], language: str) -> list[set[str]]:
    """What a comment must use to match each keyword: its stem, or all of a phrase's
    two-stem phrases (*lang ventetid* matches that phrase, not every *lang*)."""
    out = []
    for keyword in keywords:
        terms = [t for t, _ in comment_terms(keyword, language)]
        phrases = {t for t in terms if " " in t}
        needed = phrases or set(terms)
        if needed:
            out.append(needed)
    return out


def _examples(
    positions: list[int], strength: Sequence[float], texts: Sequence[str]
) -> tuple[int, ...]:
    chosen: list[int] = []
    seen: set[str] = set()
    for p in sorted(positions, key=lambda p: (-strength[p], p)):
        if texts[p] not in seen:
            seen.add(texts[p])
            chosen.append(p)
        if len(chosen) == EXAMPLES:
            break
    return tuple(chosen)


def apply_edits(
    result: ThemeResult, edits: Sequence[Edit], texts: Sequence[str], languages: Sequence[str]
) -> ThemeResult:
    """The themes after a person's edits, replayed in order."""
    if len(texts) != len(result.comment_ids) or len(languages) != len(texts):
        raise ValueError("every themed comment needs its text and language")
    replay = _Replay(result, texts, languages)
    for edit in edits:
        replay.apply(edit)
    return replay.result()


def recompute_with_edits(
    new: ThemeResult,
    previous: Sequence[Theme],
    edits: Sequence[Edit],
    texts: Sequence[str],
    languages: Sequence[str],
) -> tuple[ThemeResult, ThemeResult]:
    """Newly computed themes keyed as before, and the same with the person's edits.

    ``previous`` are the machine-found themes of the last run as keyed then — the first
    of the two results is what to keep for next time — not the edited ones: a
    merged-away theme must still be recognised to be merged again.
    """
    keyed = carry_keys(new, previous, reserved=_edit_keys(edits))
    return keyed, apply_edits(keyed, edits, texts, languages)
