"""Each measured step, run alone in its own process so that its peak memory is its own.

``python -m benchmarks.steps STEP --scale full --data bench-data`` prints one JSON
line: the run times, the reference's run times, checks, notes and peak RSS. ``run.py``
calls every step this way; ``--profile`` writes a pyinstrument profile of one more run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import peak, references, sqlite_floor
from benchmarks.generate import DATA_DIR, TABLET_KEY, paths
from benchmarks.scale import SCALES, Scale
from benchmarks.workspace import DIAGRAM_JOURNEY_ID, JOURNEY_ID, build_questionnaire

ROOT = Path(__file__).resolve().parents[1]
Result = dict[str, Any]


# CPU seconds per run, beside the wall-clock ones: on a shared machine the wall clock
# also measures the neighbours, the CPU time mostly not.
CPU: dict[str, list[float]] = {"times": [], "reference": [], "cold": []}


def _cpu() -> float:
    t = os.times()  # children: the CLI processes and the Chromium they wait for
    return t.user + t.system + t.children_user + t.children_system


def _timed(action: Callable[[], Any], kind: str | None = "times") -> tuple[float, Any]:
    began, cpu = time.perf_counter(), _cpu()
    value = action()
    if kind:
        CPU[kind].append(_cpu() - cpu)
    return time.perf_counter() - began, value


def _engine(database: Path) -> Any:
    from journeymap.store.engine import open_database

    return open_database(f"sqlite:///{database}")


def _journey(engine: Any, journey_id: str) -> Any:
    from journeymap.store.journeys import JourneyRepository

    return JourneyRepository(engine).get(journey_id).journey  # type: ignore[union-attr]


def _copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


CHILD_PEAK_KIB = [0]


def _measured(command: list[str]) -> subprocess.CompletedProcess[str]:
    """``python -m MODULE …`` through benchmarks.peak, keeping its peak memory."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.peak", *command],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    for line in done.stderr.splitlines():
        if line.startswith(peak.MARK):
            CHILD_PEAK_KIB[0] = max(CHILD_PEAK_KIB[0], int(line.split()[1]))
    return done


def _cli(scale: Scale, where: dict[str, Path], *args: str) -> subprocess.CompletedProcess[str]:
    database = where["folder"] / "full.db"
    return _measured(["journeymap", "--db", f"sqlite:///{database}", *args])


def step_import(scale: Scale, where: dict[str, Path]) -> Result:
    """import_responses of the whole CSV into a copy of the base workspace; kept as full.db."""
    from journeymap.io.survey_import import ImportMapping
    from journeymap.services.access import command_line_viewer
    from journeymap.services.imports import import_responses

    mapping = ImportMapping(
        score=references.SCORE_COLUMN,
        date="Recorded Date",
        touchpoint="Touchpoint",
        location="Branch",
        segment="Segment",
        comment="Comment",
        contact="Email",
        id="Response ID",
    )
    target = where["folder"] / "import.db"
    times, imported = [], 0
    for _ in range(scale.runs):
        _copy_db(where["base"], target)
        engine = _engine(target)
        journey = _journey(engine, JOURNEY_ID)
        seconds, report = _timed(
            lambda e=engine, j=journey: import_responses(
                command_line_viewer("benchmark"), e, j, where["csv"], mapping
            )
        )
        engine.dispose()
        times.append(seconds)
        imported = report.imported
    _copy_db(target, where["folder"] / "full.db")
    ref_db = where["folder"] / "reference.duckdb"
    ref_times = [
        _timed(lambda: references.duckdb_load_csv(where["csv"], ref_db), "reference")[0]
        for _ in range(scale.runs)
    ]
    check = "" if imported == scale.responses else f"{imported} of {scale.responses} stored"
    return {
        "times": times,
        "reference": ref_times,
        "reference_name": "DuckDB read_csv into a table",
        "check": check or f"{imported:,} responses stored",
        "ok": not check,
    }


