"""Pushes per second over HTTP: the API (`python -m journeymap api`, its own process) on
SQLite and on PostgreSQL, survey tools as concurrent httpx clients.

``python -m benchmarks.api_pushes [--pushes N] [--clients C] [--batch B] [--pg-url URL]``
prints a Markdown table: single-response pushes (what a webhook sends) and batches of B
responses, each over C clients at once; every push is one import batch, so the figures
include the batch, the call-back cases and the audit entries. Each is measured with
alerts off and on: on, a Slack-format subscription for every new detractor with contact
details and the dispatcher (`alerts run`, its own process) sending to a local receiver;
the alerts column says how many arrived and how long after the last push. PostgreSQL is measured
when ``--pg-url`` (or JOURNEYMAP_TEST_PG_URL) names a server where a throw-away
database may be created. Figures, never assertions; the check column says whether
every response was stored exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from benchmarks.run import machine

ROOT = Path(__file__).resolve().parent.parent
JOURNEY = "bank-advisory"
TOUCHPOINT = "book-online"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed(url: str) -> str:
    """The bank journey and a push key; the key's secret."""
    from journeymap.io.journey_files import read_journey_file
    from journeymap.services.access import command_line_viewer
    from journeymap.services.api_keys import create_api_key
    from journeymap.services.journeys import import_journey
    from journeymap.store.engine import open_database

    engine = open_database(url)
    admin = command_line_viewer("benchmark")
    journey = read_journey_file(ROOT / "journeys" / f"{JOURNEY}.yaml").journey
    import_journey(admin, engine, journey, base_revision=None, source="bench")
    _, secret = create_api_key(admin, engine, "bench", "push", (JOURNEY,))
    engine.dispose()
    return secret


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def dispatcher(url: str) -> Iterator[None]:
    """`alerts run` as `make run` starts it, polling every second."""
    command = [sys.executable, "-m", "journeymap", "--db", url, "alerts", "run", "--every", "1"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def subscribe_receiver(url: str, hook: str) -> None:
    from journeymap.services.access import command_line_viewer
    from journeymap.services.alerts import subscribe
    from journeymap.store.engine import open_database

    engine = open_database(url)
    subscribe(
        command_line_viewer("benchmark"),
        engine,
        JOURNEY,
        kind="detractor",
        channel="slack",
        target=hook,
        role="leader",
    )
    engine.dispose()


def owed_alerts(body: list[list[dict[str, Any]]]) -> int:
    """New detractors with contact details: one alert each for the one subscription."""
    return sum(1 for push in body for r in push if r["score"] <= 6 and r.get("contact"))


def alerts_sent(posts: list[Any], already: int, expected: int, limit: float = 120) -> float:
    """Seconds from the end of the pushes until the expected alerts had arrived."""
    began = time.perf_counter()
    while len(posts) - already < expected and time.perf_counter() - began < limit:
        time.sleep(0.2)
    return time.perf_counter() - began


@contextmanager
def served(url: str) -> Iterator[tuple[str, int]]:
    """The API in its own process on a free port; its base URL and process id."""
    port = free_port()
    environment = {**os.environ, "JOURNEYMAP_API_RATE_PER_MINUTE": "1000000"}
    command = [sys.executable, "-m", "journeymap", "--db", url, "api", "--port", str(port)]
    log = Path(tempfile.gettempdir()) / f"journeymap-api-bench-{port}.log"
    server = subprocess.Popen(
        command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the API did not start") from None
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def postgres(admin_url: str) -> Iterator[str]:
    name = f"jm_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bodies(pushes: int, batch: int, first: int) -> list[list[dict[str, Any]]]:
    now = datetime.now(UTC)
    return [
        [
            {
                "response_id": f"bench-{first + p * batch + i}",
                "score": (p + i) % 11,
                "responded_at": (now - timedelta(minutes=(p + i) % 600)).isoformat(),
                "touchpoint": TOUCHPOINT,
                "contact": "customer@example.dk" if (p + i) % 11 < 3 else None,
            }
            for i in range(batch)
        ]
        for p in range(pushes)
    ]


def measure(
    server: tuple[str, int],
    secret: str,
    pushes: int,
    clients: int,
    batch: int,
    first: int,
    posts: list[Any] | None = None,
) -> dict[str, Any]:
    base, pid = server
    work = bodies(pushes, batch, first)
    already = len(posts) if posts is not None else 0
    headers = {"Authorization": f"Bearer {secret}"}
    latencies: list[float] = []
    new = 0

    def push(body: list[dict[str, Any]], client: httpx.Client) -> tuple[int, int, float]:
        began = time.perf_counter()
        answer = client.post(f"/api/v1/journeys/{JOURNEY}/responses", json=body, headers=headers)
        new = answer.json().get("new", 0) if answer.status_code == 200 else 0
        return answer.status_code, new, time.perf_counter() - began

    with httpx.Client(
        base_url=base, timeout=300, limits=httpx.Limits(max_connections=clients)
    ) as client:
        began, cpu = time.perf_counter(), cpu_seconds(pid)
        with ThreadPoolExecutor(clients) as pool:
            done = list(pool.map(lambda body: push(body, client), work))
        elapsed, cpu = time.perf_counter() - began, cpu_seconds(pid) - cpu
    failed = sum(1 for status, _, _ in done if status != 200)
    new = sum(n for _, n, _ in done)
    alerts, alerts_ok = "off", True
    if posts is not None:
        expected = owed_alerts(work)
        waited = alerts_sent(posts, already, expected)
        sent = len(posts) - already
        alerts = f"{sent:,} of {expected:,} sent, the last {waited:.1f} s after"
        alerts_ok = sent == expected
    latencies = sorted(t for _, _, t in done)
    return {
        "pushes": pushes,
        "batch": batch,
        "clients": clients,
        "elapsed": elapsed,
        "pushes_per_second": pushes / elapsed,
        "server_cpu_ms_per_push": 1000 * cpu / pushes,
        "responses_per_second": pushes * batch / elapsed,
        "median_ms": 1000 * latencies[len(latencies) // 2],
        "p95_ms": 1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))],
        "check": (
            f"{new:,} of {pushes * batch:,} responses stored once"
            + (f", {failed} pushes failed" if failed else "")
        ),
        "alerts": alerts,
        "ok": failed == 0 and new == pushes * batch and alerts_ok,
    }


