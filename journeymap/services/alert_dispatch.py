"""The dispatcher: sends queued alerts, retries with back-off, and runs the scans.

``Dispatcher.run_once`` does one round: the deadline scan, the sand scan (at most once a
minute: the ranking reads half a year of evidence), then every alert that is due. ``run``
repeats it every few seconds until told to stop, so an alert is out well within a
minute; `python -m journeymap alerts run` runs it, and ``start_in_background`` runs it
in a thread of the app's (or the API's) process. Several dispatchers on one database
do not send an alert twice: each claims an alert before sending it (store/alert_outbox).

The clock is injected, so that tests (and the deadline scan in them) run at a frozen
time.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine

from journeymap import settings
from journeymap.analytics.alert_rules import FIRST_RETRY, MAX_ATTEMPTS, retry_delay
from journeymap.i18n import _, use_language
from journeymap.i18n.translate import workspace_language
from journeymap.io.alert_formats import email_message, slack_payload, teams_payload
from journeymap.model import Journey
from journeymap.model.alerts import AlertMessage, Channel
from journeymap.services.alert_messages import alert_message
from journeymap.services.alert_scans import scan_deadlines, scan_sand
from journeymap.services.journeys import get_journey
from journeymap.store import alert_outbox
from journeymap.store.alert_outbox import QueuedAlert

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
POLL_SECONDS = 5.0
SAND_EVERY = timedelta(seconds=45)  # with the poll, a turn is out within a minute
# Longer than any send may take (the SMTP and HTTP timeouts): an alert whose sender died
# is tried again after this, one still being sent is never taken by another dispatcher.
LEASE = timedelta(minutes=2)
SEND_TIMEOUT = 20.0


class NotSent(Exception):
    """The channel did not take the alert; the message is the reason, for the list."""


def utc_now() -> datetime:
    return datetime.now(UTC)


class Channels:
    """The connections one dispatcher sends through, opened on first use and kept for a
    round: a TLS context or an SMTP handshake per alert would cap a burst after a big
    import at a few alerts a second."""

    def __init__(self) -> None:
        self._http: httpx.Client | None = None
        self._smtp: smtplib.SMTP | None = None

    def send_email(self, to: str, message: AlertMessage) -> None:
        smtp = settings.smtp()
        if not smtp.host:
            raise NotSent(_("JOURNEYMAP_SMTP_HOST is not set: e-mail alerts cannot be sent"))
        mail = email_message(message, sender=smtp.sender, to=to)
        try:
            self._mail_server(smtp).send_message(mail)
        except (smtplib.SMTPException, OSError) as error:
            self._drop_smtp()
            raise NotSent(
                _("the SMTP server {host}:{port} refused: {error}").format(
                    host=smtp.host, port=smtp.port, error=error
                )
            ) from None

    def _mail_server(self, smtp: settings.Smtp) -> smtplib.SMTP:
        if self._smtp is None:
            server = smtplib.SMTP(smtp.host, smtp.port, timeout=SEND_TIMEOUT)
            try:
                if smtp.starttls:
                    server.starttls()
                if smtp.user:
                    server.login(smtp.user, smtp.password)
            except BaseException:
                server.close()
                raise
            self._smtp = server
        return self._smtp

    def _drop_smtp(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            finally:
                self._smtp = None

    def post_webhook(self, url: str, payload: dict[str, Any]) -> None:
        if self._http is None:
            self._http = httpx.Client(timeout=SEND_TIMEOUT)
        try:
            response = self._http.post(url, json=payload)
        except httpx.HTTPError as error:
            raise NotSent(
                _("the webhook could not be reached: {error}").format(error=error)
            ) from None
        if not response.is_success:
            raise NotSent(
                _("the webhook answered HTTP {status_code}: {text}").format(
                    status_code=response.status_code, text=response.text[:300]
                )
            )

    def end_round(self) -> None:
        """Say goodbye to the SMTP server; the HTTP pool keeps its connections."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._drop_smtp()

    def close(self) -> None:
        self.end_round()
        if self._http is not None:
            self._http.close()
            self._http = None