def step_import_floor(scale: Scale, where: dict[str, Path]) -> Result:
    """The rows stored by SQLite alone (sqlite_floor.py), vs. DuckDB's load: what any
    import of them costs, however fast its own part."""
    folder = where["folder"]
    stored = (where["base"], folder / "full.db", folder / "floor.db")
    # Only the inserts and the commit are timed: no CPU column, the untimed copy is in it.
    times, without = (
        [sqlite_floor.store_seconds(*stored, covering_index=covering) for _ in range(scale.runs)]
        for covering in (True, False)
    )
    ref_times = [
        _timed(
            lambda: references.duckdb_load_csv(where["csv"], folder / "reference.duckdb"),
            "reference",
        )[0]
        for _ in range(scale.runs)
    ]
    ref = statistics.median(ref_times)

    def against(seconds: list[float]) -> str:
        median = statistics.median(seconds)
        shown = f"{median:.2f} s" if median >= 1 else f"{median * 1000:.1f} ms"
        return f"{shown} ({median / ref:.1f}×)"

    return {
        "times": times,
        "reference": ref_times,
        "reference_name": "DuckDB read_csv into a table",
        "check": f"without the covering index {against(without)}",
        "ok": True,
    }


def step_nps_cli(scale: Scale, where: dict[str, Path]) -> Result:
    """`journeymap nps bank --by touchpoint month --json`, a whole process, vs. DuckDB's."""
    args = ("nps", JOURNEY_ID, "--by", "touchpoint", "month", "--json")
    times, output = [], ""
    for _ in range(scale.runs):
        seconds, done = _timed(lambda: _cli(scale, where, *args))
        times.append(seconds)
        output = done.stdout
    script = references.duckdb_nps_script(where["folder"] / "reference.duckdb")
    ref_times, ref_output = [], ""
    for _ in range(scale.runs):
        seconds, done = _timed(
            lambda: subprocess.run(
                [sys.executable, "-c", script], check=True, capture_output=True, text=True, cwd=ROOT
            ),
            "reference",
        )
        ref_times.append(seconds)
        ref_output = done.stdout
    difference = references.same_nps(json.loads(output), json.loads(ref_output))
    return {
        "times": times,
        "reference": ref_times,
        "reference_name": "DuckDB, a whole process",
        "check": difference or "equal to the reference",
        "ok": not difference,
    }


def step_nps_inprocess(scale: Scale, where: dict[str, Path]) -> Result:
    """What the CLI does after start-up: read_nps_counts + nps_table_from_counts, vs. DuckDB."""
    from journeymap.analytics.nps_tables import nps_table_from_counts
    from journeymap.store.evidence import read_nps_counts

    engine = _engine(where["folder"] / "full.db")
    by = ["touchpoint", "month"]

    def ours() -> Any:
        return nps_table_from_counts(read_nps_counts(engine, JOURNEY_ID, by), by)

    times, table = [], None
    for _ in range(scale.runs):
        seconds, table = _timed(ours)
        times.append(seconds)
    ref_db = where["folder"] / "reference.duckdb"
    ref_times, reference = [], []
    for _ in range(scale.runs):
        seconds, reference = _timed(lambda: references.duckdb_nps(ref_db), "reference")
        ref_times.append(seconds)
    difference = references.same_nps(table.to_dict("records"), reference)  # type: ignore[union-attr]
    return {
        "times": times,
        "reference": ref_times,
        "reference_name": "DuckDB query",
        "check": difference or "equal to the reference",
        "ok": not difference,
        "profile": ours,
    }


def step_shopper(scale: Scale, where: dict[str, Path]) -> Result:
    """Scores by location as the results page gets them, vs. vectorised pandas on sqlite3."""
    from journeymap.analytics.shopper_results import league_table, score_visits
    from journeymap.model.visit_status import counted_statuses
    from journeymap.store.programme import read_answers, read_visits
    from journeymap.store.visits import all_versions

    database = where["folder"] / "full.db"
    engine = _engine(database)

    def ours() -> Any:
        tables = score_visits(
            all_versions(engine, JOURNEY_ID),
            read_visits(engine, JOURNEY_ID),
            read_answers(engine, JOURNEY_ID),
            counted_statuses(True),
        )
        return league_table(tables.visits, "mean")

    times, league = [], None
    for _ in range(scale.runs):
        seconds, league = _timed(ours)
        times.append(seconds)
    questionnaire = build_questionnaire(_journey(engine, JOURNEY_ID), scale.sections)
    ref_times, reference = [], None
    for _ in range(scale.runs):
        seconds, reference = _timed(
            lambda: references.pandas_league(database, questionnaire), "reference"
        )
        ref_times.append(seconds)
    difference = references.same_league(league, reference)
    return {
        "times": times,
        "reference": ref_times,
        "reference_name": "pandas, vectorised",
        "check": difference or "equal to the reference",
        "ok": not difference,
        "profile": ours,
    }


