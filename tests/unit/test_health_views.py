"""Health on the journey views: coloured nodes and cards, reasons in the hover, the
observed emotion against the planned one, and user text kept inert."""

from __future__ import annotations

import json

from journeymap.analytics.evidence import TouchpointEvidence
from journeymap.analytics.flow import compute_flow
from journeymap.analytics.nps import nps_from_counts
from journeymap.analytics.observed_emotion import observed_emotions
from journeymap.charts import journey_figure, journey_map_figure
from journeymap.charts.health import HEALTH_COLOURS, node_health
from journeymap.io.journey_files import read_journey_file
from tests.conftest import EXAMPLE_JOURNEY_FILES


def _journey():  # type: ignore[no-untyped-def]
    journey = read_journey_file(EXAMPLE_JOURNEY_FILES[0]).journey
    first = journey.touchpoints[0]
    renamed = first.model_copy(update={"name": "<b>Book</b> & go"})
    return journey.model_copy(update={"touchpoints": [renamed, *journey.touchpoints[1:]]})


def test_graph_nodes_take_their_health_colour_and_reasons() -> None:
    journey = _journey()
    first = journey.touchpoints[0].id
    health = {first: node_health("sand", "friction 80", ("NPS −30 ±9 (n=118) <i>x</i>",))}
    figure = journey_figure(journey, compute_flow(journey), health=health)
    nodes = next(t for t in figure.data if t.name == "touchpoints")
    index = [tp.id for tp in journey.touchpoints].index(first)
    assert nodes.marker.color[index] == HEALTH_COLOURS["sand"]
    assert "NPS −30 ±9 (n=118) &lt;i&gt;x&lt;/i&gt;" in nodes.hovertext[index]
    assert "&lt;b&gt;Book&lt;/b&gt; &amp; go" in nodes.hovertext[index]
    key = json.dumps(figure.layout.annotations[-1].text)
    assert "not enough data" in key


def test_map_frames_cards_and_draws_the_observed_curve() -> None:
    journey = _journey()
    first = journey.touchpoints[0].id
    evidence = {first: TouchpointEvidence(first, nps=nps_from_counts(10, 10, 80))}  # −70
    figure = journey_map_figure(
        journey,
        health={first: node_health("sand")},
        observed=observed_emotions(evidence),
    )
    framed = [a for a in figure.layout.annotations if a.borderwidth == 3]
    assert len(framed) == 1
    assert framed[0].bordercolor == HEALTH_COLOURS["sand"]
    assert "Health: Sand in the machine" in framed[0].hovertext
    observed = next(t for t in figure.data if t.name == "observed")
    assert len(observed.x) == 1
    assert "observed −1.4 (NPS −70, n=100)" in observed.hovertext[0]
    assert "&lt;b&gt;Book&lt;/b&gt;" in observed.hovertext[0]


def test_without_evidence_the_views_stay_grey() -> None:
    journey = _journey()
    figure = journey_figure(journey, compute_flow(journey))
    nodes = next(t for t in figure.data if t.name == "touchpoints")
    assert set(nodes.marker.color) == {"#9aa5b1"}
    assert not any(t.name == "observed" for t in journey_map_figure(journey).data)
