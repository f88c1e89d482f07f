"""The New journey page's templates are cached, and an edited template file is read again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from journeymap.i18n import use_language
from journeymap.ui.loaders.templates import templates_for_reader

ROOT = Path(__file__).resolve().parents[2]


def test_an_edited_template_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "journeys"
    shutil.copytree(ROOT / "journeys", folder)
    with use_language("da"):
        before = templates_for_reader(folder)["retail-returns.yaml"]
        words = folder / "translations" / "da" / "retail-returns.yaml"
        text = words.read_text(encoding="utf-8")
        words.write_text(text.replace(before.name, "Returer i butikken", 1), encoding="utf-8")
        # A new change time even on a file system whose clock is coarse.
        stamp = words.stat().st_mtime_ns + 1_000_000_000
        os.utime(words, ns=(stamp, stamp))
        after = templates_for_reader(folder)["retail-returns.yaml"]
    assert before.name != "Returer i butikken"
    assert after.name == "Returer i butikken"
    assert [s.id for s in after.stages] == [s.id for s in before.stages]
