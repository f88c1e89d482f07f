"""The touchpoint × location NPS heatmap shows every cell's interval and n: it showed
the NPS alone, and n only in cells of fewer than 30 answers."""

from __future__ import annotations

import pandas as pd

from journeymap.analytics.cell_grid import CellGrid
from journeymap.analytics.walk_cards import nps_matrix
from journeymap.charts.heatmap import nps_heatmap
from journeymap.i18n.translate import use_language


def answers(location: str, scores: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "touchpoint_id": "desk",
            "location": location,
            "score": scores,
            "survey_kind": "transactional",
        }
    )


def test_every_cell_shows_nps_interval_and_n_and_few_answers_say_so() -> None:
    # Aarhus: 20 promoters, 10 passives, 10 detractors of 40 → NPS +25; Vejle: 2 answers.
    many = answers("aarhus", [10] * 20 + [8] * 10 + [3] * 10)
    few = answers("vejle", [10, 0])
    cells = nps_matrix(pd.concat([many, few], ignore_index=True), ["desk"])
    with use_language("da"):
        heatmap = nps_heatmap(cells, {"desk": "Skranken"}, {}).data[0]
    solid, thin = heatmap.text[0]
    # p+ = 0.5, p− = 0.25: variance 0.75 − 0.0625 = 0.6875, SE = 100·√(0.6875 / 40) =
    # 13.11, ±25.7: 25 − 25.7 = −0.7 → "−1", 25 + 25.7 → "+51".
    assert solid == "+25<br>−1 … +51<br>n=40"
    assert thin == "0<br>−73 … +73<br>n=2, få"
    assert (
        heatmap.customdata[0][1]
        == "NPS 0 (95 % −73 … +73), n=2: lille stikprøve, læs med forsigtighed"
    )


def test_the_heatmap_is_tall_enough_for_three_lines_a_row() -> None:
    touchpoints = [f"step-{i}" for i in range(5)]
    frame = pd.DataFrame([[10.0]] * 5, index=touchpoints, columns=["aarhus"])
    cells = CellGrid(frame, frame.astype(int), frame - 20, frame + 20)
    assert nps_heatmap(cells, {}, {}).layout.height == 60 * 5 + 140
