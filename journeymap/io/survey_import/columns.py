"""Which column is which: the 0–10 recommend score above all, then date, comment & co.

The score column is recognised by its values *and* its wording. Values alone mislead
(a count of visits is also 0–10); wording alone misleads more: surveys often have a
1–5 Likert item "I would recommend this" beside the 0–10 question, and a Qualtrics
export has ``Q5_NPS_GROUP`` (1–3) beside ``Q5``. So a candidate must hold whole numbers
in 0–10 that reach above 5, and the wording ranks the candidates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

from journeymap.io.survey_import.distinct import per_distinct

MISSING = {"", "na", "n/a", "nan", "null", "none", "-", "--", "–", ".", "#n/a"}
MISSING_WIDTH = max(map(len, MISSING))
RECOMMEND_WORDS = (
    "recommend",
    "anbefal",  # Danish and Norwegian: anbefale
    "rekommend",  # Swedish
    "empfehl",
    "suosit",
    "nps",
    "likely",
    "sandsynlig",
    "sannsynlig",
    "likelihood",
)
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
    ),
    "segment": ("segment", "customer type", "kundetype", "kundesegment", "tier", "plan"),
    "contact": ("email", "e-mail", "mail", "phone", "telefon", "tlf", "contact", "kontakt"),
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

    @property
    def rank(self) -> tuple[bool, float, int]:
        return (self.worded, self.fit, self.answered)


def score_candidates(
    frame: pd.DataFrame,
    labels: dict[str, str],
    excluded: frozenset[str] = frozenset(),
    hint: str | None = None,
) -> list[ScoreCandidate]:
    """Columns that could be the 0–10 question, best first."""
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
        worded = column == hint or any(w in fold(f"{column} {label}") for w in RECOMMEND_WORDS)
        found.append(ScoreCandidate(column, label, fit, len(answered), worded))
    return sorted(found, key=lambda c: c.rank, reverse=True)


def _words_hit(name: str, words: tuple[str, ...]) -> bool:
    """Short words ('id', 'site') must be whole tokens; longer ones may sit inside a word."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)  # MemberSite → Member Site
    folded = fold(spaced)
    tokens = set(re.split(r"[^0-9a-z#æøåäö]+", folded))
    return any(w in tokens if len(w) <= 4 and " " not in w else w in folded for w in words)


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
        if role == "date" and (answered.empty or not answered.str.contains(r"\d").all()):
            continue
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
