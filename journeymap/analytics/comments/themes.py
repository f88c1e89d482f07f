"""Themes in customers' comments: TF-IDF over stems, factorised by NMF, named by phrases.

The method, deterministic for a given seed:

1. Each comment becomes its terms in its own language (``tokens.comment_terms``): stems
   of the words that are not stop words, in one Scandinavian spelling, and two-stem
   phrases. Identical comments in the same language are analysed once.
2. TF-IDF (sublinear term frequency, smooth idf, each comment scaled to length 1) over
   the single-stem terms that occur in at least ``min_df`` comments (by default 2, or one
   in a thousand comments if that is more) and in at most ``MAX_DF`` of them. Phrases
   name themes (step 6) but do not shape them: on short comments they split one cause
   into as many themes as there are ways to say it.
3. Non-negative matrix factorisation (scikit-learn's NMF, coordinate descent, NNDSVDa
   start seeded with ``seed``) splits the comments × terms matrix into comments × themes
   (W) and themes × terms (H). Themes are learnt on a seeded sample of at most
   ``FIT_SAMPLE`` comments (a text written n times is one row scaled by √n, the same
   squared error); every comment is then placed by ``NMF.transform``.
4. **How many themes.** Unless the caller fixes it: one theme per
   ``COMMENTS_PER_THEME`` comments, at least 2 and at most ``max_themes`` (12), and never
   more than there are terms. Too many themes cost a person a merge; too few hide a
   cause inside another, which nobody sees. (Choosing k by NPMI coherence was tried on
   generated comments and swung between 3 and 10 themes from one draw to the next.)
5. **Assignment.** A comment's strength on theme t is W[c, t]·‖H[t]‖, the length of the
   part of the (unit-length) comment that theme t explains. It belongs to the strongest
   theme if that strength is at least ``MIN_STRENGTH``, else to ``OTHER``.
6. **Labels.** A theme's key phrases are the two-stem phrases that at least
   ``PHRASE_SHARE`` of its members use and whose both stems are among its
   ``PHRASE_TERMS`` strongest terms, most used first. Its label is its key phrase built on
   its strongest term (else its strongest term), then the next strongest term or phrase
   that adds a word — all shown as the words customers wrote (the most frequent way each
   stem or phrase was written). Examples are the members with the highest strength.

Themes are numbered t1, t2, … by size; ``theme_edits`` keeps keys stable across runs.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from sklearn.decomposition import NMF

from journeymap.analytics.comments.language import normalise_language
from journeymap.analytics.comments.tokens import comment_terms
from journeymap.i18n import _, ngettext
from journeymap.i18n import formatting as fmt

OTHER = "other"
FIT_SAMPLE = 20_000
COMMENTS_PER_THEME = 25
MAX_THEMES = 12
MAX_DF = 0.5
MIN_STRENGTH = 0.1
PHRASE_SHARE = 0.1
PHRASE_TERMS = 6
KEYWORD_USERS = 0.05  # a strong term that fewer than this share of members use is noise
KEYWORDS = 10
EXAMPLES = 3
CENTROID_TERMS = 30
TRANSFORM_CHUNK = 50_000


@dataclass(frozen=True)
class Theme:
    """One theme: machine-found, or as a person's edits left it."""

    key: str
    label: str
    keywords: tuple[str, ...]  # as customers wrote them, strongest first
    terms: tuple[tuple[str, float], ...]  # stem terms and weights, unit length: the centroid
    members: tuple[int, ...]  # positions in ThemeResult.comment_ids
    examples: tuple[int, ...]  # the most representative members
    hidden: bool = False
    renamed: bool = False
    merged_from: tuple[str, ...] = ()
    split_from: str | None = None


@dataclass(frozen=True)
class ThemeResult:
    """Every comment in exactly one theme or in OTHER (``assignment``)."""

    comment_ids: tuple[str, ...]
    assignment: tuple[str, ...]
    strength: tuple[float, ...]
    themes: tuple[Theme, ...]
    seed: int
    n_themes_chosen: str  # how k was chosen, in words
    unapplied: tuple[str, ...] = field(default=())  # edits that no longer apply, why

    def theme(self, key: str) -> Theme:
        for theme in self.themes:
            if theme.key == key:
                return theme
        raise KeyError(key)

    @property
    def visible(self) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes if not t.hidden)


def _analyse(
    texts: Sequence[str], languages: Sequence[str]
) -> tuple[np.ndarray, list[list[tuple[str, str]]]]:
    """Index of each comment's distinct (text, language) and the terms of each distinct one."""
    index_of: dict[tuple[str, str], int] = {}
    inverse = np.empty(len(texts), dtype=np.int64)
    terms: list[list[tuple[str, str]]] = []
    for i, (text, language) in enumerate(zip(texts, languages, strict=True)):
        key = (text.strip(), language)
        found = index_of.get(key)
        if found is None:
            found = index_of[key] = len(terms)
            terms.append(comment_terms(key[0], language))
        inverse[i] = found
    return inverse, terms


