"""Which column is which: the 0–10 recommend score above all, then date, comment & co.

A candidate for the score must hold whole numbers in 0–10 that reach above 5 (a 1–5
Likert item "I would recommend this" and a 0/1 flag are no candidates). Among the
candidates the score is found, in this order, by

1. the exporter's own marker: Qualtrics writes ``Qn_NPS_GROUP`` beside its NPS
   question ``Qn`` (and the group's ImportId ends in ``_NPS_GROUP``);
2. the wording of the header or question: "recommend" in English, Danish, Norwegian,
   Swedish, German, Spanish, French, Dutch, Finnish … ("How likely are you to renew"
   is 0–10 too, but not the recommend question, so "likely" alone says nothing);
3. the values alone, when only one column holds them.

When a step leaves two or more columns, nothing is chosen: a wrong guess would move
every figure without a warning, so the person picks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd
from babel.lists import format_list

from journeymap.i18n import _
from journeymap.i18n.formatting import locale_of
from journeymap.io.survey_import.distinct import per_distinct

_REPEAT = re.compile(r"^(.+) \(\d+\)$")
MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "--", "–", ".", "#n/a"}
MISSING_WIDTH = max(map(len, MISSING))
# Stems of "recommend", matched in the folded (lower-case, accent-free) header and
# question; they catch the inflections (recommendation, weiterempfehlen, recomendaría).
RECOMMEND_STEMS = (
    "recommend",  # English
    "anbefal",  # Danish and Norwegian: anbefale, anbefaler, anbefaling
    "rekommend",  # Swedish: rekommendera, rekommenderar
    "empfehl",  # German: empfehlen, weiterempfehlen, Weiterempfehlung
    "empfiehl",  # German: empfiehlst
    "empfohl",  # German: weiterempfohlen
    "recomend",  # Spanish and Portuguese: recomendar, recomendaría, recomendação
    "recomiend",  # Spanish: recomiende, recomiendas
    "recommand",  # French: recommander, recommanderiez
    "aanbevel",  # Dutch: aanbevelen, aanbeveling
    "aanbeveel",  # Dutch: aanbeveelt
    "aanraden",  # Dutch: aanraden
    "suosit",  # Finnish: suosittelisit
    "raccomand",  # Italian: raccomandare
    "consiglier",  # Italian: consiglieresti
    "polecil",  # Polish: poleciłbyś
)
RECOMMEND_TOKENS = ("nps",)  # whole words only: "NPS", "nps_score"
RECOMMEND_WORDS = RECOMMEND_STEMS + RECOMMEND_TOKENS
ENDPOINT_LABELS = {
    "extremely likely": 10,
    "not at all likely": 0,
    "meget sandsynligt": 10,
    "slet ikke sandsynligt": 0,
    "svært sannsynlig": 10,
    "ikke sannsynlig": 0,
    "ikke i det hele tatt sannsynlig": 0,
}
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "dato",
        "datum",
        "timestamp",
        "tidsstempel",
        "submitted",
        "responded",
        "created",
        "time",
        "tid",
        "fecha",  # Spanish
        "marca temporal",
        "horodat",  # French
        "zeitstempel",
        "tijdstempel",  # Dutch
    ),
    "comment": (
        "comment",
        "kommentar",
        "why",
        "hvorfor",
        "reason",
        "begrund",
        "feedback",
        "verbatim",
        "open-ended",
        "tell us",
        "fortæl",
        "fortell",
        "hvad",
        "hva ",
        "comentario",  # Spanish
        "por que",
        "motivo",
        "razon",
        "commentaire",  # French
        "pourquoi",
        "warum",  # German
        "opmerking",  # Dutch
        "waarom",
        "varfor",  # Swedish
    ),
    "touchpoint": ("touchpoint", "kontaktpunkt", "touch point", "interaction"),
    "location": (
        "location",
        "branch",
        "store",
        "shop",
        "filial",
        "afdeling",
        "butik",
        "site",
        "country",
        "city",
        "region",
        "land",
        "sted",
        "sucursal",
        "tienda",
        "oficina",
        "ciudad",
        "pais",
        "agence",
        "magasin",
        "filiale",
        "vestiging",
        "winkel",
    ),
    "segment": ("segment", "customer type", "kundetype", "kundesegment", "tier", "plan"),
    "contact": (
        "email",
        "e-mail",
        "mail",
        "phone",
        "telefon",
        "tlf",
        "contact",
        "kontakt",
        "correo",  # Spanish
        "telefono",
        "courriel",  # French
        "e-post",  # Norwegian, Swedish
    ),
    "id": ("response id", "responseid", "respondent id", "response_id", "svar id", "id", "#"),
}
# A number with an optional label after it ("10 - Extremely likely") or before it
# ("Not at all likely 0"); "7.5" and "-1" must not pass as 7 and 1.
_LEADING = re.compile(r"^\s*(\d{1,2})(?:[.,]0+)?(?:\s*[-–—=:.)(]?\s*[^\d\s.,].*)?\s*$")
_TRAILING = re.compile(r"(?:^|[^\d\s.,+-]\s*[-–—=:(]?\s*)(\d{1,2})(?:[.,]0+)?\s*\)?\s*$")


def fold(text: str) -> str:
    """Lower case, accents off, one space: 'Sandsynligt  Anbefale' ~ 'sandsynligt anbefale'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def is_missing(text: str) -> bool:
    """Whether a stripped cell holds no answer; the length test spares lowering the long
    (answered) cells of a column of millions."""
    return len(text) <= MISSING_WIDTH and text.lower() in MISSING


