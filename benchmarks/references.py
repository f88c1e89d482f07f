"""The fastest ways we know to compute the same figures: the yardsticks of the table.

DuckDB for the CSV load and the NPS aggregation; plain vectorised pandas straight from
sqlite3 for the shopper league table (its scoring rules are too varied for one SQL
query, but this questionnaire uses no conditional questions, so columns suffice).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeymap.analytics.nps import ADJUSTMENT, SMALL_SAMPLE
from journeymap.model.questionnaire import Questionnaire

SCORE_COLUMN = "How likely are you to recommend us to a friend or colleague?"
ADD_MINUS, ADD_PASSIVE, ADD_PLUS = ADJUSTMENT


def duckdb_load_csv(csv: Path, database: Path) -> int:
    """The CSV into a DuckDB table, as it is: the reference for the import."""
    import duckdb

    database.unlink(missing_ok=True)
    with duckdb.connect(str(database)) as connection:
        connection.execute(
            "CREATE TABLE responses AS SELECT * FROM read_csv(?, header = true)", [str(csv)]
        )
        return int(connection.execute("SELECT count(*) FROM responses").fetchone()[0])  # type: ignore[index]


# The same estimate and interval as journeymap.analytics.nps_tables, in SQL.
NPS_SQL = f"""
WITH counts AS (
    SELECT "Touchpoint" AS touchpoint, strftime("Recorded Date", '%Y-%m') AS month,
           count(*) FILTER (WHERE score >= 9) AS promoters,
           count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
           count(*) FILTER (WHERE score <= 6) AS detractors
    FROM (SELECT *, "{SCORE_COLUMN}" AS score FROM responses)
    GROUP BY ALL
), shares AS (
    SELECT *, promoters + passives + detractors AS n,
           promoters / (promoters + passives + detractors) AS pp,
           detractors / (promoters + passives + detractors) AS pm,
           (promoters + {ADD_PLUS}) / (promoters + passives + detractors + {sum(ADJUSTMENT)})
               AS qp,
           (detractors + {ADD_MINUS}) / (promoters + passives + detractors + {sum(ADJUSTMENT)})
               AS qm
    FROM counts
), spread AS (
    SELECT *, greatest(0, pp + pm - (pp - pm) ^ 2) AS var,
           greatest(0, qp + qm - (qp - qm) ^ 2) AS var_adj
    FROM shares
)
SELECT touchpoint, month, n, promoters, passives, detractors, 100 * (pp - pm) AS nps,
       CASE WHEN n < {SMALL_SAMPLE} OR var = 0
            THEN 100 * sqrt(var_adj / (n + {sum(ADJUSTMENT)}))
            ELSE 100 * sqrt(var / n) END AS se
FROM spread ORDER BY touchpoint, month
"""


def duckdb_nps(database: Path) -> list[dict[str, Any]]:
    """NPS by touchpoint × month from the DuckDB table, one dict per group."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        cursor = connection.execute(NPS_SQL)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def duckdb_nps_script(database: Path) -> str:
    """A whole process that prints the same JSON: the end-to-end reference for the CLI."""
    return (
        "import json, sys\n"
        "from benchmarks.references import duckdb_nps\n"
        "from pathlib import Path\n"
        f"json.dump(duckdb_nps(Path({str(database)!r})), sys.stdout)\n"
    )


def same_nps(ours: list[dict[str, Any]], reference: list[dict[str, Any]]) -> str:
    """'' when the two tables agree group by group, else the first difference."""
    key = ("touchpoint", "month")
    theirs = {tuple(r[k] for k in key): r for r in reference}
    if len(ours) != len(theirs):
        return f"{len(ours)} groups, the reference has {len(theirs)}"
    for row in ours:
        other = theirs.get(tuple(row[k] for k in key))
        if other is None:
            return f"group {row['touchpoint']} {row['month']} is not in the reference"
        for column in ("n", "promoters", "passives", "detractors"):
            if int(row[column]) != int(other[column]):
                return f"{column} of {row['touchpoint']} {row['month']} differs"
        for column in ("nps", "se"):
            if not np.isclose(row[column], other[column], rtol=0, atol=1e-9):
                return f"{column} of {row['touchpoint']} {row['month']} differs"
    return ""


