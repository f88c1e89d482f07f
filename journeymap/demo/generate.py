"""Synthetic survey responses and metric series for one journey, from a fixed seed.

Pure: the same journey, seed and ``today`` give the same frames, byte for byte. Each
kind of evidence draws from its own random stream (seed, journey, stream), so adding
a column to one kind does not reshuffle the others.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, time, timedelta

import numpy as np
import pandas as pd

from journeymap.analytics.flow import compute_flow
from journeymap.demo.comments import SPECIFIC, pick_comment
from journeymap.demo.places import LOCATION_KIND_BY_CHANNEL, Place, Setting
from journeymap.demo.story import (
    LOST_CUSTOMER_NPS,
    NPS_BY_FEELING,
    Story,
    badness,
    nps_level,
)
from journeymap.model import Journey

DAYS = 730
TRANSACTIONAL_RESPONSES = 3600
RELATIONSHIP_RESPONSES = 400
SOURCE = "demo"
# How often a survey follows a touchpoint on each channel: service contacts trigger one,
# an ad seen in a feed hardly ever does.
SURVEY_RATE = {
    "branch": 1.0,
    "phone": 1.5,
    "chat": 1.5,
    "home": 1.5,
    "delivery": 0.5,
    "social": 0.02,
}
DEFAULT_SURVEY_RATE = 0.2
# Every touchpoint gets some answers, and the story's touchpoints enough to tell their
# NPS from noise: shares of all transactional responses.
MIN_SHARE = 0.02
MIN_STORY_SHARE = 0.06
COMMENT_CHANCE = {"negative": 0.6, "neutral": 0.35, "positive": 0.4}
CONTACT_CHANCE = {"negative": 0.3, "neutral": 0.17, "positive": 0.15}
DETRACTOR_SCORES = np.array([0.06, 0.05, 0.08, 0.12, 0.17, 0.24, 0.28])


def rng_for(seed: int, journey_id: str, stream: int) -> np.random.Generator:
    # crc32, not hash(): Python salts str hashes per process.
    return np.random.default_rng([seed, zlib.crc32(journey_id.encode()), stream])


def base_nps(journey: Journey) -> dict[str, float]:
    """The NPS each touchpoint earns when nothing special happens there."""
    shift = ((journey.targets.nps if journey.targets.nps is not None else 35.0) - 35.0) * 0.4
    leave_only = _reached_only_by_leaving(journey)
    return {
        t.id: LOST_CUSTOMER_NPS
        if t.id in leave_only
        else NPS_BY_FEELING.get(t.feels or 0, 42.0) + shift
        for t in journey.touchpoints
    }


def _reached_only_by_leaving(journey: Journey) -> set[str]:
    kinds: dict[str, set[str]] = {}
    for transition in journey.transitions:
        kinds.setdefault(transition.target, set()).add(transition.kind)
    return {tp for tp, k in kinds.items() if k == {"leave"}}


def own_places(setting: Setting, kind: str | None) -> list[Place]:
    return [p for p in setting.places if p.kind == kind and not p.competitor]


def survey_shares(journey: Journey, story: Story) -> np.ndarray:
    """Each touchpoint's share of the transactional responses, in journey order."""
    flow = compute_flow(journey).by_id()
    lost = _reached_only_by_leaving(journey)
    raw = np.array(
        [
            flow[t.id].customers_per_month
            * SURVEY_RATE.get(t.channel, DEFAULT_SURVEY_RATE)
            * (0.2 if t.id in lost else 1.0)  # few lost customers answer a survey
            for t in journey.touchpoints
        ]
    )
    shares = raw / raw.sum() if raw.sum() > 0 else np.full(len(raw), 1 / max(len(raw), 1))
    floors = np.array(
        [
            MIN_STORY_SHARE if story.role(t.id) != "decent" else MIN_SHARE
            for t in journey.touchpoints
        ]
    )
    shares = np.maximum(shares, floors)
    return shares / shares.sum()


