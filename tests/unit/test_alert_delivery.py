"""Alerts out, end to end against real servers on this machine: an import queues the
alerts of its new detractors in its own transaction, the dispatcher sends them over
SMTP and to webhooks, retries with back-off, and never sends one twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from journeymap.io.survey_import import ImportMapping
from journeymap.model.access import Role, Viewer
from journeymap.services.alert_dispatch import Dispatcher, start_in_background
from journeymap.services.alerts import list_alerts, resend, subscribe
from journeymap.services.cases import list_cases
from journeymap.services.imports import import_responses
from journeymap.store.alert_outbox import claim_alert
from journeymap.store.engine import open_database
from journeymap.store.programme import insert_locations
from journeymap.store.tables import AlertOutboxRow
from tests.alert_servers import MailBox, Receiver, http_receiver, smtp_server
from tests.unit.voc_helpers import SHOP, shop_engine

LEADER = Viewer(name="Lea Leader", role=Role.LEADER)
# The import runs the day the answers come in: their call-backs are still due.
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
PUBLIC = "https://cx.example.dk/journeymap"
SURVEY = (
    "Date,Touchpoint,Score,Comment,Email,Branch\n"
    "2026-03-01,checkout,2,Slow queue <!channel> & rude,ole@example.dk,north\n"
    "2026-03-01,checkout,9,Fine,,north\n"
    "2026-03-01,advice,4,No advice at all,+45 12 34 56 78,south\n"
)
MAPPING = ImportMapping(
    score="Score",
    date="Date",
    touchpoint="Touchpoint",
    comment="Comment",
    contact="Email",
    location="Branch",
)


class Clock:
    """A frozen clock the test moves on by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def mail(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailBox]:
    with smtp_server() as (port, box):
        monkeypatch.setenv("JOURNEYMAP_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("JOURNEYMAP_SMTP_PORT", str(port))
        monkeypatch.setenv("JOURNEYMAP_SMTP_STARTTLS", "false")
        monkeypatch.setenv("JOURNEYMAP_SMTP_FROM", "alerts@cx.example.dk")
        monkeypatch.setenv("JOURNEYMAP_PUBLIC_URL", PUBLIC + "/")
        monkeypatch.setenv("JOURNEYMAP_TIMEZONE", "UTC")
        yield box


@pytest.fixture
def hook() -> Iterator[Receiver]:
    with http_receiver() as receiver:
        yield receiver


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = shop_engine(database_url)
    insert_locations(
        engine,
        [{"id": place, "name": place.title(), "region": "", "competitor": False}
         for place in ("north", "south")],
        actor="test",
    )  # fmt: skip
    return engine


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(SURVEY, encoding="utf-8")
    return path


def queued(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(AlertOutboxRow)) or 0)


