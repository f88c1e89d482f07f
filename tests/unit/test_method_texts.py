"""The pages' explanations of the sand ranking and of "Did it work?" take every number
from the constants the analysis uses: they used to be typed into the texts, so a
changed threshold would have left the page explaining the old one."""

from __future__ import annotations

import pytest

from journeymap import settings
from journeymap.analytics import action_effect, friction
from journeymap.i18n.translate import use_language
from journeymap.ui.widgets.walk.method_texts import effect_method, friction_method


def test_the_friction_method_states_the_thresholds_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(friction, "SAND_AT", 45.0)
    monkeypatch.setattr(friction, "SOLID_VISITS", 4)
    monkeypatch.setattr(friction, "KPI_SCALE", 0.6)
    text = friction_method()
    assert "sand (friction ≥ 45) before watch (≥ 15)" in text
    assert "NPS n ≥ 30, 4 or more mystery-shopper visits, or 10 or more days" in text
    assert "relative to the target, divided by 60 %" in text
    assert "divided by 20 (from 5 on)" in text


def test_the_effect_method_states_the_window_and_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "effect_window_days", lambda: 60)
    monkeypatch.setattr(action_effect, "SOLID_DAYS", 14)
    with use_language("da"):
        text = effect_method()
    assert "To lige lange perioder (60 dage, en indstilling for arbejdsområdet)" in text
    assert "en ændring tæller, når p < 0,05. Solid, når hver periode har 30 svar" in text
    assert "Solid med 14 dage eller flere" in text
    assert "testes for sig på 5 %-niveau" in text
