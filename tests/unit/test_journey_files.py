"""Journey files: safe loading, readable saving, and load(save(j)) == j."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, find, given, settings

from journeymap.io.journey_files import (
    journey_to_json,
    journey_to_yaml,
    parse_journey_text,
    read_journey_file,
    write_journey_file,
)
from journeymap.model import InvalidInput, Journey, journey_problems
from tests.conftest import EXAMPLE_JOURNEY_FILES
from tests.strategies import journeys


def problems_of(text: str | bytes, **kwargs: bool) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_journey_text(text, **kwargs)
    return [str(p) for p in caught.value.problems]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_yaml_round_trip(journey: Journey) -> None:
    assert parse_journey_text(journey_to_yaml(journey)).journey == journey


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_json_round_trip(journey: Journey) -> None:
    assert parse_journey_text(journey_to_json(journey), json_format=True).journey == journey


@settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_generated_journeys_are_valid(journey: Journey) -> None:
    assert journey_problems(journey) == []


# What the round trips above must meet: every kind of field, not only the common ones.
GENERATED = {
    "a share left out": lambda j: any(t.share is None for t in j.transitions),
    "a leave transition": lambda j: any(t.kind == "leave" for t in j.transitions),
    "the lanes": lambda j: any(
        tp.does and tp.thinks and tp.opportunities and tp.backstage for tp in j.touchpoints
    ),
    "metrics": lambda j: len(j.metrics) > 1 and any(m.target is not None for m in j.metrics),
    "persona, segment, variant": lambda j: bool(j.persona and j.segment and j.variant_of),
    "several entries": lambda j: len(j.entries) > 1,
}


@pytest.mark.parametrize("wanted", GENERATED.values(), ids=GENERATED.keys())
def test_the_journey_generator_makes_every_kind_of_field(wanted) -> None:  # noqa: ANN001
    # Found is enough: no shrinking to the smallest such journey.
    quick = settings(max_examples=300, database=None, phases=[Phase.generate])
    find(journeys(), wanted, settings=quick)


def test_there_are_at_least_three_example_journeys() -> None:
    assert len(EXAMPLE_JOURNEY_FILES) >= 3


@pytest.mark.parametrize("path", EXAMPLE_JOURNEY_FILES, ids=lambda p: p.stem)
def test_example_journeys_are_valid_and_rich(path: Path) -> None:
    journey = read_journey_file(path).journey
    assert 10 <= len(journey.touchpoints) <= 25
    assert len(journey.stages) >= 5
    assert len({t.channel for t in journey.touchpoints}) >= 3
    assert any(
        len([t for t in journey.transitions if t.source == s]) > 1
        for s in {t.source for t in journey.transitions}
    ), "no branching"
    from journeymap.analytics.flow import find_cycles

    assert find_cycles(journey), "no loop"


@pytest.mark.parametrize("path", EXAMPLE_JOURNEY_FILES, ids=lambda p: p.stem)
def test_saved_file_is_stable(path: Path, tmp_path: Path) -> None:
    journey = read_journey_file(path).journey
    first = write_journey_file(journey, tmp_path / "a.yaml").read_text(encoding="utf-8")
    again = read_journey_file(tmp_path / "a.yaml").journey
    second = write_journey_file(again, tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert again == journey
    assert first == second


def test_saved_yaml_is_readable_and_ordered() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    text = journey_to_yaml(journey, revision=4)
    keys = list(yaml.safe_load(text))
    assert keys[:4] == ["schema_version", "revision", "id", "name"]
    assert keys.index("stages") < keys.index("touchpoints") < keys.index("transitions")
    assert "\\x" not in text
    assert "\\u" not in text
    assert ".0\n" not in text.split("entries:")[1]  # whole numbers are written as such


def test_revision_travels_with_the_file() -> None:
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    assert parse_journey_text(journey_to_yaml(journey, revision=7)).revision == 7
    assert parse_journey_text(journey_to_yaml(journey)).revision is None


MINIMAL = """
schema_version: 1
id: mini
name: Mini
stages: [{id: s, name: S}]
touchpoints: [{id: a, name: Å, stage: s, channel: web, end: true}]
entries: [{touchpoint: a, customers_per_month: 10}]
"""


def test_utf8_with_bom_is_read() -> None:
    assert parse_journey_text(b"\xef\xbb\xbf" + MINIMAL.encode()).journey.touchpoints[0].name == "Å"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL.replace("schema_version: 1\n", ""),
            "schema_version: missing: add 'schema_version: 1' at the top",
        ),
        (
            MINIMAL.replace("schema_version: 1", "schema_version: 9"),
            "schema_version: version 9 is not supported",
        ),
        ("id: [unclosed\n", "line 2, column 1: "),
        ("- just\n- a list\n", "the file must hold one journey"),
        (
            MINIMAL + "extra: &a [1, 2]\nmore: *a\n",
            "anchors and aliases (*name) are not allowed",
        ),
        ("!!python/object/apply:os.system ['echo hi']\n", "line 1, column 1"),
    ],
    ids=["no schema_version", "future schema", "broken yaml", "list", "alias", "python tag"],
)
def test_bad_files_give_a_located_message(text: str, expected: str) -> None:
    assert any(expected in p for p in problems_of(text)), problems_of(text)


def test_cp1252_file_is_refused_with_the_fix() -> None:
    found = problems_of(MINIMAL.encode("cp1252"))
    assert found == [
        "line 6: the file is not UTF-8 text: save it as UTF-8 (in Excel or an "
        "editor: 'Save as… UTF-8')"
    ]


def test_broken_json_names_line_and_column() -> None:
    assert problems_of('{"id": "x",\n  oops}', json_format=True)[0].startswith("line 2, column 3")


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_journey_file(tmp_path / "nope.yaml")
    assert str(caught.value).startswith(f"{tmp_path / 'nope.yaml'}: cannot read the file")