def generate_responses(
    journey: Journey, story: Story, setting: Setting, seed: int, today: date
) -> pd.DataFrame:
    """Two years of transactional and relationship NPS responses, oldest first."""
    rng = rng_for(seed, journey.id, 1)
    base = base_nps(journey)
    tps = journey.touchpoints
    weights = survey_shares(journey, story)
    n_t, n_r = TRANSACTIONAL_RESPONSES, RELATIONSHIP_RESPONSES
    days_ago = _draw_days(rng, n_t + n_r, today)
    tp_index = rng.choice(len(tps), size=n_t, p=weights)
    segment_index = rng.integers(0, len(setting.segments), size=n_t + n_r)
    segment_offset = np.array([setting.segments[i][1] for i in segment_index])

    level = np.empty(n_t + n_r)
    locations = [""] * (n_t + n_r)
    for i, tp in enumerate(tps):
        rows = np.flatnonzero(tp_index == i)
        level[rows] = nps_level(story.role(tp.id), base[tp.id], days_ago[rows])
        places = own_places(setting, LOCATION_KIND_BY_CHANNEL.get(tp.channel))
        if places and len(rows):
            chosen = rng.integers(0, len(places), size=len(rows))
            level[rows] += np.array([places[c].effect for c in chosen])
            for row, c in zip(rows, chosen, strict=True):
                locations[row] = places[c].id
    # Relationship NPS reflects the whole journey as customers meet it.
    rel_days = days_ago[n_t:]
    level[n_t:] = sum(
        w * nps_level(story.role(t.id), base[t.id], rel_days)
        for t, w in zip(tps, weights, strict=True)
    )
    level += segment_offset + 3 * np.sin(2 * np.pi * days_ago / 365)
    scores = _draw_scores(rng, np.clip(level, -70, 75))

    sentiments = np.where(scores <= 6, "negative", np.where(scores <= 8, "neutral", "positive"))
    languages = [lang for lang, _ in setting.languages]
    language_p = np.array([share for _, share in setting.languages])
    comment_language = rng.choice(len(languages), size=n_t + n_r, p=language_p / language_p.sum())
    comment_roll, contact_roll = rng.random(n_t + n_r), rng.random(n_t + n_r)
    contact_numbers = rng.integers(1000, 100000, size=n_t + n_r)
    specific = SPECIFIC.get(journey.id, {})
    comments, contacts = [], []
    for row in range(n_t + n_r):
        sentiment = str(sentiments[row])
        tp = tps[tp_index[row]] if row < n_t else None
        comment = ""
        if comment_roll[row] < COMMENT_CHANCE[sentiment]:
            comment = pick_comment(
                rng,
                languages[comment_language[row]],
                sentiment,
                specific.get(tp.id, {}) if tp else {},
                tp.pain_points if tp else [],
                languages[0],
            )
        comments.append(comment)
        contacts.append(
            setting.email.format(n=contact_numbers[row])
            if contact_roll[row] < CONTACT_CHANCE[sentiment]
            else ""
        )
    seconds = rng.integers(8 * 3600, 21 * 3600, size=n_t + n_r)
    frame = pd.DataFrame(
        {
            "journey_id": journey.id,
            "dedup_key": [f"demo-{journey.id}-{i:05d}" for i in range(n_t + n_r)],
            "touchpoint_id": [tps[i].id for i in tp_index] + [None] * n_r,
            "responded_at": [
                datetime.combine(today - timedelta(days=int(d) + 1), time.min, tzinfo=UTC)
                + timedelta(seconds=int(s))
                for d, s in zip(days_ago, seconds, strict=True)
            ],
            "score": scores,
            "survey_kind": ["transactional"] * n_t + ["relationship"] * n_r,
            "comment": comments,
            "location": locations,
            "segment": [setting.segments[i][0] for i in segment_index],
            "contact": contacts,
            "source": SOURCE,
        }
    )
    return frame.sort_values(["responded_at", "dedup_key"], ignore_index=True)


def _draw_days(rng: np.random.Generator, n: int, today: date) -> np.ndarray:
    """Days before yesterday: a little growth over two years, fewer answers at weekends."""
    days = np.arange(DAYS)
    weekday = np.array([(today - timedelta(days=int(d) + 1)).weekday() for d in days])
    weights = (1.25 - 0.25 * days / DAYS) * np.select([weekday == 6, weekday == 5], [0.4, 0.7], 1.0)
    return rng.choice(days, size=n, p=weights / weights.sum())


