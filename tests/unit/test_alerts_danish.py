"""Alerts speak the workspace's language (JOURNEYMAP_LANGUAGE): the e-mail, the Slack
message and the Teams card of a call-back deadline, in Danish."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from journeymap.io.alert_formats import email_message
from journeymap.model.access import Role
from journeymap.model.alerts import AlertKind, AlertMessage, Channel, Subscription
from journeymap.services.alert_dispatch import Dispatcher
from journeymap.store.alert_outbox import QueuedAlert
from tests.unit.voc_helpers import SHOP

ANSWERED = datetime(2026, 3, 1, 10, tzinfo=UTC)
DUE = ANSWERED + timedelta(hours=24)


class Recorder:
    """Channels that keep what would have been sent."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.posts: list[dict[str, Any]] = []

    def send_email(self, to: str, message: AlertMessage) -> None:
        self.mails.append(email_message(message, sender="cx@example.dk", to=to))

    def post_webhook(self, url: str, payload: dict[str, Any]) -> None:
        self.posts.append(payload)


def _alert(channel: Channel, kind: AlertKind = AlertKind.DEADLINE, **fields: Any) -> QueuedAlert:
    sub = Subscription(
        1, "shop", "", kind, channel, "https://hooks.example", Role.LEADER, "x", ANSWERED
    )
    base: dict[str, Any] = {
        "id": 9, "kind": kind, "journey_id": "shop", "subscription": sub,
        "touchpoint_id": "checkout", "detail": "", "attempts": 0, "status": "pending",
        "last_error": "", "created_at": ANSWERED, "next_try_at": ANSWERED, "sent_at": None,
        "case_id": 4, "due_at": DUE, "score": 3, "comment": "Ingen ringede",
        "contact": "k@example.dk", "location": "north", "responded_at": ANSWERED,
    }  # fmt: skip
    return QueuedAlert(**(base | fields))


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "da")
    monkeypatch.setenv("JOURNEYMAP_TIMEZONE", "Europe/Copenhagen")
    dispatcher = Dispatcher(None, clock=lambda: DUE - timedelta(minutes=90))  # type: ignore[arg-type]
    recorder = Recorder()
    dispatcher.channels = recorder  # type: ignore[assignment]
    for channel in (Channel.EMAIL, Channel.SLACK, Channel.TEAMS):
        dispatcher.send(_alert(channel), {"shop": SHOP})
    return recorder


def test_the_e_mail_is_danish(sent: Recorder) -> None:
    (mail,) = sent.mails
    assert mail["Subject"] == "Tilbageringning tæt på fristen: Kasse, score 3 (Shop)"
    body = mail.get_content()
    for line in (
        "Kunderejse: Shop",
        "Kontaktpunkt: Kasse",
        "Score: 3 af 10",
        "Besvaret: 1. mar. 2026 11.00 (Europe/Copenhagen)",
        "Ring tilbage senest: 2. mar. 2026 11.00 (Europe/Copenhagen)",
        "Tid tilbage: 1,5 timer",
        "Kommentar:",
        "Åbn tilbageringningssag 4: http://localhost:8501/call-backs?journey=shop&case=4",
    ):
        assert line in body, line
    for english in ("Journey:", "Call back by", "hours", "Comment:", "Open call-back case"):
        assert english not in body, english


def test_slack_and_teams_are_danish(sent: Recorder) -> None:
    slack, teams = sent.posts
    assert slack["blocks"][1]["text"]["text"].startswith("*Kunderejse:* Shop\n*Kontaktpunkt:*")
    assert "Åbn tilbageringningssag 4" in slack["blocks"][-1]["text"]["text"]
    card = teams["attachments"][0]["content"]
    assert card["body"][0]["text"].startswith("Tilbageringning tæt på fristen")
    assert {"title": "Tid tilbage", "value": "1,5 timer"} in card["body"][1]["facts"]
    assert card["actions"][0]["title"] == "Åbn tilbageringningssag 4"


def test_a_sand_alert_gives_danish_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYMAP_LANGUAGE", "da")
    detail = {"friction": 71.4, "reasons": ["NPS −40"], "nps": -40.0,
              "ci_low": -61.2, "ci_high": -15.5, "n": 1035}  # fmt: skip
    dispatcher = Dispatcher(None, clock=lambda: ANSWERED)  # type: ignore[arg-type]
    recorder = Recorder()
    dispatcher.channels = recorder  # type: ignore[assignment]
    dispatcher.send(
        _alert(Channel.TEAMS, AlertKind.SAND, detail=json.dumps(detail)), {"shop": SHOP}
    )
    card = recorder.posts[0]["attachments"][0]["content"]
    facts = {f["title"]: f["value"] for f in card["body"][1]["facts"]}
    assert card["body"][0]["text"] == "Kontaktpunkt på vej mod sand i maskineriet: Kasse (Shop)"
    assert facts["Friktion"] == "71 af 100"
    assert facts["NPS"] == "−40 (95 %-interval −61 til −16, n = 1.035)"
