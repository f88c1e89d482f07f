"""`alerts subscribe|unsubscribe|list|failures|resend|run` from a shell, against a real
HTTP receiver that first refuses and then takes the alert."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from journeymap.cli import main
from journeymap.io.survey_import import ImportMapping
from journeymap.model.access import Role, Viewer
from journeymap.services.imports import import_responses
from tests.alert_servers import http_receiver
from tests.unit.voc_helpers import SHOP, shop_engine

LEADER = Viewer(name="Lea Leader", role=Role.LEADER)
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@time_machine.travel(NOW, tick=True)
def test_subscribe_list_fail_resend_and_run_from_the_shell(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = shop_engine(sqlite_url)
    db = ("--db", sqlite_url)
    with http_receiver([500, 200]) as hook:
        code, out, _ = run(capsys, *db, "alerts", "subscribe", "shop", "--kind", "detractor",
                           "--slack", hook.url, "--role", "leader")  # fmt: skip
        assert (code, out) == (0, f"Subscription 1: detractor alerts of shop to {hook.url}.\n")
        code, _, err = run(capsys, *db, "alerts", "subscribe", "shop", "--kind", "detractor",
                           "--email", "not-an-address", "--role", "leader")  # fmt: skip
        assert code == 1
        assert err == (
            "journeymap: 'not-an-address' is not an e-mail address such as cx@example.com.\n"
        )
        code, out, _ = run(capsys, *db, "alerts", "list", "--json")
        assert json.loads(out) == [
            {"id": 1, "journey": "shop", "location": "", "kind": "detractor",
             "channel": "slack", "target": hook.url, "role": "leader"},
        ]  # fmt: skip

        # An answer of an hour ago: its call-back is still due, so it gets a case.
        answers = tmp_path / "answers.csv"
        moment = NOW - timedelta(hours=1)
        mapping = ImportMapping(
            score="Score", date="Date", touchpoint="Touchpoint", contact="Email"
        )
        answers.write_text(f"Date,Touchpoint,Score,Email\n{moment:%Y-%m-%d %H:%M},checkout,1,a@b\n")
        import_responses(LEADER, engine, SHOP, answers, mapping)

        code, out, err = run(capsys, *db, "alerts", "run", "--once")
        assert (code, out) == (0, "0 queued, 0 sent, 1 failed.\n")
        assert "alert 1: the webhook answered HTTP 500" in err
        code, out, _ = run(capsys, *db, "alerts", "failures", "--json")
        (failing,) = json.loads(out)
        assert (failing["id"], failing["status"], failing["attempts"]) == (1, "pending", 1)
        assert failing["reason"] == "the webhook answered HTTP 500: invalid_payload"

        # Without waiting for the back-off: a person sends it again now.
        code, out, _ = run(capsys, *db, "alerts", "resend", "1")
        assert out == "Alert 1 queued again; `alerts run` sends it within seconds.\n"
        code, out, _ = run(capsys, *db, "alerts", "run", "--once")
        assert out == "0 queued, 1 sent, 0 failed.\n"
        assert len(hook.posts) == 2
        code, out, _ = run(capsys, *db, "alerts", "failures")
        assert out == "No failed alerts.\n"
        code, _, err = run(capsys, *db, "alerts", "resend", "7")
        assert (code, err) == (
            1,
            "journeymap: there is no alert 7: `alerts failures` lists them.\n",
        )

        code, out, _ = run(capsys, *db, "alerts", "unsubscribe", "1")
        assert out == "Subscription 1 removed.\n"
        code, out, _ = run(capsys, *db, "alerts", "list")
        assert out.startswith("No subscriptions")