def test_an_import_alerts_by_mail_slack_and_teams_with_no_more_than_the_role_may_see(
    engine: Engine, export: Path, mail: MailBox, hook: Receiver
) -> None:
    # An analyst's inbox may not hold contact details; the leaders' Slack channel may; a
    # location manager's Teams channel hears of their own location only.
    subscribe(LEADER, engine, "shop", kind="detractor", channel="email",
              target="analyst@cx.example.dk", role="analyst")  # fmt: skip
    subscribe(LEADER, engine, "shop", kind="detractor", channel="slack",
              target=hook.url + "/slack", role="leader")  # fmt: skip
    subscribe(LEADER, engine, "shop", kind="detractor", channel="teams",
              target=hook.url + "/teams", role="location_manager", location="north")  # fmt: skip
    report = import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    assert report.cases_created == 2
    assert queued(engine) == 2 + 2 + 1  # in the import's own transaction

    done = Dispatcher(engine, clock=Clock(NOW + timedelta(seconds=3))).run_once()
    assert (done.sent, done.failed) == (5, 0)
    cases = list_cases(LEADER, engine, "shop")
    case = int(cases.loc[cases["touchpoint_id"] == "checkout", "id"].iloc[0])

    assert sorted(to for to, _ in mail.messages) == [["analyst@cx.example.dk"]] * 2
    subjects = sorted(str(m["Subject"]) for _, m in mail.messages)
    assert subjects[0].startswith("New detractor with contact details: Kasse, score 2")
    bodies = sorted(mail.bodies())
    slow = next(b for b in bodies if "Slow queue" in b)
    assert "Touchpoint: Kasse" in slow
    assert "Score: 2 of 10" in slow
    assert "Location: north" in slow
    assert "Call back by: 2026-03-02 00:00 (UTC)" in slow
    assert f"{PUBLIC}/call-backs?journey=shop&case={case}" in slow
    assert "Contact: (withheld for this channel's role)" in slow
    for body in bodies:
        assert "ole@example.dk" not in body
        assert "12 34 56 78" not in body

    slack = [payload for path, payload in hook.posts if path == "/slack"]
    teams = [payload for path, payload in hook.posts if path == "/teams"]
    assert (len(slack), len(teams)) == (2, 1)
    first = next(p for p in slack if "Kasse" in p["text"])
    blocks = "\n".join(str(b) for b in first["blocks"])
    assert "*Contact:* ole@example.dk" in blocks  # a leader works the cases
    assert "&lt;!channel&gt; &amp; rude" in blocks  # a comment cannot ping the channel
    link = f"<{PUBLIC}/call-backs?journey=shop&amp;case={case}|Open call-back case {case}>"
    assert link in blocks

    card = teams[0]["attachments"][0]
    assert teams[0]["type"] == "message"
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    facts = {f["title"]: f["value"] for f in card["content"]["body"][1]["facts"]}
    assert (facts["Touchpoint"], facts["Score"]) == ("Kasse", "2 of 10")
    assert facts["Contact"] == "(withheld for this channel's role)"
    assert card["content"]["body"][2]["text"] == "Slow queue <!channel> & rude"
    assert card["content"]["actions"][0]["url"] == f"{PUBLIC}/call-backs?journey=shop&case={case}"
    assert "ole@example.dk" not in str(teams)


def test_a_failing_webhook_is_retried_with_back_off_and_its_reason_listed(
    engine: Engine, export: Path, mail: MailBox
) -> None:
    with http_receiver([500, 500, 200]) as hook:
        subscribe(LEADER, engine, "shop", kind="detractor", channel="slack",
                  target=hook.url, role="leader", location="north")  # fmt: skip
        import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
        clock = Clock(NOW)
        dispatcher = Dispatcher(engine, clock=clock, first_retry=timedelta(seconds=10))

        assert dispatcher.run_once().failed == 1
        (failing,) = list_alerts(LEADER, engine, troubled_only=True)
        assert (failing.status, failing.attempts) == ("pending", 1)
        assert failing.next_try_at == NOW + timedelta(seconds=10)
        assert failing.last_error == "the webhook answered HTTP 500: invalid_payload"

        clock.advance(seconds=9)
        assert dispatcher.run_once().failed == 0  # not yet due: nothing tried
        assert len(hook.posts) == 1
        clock.advance(seconds=1)
        assert dispatcher.run_once().failed == 1
        (failing,) = list_alerts(LEADER, engine, troubled_only=True)
        assert failing.next_try_at == clock.moment + timedelta(seconds=20)  # doubled

        clock.advance(seconds=20)
        assert dispatcher.run_once().sent == 1
        assert len(hook.posts) == 3
        assert list_alerts(LEADER, engine, troubled_only=True) == []
        (sent,) = list_alerts(LEADER, engine)
        assert (sent.status, sent.attempts, sent.sent_at) == ("sent", 3, clock.moment)