@dataclass
class Round:
    """What one round did."""

    queued: int = 0
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        *,
        clock: Clock = utc_now,
        first_retry: timedelta = FIRST_RETRY,
        max_attempts: int = MAX_ATTEMPTS,
        scan_sand_every: timedelta = SAND_EVERY,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.first_retry = first_retry
        self.max_attempts = max_attempts
        self.scan_sand_every = scan_sand_every
        self._sand_scanned_at: datetime | None = None
        self.channels = Channels()

    def run_once(self) -> Round:
        done = Round()
        now = self.clock()
        done.queued += scan_deadlines(self.engine, now=now)
        if self._sand_scanned_at is None or now - self._sand_scanned_at >= self.scan_sand_every:
            done.queued += scan_sand(self.engine, now=now)
            self._sand_scanned_at = now
        journeys: dict[str, Journey | None] = {}
        try:
            for alert_id in alert_outbox.due_alert_ids(self.engine, now=now):
                self._send_one(alert_id, done, journeys)
        finally:
            self.channels.end_round()
        return done

    def _send_one(self, alert_id: int, done: Round, journeys: dict[str, Journey | None]) -> None:
        now = self.clock()
        alert = alert_outbox.claim_alert(self.engine, alert_id, now=now, lease=LEASE)
        if alert is None:
            return  # another dispatcher has it
        try:
            self.send(alert, journeys)
        except NotSent as error:
            self._failed(alert, str(error), done)
            return
        except Exception as error:  # noqa: BLE001 - one bad alert must not stop the others
            log.exception("alert %s could not be written or sent", alert.id)
            self._failed(alert, f"{type(error).__name__}: {error}", done)
            return
        alert_outbox.mark_sent(self.engine, alert.id, now=self.clock())
        done.sent += 1

    def _failed(self, alert: QueuedAlert, reason: str, done: Round) -> None:
        attempts = alert.attempts  # this attempt included (counted when claimed)
        retry = None
        if attempts < self.max_attempts:
            retry = self.clock() + retry_delay(attempts, first=self.first_retry)
        alert_outbox.mark_attempt_failed(self.engine, alert.id, reason, next_try_at=retry)
        done.failed += 1
        done.errors.append(f"alert {alert.id}: {reason}")

    def send(self, alert: QueuedAlert, journeys: dict[str, Journey | None]) -> None:
        if alert.journey_id not in journeys:
            stored = get_journey(self.engine, alert.journey_id)
            journeys[alert.journey_id] = stored.journey if stored else None
        # No one is reading at a screen: an alert speaks the workspace's language.
        with use_language(workspace_language()):
            message = alert_message(alert, journeys[alert.journey_id], now=self.clock())
        target = alert.subscription.target
        channel = alert.subscription.channel
        if channel == Channel.EMAIL:
            self.channels.send_email(target, message)
        elif channel == Channel.SLACK:
            self.channels.post_webhook(target, slack_payload(message))
        else:
            self.channels.post_webhook(target, teams_payload(message))

    def run(self, stop: threading.Event, *, every: float = POLL_SECONDS) -> None:
        """Rounds every ``every`` seconds until ``stop`` is set; a round that fails (the
        database away for a moment) is logged and the next one tried."""
        try:
            while not stop.is_set():
                try:
                    self.run_once()
                except Exception:  # noqa: BLE001 - the loop outlives a bad round
                    log.exception("an alert round failed; trying again in %s s", every)
                stop.wait(every)
        finally:
            self.channels.close()


def start_in_background(
    engine: Engine, *, every: float = POLL_SECONDS, clock: Clock = utc_now
) -> tuple[threading.Thread, threading.Event]:
    """Run a dispatcher in a daemon thread of this process; set the event to stop it."""
    stop = threading.Event()
    dispatcher = Dispatcher(engine, clock=clock)
    thread = threading.Thread(
        target=dispatcher.run,
        args=(stop,),
        kwargs={"every": every},
        daemon=True,
        name="journeymap-alerts",
    )
    thread.start()
    return thread, stop
