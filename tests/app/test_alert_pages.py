"""AppTest of the Alerts page: subscribe a channel, see a failed alert with its reason,
and send it again."""

from __future__ import annotations

from datetime import UTC, datetime

from journeymap.model import Journey
from journeymap.model.access import LOCAL_OWNER
from journeymap.model.alerts import AlertKind
from journeymap.services.alert_dispatch import Dispatcher
from journeymap.services.alerts import list_alerts, list_subscriptions, subscribe
from journeymap.store.alert_outbox import queue_new_detractor_alerts
from journeymap.store.cases import create_missing_cases
from journeymap.store.engine import open_database
from journeymap.store.evidence import insert_responses
from tests.alert_servers import free_port
from tests.app.conftest import app, page_path
from tests.app.test_pages import assert_clean, texts, unescaped

JOURNEY = "bank-advisory"
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _open():  # noqa: ANN202 - AppTest
    at = app()
    at.query_params["journey"] = JOURNEY
    at.run()
    at.switch_page(page_path("alerts")).run()
    assert_clean(at)
    return at


def test_subscribe_a_channel_and_be_told_what_is_wrong_with_an_address(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    at = _open()
    assert [t.value for t in at.title] == ["Alerts"]
    assert "Nobody is subscribed to this journey's alerts yet" in at.info[0].value
    at.text_input[0].set_value("not an address")
    next(b for b in at.button if b.label == "Subscribe").click().run()
    assert_clean(at)
    assert [unescaped(e.value) for e in at.error] == [
        "'not an address' is not an e-mail address such as cx@example.com"
    ]
    at.text_input[0].set_value("cx-team@example.dk")
    next(b for b in at.button if b.label == "Subscribe").click().run()
    assert_clean(at)
    assert not at.error
    engine = open_database(empty_workspace)
    (made,) = list_subscriptions(LOCAL_OWNER, engine, JOURNEY)
    assert (made.kind, made.channel, made.target, made.role.value) == (
        AlertKind.DETRACTOR,
        "email",
        "cx-team@example.dk",
        "leader",
    )
    at = _open()
    assert "cx-team@example.dk" in at.dataframe[0].value["Address"].tolist()


def test_a_failed_alert_shows_its_reason_and_is_sent_again(
    example_workspace: list[Journey], empty_workspace: str
) -> None:
    engine = open_database(empty_workspace)
    dead = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    subscribe(LOCAL_OWNER, engine, JOURNEY, kind="detractor", channel="slack",
              target=dead, role="leader")  # fmt: skip
    journey = next(j for j in example_workspace if j.id == JOURNEY)
    touchpoint = journey.touchpoints[0].id
    insert_responses(
        engine,
        [{"journey_id": JOURNEY, "dedup_key": "r1", "touchpoint_id": touchpoint,
          "responded_at": NOW, "score": 1, "contact": "k@example.dk", "comment": "Slow"}],
        actor="test",
    )  # fmt: skip
    create_missing_cases(engine, JOURNEY, actor="test", now=NOW)
    with engine.begin() as connection:
        queue_new_detractor_alerts(connection, JOURNEY, after_id=0, now=NOW)
    Dispatcher(engine, clock=lambda: NOW, max_attempts=1).run_once()

    at = _open()
    assert "1 alert(s) failed or are being retried" in at.warning[0].value
    table = at.dataframe[-1].value
    assert table["Status"].tolist() == ["Failed"]
    assert table["Why it failed"].iloc[0].startswith("the webhook could not be reached")
    assert "k@example.dk" not in texts(at)
    next(b for b in at.button if b.label == "Send again").click().run()
    assert_clean(at)
    assert "Alert 1 queued again" in unescaped(at.success[0].value)
    (again,) = list_alerts(LOCAL_OWNER, engine, JOURNEY)
    assert (again.status, again.attempts) == ("pending", 0)
