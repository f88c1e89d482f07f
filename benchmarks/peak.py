"""Run a module as ``python -m`` would, then report its peak resident memory on stderr.

ru_maxrss of children cannot tell one child from another (and Linux carries it over
forks), so each measured process reports its own high-water mark (VmHWM).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

MARK = "benchmarks-peak-kib"


def high_water_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    module, sys.argv = sys.argv[1], sys.argv[1:]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        print(f"{MARK} {high_water_kib()}", file=sys.stderr)


if __name__ == "__main__":
    main()
