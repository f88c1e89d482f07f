"""A bad JOURNEYMAP_ value stops the app before anything else, with one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import app


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("JOURNEYMAP_SHOPPER_SCORE_METHOD", "pooledd", "mean or pooled"),
        ("JOURNEYMAP_EFFECT_WINDOW_DAYS", "3", "a whole number from 7 to 365"),
    ],
)
def test_a_bad_setting_stops_the_app_with_the_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str, allowed: str
) -> None:
    database = tmp_path / "journeymap.db"
    monkeypatch.setenv("JOURNEYMAP_DB_URL", f"sqlite:///{database}")
    monkeypatch.setenv(name, value)
    at = app().run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value.replace("\\", "")
    assert shown == f"{name} is '{value}', but it must be {allowed}."
    assert not at.sidebar.selectbox  # no journey picker, no navigation
    assert not at.button
    assert not database.exists()  # stopped before opening the database


def test_good_settings_open_the_app(empty_workspace: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_SHOPPER_SCORE_METHOD", "Pooled")
    at = app().run()
    assert not at.exception
    assert not at.error