def _draw_scores(rng: np.random.Generator, level: np.ndarray) -> np.ndarray:
    """0-10 scores whose expected NPS is ``level``, with a quarter passives."""
    detractor_p = (0.75 - level / 100) / 2
    roll = rng.random(len(level))
    detractor = roll < detractor_p
    passive = ~detractor & (roll < detractor_p + 0.25)
    scores = rng.choice(np.array([9, 10]), size=len(level), p=[0.55, 0.45])
    scores = np.where(
        passive, rng.choice(np.array([7, 8]), size=len(level), p=[0.45, 0.55]), scores
    )
    detractor_scores = rng.choice(7, size=len(level), p=DETRACTOR_SCORES)
    return np.where(detractor, detractor_scores, scores).astype(np.int64)


def generate_metric_points(
    journey: Journey, story: Story, setting: Setting, seed: int, today: date
) -> pd.DataFrame:
    """Daily values of each metric at the touchpoints it is measured at, per location."""
    rng = rng_for(seed, journey.id, 2)
    flow = compute_flow(journey).by_id()
    touchpoints = {t.id: t for t in journey.touchpoints}
    days_ago = np.arange(DAYS)
    dates = [today - timedelta(days=int(d) + 1) for d in days_ago]
    weekday = np.array([d.weekday() for d in dates])
    frames = []
    for metric in journey.metrics:
        for tp_id in story.metric_touchpoints.get(metric.id, ()):
            tp = touchpoints.get(tp_id)
            if tp is None:
                continue
            kind = LOCATION_KIND_BY_CHANNEL.get(tp.channel)
            places: list[Place | None] = list(own_places(setting, kind)) or [None]
            open_days = weekday != 6 if kind == "branch" else np.ones(DAYS, dtype=bool)
            bad = badness(story.role(tp_id), days_ago)
            per_place_day = flow[tp_id].customers_per_month / 30 / len(places)
            for place in places:
                values = _metric_values(
                    rng, metric.direction, metric.target, metric.unit, bad, weekday, place
                )
                counts = np.maximum(1, rng.poisson(max(per_place_day, 1.0), size=DAYS))
                frames.append(
                    pd.DataFrame(
                        {
                            "journey_id": journey.id,
                            "touchpoint_id": tp_id,
                            "metric": metric.id,
                            "observed_on": [
                                d for d, keep in zip(dates, open_days, strict=True) if keep
                            ],
                            "value": values[open_days],
                            "location": place.id if place else "",
                            "n": counts[open_days],
                        }
                    )
                )
    columns = ["journey_id", "touchpoint_id", "metric", "observed_on", "value", "location", "n"]
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(
        ["metric", "touchpoint_id", "location", "observed_on"], ignore_index=True
    )


def _metric_values(
    rng: np.random.Generator,
    direction: str,
    target: float | None,
    unit: str,
    bad: np.ndarray,
    weekday: np.ndarray,
    place: Place | None,
) -> np.ndarray:
    """Values off target by ``bad``: waits grow, on-time shares fall; Mondays are worst."""
    effect = place.effect if place else 0.0
    if direction == "higher":
        level = (target if target is not None else 80.0) * (1 - 0.3 * bad) * (1 + effect / 200)
        values = level * rng.lognormal(0, 0.04, size=len(bad))
    else:
        level = (target if target is not None else 10.0) * (1 + 0.8 * bad) * (1 - effect / 60)
        monday = np.select([weekday == 0, weekday == 4], [1.2, 0.92], 1.0)
        values = level * monday * rng.lognormal(0, 0.12, size=len(bad))
        spikes = (rng.random(len(bad)) < 0.04) & (bad > 0.5)  # outages, campaigns, sick days
        values = np.where(spikes, values * 1.8, values)
    if unit == "%":
        values = np.clip(values, 0, 100)
    return np.round(values, 2)
