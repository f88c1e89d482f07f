"""The scans that queue alerts at a frozen time: call-backs nearing their deadline and
touchpoints turning to sand; the subscription rules; back-off; the channel formats."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from journeymap.analytics.alert_rules import retry_delay, turned_to_sand
from journeymap.io.alert_formats import slack_payload, teams_payload
from journeymap.model.access import Role, Viewer
from journeymap.model.alerts import AlertKind, AlertMessage, Channel, Subscription
from journeymap.services.access import NotAllowed
from journeymap.services.alert_messages import alert_message
from journeymap.services.alert_scans import scan_deadlines, scan_sand
from journeymap.services.alerts import list_subscriptions, subscribe, unsubscribe
from journeymap.services.cases import CaseUpdate, list_cases, update_case
from journeymap.store.alert_outbox import QueuedAlert
from journeymap.store.cases import create_missing_cases
from journeymap.store.evidence import insert_responses
from journeymap.store.tables import AlertOutboxRow, AuditRow
from tests.unit.voc_helpers import SHOP, shop_engine

LEADER = Viewer(name="Lea Leader", role=Role.LEADER)
ANALYST = Viewer(name="Ane Analyst", role=Role.ANALYST)
ANSWERED = datetime(2026, 3, 1, 10, tzinfo=UTC)  # the call-back is due 2 March 10:00


def response(key: str, score: int, location: str) -> dict[str, object]:
    return {
        "journey_id": "shop",
        "dedup_key": key,
        "touchpoint_id": "checkout",
        "responded_at": ANSWERED,
        "score": score,
        "contact": f"{key}@example.dk",
        "comment": f"comment {key}",
        "location": location,
    }


@pytest.fixture
def engine(database_url: str) -> Engine:
    engine = shop_engine(database_url)
    insert_responses(engine, [response("r1", 3, "north"), response("r2", 5, "south")], actor="test")
    create_missing_cases(engine, "shop", actor="test", now=ANSWERED)
    return engine


@pytest.fixture
def lite(sqlite_url: str) -> Engine:
    return shop_engine(sqlite_url)


def outbox(engine: Engine) -> list[tuple[str, str, int | None]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AlertOutboxRow.dedup_key, AlertOutboxRow.kind, AlertOutboxRow.case_id)
        ).all()
    return sorted((key, kind, case) for key, kind, case in rows)


def test_a_deadline_alert_comes_two_hours_before_once_and_not_after_the_call(
    engine: Engine,
) -> None:
    north = subscribe(LEADER, engine, "shop", kind="deadline", channel="email",
                      target="north@cx.example.dk", role="leader", location="north")  # fmt: skip
    everyone = subscribe(LEADER, engine, "shop", kind="deadline", channel="email",
                         target="all@cx.example.dk", role="leader")  # fmt: skip
    due = ANSWERED + timedelta(hours=24)
    assert scan_deadlines(engine, now=due - timedelta(hours=2, seconds=1), hours=2) == 0
    cases = list_cases(LEADER, engine, "shop").set_index("location")
    north_case, south_case = int(cases.loc["north", "id"]), int(cases.loc["south", "id"])
    # The south customer is reached in time: no alert for that case.
    update_case(LEADER, engine, south_case, CaseUpdate(status="contacted"), expected_version=1)

    assert scan_deadlines(engine, now=due - timedelta(hours=2), hours=2) == 2
    assert scan_deadlines(engine, now=due - timedelta(minutes=30), hours=2) == 0  # once
    assert outbox(engine) == [
        (f"deadline:{north_case}:{north}", "deadline", north_case),
        (f"deadline:{north_case}:{everyone}", "deadline", north_case),
    ]


def test_a_missed_scan_still_warns_within_the_window_after_the_deadline(
    engine: Engine,
) -> None:
    subscribe(LEADER, engine, "shop", kind="deadline", channel="slack",
              target="https://hooks.slack.com/services/T/B/x", role="leader")  # fmt: skip
    due = ANSWERED + timedelta(hours=24)
    assert scan_deadlines(engine, now=due + timedelta(hours=2), hours=2) == 0
    assert scan_deadlines(engine, now=due + timedelta(hours=1), hours=2) == 2


@dataclass
class Item:
    touchpoint: str
    health: str
    thin_data: bool = False
    friction: float = 71.0
    reasons: tuple[str, ...] = ("NPS −40",)


@dataclass
class Ranking:
    items: list[Item]
    evidence: dict[str, Any] = field(default_factory=dict)


def ranking_of(**healths: str) -> Any:
    def report(engine: Engine, journey: Any, flt: Any) -> Ranking:
        return Ranking(
            [Item(tp, h.removeprefix("thin-"), h.startswith("thin-")) for tp, h in healths.items()]
        )

    return report


def test_a_turn_to_sand_is_queued_once_and_again_after_it_recovered(engine: Engine) -> None:
    sub = subscribe(LEADER, engine, "shop", kind="sand", channel="teams",
                    target="https://example.webhook.office.com/x", role="analyst")  # fmt: skip
    moment = datetime(2026, 3, 5, tzinfo=UTC)

    def scan(**healths: str) -> int:
        nonlocal moment
        moment += timedelta(minutes=1)
        return scan_sand(engine, now=moment, report=ranking_of(**healths))

    # What is sand at the first look did not just turn.
    assert scan(checkout="sand", advice="good", phone="thin-sand") == 0
    assert scan(checkout="sand", advice="sand", phone="thin-sand") == 1
    assert scan(checkout="sand", advice="sand", phone="sand") == 1  # enough evidence now
    assert scan(checkout="sand", advice="sand", phone="sand") == 0
    assert scan(checkout="sand", advice="watch", phone="sand") == 0
    assert scan(checkout="sand", advice="sand", phone="sand") == 1  # a new turn
    keys = [key for key, kind, _ in outbox(engine)]
    assert len(keys) == 3
    assert all(key.startswith(f"sand:{sub}:") for key in keys)
    with engine.connect() as connection:
        detail = connection.scalar(select(AlertOutboxRow.detail).limit(1))
    assert json.loads(detail or "{}") == {"friction": 71.0, "reasons": ["NPS −40"]}


def test_the_sand_scan_runs_on_the_real_ranking(engine: Engine) -> None:
    subscribe(LEADER, engine, "shop", kind="sand", channel="email",
              target="cx@example.dk", role="leader")  # fmt: skip
    now = datetime(2026, 3, 5, tzinfo=UTC)
    assert scan_sand(engine, now=now) == 0
    assert scan_sand(engine, now=now + timedelta(minutes=1)) == 0


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        ({"kind": "nps"}, "unknown alert kind 'nps': use one of detractor, deadline, sand"),
        ({"channel": "sms"}, "unknown channel 'sms': use one of email, slack, teams"),
        ({"target": "cx at example"}, "'cx at example' is not an e-mail address"),
        (
            {"channel": "slack", "target": "hooks.slack.com/x"},
            "'hooks.slack.com/x' is not a webhook URL",
        ),
        ({"role": "shopper"}, "a Mystery shopper may not read call-back cases or results"),
        ({"role": "location_manager"}, "a Location manager sees their own location only"),
        ({"role": "boss"}, "unknown role 'boss'"),
        ({"location": "west"}, "there is no location 'west' in the workspace or in the journey"),
    ],
)
def test_a_subscription_that_cannot_be_used_is_refused_with_a_sentence(
    lite: Engine, fields: dict[str, str], sentence: str
) -> None:
    chosen = {
        "kind": "detractor",
        "channel": "email",
        "target": "cx@example.dk",
        "role": "leader",
    } | fields
    with pytest.raises(ValueError, match=sentence):
        subscribe(LEADER, lite, "shop", **chosen)
    assert list_subscriptions(LEADER, lite) == []


def test_subscriptions_are_for_admins_and_leaders_and_audited(engine: Engine) -> None:
    with pytest.raises(NotAllowed, match="Ane Analyst .* may not manage alerts"):
        subscribe(ANALYST, engine, "shop", kind="sand", channel="email",
                  target="cx@example.dk", role="analyst")  # fmt: skip
    new = subscribe(LEADER, engine, "shop", kind="sand", channel="email",
                    target=" cx@example.dk ", role="analyst")  # fmt: skip
    with pytest.raises(ValueError, match="cx@example.dk is already subscribed"):
        subscribe(LEADER, engine, "shop", kind="sand", channel="email",
                  target="cx@example.dk", role="leader")  # fmt: skip
    with pytest.raises(ValueError, match="there is no journey 'bank'"):
        subscribe(LEADER, engine, "bank", kind="sand", channel="email",
                  target="cx@example.dk", role="leader")  # fmt: skip
    (only,) = list_subscriptions(LEADER, engine, "shop")
    assert (only.id, only.target, only.role) == (new, "cx@example.dk", Role.ANALYST)
    unsubscribe(LEADER, engine, new)
    with pytest.raises(ValueError, match=f"there is no alert subscription {new}"):
        unsubscribe(LEADER, engine, new)
    with engine.connect() as connection:
        logged = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.object_kind).where(
                AuditRow.object_kind == "alert subscription"
            )
        ).all()
    assert [tuple(r) for r in logged] == [
        ("Lea Leader", "created", "alert subscription"),
        ("Lea Leader", "deleted", "alert subscription"),
    ]


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(1, 10), (2, 20), (3, 40), (4, 80), (9, 2560), (10, 3600), (500, 3600)],
)
def test_back_off_doubles_from_ten_seconds_up_to_an_hour(attempts: int, seconds: int) -> None:
    assert retry_delay(attempts) == timedelta(seconds=seconds)


@given(st.dictionaries(st.sampled_from("abcde"), st.sampled_from(["sand", "watch", "good"])))
def test_a_turn_is_a_touchpoint_sand_now_and_not_before(after: dict[str, str]) -> None:
    assert turned_to_sand(after, after) == []
    everything_good = {tp: "good" for tp in after}
    assert turned_to_sand(everything_good, after) == sorted(
        tp for tp, h in after.items() if h == "sand"
    )


MESSAGE = AlertMessage(
    title="New detractor: Kasse, score 2",
    facts=(("Score", "2 of 10"), ("Contact", "<mailto:x@y.dk|x>")),
    comment="line one\n<@U123> line two",
    link="https://cx.example.dk/call-backs?journey=shop&case=7",
    link_label="Open call-back case 7",
)


def test_slack_gets_text_and_blocks_with_customer_text_escaped() -> None:
    payload = slack_payload(MESSAGE)
    assert payload["text"].startswith("New detractor: Kasse, score 2\n\nScore: 2 of 10")
    assert [b["type"] for b in payload["blocks"]] == ["header", "section", "section", "section"]
    assert payload["blocks"][1]["text"]["text"] == (
        "*Score:* 2 of 10\n*Contact:* &lt;mailto:x@y.dk|x&gt;"
    )
    assert payload["blocks"][2]["text"]["text"] == "> line one\n> &lt;@U123&gt; line two"
    assert payload["blocks"][3]["text"]["text"] == (
        "<https://cx.example.dk/call-backs?journey=shop&amp;case=7|Open call-back case 7>"
    )


def test_teams_gets_an_adaptive_card_in_a_message_envelope() -> None:
    payload = teams_payload(MESSAGE)
    (attachment,) = payload["attachments"]
    card = attachment["content"]
    assert (payload["type"], attachment["contentType"], card["type"]) == (
        "message",
        "application/vnd.microsoft.card.adaptive",
        "AdaptiveCard",
    )
    assert card["body"][1]["facts"][0] == {"title": "Score", "value": "2 of 10"}
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Open call-back case 7", "url": MESSAGE.link}
    ]


def _queued(kind: AlertKind, role: Role, **fields: Any) -> QueuedAlert:
    sub = Subscription(1, "shop", "", kind, Channel.EMAIL, "cx@example.dk", role, "x", ANSWERED)
    base: dict[str, Any] = {
        "id": 9, "kind": kind, "journey_id": "shop", "subscription": sub,
        "touchpoint_id": "checkout", "detail": "", "attempts": 0, "status": "pending",
        "last_error": "", "created_at": ANSWERED, "next_try_at": ANSWERED, "sent_at": None,
    }  # fmt: skip
    return QueuedAlert(**(base | fields))


def test_a_deadline_message_says_the_time_left_and_withholds_contact_from_an_analyst(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOURNEYMAP_TIMEZONE", "Europe/Copenhagen")
    due = ANSWERED + timedelta(hours=24)
    alert = _queued(AlertKind.DEADLINE, Role.ANALYST, case_id=4, due_at=due, score=3,
                    comment="Ingen ringede", contact="k@example.dk", location="north",
                    responded_at=ANSWERED)  # fmt: skip
    message = alert_message(alert, SHOP, now=due - timedelta(minutes=90))
    assert message.title == "Call-back about to pass its deadline: Kasse, score 3 (Shop)"
    assert dict(message.facts) == {
        "Journey": "Shop",
        "Touchpoint": "Kasse",
        "Score": "3 of 10",
        "Location": "north",
        "Answered": "2026-03-01 11:00 (Europe/Copenhagen)",
        "Call back by": "2026-03-02 11:00 (Europe/Copenhagen)",
        "Time left": "1.5 hours",
        "Contact": "(withheld for this channel's role)",
    }
    assert message.comment == "Ingen ringede"
    assert message.link == "http://localhost:8501/call-backs?journey=shop&case=4"


def test_a_sand_message_gives_friction_and_nps_with_its_interval_and_n() -> None:
    detail = {"friction": 71.4, "reasons": ["NPS −40", "wait 9 min"], "nps": -40.0,
              "ci_low": -61.2, "ci_high": -15.5, "n": 35}  # fmt: skip
    alert = _queued(AlertKind.SAND, Role.LEADER, detail=json.dumps(detail))
    message = alert_message(alert, SHOP, now=ANSWERED)
    assert message.title == "Touchpoint turning to sand: Kasse (Shop)"
    assert dict(message.facts) == {
        "Journey": "Shop",
        "Touchpoint": "Kasse",
        "Friction": "71 of 100",
        "NPS": "-40 (95% interval -61 to -16, n = 35)",
        "Why": "NPS −40; wait 9 min",
    }
    assert message.link == "http://localhost:8501/sand?journey=shop"
