"""The example journeys and the demo workspace in Danish, Norwegian and Swedish."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from journeymap.demo import generate_demo, load_demo
from journeymap.demo.load import read_demo_journeys
from journeymap.demo.templates import (
    JOURNEY_FIELDS,
    PART_FIELDS,
    template_files,
    template_journeys,
    translation_path,
)
from journeymap.i18n import use_language
from journeymap.store.actions import list_actions
from journeymap.store.engine import open_database
from journeymap.store.evidence import read_responses
from journeymap.store.journeys import JourneyRepository
from tests.conftest import JOURNEYS_DIR

TODAY = date(2026, 11, 20)
LANGUAGES = ("da", "nb", "sv")
# The language each example journey is written in; the others come from translations.
WRITTEN_IN = {"bank-advisory": "da", "retail-returns": "en", "telecom-support": "en"}


def test_every_template_exists_in_every_language() -> None:
    english = template_journeys(JOURNEYS_DIR, "en")
    assert set(english) == {p.name for p in template_files(JOURNEYS_DIR)}
    assert {j.id for j in english.values()} == set(WRITTEN_IN)
    for language in LANGUAGES:
        translated = template_journeys(JOURNEYS_DIR, language)
        assert set(translated) == set(english), language
        for name, journey in translated.items():
            source = english[name]
            if WRITTEN_IN[journey.id] == language:
                assert journey == source
                continue
            assert translation_path(JOURNEYS_DIR, language, journey.id).is_file()
            # Every stage, touchpoint, owner and metric has its own words; only words
            # change, so ids, channels and the routes are the template's.
            assert journey.name != source.name
            # (Danish and Norwegian share some words: "Venter i filialen" is both.)
            changed = []
            for stage, original in zip(journey.stages, source.stages, strict=True):
                assert stage.id == original.id
                changed.append(stage.name != original.name)
            for tp, was in zip(journey.touchpoints, source.touchpoints, strict=True):
                assert tp.id == was.id
                assert tp.channel == was.channel
                assert bool(tp.owner) == bool(was.owner)
                changed.append(tp.name != was.name)
            assert sum(changed) >= 0.75 * len(changed), (language, journey.id)
            assert [m.id for m in journey.metrics] == [m.id for m in source.metrics]
            assert journey.transitions == source.transitions
            assert journey.targets == source.targets


@pytest.mark.parametrize("path", sorted((JOURNEYS_DIR / "translations").rglob("*.yaml")))
def test_a_translation_names_only_ids_its_journey_has(path: Path) -> None:
    words = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = template_journeys(JOURNEYS_DIR, "en")[f"{path.stem}.yaml"]
    assert set(words["stages"]) == {s.id for s in source.stages}
    assert set(words["touchpoints"]) == {t.id for t in source.touchpoints}
    assert set(words.get("metrics", {})) == {m.id for m in source.metrics}
    # Every text the template has is given, so nothing is left in the template's language;
    # lists keep their length (the demo's story counts pain points).
    written = source.model_dump()
    for name in JOURNEY_FIELDS:
        assert bool(words.get(name)) == bool(written[name]), name
    for part, names in PART_FIELDS.items():
        for item in written[part]:
            given = words[part][item["id"]]
            for name in names:
                if name == "unit" or not item.get(name):
                    continue
                assert name in given, (path.name, item["id"], name)
                if isinstance(item[name], list):
                    assert len(given[name]) == len(item[name]), (item["id"], name)


def test_the_templates_follow_the_readers_language() -> None:
    with use_language("sv"):
        journeys = {j.id: j for j in read_demo_journeys(JOURNEYS_DIR)}
    assert journeys["retail-returns"].stages[0].name == "Bli uppmärksam"
    assert journeys["bank-advisory"].name == "Rådgivningsmöte på banken"


def test_the_evidence_is_the_same_in_every_language() -> None:
    """Evidence names touchpoints by id, so a translated demo tells the same story."""
    english = generate_demo(read_demo_journeys(JOURNEYS_DIR, "en"), 2026, TODAY)
    danish = generate_demo(read_demo_journeys(JOURNEYS_DIR, "da"), 2026, TODAY)
    columns = ["journey_id", "touchpoint_id", "score", "responded_at"]
    assert english.responses[columns].equals(danish.responses[columns])
    assert english.metric_points.equals(danish.metric_points)


def test_the_demo_loaded_in_danish_has_danish_stages_and_touchpoints(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'demo.db'}")
    with use_language("da"):
        load_demo(engine, JOURNEYS_DIR, actor="anna (command line)", seed=2026, today=TODAY)
    repository = JourneyRepository(engine)
    retail = repository.get("retail-returns")
    telecom = repository.get("telecom-support")
    bank = repository.get("bank-advisory")
    assert retail is not None
    assert telecom is not None
    assert bank is not None
    assert retail.journey.name == "Køb, returnering og klage i en kæde med friluftstøj"
    assert [s.name for s in retail.journey.stages][:3] == ["Bliv opmærksom", "Vælg", "Køb"]
    by_id = {t.id: t for t in retail.journey.touchpoints}
    assert by_id["checkout-queue"].name == "Står i kø ved kassen"
    assert by_id["checkout-queue"].owner == "Butiksdrift"
    assert by_id["checkout-queue"].channel == "branch"  # a key; the views label it
    assert telecom.journey.stages[0].name == "Noget holder op med at virke"
    assert bank.journey.touchpoints[0].name == "Ser boligkampagne på sociale medier"
    first_pain = by_id["checkout-queue"].pain_points[0]
    assert first_pain == "Kun én kasse åben i frokosttiden og om lørdagen"
    # The customers' comments quote the pain points in the customers' language.
    comments = " ".join(read_responses(engine, "retail-returns")["comment"].fillna(""))
    assert "Only one till open at lunchtime and on Saturdays" in comments
    assert "Kun én kasse åben i frokosttiden" not in comments
    titles = {a.title for a in list_actions(engine, "retail-returns")}
    assert "Giv chatmedarbejderne et goodwill-budget, så de selv kan udbetale refusioner" in titles
