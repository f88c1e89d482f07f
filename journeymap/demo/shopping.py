"""Synthetic mystery-shopper visits and their answers, from a fixed seed.

Four quarterly waves: a few visits per own location and one per competitor in each.
Older waves are approved; the newest is still in progress (submitted, returned for
correction, or not yet made). A check passes with the chance the story gives its
section's touchpoint on the visit day, so sand shows up as failed questions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import pandas as pd

from journeymap.demo.comments import GENERAL
from journeymap.demo.generate import rng_for
from journeymap.demo.places import Place, Setting
from journeymap.demo.story import Story, pass_rate
from journeymap.model import Journey
from journeymap.model.questionnaire import Question, Questionnaire

WAVES = 4
WAVE_DAYS = 91
WINDOW_DAYS = 28
COMPETITOR_PASS_RATE = 0.75
NA_CHANCE = 0.08
# What a shopper writes when a check marked comment_on_fail fails.
FAIL_COMMENTS: dict[str, tuple[str, ...]] = {
    "tlf-ventetid": (
        "Ventede over 10 minutter; ingen mulighed for at blive ringet op.",
        "Telefonsvareren sagde 'mere end 10 minutters ventetid'.",
    ),
    "hilst-paa": (
        "Receptionen var tom; jeg stod ved skranken i flere minutter.",
        "Kassereren var optaget af en anden kunde og så ikke op.",
    ),
    "ventetid-filial": (
        "Rådgiveren kom et kvarter for sent fra et andet møde.",
        "Ventede 12 minutter uden at nogen sagde noget.",
    ),
    "dage-til-referat": (
        "Referatet kom først, efter jeg selv havde rykket.",
        "Rådgiveren var på ferie, og ingen overtog.",
    ),
    "ringet-op-24t": ("Opkaldet kom først efter seks dage.", "Ingen ringede."),
    "greeted-1min": (
        "Two staff members were unpacking boxes and did not look up.",
        "Nobody on the shop floor for several minutes.",
    ),
    "queue-time": (
        "One till open, the cashier was packing click-and-collect parcels.",
        "Six people ahead of me and only one till.",
    ),
    "hold-time": (
        "On hold for over 15 minutes, no call-back offered.",
        "The queue message said 'more than 20 minutes'.",
    ),
    "first-slot-days": ("First free slot was six days away.", "Only four-hour windows next week."),
}
OTHER_FAIL_COMMENT = {
    "da": "Ikke opfyldt, se noter.",
    "en": "Not met, see notes.",
    "no": "Ikke oppfylt.",
}


def generate_visits(
    journey: Journey,
    questionnaire: Questionnaire,
    story: Story,
    setting: Setting,
    seed: int,
    today: date,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Visits (one row each) and answers (one row per visit and shown question)."""
    rng = rng_for(seed, journey.id, 3)
    places = [p for p in setting.places if p.kind in setting.visit_kinds and not p.competitor]
    places += [p for p in setting.places if p.competitor]
    language = setting.languages[0][0]
    visits: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for wave in range(WAVES - 1, -1, -1):
        window_start = today - timedelta(days=wave * WAVE_DAYS + 20)
        window_end = window_start + timedelta(days=WINDOW_DAYS - 1)
        for place in places:
            for _ in range(1 if place.competitor else setting.visits_per_location):
                key = f"demo-{journey.id}-v{len(visits) + 1:03d}"
                planned = window_start + timedelta(days=int(rng.integers(0, WINDOW_DAYS)))
                visit = _visit(rng, key, questionnaire, place, setting, planned, today, wave)
                visit["window_start"], visit["window_end"] = window_start, window_end
                visits.append(visit)
                if visit["visited_at"] is not None:
                    answers += _answers(
                        rng,
                        key,
                        questionnaire,
                        story,
                        place,
                        (today - planned).days,
                        visit["visited_at"],
                        language,
                    )
    return pd.DataFrame(visits), pd.DataFrame(answers)


