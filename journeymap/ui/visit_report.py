"""A visit's report on screen: score, sections, answers with evidence and comments."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from journeymap import settings
from journeymap.analytics.scoring import score_visit
from journeymap.analytics.visit_report import visit_report
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.answers import read_visit_answers
from journeymap.store.photos import photos_folder, visit_photos
from journeymap.store.visits import VisitInfo, questionnaire_version
from journeymap.ui.services import get_engine
from journeymap.ui.text import plain


def load_visit(visit: VisitInfo) -> tuple[Questionnaire, dict]:  # type: ignore[type-arg]
    engine = get_engine()
    questionnaire = questionnaire_version(
        engine, visit.questionnaire_id, visit.questionnaire_version
    )
    stored = read_visit_answers(engine, visit.id)
    return questionnaire, {qid: a.as_answer() for qid, a in stored.items()}


def show_visit_report(visit: VisitInfo, include_personal: bool = True) -> None:
    questionnaire, answers = load_visit(visit)
    score = score_visit(questionnaire, answers)
    titles = {s.id: s.title for s in questionnaire.sections}
    columns = st.columns(min(len(score.sections), 4) + 1)
    columns[0].metric(
        "Visit score",
        "N/A" if score.pct is None else f"{score.pct:.0f} %",
        help="Weighted mean of the section scores (n = 1 visit). "
        + ("A failed knock-out question set the visit to 0 %." if score.knocked_out else ""),
    )
    for column, section in zip(columns[1:], score.sections, strict=False):
        column.metric(
            plain(titles[section.section_id])[:40],
            "N/A" if section.pct is None else f"{section.pct:.0f} %",
            help=f"{section.earned:g} of {section.possible:g} points"
            + (" · knock-out failed" if section.knocked_out else ""),
        )
    table = visit_report(questionnaire, answers, score, include_personal)
    st.dataframe(
        table.drop(columns=["question_id"]),
        hide_index=True,
        width="stretch",
        column_config={"Question": st.column_config.TextColumn(width="large")},
    )
    photos = visit_photos(get_engine(), visit.id)
    if photos:
        st.markdown("**Photos**")
        columns = st.columns(4)
        folder = photos_folder(settings.data_dir())
        for i, photo in enumerate(photos):
            path = folder / photo.file_name
            if Path(path).exists():
                columns[i % 4].image(str(path), caption=plain(photo.original_name))