def step_friction(scale: Scale, where: dict[str, Path]) -> Result:
    """sand_report over all the evidence: responses, visits and KPI points."""
    from journeymap.analytics.evidence import EvidenceFilter
    from journeymap.services.sand import sand_report

    engine = _engine(where["folder"] / "full.db")
    journey = _journey(engine, JOURNEY_ID)

    def ours() -> Any:
        return sand_report(engine, journey, EvidenceFilter())

    times, report = [], None
    for _ in range(scale.runs):
        seconds, report = _timed(ours)
        times.append(seconds)
    return {
        "times": times,
        "check": f"{len(report.items)} touchpoints ranked",  # type: ignore[union-attr]
        "ok": bool(report.items),  # type: ignore[union-attr]
        "profile": ours,
    }


def step_figures(scale: Scale, where: dict[str, Path]) -> Result:
    """Flow, graph figure and journey-map figure of the big journey, from nothing."""
    from journeymap.analytics.flow import compute_flow
    from journeymap.charts import journey_figure, journey_map_figure

    engine = _engine(where["folder"] / "full.db")
    journey = _journey(engine, DIAGRAM_JOURNEY_ID)

    def ours() -> Any:
        flow = compute_flow(journey)
        return journey_figure(journey, flow), journey_map_figure(journey)

    times = [_timed(ours)[0] for _ in range(scale.runs)]
    return {
        "times": times,
        "check": f"{len(journey.touchpoints)} touchpoints",
        "ok": True,
        "profile": ours,
    }


def _page_step(scale: Scale, where: dict[str, Path], page: str) -> Result:
    # The app driven as tests/app drive it: the only streamlit import outside the app.
    import streamlit as st  # noqa: TID251
    from streamlit.testing.v1 import AppTest  # noqa: TID251

    os.environ["JOURNEYMAP_DB_URL"] = f"sqlite:///{where['folder'] / 'full.db'}"
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=900)
    at.query_params["journey"] = JOURNEY_ID
    at.run()
    at.switch_page(str(Path("journeymap") / "ui" / "pages" / f"{page}.py"))
    cold = []
    for _ in range(scale.runs):
        st.cache_data.clear()
        st.cache_resource.clear()  # the responses frame is a shared resource
        cold.append(_timed(at.run, "cold")[0])
    warm = [_timed(at.run)[0] for _ in range(scale.runs)]
    problems = [e.value for e in at.exception] + [e.value for e in at.error]
    return {
        "times": warm,
        "cold": cold,
        "check": "; ".join(map(str, problems))[:200] or f"{len(at.main)} elements, no errors",
        "ok": not problems,
        "profile": at.run,
    }


def step_journey_page(scale: Scale, where: dict[str, Path]) -> Result:
    return _page_step(scale, where, "journey")


def step_nps_page(scale: Scale, where: dict[str, Path]) -> Result:
    return _page_step(scale, where, "nps")


def _last_full_quarter(scale: Scale) -> str:
    year, quarter = scale.end.year, (scale.end.month - 1) // 3 + 1
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return f"{year}-Q{quarter}"


def step_report(scale: Scale, where: dict[str, Path]) -> Result:
    """`journeymap report bank --period <last full quarter> --out report.pdf`, a process."""
    period = _last_full_quarter(scale)
    out = where["folder"] / "report.pdf"
    args = ("report", JOURNEY_ID, "--period", period, "--out", str(out))
    times = []
    for _ in range(scale.runs):
        out.unlink(missing_ok=True)
        times.append(_timed(lambda: _cli(scale, where, *args))[0])
    size = out.stat().st_size if out.exists() else 0
    return {"times": times, "check": f"{period}: {size:,} bytes of PDF", "ok": size > 0}