def _visit(
    rng: np.random.Generator,
    key: str,
    questionnaire: Questionnaire,
    place: Place,
    setting: Setting,
    planned: date,
    today: date,
    wave: int,
) -> dict[str, Any]:
    visit: dict[str, Any] = {
        "external_key": key,
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "location_id": place.id,
        "shopper_id": setting.shoppers[int(rng.integers(0, len(setting.shoppers)))][0],
        "scenario": setting.scenario,
        "status": "assigned",
        "visited_at": None,
        "submitted_at": None,
        "reviewed_at": None,
    }
    visited_at = datetime.combine(planned, time(9), tzinfo=UTC) + timedelta(
        minutes=int(rng.integers(0, 7 * 60))
    )
    days_ago = (today - planned).days
    if days_ago <= 0:
        return visit  # planned for today or later: not made yet
    status = "submitted"
    if wave > 0:
        status = "approved"
    elif days_ago > 3:
        status = str(rng.choice(["approved", "submitted", "returned"], p=[0.6, 0.25, 0.15]))
    submitted_at = visited_at + timedelta(hours=int(rng.integers(1, 7)))
    reviewed = status in ("approved", "returned")
    visit |= {
        "status": status,
        "visited_at": visited_at,
        "submitted_at": submitted_at,
        "reviewed_at": submitted_at + timedelta(days=int(rng.integers(1, 3))) if reviewed else None,
    }
    return visit


def _answers(
    rng: np.random.Generator,
    key: str,
    questionnaire: Questionnaire,
    story: Story,
    place: Place,
    days_ago: int,
    visited_at: datetime,
    language: str,
) -> list[dict[str, Any]]:
    given: dict[str, Any] = {}
    rows = []
    minute = 0
    for section in questionnaire.sections:
        if place.competitor:
            chance = COMPETITOR_PASS_RATE + place.effect / 100
        else:
            chance = float(pass_rate(story.role(section.touchpoint), np.array([days_ago]))[0])
            chance += place.effect / 100
        for question in section.questions:
            condition = question.show_if
            if condition is not None and given.get(condition.question) != condition.equals:
                continue  # not shown to the shopper, so not answered
            minute += int(rng.integers(1, 4))
            row = {
                "visit_key": key,
                "question_id": question.id,
                "value": None,
                "not_applicable": False,
                "comment": "",
                "saved_at": visited_at + timedelta(minutes=minute),
            }
            if question.allow_na and rng.random() < NA_CHANCE:
                row["not_applicable"] = True
            else:
                critical_chance = max(chance, 0.94) if question.critical else chance
                passed = bool(rng.random() < np.clip(critical_chance, 0.03, 0.98))
                row["value"] = answer_value(rng, question, passed, language)
                if question.comment_on_fail and not passed:
                    pool = FAIL_COMMENTS.get(question.id, (OTHER_FAIL_COMMENT[language],))
                    row["comment"] = str(rng.choice(pool))
            given[question.id] = row["value"]
            rows.append(row)
    return rows


def answer_value(rng: np.random.Generator, question: Question, passed: bool, language: str) -> Any:
    """A plausible answer that earns full marks when ``passed`` and fewer otherwise."""
    kind = question.type
    if kind == "yes_no":
        return passed != question.reverse
    if kind == "scale":
        low, high = question.scale_min or 1, question.scale_max or 5
        values = list(range(low, high + 1))
        good = values[:2] if question.reverse else values[-2:]
        pool = good if passed else [v for v in values if v not in good]
        return int(rng.choice(pool))
    if kind == "choice":
        ranked = sorted(question.options, key=lambda o: -o.points)
        pool = ranked[:1] if passed else ranked[1:] or ranked
        return str(pool[int(rng.integers(0, len(pool)))].label)
    if kind in ("number", "timer"):
        return _banded_value(rng, question, passed)
    if kind == "text":
        if not question.required and rng.random() < 0.4:
            return None
        return str(rng.choice(GENERAL[language]["positive" if passed else "negative"]))
    return None  # photos are not part of the demo


def _banded_value(rng: np.random.Generator, question: Question, passed: bool) -> int:
    if not question.bands:
        return int(rng.integers(60, 600) if question.type == "timer" else rng.integers(1, 10))
    ranked = sorted(question.bands, key=lambda b: -b.points)
    if passed or len(ranked) == 1:
        band = ranked[0]
    else:
        band = ranked[1 + int(rng.integers(0, len(ranked) - 1))]
    low = band.min
    high = band.max if band.max is not None else max(low * 1.8, low + 3)
    # A value on a shared boundary belongs to the lower band; stay strictly inside.
    lo = int(np.floor(low)) + (1 if band is not min(question.bands, key=lambda b: b.min) else 0)
    hi = max(lo, int(np.floor(high)))
    return int(rng.integers(lo, hi + 1))
