"""Import throughput with alerts on and off, and how fast the dispatcher sends them.

``python -m benchmarks.alerts [--rows N] [--runs R] [--pg URL]``: a survey export of N
responses (a fifth of them detractors with contact details, all recent enough to be
called back) is imported into a fresh workspace, once with no subscriptions (alerts
off) and once with three (e-mail, Slack, Teams: every new detractor queues three
alerts in the import's transaction); median of R runs each. Then one dispatcher sends
the queued alerts to a local SMTP server and a local HTTP receiver. On SQLite, and on
PostgreSQL with ``--pg`` (or JOURNEYMAP_TEST_PG_URL): a server URL whose user may
create databases; a scratch database is made and dropped. Figures, no assertions.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from journeymap.io.survey_import import ImportMapping
from journeymap.model import Journey
from journeymap.model.access import workspace_owner
from journeymap.services.alert_dispatch import Dispatcher
from journeymap.services.alerts import subscribe
from journeymap.services.imports import import_responses
from journeymap.store.engine import open_database
from journeymap.store.journeys import JourneyRepository
from tests.alert_servers import http_receiver, smtp_server

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
OWNER = workspace_owner("benchmark")
TOUCHPOINTS = [f"tp{i}" for i in range(10)]
JOURNEY = Journey.model_validate(
    {
        "id": "bench",
        "name": "Benchmark",
        "stages": [{"id": "use", "name": "Use"}],
        "touchpoints": [
            {"id": tp, "name": f"Touchpoint {tp}", "stage": "use", "channel": "web"}
            for tp in TOUCHPOINTS
        ],
    }
)
MAPPING = ImportMapping(
    score="Score", date="Date", touchpoint="Touchpoint", comment="Comment",
    contact="Email", location="Branch", id="Id",
)  # fmt: skip


def write_export(path: Path, rows: int, seed: int = 20) -> None:
    pick = random.Random(seed)
    lines = ["Id,Date,Touchpoint,Score,Comment,Email,Branch"]
    for i in range(rows):
        detractor = pick.random() < 0.2
        score = pick.randint(0, 6) if detractor else pick.randint(7, 10)
        when = NOW - timedelta(minutes=pick.randint(1, 600))
        contact = f"c{i}@example.dk" if detractor else ""
        lines.append(
            f"r{i},{when:%Y-%m-%d %H:%M},{pick.choice(TOUCHPOINTS)},{score},"
            f"comment {i},{contact},b{pick.randint(1, 20)}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def environment(**values: str) -> Iterator[None]:
    """These variables set for the block, then as they were (the smoke test runs this
    in the test process)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def scratch_database(kind: str, server: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}"
        return
    name = f"jm_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def one_import(url: str, export: Path, channels: list[tuple[str, str]]) -> tuple[float, object]:
    engine = open_database(url)
    JourneyRepository(engine).save(JOURNEY, author="benchmark", base_revision=None)
    for channel, target in channels:
        subscribe(OWNER, engine, "bench", kind="detractor", channel=channel,
                  target=target, role="leader")  # fmt: skip
    began = time.perf_counter()
    report = import_responses(OWNER, engine, JOURNEY, export, MAPPING, now=NOW)
    return time.perf_counter() - began, (engine, report)


def median_of(runs: int, action: Callable[[], tuple[float, object]]) -> tuple[float, object]:
    results = [action() for _ in range(runs)]
    return statistics.median(t for t, _ in results), results[-1][1]


def bench(kind: str, server: str, rows: int, runs: int, folder: Path) -> str:
    export = folder / "export.csv"
    write_export(export, rows)
    with (
        smtp_server() as (port, mail),
        http_receiver() as hook,
        environment(
            JOURNEYMAP_SMTP_HOST="127.0.0.1",
            JOURNEYMAP_SMTP_PORT=str(port),
            JOURNEYMAP_SMTP_STARTTLS="false",
        ),
    ):
        channels = [("email", "cx@example.dk"), ("slack", hook.url), ("teams", hook.url)]

        def measured(chosen: list[tuple[str, str]]) -> Callable[[], tuple[float, object]]:
            def action() -> tuple[float, object]:
                with scratch_database(kind, server, folder) as url:
                    seconds, (engine, report) = one_import(url, export, chosen)  # type: ignore[misc]
                    sent = 0.0
                    if chosen:
                        began = time.perf_counter()
                        dispatcher = Dispatcher(engine, clock=lambda: NOW)
                        while dispatcher.run_once().sent:
                            pass
                        sent = time.perf_counter() - began
                    engine.dispose()
                    return seconds, (report, sent)

            return action

        off, (report, _) = median_of(runs, measured([]))
        on, (report_on, send_seconds) = median_of(runs, measured(channels))
    alerts = report_on.cases_created * len(channels)  # type: ignore[attr-defined]
    return (
        f"| {kind} | {rows:,} responses, {report.cases_created:,} new detractors | "  # type: ignore[attr-defined]
        f"{off:.2f} s ({rows / off:,.0f}/s) | {on:.2f} s ({rows / on:,.0f}/s), "
        f"{alerts:,} alerts queued | {on / off - 1:+.0%} | "
        f"{alerts:,} sent in {send_seconds:.1f} s ({alerts / send_seconds:,.0f}/s) |"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("JOURNEYMAP_TEST_PG_URL", ""))
    args = parser.parse_args(argv)
    print(
        "| database | import | alerts off | alerts on | overhead | dispatch (last run) |\n"
        "|---|---|---|---|---|---|"
    )
    with tempfile.TemporaryDirectory() as folder, environment(JOURNEYMAP_TIMEZONE="UTC"):
        for kind in ["sqlite", "postgresql"] if args.pg else ["sqlite"]:
            print(bench(kind, args.pg, args.rows, args.runs, Path(folder)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