def _count_matrix(
    terms: list[list[tuple[str, str]]], rows: np.ndarray, vocabulary: dict[str, int]
) -> sp.csr_matrix:
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[int] = []
    for r in rows:
        counts = Counter(vocabulary[t] for t, _ in terms[r] if t in vocabulary)
        indices.extend(counts.keys())
        data.extend(counts.values())
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), indices, indptr), shape=(len(rows), len(vocabulary))
    )


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    matrix = counts.copy()
    matrix.data = 1.0 + np.log(matrix.data)
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ matrix


def _themes(k: int) -> str:
    return ngettext("{count} theme", "{count} themes", k).format(count=fmt.number(k))


def _nmf(matrix: sp.csr_matrix, k: int, seed: int, max_iter: int = 400) -> NMF:
    # scikit-learn takes a second to import: only what finds themes pays for it, not
    # every command and page that merely imports the services.
    from sklearn.decomposition import NMF

    model = NMF(
        n_components=k,
        init="nndsvda",
        solver="cd",
        max_iter=max_iter,
        tol=1e-4,
        random_state=seed,
    )
    _quietly(model.fit, matrix)
    return model


def _quietly(step: Callable[[sp.csr_matrix], Any], matrix: sp.csr_matrix) -> Any:
    """A fit that stops at max_iter is used as it stands; a degenerate matrix (every
    comment alike) makes the loss a rounding error below zero, which is harmless."""
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        return step(matrix)


def _surface_forms(terms: list[list[tuple[str, str]]], weights: np.ndarray) -> dict[str, str]:
    """Each term's most frequent written form (ties: alphabetical), counting duplicates."""
    counts: dict[str, Counter[str]] = {}
    for row, weight in zip(terms, weights, strict=True):
        for term, written in row:
            counts.setdefault(term, Counter())[written] += int(weight)
    return {t: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for t, c in counts.items()}


def _written(term: str, surface: dict[str, str]) -> str:
    return surface[term] if term in surface else term


def _distinct(items: Iterable[str]) -> tuple[str, ...]:
    """The items in order, each once."""
    seen: set[str] = set()
    out = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return tuple(out)


def _usage(
    members: np.ndarray, inverse: np.ndarray, terms: list[list[tuple[str, str]]]
) -> Counter[str]:
    """How many members use each term."""
    users: Counter[str] = Counter()
    for m in members:
        users.update({t for t, _ in terms[inverse[m]]})
    return users


def _key_phrases(users: Counter[str], n_members: int, top: list[str]) -> list[str]:
    """Phrases used by at least PHRASE_SHARE of the members, built from top terms."""
    strong = set(top[:PHRASE_TERMS])
    floor = max(2, PHRASE_SHARE * n_members)
    found = [
        (count, p)
        for p, count in users.items()
        if " " in p and count >= floor and set(p.split()) <= strong
    ]
    return [p for _, p in sorted(found, key=lambda cp: (-cp[0], cp[1]))]


def _label(top: list[str], phrases: list[str], surface: dict[str, str]) -> str:
    first = next((p for p in phrases if top[0] in p.split()), top[0])
    used = set(first.split())
    rest = [t for t in phrases + top[1:KEYWORDS] if t != first]
    second = next((t for t in rest if not set(t.split()) & used), None)
    return ", ".join(_written(t, surface) for t in ([first, second] if second else [first]))


