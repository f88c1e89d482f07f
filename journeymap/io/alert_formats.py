"""An alert in the formats its channels accept: an e-mail, and the JSON that Slack's and
Microsoft Teams' incoming webhooks take.

Slack: ``{"text": …, "blocks": […]}``; ``text`` is the notification's fallback, the
blocks the message, in Slack's mrkdwn, where ``&``, ``<`` and ``>`` are markup and are
escaped so that a customer's comment can neither ping a channel nor forge a link.
Teams: a message with one Adaptive Card attachment, the envelope both the Workflows
webhooks and the older Office 365 connectors accept; card text is plain, not markup.
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

from journeymap.io.alert_texts import comment_heading
from journeymap.model.alerts import AlertMessage

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
SLACK_SECTION_LIMIT = 3000  # Slack refuses a section text longer than this


def email_message(message: AlertMessage, *, sender: str, to: str) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = " ".join(message.title.split())[:200]
    mail["From"] = sender
    mail["To"] = to
    mail.set_content(message_text(message))
    return mail


def message_text(message: AlertMessage) -> str:
    """The message as plain text (the e-mail body, the notification's fallback), its
    headings in the language the message was written in."""
    lines = [message.title, ""]
    lines += [f"{label}: {value}" for label, value in message.facts]
    if message.comment:
        lines += ["", comment_heading(), message.comment]
    lines += ["", f"{message.link_label}: {message.link}"]
    return "\n".join(lines)


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def slack_payload(message: AlertMessage) -> dict[str, Any]:
    facts = "\n".join(
        f"*{_slack_escape(label)}:* {_slack_escape(value)}" for label, value in message.facts
    )
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(message.title, 150)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _cut(facts, SLACK_SECTION_LIMIT)}},
    ]
    if message.comment:
        quoted = "\n".join(f"> {line}" for line in _slack_escape(message.comment).splitlines())
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": _cut(quoted, SLACK_SECTION_LIMIT)},
            }
        )
    link = f"<{_slack_escape(message.link)}|{_slack_escape(message.link_label)}>"
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": link}})
    return {"text": _cut(message_text(message), 4000), "blocks": blocks}


def teams_payload(message: AlertMessage) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": message.title,
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        },
        {
            "type": "FactSet",
            "facts": [{"title": label, "value": value} for label, value in message.facts],
        },
    ]
    if message.comment:
        body.append({"type": "TextBlock", "text": message.comment, "wrap": True, "isSubtle": True})
    card = {
        "$schema": CARD_SCHEMA,
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": message.link_label, "url": message.link}],
    }
    return {
        "type": "message",
        "attachments": [{"contentType": ADAPTIVE_CARD, "contentUrl": None, "content": card}],
    }
