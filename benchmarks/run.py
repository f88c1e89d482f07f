"""The bank-scale benchmark: every step against its reference, as one table.

``python -m benchmarks.run [--scale full|tiny] [--data bench-data] [--only STEP …]``
generates the workspace if needed (benchmarks.generate), runs each step in its own
process (benchmarks.steps) and prints a Markdown table; the table and the raw figures
are also written to ``DATA/SCALE/results.md`` and ``results.json``. Figures, never
assertions: a failed check is shown in the table, and the exit code is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import DATA_DIR, generate
from benchmarks.scale import FULL, SCALES, Scale
from benchmarks.steps import ROOT, STEPS

TITLES = {
    "import": "Import the {responses} responses CSV (import_responses)",
    "import-floor": "… of which SQLite alone: the stored rows into `responses`, no Python",
    "nps-cli": "NPS by touchpoint × month, CLI end to end (`nps --json`)",
    "nps-inprocess": "… of which read_nps_counts + nps_table_from_counts",
    "shopper": "Mystery-shopper scores by location ({visits} visits × {questions} answers)",
    "friction": "Friction ranking (sand_report, all evidence)",
    "figures": "Journey figures, {diagram_touchpoints} touchpoints (flow, graph, map)",
    "journey-page": "Journey page rerun (AppTest)",
    "nps-page": "NPS dashboard rerun (AppTest)",
    "report": "One-page report, PDF (`report --period`)",
    "tablets": "{tablets} concurrent tablets, per answer (save_answer)",
}
STEP_TIMEOUT = 1800


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(memory) / 2**20:.0f} GiB RAM"
    except OSError:
        ram = "RAM unknown"
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def run_step(name: str, scale: Scale, data: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.steps", name, "--scale", scale.name]
    command += ["--data", str(data)]
    began = time.perf_counter()
    # The references (DuckDB, pandas) cut months in UTC: so does journeymap here, whatever
    # the machine's JOURNEYMAP_TIMEZONE, so that both count the same months.
    environment = {**os.environ, "JOURNEYMAP_TIMEZONE": "UTC"}
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=STEP_TIMEOUT,
        check=False,
        env=environment,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"ok": False, "check": f"failed: {tail[:160]}", "elapsed": 0.0}
    result = json.loads(lines[-1])
    result["elapsed"] = time.perf_counter() - began
    return result


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def row(name: str, result: dict[str, Any], scale: Scale) -> str:
    title = TITLES[name].format(
        responses=f"{scale.responses:,}",
        visits=f"{scale.visits:,}",
        questions=scale.questions,
        diagram_touchpoints=scale.diagram_touchpoints,
        tablets=scale.tablets,
    )
    median, cpu = result.get("median"), result.get("times_cpu_median")
    figure = _seconds(median) + (f" (CPU {_seconds(cpu)})" if cpu is not None else "")
    if name == "tablets" and median is not None:
        figure = f"median {_seconds(median)}, p95 {_seconds(result['p95'])}"
    if "cold_median" in result and median is not None:
        figure = (
            f"warm {_seconds(median)} (CPU {_seconds(cpu)}), cold "
            f"{_seconds(result['cold_median'])} (CPU {_seconds(result.get('cold_cpu_median'))})"
        )
    reference, ref_cpu = result.get("reference_median"), result.get("reference_cpu_median")
    ratio, ref_text = "—", "—"
    if reference and median is not None:
        ratio = f"{median / reference:.1f}×"
        if cpu and ref_cpu:
            ratio += f" (CPU {cpu / ref_cpu:.1f}×)"
        ref_text = f"{_seconds(reference)} (CPU {_seconds(ref_cpu)}), {result['reference_name']}"
    peak = f"{result['peak_mib']:,.0f}" if "peak_mib" in result else "—"
    check = ("" if result.get("ok") else "**FAILED** ") + str(result.get("check", ""))
    return f"| {title} | {figure} | {ref_text} | {ratio} | {peak} | {check} |"


def table(results: dict[str, dict[str, Any]], scale: Scale) -> str:
    head = [
        "| step | wall-clock median | reference: same data, same run | ratio | peak RSS MiB "
        "| check |",
        "|---|---|---|---|---|---|",
    ]
    return "\n".join(head + [row(name, results[name], scale) for name in results])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default=FULL.name)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--only", nargs="+", choices=list(STEPS), metavar="STEP")
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    began = time.perf_counter()
    where = generate(scale, args.data)
    steps = args.only or list(STEPS)
    if "import" not in steps and not (where["folder"] / "full.db").exists():
        steps = ["import", *steps]  # the other steps read the imported workspace
    results: dict[str, dict[str, Any]] = {}
    for name in steps:
        print(f"{name} …", file=sys.stderr, flush=True)
        results[name] = run_step(name, scale, args.data)
    minutes = (time.perf_counter() - began) / 60
    text = "\n".join(
        [
            f"Scale `{scale.name}`: {scale.responses:,} responses over {scale.months} months, "
            f"{scale.locations} locations, {scale.touchpoints} touchpoints, "
            f"{scale.visits:,} visits × {scale.questions} answers, "
            f"{scale.metric_points:,} KPI points; median of {scale.runs} runs.",
            f"Machine: {machine()}.",
            f"Whole run, generation included: {minutes:.1f} min.",
            "",
            table(results, scale),
        ]
    )
    print(text)
    (where["folder"] / "results.md").write_text(text + "\n")
    (where["folder"] / "results.json").write_text(json.dumps(results, indent=1))
    return 0 if all(r.get("ok", True) for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
