"""The emotion curve follows the main path; alternatives are drawn apart."""

from __future__ import annotations

from journeymap.analytics.emotion import emotion_route
from journeymap.analytics.flow import main_path
from journeymap.charts.journey_map import journey_map_figure
from journeymap.charts.map_layout import map_layout
from journeymap.model import Journey, parse_journey


def _claim() -> Journey:
    """A claim reported on the web, then handled on the web (60 %) or by phone (40 %);
    the phone branch may go through a complaint; 10 % leave from the web form."""

    def tp(id_: str, stage: str, channel: str, feels: int, **more: object) -> dict[str, object]:
        return {"id": id_, "name": id_.upper(), "stage": stage, "channel": channel,
                "feels": feels, **more}  # fmt: skip

    return parse_journey(
        {
            "id": "claim",
            "name": "Skadesanmeldelse",
            "stages": [{"id": s, "name": s} for s in ("report", "handle", "close")],
            "touchpoints": [
                tp("a", "report", "web", 0),
                tp("b", "handle", "web", 1),
                tp("c", "handle", "phone", -1),
                tp("d", "close", "letter", 1, end=True),
                tp("e", "close", "phone", -2),
                tp("f", "close", "web", -2, end=True),
            ],
            "transitions": [
                {"from": "a", "to": "b", "share": 0.6},
                {"from": "a", "to": "c", "share": 0.4},
                {"from": "b", "to": "d", "share": 0.9},
                {"from": "b", "to": "f", "share": 0.1, "kind": "leave"},
                {"from": "c", "to": "d", "share": 0.7},
                {"from": "c", "to": "e", "share": 0.3},
                {"from": "e", "to": "d", "share": 1.0},
            ],
            "entries": [{"touchpoint": "a", "customers_per_month": 1000}],
        }
    )


def test_the_main_path_is_the_likeliest_route_to_a_good_end() -> None:
    # a→b→d: 0.6 × 0.9 = 0.54; a→c→d: 0.4 × 0.7 = 0.28; a→c→e→d: 0.4 × 0.3 = 0.12;
    # a→b→f leaves, so f is no good end.
    path, probability = main_path(_claim())
    assert path == ["a", "b", "d"]
    assert abs(probability - 0.54) < 1e-12


def test_the_route_splits_the_main_path_from_its_alternatives() -> None:
    journey = _claim()
    route = emotion_route(journey, ["a", "b", "d"])
    assert route.main == ["a", "b", "d"]
    # Reading order: stage by stage, then steps from the entry, then file order.
    assert route.aside == ["c", "e", "f"]
    # b→f is a leave-edge: the leave step stands alone.
    assert set(route.branches) == {("a", "c"), ("c", "d"), ("c", "e"), ("e", "d")}


def test_the_curve_never_joins_the_branches_or_the_leave_step_in_card_order() -> None:
    layout = map_layout(_claim())
    assert [p.touchpoint for p in layout.curve] == ["a", "b", "d"]
    assert [p.touchpoint for p in layout.aside] == ["c", "e", "f"]
    figure = journey_map_figure(_claim(), layout)
    [line] = [t for t in figure.data if t.name == "feels"]
    assert list(line.text) == ["1", "2", "4"]  # card numbers a=1, b=2, d=4
    [apart] = [t for t in figure.data if t.name == "feels, off the main path"]
    assert apart.mode == "markers+text"
    assert list(apart.text) == ["3", "5", "6"]


def test_a_card_grows_to_hold_its_whole_text() -> None:
    long = "Kunden venter på opfølgningsmødet og ringer igen, " * 6
    base = _claim()
    first = base.touchpoints[0].model_copy(update={"does": long})
    layout = map_layout(base.model_copy(update={"touchpoints": [first, *base.touchpoints[1:]]}))
    [card] = [c for c in layout.cards if c.lane == "does"]
    assert not any("…" in line for line in card.lines)
    assert " ".join(card.lines).replace("- ", "").replace("-", "").split() == (
        card.text.replace("-", "").split()
    )
    assert len(card.lines) > 3


def test_the_observed_curve_joins_the_main_path_only() -> None:
    from journeymap.analytics.observed_emotion import ObservedEmotion

    observed = {
        tp: ObservedEmotion(value=v, low=v - 0.5, high=v + 0.5, n=40, thin=False)
        for tp, v in {"a": 0.5, "b": 1.0, "c": -1.0, "d": 0.8, "f": -1.5}.items()
    }
    figure = journey_map_figure(_claim(), observed=observed)
    [trace] = [t for t in figure.data if t.name == "observed"]
    layout = map_layout(_claim())
    x = {tp: layout.step_x(tp) for tp in "abcdf"}
    # a, b, d joined; c and f each after a gap, so no line reaches them.
    assert list(trace.x) == [x["a"], x["b"], x["d"], None, x["c"], None, x["f"]]
    assert trace.connectgaps is False