def find_themes(
    texts: Sequence[str],
    languages: Sequence[str],
    *,
    ids: Sequence[str] | None = None,
    seed: int = 0,
    n_themes: int | None = None,
    max_themes: int = MAX_THEMES,
    min_df: int | None = None,
) -> ThemeResult:
    """The themes of the comments ``texts``, each written in ``languages[i]``."""
    if len(texts) != len(languages):
        raise ValueError("every comment needs its language")
    comment_ids = tuple(str(i) for i in (ids if ids is not None else range(len(texts))))
    if len(comment_ids) != len(texts) or len(set(comment_ids)) != len(comment_ids):
        raise ValueError("every comment needs one distinct id")
    langs = [normalise_language(lang) for lang in languages]
    n = len(texts)
    empty = ThemeResult(comment_ids, (OTHER,) * n, (0.0,) * n, (), seed, _("no comments to theme"))
    if n == 0:
        return empty
    inverse, terms = _analyse(texts, langs)
    rng = np.random.default_rng(seed)
    fit_rows = np.arange(n) if n <= FIT_SAMPLE else np.sort(rng.choice(n, FIT_SAMPLE, False))
    fit_distinct = inverse[fit_rows]
    document_frequency: Counter[str] = Counter()
    for r in fit_distinct:
        document_frequency.update({t for t, _ in terms[r] if " " not in t})
    floor = min_df if min_df is not None else max(2, len(fit_rows) // 1000)
    ceiling = max(floor, int(MAX_DF * len(fit_rows)))
    vocabulary_terms = sorted(t for t, c in document_frequency.items() if floor <= c <= ceiling)
    if not vocabulary_terms:
        return replace(empty, n_themes_chosen=_("too few repeated words to find themes"))
    vocabulary = {t: j for j, t in enumerate(vocabulary_terms)}
    df = np.array([document_frequency[t] for t in vocabulary_terms], dtype=np.float64)
    idf = np.log((1 + len(fit_rows)) / (1 + df)) + 1.0
    # A comment written n times weighs as n comments: for NMF's squared error that is one
    # row scaled by √n, which keeps the fit exact and its size the number of distinct texts.
    fit_unique, repeats = np.unique(fit_distinct, return_counts=True)
    fit_matrix = sp.diags(np.sqrt(repeats.astype(np.float64))) @ _tfidf(
        _count_matrix(terms, fit_unique, vocabulary), idf
    )
    # NMF finds at most as many themes as there are distinct comments and terms.
    most = min(len(vocabulary_terms), fit_matrix.shape[0])
    if n_themes is not None:
        k = max(1, min(n_themes, most))
        rule = (
            _("{themes}, as asked") if k == n_themes else _("{themes}, all there can be")
        ).format(themes=_themes(k))
    else:
        k = min(max(2, min(max_themes, n // COMMENTS_PER_THEME)), most)
        rule = _("{themes}: one per {per} comments, {least} to {most}").format(
            themes=_themes(k),
            per=fmt.number(COMMENTS_PER_THEME),
            least=fmt.number(2),
            most=fmt.number(max_themes),
        )
    model = _nmf(fit_matrix, k, seed)
    norms = np.linalg.norm(model.components_, axis=1)
    distinct_rows = np.arange(len(terms))
    strengths = np.empty((len(terms), k))
    for start in range(0, len(terms), TRANSFORM_CHUNK):
        chunk = distinct_rows[start : start + TRANSFORM_CHUNK]
        matrix = _tfidf(_count_matrix(terms, chunk, vocabulary), idf)
        strengths[start : start + len(chunk)] = _quietly(model.transform, matrix) * norms
    return _result(
        comment_ids, inverse, terms, strengths, model.components_, vocabulary_terms, seed, rule
    )


def _result(
    comment_ids: tuple[str, ...],
    inverse: np.ndarray,
    terms: list[list[tuple[str, str]]],
    strengths: np.ndarray,
    components: np.ndarray,
    vocabulary_terms: list[str],
    seed: int,
    rule: str,
) -> ThemeResult:
    best = strengths.argmax(axis=1)
    best_strength = strengths[np.arange(len(best)), best]
    component_of = np.where(best_strength >= MIN_STRENGTH, best, -1)[inverse]
    strength = best_strength[inverse]
    sizes = np.bincount(component_of[component_of >= 0], minlength=components.shape[0])
    order = sorted(range(components.shape[0]), key=lambda c: (-sizes[c], c))
    key_of = {c: f"t{rank + 1}" for rank, c in enumerate(order)}
    multiplicity = np.bincount(inverse, minlength=len(terms))
    surface = _surface_forms(terms, multiplicity)
    themes = []
    for c in order:
        members = np.flatnonzero(component_of == c)
        if not len(members):
            continue
        weights = components[c]
        top_idx = [
            j for j in np.argsort(-weights, kind="stable")[:CENTROID_TERMS] if weights[j] > 0
        ]
        top = [vocabulary_terms[j] for j in top_idx]
        centroid = weights[top_idx] / (np.linalg.norm(weights[top_idx]) or 1.0)
        users = _usage(members, inverse, terms)
        # A keyword is strong in the theme and used by its members, not merely near it.
        used = [t for t in top if users[t] >= max(1, KEYWORD_USERS * len(members))] or top[:1]
        phrases = _key_phrases(users, len(members), used)
        keywords = _distinct(_written(t, surface) for t in phrases[:3] + used)[:KEYWORDS]
        themes.append(
            Theme(
                key=key_of[c],
                label=_label(used, phrases, surface),
                keywords=keywords,
                terms=tuple((t, float(w)) for t, w in zip(top, centroid, strict=True)),
                members=tuple(int(m) for m in members),
                examples=_examples(members, strength, inverse),
            )
        )
    assignment = tuple(key_of[c] if c >= 0 else OTHER for c in component_of)
    return ThemeResult(
        comment_ids, assignment, tuple(float(s) for s in strength), tuple(themes), seed, rule
    )


def _examples(members: np.ndarray, strength: np.ndarray, inverse: np.ndarray) -> tuple[int, ...]:
    """The strongest members, one per distinct comment text; ties by position."""
    chosen: list[int] = []
    seen: set[int] = set()
    for m in sorted(members.tolist(), key=lambda m: (-strength[m], m)):
        if inverse[m] not in seen:
            seen.add(int(inverse[m]))
            chosen.append(int(m))
        if len(chosen) == EXAMPLES:
            break
    return tuple(chosen)