def blank(values: pd.Series) -> pd.Series:
    """True where a cell holds no answer ('', 'NA', 'n/a' …)."""
    # One pass in plain Python is cheaper than three pandas string passes.
    flags = [isinstance(v, str) and is_missing(v.strip()) for v in values.to_numpy(dtype=object)]
    return pd.Series(np.array(flags, dtype=bool), index=values.index, name=values.name)


def parse_scores(values: pd.Series) -> pd.Series:
    """Scores as floats (NaN where not a whole number 0–10 or its label), same index.

    Accepts '9', '9.0', '9,0', '10 - Extremely likely', 'Not at all likely 0' and the
    bare endpoint labels that some tools write instead of 0 and 10.
    """
    # A file has millions of rows and a few score texts.
    return per_distinct(values, _parse_distinct_scores)


def _parse_distinct_scores(values: pd.Series) -> pd.Series:
    text = values.str.strip()
    lead = text.str.extract(_LEADING, expand=False)
    trail = text.str.extract(_TRAILING, expand=False)
    numbers = pd.to_numeric(lead, errors="coerce").fillna(pd.to_numeric(trail, errors="coerce"))
    labels = text.map({v: ENDPOINT_LABELS.get(fold(v), np.nan) for v in text.unique()})
    labels = labels.astype(np.float64)
    numbers = numbers.fillna(labels)
    return numbers.where(numbers.between(0, 10))


@dataclass(frozen=True)
class ScoreCandidate:
    column: str
    label: str
    fit: float  # share of the answered cells that are valid 0–10 scores
    answered: int
    worded: bool  # the header or question says "recommend" (or the like)
    marked: bool = False  # the survey tool marks it as its NPS question

    @property
    def rank(self) -> tuple[bool, bool, float, int]:
        return (self.marked, self.worded, self.fit, self.answered)

    def describe(self) -> str:
        """'Q5' or 'Q5 (How likely are you to renew …)', for a sentence naming it."""
        label = self.label if len(self.label) <= 60 else self.label[:57] + "…"
        return f"'{self.column}'" + (f" ({label})" if label and label != self.column else "")


def recommend_worded(text: str) -> bool:
    """Whether a header or question asks about recommending, in one of many languages."""
    folded = fold(re.sub(r"([a-z])([A-Z])", r"\1 \2", text))
    if any(stem in folded for stem in RECOMMEND_STEMS):
        return True
    tokens = set(re.split(r"[^0-9a-z]+", folded))
    return any(token in tokens for token in RECOMMEND_TOKENS)


def score_candidates(
    frame: pd.DataFrame,
    labels: dict[str, str],
    excluded: frozenset[str] = frozenset(),
    hints: str | tuple[str, ...] | None = None,
) -> list[ScoreCandidate]:
    """Columns that could be the 0–10 question, best first; ``hints``: those the tool marks."""
    marked = {hints} if isinstance(hints, str) else set(hints or ())
    found = []
    for column in frame.columns:
        if column in excluded:
            continue
        values = frame[column].astype(str)
        answered = values[~blank(values)]
        if answered.empty:
            continue
        scores = parse_scores(answered)
        fit = float(scores.notna().mean())
        top = scores.max()
        if fit < 0.9 or not top > 5 or scores.nunique() < 2 and len(answered) > 5:
            continue  # not 0–10, a 1–5 Likert item, or one constant
        label = labels.get(column, "")
        worded = recommend_worded(f"{column} {label}")
        found.append(ScoreCandidate(column, label, fit, len(answered), worded, column in marked))
    return sorted(found, key=lambda c: c.rank, reverse=True)


def choose_score(candidates: list[ScoreCandidate]) -> tuple[str | None, list[ScoreCandidate]]:
    """The score column and, when none can be chosen, the candidates left (two or more).

    Markers first, then wording, then values; each step keeps only the columns it
    vouches for, and a step that vouches for none passes the choice on.
    """
    pool = [c for c in candidates if c.marked]
    if len(pool) > 1:
        pool = [c for c in pool if c.worded] or pool
    if not pool:
        pool = [c for c in candidates if c.worded]
    if not pool:
        pool = list(candidates)
    # A header written twice ('Q (2)' after 'Q') is one question: the first is meant,
    # and the preview says so (see source._repeated_columns).
    names = {c.column for c in pool}
    pool = [c for c in pool if not ((m := _REPEAT.match(c.column)) and m.group(1) in names)]
    if len(pool) == 1:
        return pool[0].column, []
    return None, pool