def _question_table(questionnaire: Questionnaire) -> pd.DataFrame:
    rows = []
    for s, section in enumerate(questionnaire.sections):
        for question in section.questions:
            rows.append(
                {
                    "question_id": question.id,
                    "section": s,
                    "weight": section.weight,
                    "kind": question.type,
                    "points": question.points,
                    "reverse": question.reverse,
                    "allow_na": question.allow_na,
                    "critical": question.critical,
                    "low": question.scale_min,
                    "high": question.scale_max,
                    "options": json.dumps({o.label: o.points for o in question.options}),
                    "bands": json.dumps([[b.min, b.max, b.points] for b in question.bands]),
                }
            )
    return pd.DataFrame(rows)


def _points(frame: pd.DataFrame) -> pd.Series:
    """Points per answer, vectorised per question type (NaN: not a valid answer)."""
    value = frame["value"]
    earned = pd.Series(np.nan, index=frame.index)
    yes_no = frame["kind"] == "yes_no"
    is_true, is_false = value == "true", value == "false"
    hit = np.where(frame["reverse"], is_false, is_true)
    earned[yes_no & (is_true | is_false)] = np.where(hit, frame["points"], 0.0)[
        yes_no & (is_true | is_false)
    ]
    numeric = pd.to_numeric(value, errors="coerce")
    scale = (frame["kind"] == "scale") & numeric.between(frame["low"], frame["high"])
    share = (numeric - frame["low"]) / (frame["high"] - frame["low"])
    share = share.where(~frame["reverse"].astype(bool), 1 - share)
    earned[scale] = (frame["points"] * share)[scale]
    for (kind, spec), part in frame[frame["kind"].isin(["choice", "timer", "number"])].groupby(
        ["kind", frame["options"].where(frame["kind"] == "choice", frame["bands"])]
    ):
        if kind == "choice":
            earned[part.index] = part["value"].map(
                {json.dumps(k): v for k, v in json.loads(spec).items()}
            )
            continue
        number = numeric[part.index]
        got = pd.Series(np.nan, index=part.index)
        for low, high, points in sorted(json.loads(spec), key=lambda b: b[0], reverse=True):
            inside = (number >= low) & ((number <= high) if high is not None else True)
            got[inside] = points  # lower bands last: they win on a shared boundary
        earned[part.index] = got
    return earned


def pandas_league(database: Path, questionnaire: Questionnaire) -> pd.DataFrame:
    """Location, n_visits and score_pct (mean of visit percentages), approved visits only."""
    with sqlite3.connect(database) as connection:
        answers = pd.read_sql_query(
            "SELECT a.visit_id, v.location_id, a.question_id, a.value, a.not_applicable "
            "FROM answers a JOIN visits v ON v.id = a.visit_id WHERE v.status = 'approved'",
            connection,
        )
    frame = answers.merge(_question_table(questionnaire), on="question_id")
    frame["earned"] = _points(frame)
    na = frame["not_applicable"].astype(bool) & frame["allow_na"]
    scored = ~na & frame["earned"].notna()
    frame["possible"] = np.where(scored, frame["points"], 0.0)
    frame["earned"] = np.where(scored, frame["earned"], 0.0)
    frame["knock"] = scored & frame["critical"] & (frame["earned"] < frame["points"])
    sections = frame.groupby(["visit_id", "location_id", "section"], sort=False).agg(
        earned=("earned", "sum"),
        possible=("possible", "sum"),
        knock=("knock", "any"),
        weight=("weight", "first"),
    )
    sections = sections[sections["possible"] > 0].reset_index()
    pct = 100.0 * np.where(sections["knock"], 0.0, sections["earned"]) / sections["possible"]
    sections["weighted"] = pct * sections["weight"]
    visits = sections.groupby(["visit_id", "location_id"]).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum")
    )
    visits["pct"] = visits["weighted"] / visits["weight"]
    league = visits.groupby("location_id").agg(n_visits=("pct", "size"), score_pct=("pct", "mean"))
    league["score_pct"] = league["score_pct"].round(1)
    return league.reset_index()


def same_league(ours: pd.DataFrame, reference: pd.DataFrame) -> str:
    """'' when every location has the same n and score in both tables."""
    left = ours.set_index("location_id")[["n_visits", "score_pct"]].sort_index()
    right = reference.set_index("location_id")[["n_visits", "score_pct"]].sort_index()
    if list(left.index) != list(right.index):
        return f"{len(left)} locations, the reference has {len(right)}"
    if not (left["n_visits"].astype(int) == right["n_visits"].astype(int)).all():
        return "visit counts differ"
    gap = (left["score_pct"].astype(float) - right["score_pct"].astype(float)).abs().max()
    return "" if gap <= 0.05 + 1e-9 else f"scores differ by up to {gap:.2f} points"