def test_after_the_last_attempt_it_is_listed_as_failed_until_sent_again(
    engine: Engine, export: Path, mail: MailBox
) -> None:
    with http_receiver([404, 404, 200]) as hook:
        subscribe(LEADER, engine, "shop", kind="detractor", channel="teams",
                  target=hook.url, role="leader", location="south")  # fmt: skip
        import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
        clock = Clock(NOW)
        dispatcher = Dispatcher(engine, clock=clock, max_attempts=2)
        dispatcher.run_once()
        clock.advance(minutes=5)
        dispatcher.run_once()
        (failed,) = list_alerts(LEADER, engine, troubled_only=True)
        assert (failed.status, failed.attempts, failed.next_try_at) == ("failed", 2, None)
        clock.advance(hours=5)
        assert dispatcher.run_once().sent == 0  # a failed alert waits for a person

        resend(LEADER, engine, failed.id, now=clock.moment)
        assert dispatcher.run_once().sent == 1
        assert len(hook.posts) == 3


def test_no_alert_is_sent_twice_after_a_restart_or_a_second_import(
    database_url: str, engine: Engine, export: Path, mail: MailBox, hook: Receiver
) -> None:
    subscribe(LEADER, engine, "shop", kind="detractor", channel="email",
              target="team@cx.example.dk", role="leader")  # fmt: skip
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    assert Dispatcher(engine, clock=Clock(NOW)).run_once().sent == 2
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)  # the same file again
    engine.dispose()

    # A new process on the same database: a new engine and a new dispatcher.
    restarted = open_database(database_url)
    again = Dispatcher(restarted, clock=Clock(NOW + timedelta(minutes=1))).run_once()
    assert (again.queued, again.sent, again.failed) == (0, 0, 0)
    assert len(mail.messages) == 2
    assert queued(restarted) == 2


def test_two_dispatchers_at_once_send_each_alert_once(
    engine: Engine, export: Path, mail: MailBox
) -> None:
    subscribe(LEADER, engine, "shop", kind="detractor", channel="email",
              target="team@cx.example.dk", role="leader")  # fmt: skip
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    first, second = Dispatcher(engine, clock=Clock(NOW)), Dispatcher(engine, clock=Clock(NOW))
    # The first has taken alert 1 and is sending it; the second sees both due alerts
    # but may only take alert 2.
    assert claim_alert(engine, 1, now=NOW, lease=timedelta(minutes=2)) is not None
    assert second.run_once().sent == 1
    assert claim_alert(engine, 1, now=NOW, lease=timedelta(minutes=2)) is None
    assert len(mail.messages) == 1
    # Had the first died mid-send, alert 1 is tried again once its lease has run out.
    assert Dispatcher(engine, clock=Clock(NOW + timedelta(minutes=2))).run_once().sent == 1
    assert first.run_once().sent == 0


def test_a_dry_run_queues_no_alert(engine: Engine, export: Path) -> None:
    subscribe(LEADER, engine, "shop", kind="detractor", channel="email",
              target="team@cx.example.dk", role="leader")  # fmt: skip
    import_responses(LEADER, engine, SHOP, export, MAPPING, dry_run=True, now=NOW)
    assert queued(engine) == 0


def test_e_mail_without_an_smtp_server_fails_with_the_setting_to_fix(
    engine: Engine, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JOURNEYMAP_SMTP_HOST", raising=False)
    subscribe(LEADER, engine, "shop", kind="detractor", channel="email",
              target="team@cx.example.dk", role="leader", location="south")  # fmt: skip
    import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
    done = Dispatcher(engine, clock=Clock(NOW)).run_once()
    assert done.errors == ["alert 1: JOURNEYMAP_SMTP_HOST is not set: e-mail alerts cannot be sent"]


def test_the_background_thread_of_an_app_sends_within_seconds(
    sqlite_url: str, export: Path, hook: Receiver
) -> None:
    engine = shop_engine(sqlite_url)
    subscribe(LEADER, engine, "shop", kind="detractor", channel="slack",
              target=hook.url, role="leader")  # fmt: skip
    thread, stop = start_in_background(engine, every=0.2, clock=lambda: NOW)
    try:
        import_responses(LEADER, engine, SHOP, export, MAPPING, now=NOW)
        waited = 0.0
        while len(hook.posts) < 2 and waited < 30:  # a bound, not a timing assertion
            time.sleep(0.1)
            waited += 0.1
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(hook.posts) == 2