def ambiguous_score(pool: list[ScoreCandidate]) -> str:
    """The sentence that names the columns the score could be, and how to choose."""
    named = [c.describe() for c in pool[:4]]
    listed = format_list(named, locale=locale_of())
    if len(pool) > 4:
        listed = _("{columns} (and {count} more)").format(columns=listed, count=len(pool) - 4)
    # Translators: {count} is a number word (two, three, four) or a number.
    count = {2: _("two"), 3: _("three"), 4: _("four")}.get(len(pool), str(len(pool)))
    return _(
        "{count} columns could be the 0–10 recommend question, {columns}, and nothing in the "
        "file tells which: choose one (--score COL)"
    ).format(count=count, columns=listed)


def _words_hit(name: str, words: tuple[str, ...]) -> bool:
    """Short words ('id', 'site') must be whole tokens; longer ones may sit inside a word."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)  # MemberSite → Member Site
    folded = fold(spaced)
    tokens = set(re.split(r"[^0-9a-z#æøåäö]+", folded))
    return any(w in tokens if len(w) <= 4 and " " not in w else w in folded for w in words)


MOST = 0.5  # a date column: more than this share of its answered cells read as dates
_DATE_SHAPE = re.compile(
    r"^\s*(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?:[ T].*)?$"
)
_SPELLED = re.compile(r"^\s*(?=.*[A-Za-z]{3})(?=.*\b\d{4}\b).{6,40}$")


def date_share(values: pd.Series) -> float:
    """The share of (answered, stripped) cells that read as a date.

    Shape first ("2026-03-04", "04/03/2026 10:15", "4 March 2026"), then a real day of
    the calendar in either order: a count, a flag or a duration never passes.
    """
    if values.empty:
        return 0.0
    sample = values.head(500).str.strip()
    shaped = sample.str.match(_DATE_SHAPE)
    spelled = ~shaped & sample.str.match(_SPELLED)
    readable = pd.Series(False, index=sample.index)
    if shaped.any():
        parts = sample[shaped].str.extract(
            r"^\s*(?:(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
            r"|(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y2>\d{4}|\d{2}))"
        )
        numbers = parts.apply(pd.to_numeric, errors="coerce")
        year_first = numbers["m"].between(1, 12) & numbers["d"].between(1, 31)
        either = (numbers["a"].between(1, 12) & numbers["b"].between(1, 31)) | (
            numbers["b"].between(1, 12) & numbers["a"].between(1, 31)
        )
        readable[shaped] = (year_first | either).to_numpy(dtype=bool)
    if spelled.any():
        parsed = pd.to_datetime(sample[spelled], format="mixed", errors="coerce", utc=True)
        readable[spelled] = parsed.notna().to_numpy(dtype=bool)
    return float(readable.mean())


def guess_role(
    frame: pd.DataFrame, labels: dict[str, str], role: str, taken: set[str]
) -> str | None:
    """The first free column whose header or question names the role and whose values fit."""
    for column in frame.columns:
        if column in taken:
            continue
        name = f"{column} {labels.get(column, '')}"
        if not _words_hit(name, ROLE_WORDS[role]):
            continue
        values = frame[column].astype(str)
        answered = values[~blank(values)]
        if role == "id" and (len(answered) < 0.95 * len(values) or answered.duplicated().any()):
            continue
        if role == "comment" and (answered.empty or answered.nunique() < 0.5 * len(answered)):
            continue  # a Likert item or a yes/no question, not free text
        if role == "date" and (answered.empty or date_share(answered) <= MOST):
            continue  # "first_time" 0/1, "Response time (s)": named like a date, not dates
        if role in ("touchpoint", "location", "segment") and (
            pd.to_numeric(answered, errors="coerce").notna().mean() > 0.5
        ):
            continue  # numbers are scores or counts, not places or groups
        if role == "contact" and not answered.str.contains(r"@|\d[\d\s+-]{6,}").mean() > 0.5:
            continue
        return column
    return None


def guess_columns(
    frame: pd.DataFrame,
    labels: dict[str, str],
    *,
    id_column: str | None = None,
    date_column: str | None = None,
    score_column: str | None = None,
) -> dict[str, str | None]:
    """A proposed column per role (None where nothing fits), each column used once."""
    taken = {c for c in (id_column, date_column, score_column) if c}
    roles: dict[str, str | None] = {"score": score_column, "id": id_column, "date": date_column}
    for role in ("id", "date", "touchpoint", "contact", "comment", "location", "segment"):
        if roles.get(role):
            continue
        roles[role] = guess_role(frame, labels, role, taken)
        if roles[role]:
            taken.add(roles[role])  # type: ignore[arg-type]
    return roles


def distinct_counts(values: pd.Series) -> dict[str, int]:
    """How often each trimmed non-blank value occurs, most frequent first."""
    text = values.astype(str).str.strip()
    counts = text[~blank(text)].value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def as_float(values: pd.Series, decimal: str) -> pd.Series:
    """Numbers written with a decimal comma or point (and spaces as thousands)."""
    text = values.astype(str).str.strip().str.replace(r"[\s\u00a0']", "", regex=True)
    if decimal == ",":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    return pd.to_numeric(text, errors="coerce").astype(np.float64)
