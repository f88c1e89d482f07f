"""Settings: declared once, every bad value refused with a sentence, never a silent default."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeymap import settings
from journeymap.cli import main

NAMES = [s.name for s in settings.SETTINGS]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


# (variable, bad value, words of what is allowed that the sentence must carry)
BAD_VALUES = [
    ("JOURNEYMAP_SHOPPER_SCORE_METHOD", "pooledd", ["mean", "pooled"]),
    ("JOURNEYMAP_SHOPPER_SCORE_METHOD", "median", ["mean", "pooled"]),
    ("JOURNEYMAP_CALLBACK_HOURS", "abc", ["above 0"]),
    ("JOURNEYMAP_CALLBACK_HOURS", "-1", ["above 0"]),
    ("JOURNEYMAP_CALLBACK_HOURS", "0", ["above 0"]),
    ("JOURNEYMAP_CALLBACK_HOURS", "9000", ["8760"]),
    ("JOURNEYMAP_CALLBACK_HOURS", "nan", ["above 0"]),
    ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", "maybe", ["true", "false"]),
    ("JOURNEYMAP_ACTIONS_GOAL", "0", ["whole number", "1", "10000"]),
    ("JOURNEYMAP_ACTIONS_GOAL", "12.5", ["whole number"]),
    ("JOURNEYMAP_ACTIONS_GOAL", "fifty", ["whole number"]),
    ("JOURNEYMAP_EFFECT_WINDOW_DAYS", "3", ["whole number", "7", "365"]),
    ("JOURNEYMAP_EFFECT_WINDOW_DAYS", "400", ["whole number", "7", "365"]),
    ("JOURNEYMAP_TIMEZONE", "Europe/Kobenhavn", ["time zone", "Europe/Copenhagen"]),
    ("JOURNEYMAP_TIMEZONE", "+01:00", ["time zone", "UTC"]),
]


@pytest.mark.parametrize(("name", "value", "allowed"), BAD_VALUES)
def test_a_bad_value_is_one_sentence_naming_variable_value_and_what_is_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, allowed: list[str]
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(settings.SettingsError) as caught:
        settings.check()
    message = str(caught.value)
    assert name in message
    assert f"'{value}'" in message
    for word in allowed:
        assert word in message
    assert "\n" not in message
    assert message.endswith(".")
    assert message.count(". ") == 0  # one sentence


def test_a_misspelt_score_method_does_not_quietly_become_mean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOURNEYMAP_SHOPPER_SCORE_METHOD", "pooledd")
    with pytest.raises(ValueError, match="JOURNEYMAP_SHOPPER_SCORE_METHOD is 'pooledd'"):
        settings.shopper_score_method()


@pytest.mark.parametrize(
    ("name", "accessor"),
    [
        ("JOURNEYMAP_CALLBACK_HOURS", settings.callback_hours),
        ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", settings.shopper_approved_only),
        ("JOURNEYMAP_ACTIONS_GOAL", settings.actions_goal),
        ("JOURNEYMAP_EFFECT_WINDOW_DAYS", settings.effect_window_days),
    ],
)
def test_no_accessor_falls_back_to_its_default(
    monkeypatch: pytest.MonkeyPatch, name: str, accessor: object
) -> None:
    monkeypatch.setenv(name, "nonsense")
    with pytest.raises(settings.SettingsError, match=name):
        accessor()  # type: ignore[operator]


def test_two_bad_values_are_both_named_in_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_CALLBACK_HOURS", "abc")
    monkeypatch.setenv("JOURNEYMAP_ACTIONS_GOAL", "0")
    message = str(pytest.raises(settings.SettingsError, settings.check).value)
    assert "JOURNEYMAP_CALLBACK_HOURS" in message
    assert "JOURNEYMAP_ACTIONS_GOAL" in message
    assert message.count(". ") == 0


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_AUTHOR", "anna")
    settings.check()
    assert settings.data_dir() == Path("data")
    assert settings.database_url() == f"sqlite:///{Path('data') / 'journeymap.db'}"
    assert settings.default_author() == "anna"
    assert settings.shopper_score_method() == "mean"
    assert settings.shopper_approved_only() is True
    assert settings.chromium_path() == ""
    assert settings.callback_hours() == 24.0
    assert settings.actions_goal() == 50
    assert settings.effect_window_days() == 90


@pytest.mark.parametrize(
    ("name", "value", "accessor", "expected"),
    [
        ("JOURNEYMAP_SHOPPER_SCORE_METHOD", "pooled", settings.shopper_score_method, "pooled"),
        ("JOURNEYMAP_SHOPPER_SCORE_METHOD", " Pooled ", settings.shopper_score_method, "pooled"),
        ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", "false", settings.shopper_approved_only, False),
        ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", "0", settings.shopper_approved_only, False),
        ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", "no", settings.shopper_approved_only, False),
        ("JOURNEYMAP_SHOPPER_APPROVED_ONLY", "TRUE", settings.shopper_approved_only, True),
        ("JOURNEYMAP_CALLBACK_HOURS", "12", settings.callback_hours, 12.0),
        ("JOURNEYMAP_CALLBACK_HOURS", "1.5", settings.callback_hours, 1.5),
        ("JOURNEYMAP_CALLBACK_HOURS", " 48 ", settings.callback_hours, 48.0),
        ("JOURNEYMAP_ACTIONS_GOAL", "1", settings.actions_goal, 1),
        ("JOURNEYMAP_ACTIONS_GOAL", "10000", settings.actions_goal, 10000),
        ("JOURNEYMAP_EFFECT_WINDOW_DAYS", "7", settings.effect_window_days, 7),
        ("JOURNEYMAP_EFFECT_WINDOW_DAYS", "365", settings.effect_window_days, 365),
        ("JOURNEYMAP_DATA_DIR", "/srv/jm", settings.data_dir, Path("/srv/jm")),
        ("JOURNEYMAP_DB_URL", "sqlite:///x.db", settings.database_url, "sqlite:///x.db"),
        ("JOURNEYMAP_CHROMIUM", " /opt/chrome ", settings.chromium_path, "/opt/chrome"),
        # Set to nothing is the same as not set.
        ("JOURNEYMAP_CALLBACK_HOURS", "", settings.callback_hours, 24.0),
        ("JOURNEYMAP_SHOPPER_SCORE_METHOD", "", settings.shopper_score_method, "mean"),
    ],
)
def test_good_values(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, accessor: object, expected: object
) -> None:
    monkeypatch.setenv(name, value)
    settings.check()
    assert accessor() == expected  # type: ignore[operator]


def test_a_changed_environment_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_ACTIONS_GOAL", "12")
    assert settings.actions_goal() == 12
    monkeypatch.setenv("JOURNEYMAP_ACTIONS_GOAL", "13")
    assert settings.actions_goal() == 13


def test_unrelated_journeymap_variables_are_not_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_TEST_PG_URL", "postgresql://nowhere")
    settings.check()


def test_every_setting_has_help_a_default_and_what_is_allowed() -> None:
    assert len(NAMES) == len(set(NAMES))
    for setting in settings.SETTINGS:
        assert setting.name.startswith("JOURNEYMAP_")
        assert setting.help.strip()
        assert setting.allowed.strip()


def test_the_command_line_stops_with_the_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("JOURNEYMAP_DB_URL", f"sqlite:///{tmp_path / 'never.db'}")
    monkeypatch.setenv("JOURNEYMAP_SHOPPER_SCORE_METHOD", "pooledd")
    assert main(["journeys"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("journeymap: JOURNEYMAP_SHOPPER_SCORE_METHOD is 'pooledd'")
    assert err.count("\n") == 1
    assert not (tmp_path / "never.db").exists()  # stopped before touching the database


def test_the_author_is_the_account_when_no_login_variable_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In a container or CI there is no USER or controlling terminal: the audit log must
    still name the account, never "unknown"."""
    import pwd

    for variable in ("JOURNEYMAP_AUTHOR", "USER", "LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    settings.check()
    assert settings.default_author() == pwd.getpwuid(os.getuid()).pw_name
