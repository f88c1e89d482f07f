"""A seeded bank-scale workspace: a survey export to import and a database without it.

``python -m benchmarks.generate [--scale full|tiny] [--data bench-data]`` writes, under
``DATA/SCALE/``:

- ``responses.csv``: the NPS export (Response ID, Recorded Date, Touchpoint, Branch,
  Segment, score, Comment, Email), as a survey tool writes it;
- ``base.db``: the SQLite workspace with the journeys, locations, shoppers, the
  questionnaire, the visits with their answers and the KPI points, but no responses:
  the import step adds them;
- ``stamp.json``: the parameters. Files with the same stamp are not written again.

Bulk rows go in with sqlite3's executemany: the generator is not what is measured, and
a fresh clone must get through ``make bench`` in minutes.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.scale import FULL, SCALES, Scale
from benchmarks.workspace import (
    DIAGRAM_JOURNEY_ID,
    JOURNEY_ID,
    METRICS,
    SEGMENTS,
    build_journey,
    build_questionnaire,
    locations,
)
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from journeymap.store.programme import (
    insert_locations,
    insert_shoppers,
    insert_visits,
    save_questionnaire,
)

DATA_DIR = Path("bench-data")
SHOPPERS = 60
TABLET_KEY = "bench-tablet-{:03d}"
SCORE_COLUMN = "How likely are you to recommend us to a friend or colleague?"
COMMENTS = (
    "Lang ventetid i telefonen",
    "Rådgiveren var meget kompetent",
    "I had to explain my case three times",
    "Fik aldrig det lovede opkald",
    "Quick and friendly",
    "Hjemmesiden er svær at finde rundt i",
)
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite


def paths(data: Path, scale: Scale) -> dict[str, Path]:
    folder = data / scale.name
    return {
        "folder": folder,
        "csv": folder / "responses.csv",
        "base": folder / "base.db",
        "stamp": folder / "stamp.json",
    }


def last_day(scale: Scale) -> pd.Timestamp:
    """Midnight at the end of the data: nothing happens on or after it."""
    return pd.Timestamp(scale.end)


def write_responses_csv(scale: Scale, path: Path) -> None:
    """The export: scores shaped per touchpoint and branch so the friction ranking has signal."""
    rng = np.random.default_rng([scale.seed, 1])
    n = scale.responses
    tp_level = rng.uniform(5.0, 9.2, scale.touchpoints)
    loc_level = rng.normal(0.0, 0.7, scale.locations)
    tp = rng.integers(0, scale.touchpoints, n)
    loc = rng.integers(0, scale.locations, n)
    raw = tp_level[tp] + loc_level[loc] + rng.normal(0.0, 2.2, n)
    score = np.clip(np.rint(raw), 0, 10).astype(np.int64)
    start = np.datetime64(scale.first_day.isoformat(), "s")
    span = int((last_day(scale) - pd.Timestamp(scale.first_day)).total_seconds())
    moments = np.sort(start + rng.integers(0, span, n).astype("timedelta64[s]"))
    comment = np.where(rng.random(n) < 0.1, np.array(COMMENTS)[rng.integers(0, 6, n)], "")
    email = np.where(rng.random(n) < 0.01, "kunde@example.com", "")
    frame = pd.DataFrame(
        {
            "Response ID": pd.Series(np.arange(1, n + 1)).map("R_{:09d}".format),
            "Recorded Date": pd.Series(np.datetime_as_string(moments)).str.replace("T", " "),
            "Touchpoint": np.array([f"tp-{i:03d}" for i in range(scale.touchpoints)])[tp],
            "Branch": np.array([f"loc-{i:03d}" for i in range(1, scale.locations + 1)])[loc],
            "Segment": np.array(SEGMENTS)[rng.integers(0, len(SEGMENTS), n)],
            SCORE_COLUMN: score,
            "Comment": comment,
            "Email": email,
        }
    )
    frame.to_csv(path, index=False)


def _visit_rows(scale: Scale, questionnaire: Questionnaire) -> pd.DataFrame:
    """Visits spread evenly over branches and months; the last few are left for the tablets."""
    rng = np.random.default_rng([scale.seed, 2])
    n = scale.visits - scale.tablets
    days = (last_day(scale) - pd.Timestamp(scale.first_day)).days
    day = pd.Timestamp(scale.first_day) + pd.to_timedelta(np.sort(rng.integers(0, days, n)), "D")
    visited = day + pd.to_timedelta(9 * 60 + rng.integers(0, 8 * 60, n), "min")
    status = rng.choice(["approved", "submitted", "returned"], n, p=[0.9, 0.06, 0.04])
    frame = pd.DataFrame(
        {
            "external_key": [f"bench-v{i:06d}" for i in range(n)],
            "questionnaire_id": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "location_id": [f"loc-{1 + i % scale.locations:03d}" for i in range(n)],
            "shopper_id": [f"shopper-{i:02d}" for i in rng.integers(0, SHOPPERS, n)],
            "scenario": "Ask about a mortgage",
            "window_start": day.date,
            "window_end": (day + pd.Timedelta(days=13)).date,
            "status": status,
            "visited_at": visited.tz_localize(UTC).to_pydatetime(),
            "submitted_at": (visited + pd.Timedelta(hours=3)).tz_localize(UTC).to_pydatetime(),
        }
    )
    frame["reviewed_at"] = np.where(
        status == "submitted", None, frame["submitted_at"] + timedelta(days=1)
    )
    today = last_day(scale).date()
    tablets = pd.DataFrame(
        {
            "external_key": [TABLET_KEY.format(i) for i in range(scale.tablets)],
            "questionnaire_id": questionnaire.id,
            "questionnaire_version": questionnaire.version,
            "location_id": [f"loc-{1 + i % scale.locations:03d}" for i in range(scale.tablets)],
            "shopper_id": [f"shopper-{i % SHOPPERS:02d}" for i in range(scale.tablets)],
            "scenario": "Ask about a mortgage",
            "window_start": today,
            "window_end": today + timedelta(days=13),
            "status": "assigned",
        }
    )
    return pd.concat([frame, tablets], ignore_index=True)


def _answer_values(rng: np.random.Generator, n: int, kind: int) -> list[str]:
    """JSON text of n answers of the question in position ``kind`` of a section."""
    if kind == 0:
        return np.where(rng.random(n) < 0.93, "true", "false").tolist()
    if kind == 1:
        return rng.integers(1, 6, n).astype(str).tolist()
    if kind == 2:
        return rng.gamma(2.0, 80.0, n).astype(int).astype(str).tolist()
    if kind == 3:
        labels = np.array(['"Fully"', '"Partly"', '"No"'])
        return labels[rng.choice(3, n, p=[0.6, 0.3, 0.1])].tolist()
    return np.where(rng.random(n) < 0.2, "true", "false").tolist()


def _answer_rows(
    scale: Scale, questionnaire: Questionnaire, visits: pd.DataFrame, ids: dict[str, int]
) -> list[tuple[Any, ...]]:
    rng = np.random.default_rng([scale.seed, 3])
    done = visits[visits["status"] != "assigned"]
    visit_ids = done["external_key"].map(ids).to_numpy()
    saved = pd.to_datetime(done["visited_at"], utc=True).dt.strftime(SQLITE_TIME).to_numpy()
    rows: list[tuple[Any, ...]] = []
    for q, question in enumerate(questionnaire.questions()):
        values = _answer_values(rng, len(done), q % 5)
        na = question.allow_na & (rng.random(len(done)) < 0.1)
        for visit_id, value, skip, at in zip(visit_ids, values, na, saved, strict=True):
            rows.append((int(visit_id), question.id, "null" if skip else value, bool(skip), at))
    return rows


def _metric_rows(scale: Scale) -> list[tuple[Any, ...]]:
    """(touchpoint, metric, day, location) series until there are ``metric_points``."""
    rng = np.random.default_rng([scale.seed, 4])
    days = pd.date_range(scale.first_day, last_day(scale) - pd.Timedelta(days=1), freq="D")
    day_text = days.strftime("%Y-%m-%d").to_numpy()
    rows: list[tuple[Any, ...]] = []
    per_series = len(days)
    location = 0
    while len(rows) < scale.metric_points:
        for t in range(scale.touchpoints):
            for metric in METRICS:
                values = rng.gamma(3.0, metric["target"] / 3.0, per_series).round(2)
                loc = f"loc-{1 + location % scale.locations:03d}"
                tp = f"tp-{t:03d}"
                rows += [
                    (JOURNEY_ID, tp, metric["id"], d, float(v), loc, 1)
                    for d, v in zip(day_text, values, strict=True)
                ]
                if len(rows) >= scale.metric_points:
                    return rows[: scale.metric_points]
        location += 1
    return rows


def write_base_db(scale: Scale, path: Path) -> None:
    journey = build_journey(JOURNEY_ID, scale.touchpoints, scale.seed)
    diagram = build_journey(DIAGRAM_JOURNEY_ID, scale.diagram_touchpoints, scale.seed)
    questionnaire = build_questionnaire(journey, scale.sections)
    engine = open_database(f"sqlite:///{path}")
    repository = JourneyRepository(engine)
    for item in (journey, diagram):
        repository.save(item, author="benchmarks", base_revision=None)
    created = datetime.combine(scale.first_day, datetime.min.time(), tzinfo=UTC)
    save_questionnaire(engine, questionnaire, created_at=created, actor="benchmarks")
    insert_locations(engine, locations(scale.locations), actor="benchmarks")
    shoppers = [{"id": f"shopper-{i:02d}", "name": f"Shopper {i}"} for i in range(60)]
    insert_shoppers(engine, shoppers, actor="benchmarks")
    visits = _visit_rows(scale, questionnaire)
    insert_visits(engine, visits, actor="benchmarks")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        ids = dict(connection.execute("SELECT external_key, id FROM visits").fetchall())
        connection.executemany(
            "INSERT INTO answers (visit_id, question_id, value, not_applicable, comment, "
            "saved_at) VALUES (?, ?, ?, ?, '', ?)",
            _answer_rows(scale, questionnaire, visits, ids),
        )
        connection.executemany(
            "INSERT INTO metric_points (journey_id, touchpoint_id, metric, observed_on, value, "
            "location, n) VALUES (?, ?, ?, ?, ?, ?, ?)",
            _metric_rows(scale),
        )
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def generate(scale: Scale, data: Path = DATA_DIR, force: bool = False) -> dict[str, Path]:
    """Write the workspace unless it is there with the same parameters; return its paths."""
    where = paths(data, scale)
    stamp = json.dumps(scale.stamp(), sort_keys=True)
    fresh = all(where[k].exists() for k in ("csv", "base", "stamp"))
    if fresh and not force and where["stamp"].read_text() == stamp:
        return where
    where["folder"].mkdir(parents=True, exist_ok=True)
    for key in ("stamp", "csv", "base"):
        where[key].unlink(missing_ok=True)
    for stale in where["folder"].glob("*.db*"):
        stale.unlink()  # a workspace built from older files
    began = time.perf_counter()
    write_responses_csv(scale, where["csv"])
    write_base_db(scale, where["base"])
    where["stamp"].write_text(stamp)
    print(f"generated the {scale.name} workspace in {time.perf_counter() - began:.0f} s")
    return where


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default=FULL.name)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--force", action="store_true", help="write the files again")
    args = parser.parse_args(argv)
    for name, path in generate(SCALES[args.scale], args.data, args.force).items():
        print(f"{name:<7} {path}")


if __name__ == "__main__":
    main()