def step_tablets(scale: Scale, where: dict[str, Path]) -> Result:
    """Shoppers answering their own visits at once, one save_answer per answer."""
    from sqlalchemy import func, select

    from journeymap.store.answers import save_answer
    from journeymap.store.tables import AnswerRow, VisitRow

    database = where["folder"] / "tablets.db"
    _copy_db(where["base"], database)
    engine = _engine(database)  # one engine for all, as the app's server has
    journey = _journey(engine, JOURNEY_ID)
    questions = build_questionnaire(journey, scale.sections).questions()
    keys = [TABLET_KEY.format(i) for i in range(scale.tablets)]
    with engine.connect() as connection:
        ids = dict(
            connection.execute(
                select(VisitRow.external_key, VisitRow.id).where(VisitRow.external_key.in_(keys))
            ).all()
        )
    values = {"yes_no": True, "scale": 4, "timer": 95, "choice": "Fully"}
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(scale.tablets)

    def shopper(visit_id: int) -> None:
        mine = []
        start.wait()
        for question in questions:
            began = time.perf_counter()
            try:
                save_answer(
                    engine, visit_id, question.id, actor="benchmarks", value=values[question.type]
                )
            except Exception as error:  # noqa: BLE001 - counted and reported, not raised
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=shopper, args=(ids[k],)) for k in keys]
    wall, _ = _timed(lambda: [t.start() for t in threads] + [t.join() for t in threads], None)
    with engine.connect() as connection:
        stored = connection.scalar(
            select(func.count()).select_from(AnswerRow).where(AnswerRow.visit_id.in_(ids.values()))
        )
    expected = scale.tablets * len(questions)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    ok = stored == expected and not errors
    return {
        "times": latencies,
        "p95": p95,
        "wall": wall,
        "check": f"{stored:,} of {expected:,} answers stored in {wall:.1f} s"
        + (f"; {len(errors)} errors: {errors[0]}" if errors else ""),
        "ok": ok,
    }


STEPS: dict[str, Callable[[Scale, dict[str, Path]], Result]] = {
    "import": step_import,
    "import-floor": step_import_floor,
    "nps-cli": step_nps_cli,
    "nps-inprocess": step_nps_inprocess,
    "shopper": step_shopper,
    "friction": step_friction,
    "figures": step_figures,
    "journey-page": step_journey_page,
    "nps-page": step_nps_page,
    "report": step_report,
    "tablets": step_tablets,
}


def peak_mib() -> float:
    """Peak resident memory of this process or of the CLI processes it ran.

    Chromium, which the report's CLI starts to print the PDF, is not included.
    """
    return max(peak.high_water_kib(), CHILD_PEAK_KIB[0]) / 1024


def _profile(action: Callable[[], Any], target: Path) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    profiler.start()
    action()
    profiler.stop()
    target.write_text(profiler.output_text(unicode=True, show_all=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--runs", type=int, help="runs per timing (default: the scale's)")
    parser.add_argument("--profile", action="store_true", help="write profile-STEP.txt")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    if args.runs:
        scale = __import__("dataclasses").replace(scale, runs=args.runs)
    where = paths(args.data, scale)
    result = STEPS[args.step](scale, where)
    action = result.pop("profile", None)
    if args.profile and action is not None:
        _profile(action, where["folder"] / f"profile-{args.step}.txt")
    result["median"] = statistics.median(result["times"])
    if result.get("reference"):
        result["reference_median"] = statistics.median(result["reference"])
    if result.get("cold"):
        result["cold_median"] = statistics.median(result["cold"])
    for kind, seconds in CPU.items():
        if seconds:
            result[f"{kind}_cpu_median"] = statistics.median(seconds)
    result["peak_mib"] = peak_mib()
    result["times"] = result["times"][:50]  # the tablets' latencies are many
    print(json.dumps(result))


if __name__ == "__main__":
    main()