def bench_database(label: str, url: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    from tests.alert_servers import http_receiver

    secret = seed(url)
    results = []
    with served(url) as server:
        single = measure(server, secret, args.pushes, args.clients, 1, 0)
        batches = measure(
            server, secret, max(1, args.pushes // 10), args.clients, args.batch, 10**7
        )
        with http_receiver() as hook, dispatcher(url):
            subscribe_receiver(url, hook.url)
            single_on = measure(server, secret, args.pushes, args.clients, 1, 2 * 10**7, hook.posts)
            batches_on = measure(
                server,
                secret,
                max(1, args.pushes // 10),
                args.clients,
                args.batch,
                3 * 10**7,
                hook.posts,
            )
    for kind, result in (
        ("1 response a push", single),
        (f"{args.batch} a push", batches),
        ("1 response a push, alerts on", single_on),
        (f"{args.batch} a push, alerts on", batches_on),
    ):
        results.append({"database": label, "kind": kind, **result})
    return results


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        "| database | pushes | clients | pushes/s | responses/s | server CPU a push | median "
        "| p95 | check | alerts |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['pushes']:,} × {r['kind']} | {r['clients']} | "
            f"{r['pushes_per_second']:,.1f} | {r['responses_per_second']:,.0f} | "
            f"{r['server_cpu_ms_per_push']:,.0f} ms | "
            f"{r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {r['check']} | {r['alerts']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pushes", type=int, default=1000, help="single-response pushes")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--batch", type=int, default=100, help="responses a batch push")
    parser.add_argument("--pg-url", default=os.environ.get("JOURNEYMAP_TEST_PG_URL"))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        results += bench_database("SQLite", f"sqlite:///{folder}/bench.db", args)
    if args.pg_url:
        with postgres(args.pg_url) as url:
            results += bench_database("PostgreSQL", url, args)
    print(f"Machine: {machine()}\n")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
