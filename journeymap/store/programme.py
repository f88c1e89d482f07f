"""The mystery-shopping programme: locations, shoppers, questionnaires, visits, answers.

Visits are keyed by an ``external_key`` (the planning sheet's id, the demo's fixed
key) so that re-running a plan or an import adds nothing twice. A questionnaire
version is immutable once stored, because visits keep the version they were made
with; a changed questionnaire must get a new version.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, Select, Table, select

from journeymap.i18n import _
from journeymap.model.questionnaire import Questionnaire
from journeymap.store.audit import record
from journeymap.store.bulk import Rows, insert_new, query_frame, records, utc_frame_column
from journeymap.store.tables import (
    AnswerRow,
    LocationRow,
    QuestionnaireRow,
    ShopperRow,
    VisitRow,
)

VISIT_TIMES = ("visited_at", "submitted_at", "reviewed_at")
# The columns of read_visits, in order: the visit with its location's details.
VISIT_COLUMNS = (
    "id",
    "external_key",
    "questionnaire_id",
    "questionnaire_version",
    "location_id",
    "location_name",
    "region",
    "competitor",
    "shopper_id",
    "scenario",
    "window_start",
    "window_end",
    "status",
    *VISIT_TIMES,
    "wave",
)


class QuestionnaireVersionChanged(ValueError):
    """A stored questionnaire version differs from the one being saved under its number."""


def insert_locations(engine: Engine, rows: Rows, *, actor: str) -> int:
    """Store locations (id, name, region, competitor); known ids are left as they are."""
    return _insert_audited(engine, LocationRow.__table__, records(rows), "locations", actor)  # type: ignore[arg-type]


def insert_shoppers(engine: Engine, rows: Rows, *, actor: str) -> int:
    """Store shoppers (id, name, optionally region and active); known ids are left as
    they are."""
    return _insert_audited(engine, ShopperRow.__table__, records(rows), "shoppers", actor)  # type: ignore[arg-type]


def _insert_audited(
    engine: Engine, table: Table, rows: list[dict[str, Any]], what: str, actor: str
) -> int:
    """insert_new in a transaction of its own, with an "imported" entry by ``actor``."""
    with engine.begin() as connection:
        inserted = insert_new(connection, table, rows)
        if inserted:
            record(connection, "imported", what, "", f"{inserted} new of {len(rows)}", actor=actor)
        return inserted


def questionnaire_body(questionnaire: Questionnaire) -> str:
    return json.dumps(questionnaire.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def save_questionnaire(
    engine: Engine,
    questionnaire: Questionnaire,
    created_at: datetime | None = None,
    *,
    actor: str,
) -> int:
    """Store a questionnaire version: 1 when stored now, 0 when it was already there.

    Raises :class:`QuestionnaireVersionChanged` when that version is stored with other
    content: visits made with it would otherwise be scored against different questions.
    """
    body = questionnaire_body(questionnaire)
    with engine.begin() as connection:
        stored = connection.scalar(
            select(QuestionnaireRow.body).where(
                QuestionnaireRow.id == questionnaire.id,
                QuestionnaireRow.version == questionnaire.version,
            )
        )
        if stored is not None:
            if json.loads(stored) != json.loads(body):
                raise QuestionnaireVersionChanged(
                    _(
                        "questionnaire '{id}' version {version} is already stored with other "
                        "content:"
                        " raise its version to {value} to save the change"
                    ).format(
                        id=questionnaire.id,
                        version=questionnaire.version,
                        value=questionnaire.version + 1,
                    )
                )
            return 0
        row = {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "journey_id": questionnaire.journey,
            "name": questionnaire.name,
            "body": body,
            "created_at": created_at or datetime.now(UTC),
        }
        record(
            connection,
            "saved",
            "questionnaire",
            f"{questionnaire.id} v{questionnaire.version}",
            questionnaire.name,
            actor=actor,
        )
        return insert_new(connection, QuestionnaireRow.__table__, [row])  # type: ignore[arg-type]


def read_questionnaires(engine: Engine, journey_id: str) -> list[Questionnaire]:
    """The newest version of each of a journey's questionnaires, by id."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(QuestionnaireRow.id, QuestionnaireRow.body)
            .where(QuestionnaireRow.journey_id == journey_id)
            .order_by(QuestionnaireRow.id, QuestionnaireRow.version)
        ).all()
    newest = {row.id: row.body for row in rows}  # later versions overwrite earlier ones
    return [Questionnaire.model_validate_json(body, strict=False) for body in newest.values()]


def newest_questionnaire(engine: Engine, questionnaire_id: str) -> Questionnaire | None:
    """The newest stored version of a questionnaire, or None when there is none."""
    with engine.connect() as connection:
        body = connection.scalar(
            select(QuestionnaireRow.body)
            .where(QuestionnaireRow.id == questionnaire_id)
            .order_by(QuestionnaireRow.version.desc())
            .limit(1)
        )
    return None if body is None else Questionnaire.model_validate_json(body, strict=False)


def insert_visits(engine: Engine, rows: Rows, *, actor: str) -> int:
    """Store visits; those whose external_key is stored are skipped. Returns the count."""
    return _insert_audited(engine, VisitRow.__table__, records(rows), "visits", actor)  # type: ignore[arg-type]


def insert_answers(engine: Engine, rows: Rows, *, actor: str) -> int:
    """Store answers given with ``visit_key`` (the visit's external key) and question_id.

    ``value`` is any JSON value and is stored as JSON text. Answers already stored for
    the same visit and question are skipped. Returns the number inserted.
    """
    with engine.begin() as connection:
        inserted = insert_answers_in(connection, records(rows))
        if inserted:
            record(connection, "imported", "answers", "", f"{inserted} new", actor=actor)
        return inserted


def insert_answers_in(connection: Connection, answers: list[dict[str, Any]]) -> int:
    """insert_answers inside the caller's transaction (with the visits they belong to)."""
    keys = sorted({a["visit_key"] for a in answers})
    ids: dict[str, int] = {}
    for start in range(0, len(keys), 500):  # keep IN lists within driver limits
        chunk = keys[start : start + 500]
        ids |= dict(
            connection.execute(
                select(VisitRow.external_key, VisitRow.id).where(VisitRow.external_key.in_(chunk))
            ).all()
        )
    missing = [k for k in keys if k not in ids]
    if missing:
        raise KeyError(f"answers refer to visits that are not stored: {', '.join(missing[:5])}")
    rows_out = [_answer_row(a, ids[a["visit_key"]]) for a in answers]
    return insert_new(connection, AnswerRow.__table__, rows_out)  # type: ignore[arg-type]


def _answer_row(answer: dict[str, Any], visit_id: int) -> dict[str, Any]:
    return {
        "visit_id": visit_id,
        "question_id": answer["question_id"],
        "value": json.dumps(answer.get("value"), ensure_ascii=False),
        "not_applicable": bool(answer.get("not_applicable", False)),
        "comment": answer.get("comment") or "",
        "saved_at": answer["saved_at"],
    }


def read_locations(engine: Engine) -> pd.DataFrame:
    columns = ("id", "name", "region", "competitor", "active")
    query = select(*(getattr(LocationRow, c) for c in columns)).order_by(LocationRow.id)
    return query_frame(engine, query, columns)


def read_visits(
    engine: Engine, journey_id: str, locations: frozenset[str] | None = None
) -> pd.DataFrame:
    """A journey's visits (through their questionnaire) with the location's details.

    ``locations`` narrows them to those location ids (a location manager's scope).
    """
    columns = VISIT_COLUMNS
    query = (
        select(
            VisitRow.id,
            VisitRow.external_key,
            VisitRow.questionnaire_id,
            VisitRow.questionnaire_version,
            VisitRow.location_id,
            LocationRow.name,
            LocationRow.region,
            LocationRow.competitor,
            VisitRow.shopper_id,
            VisitRow.scenario,
            VisitRow.window_start,
            VisitRow.window_end,
            VisitRow.status,
            *(getattr(VisitRow, c) for c in VISIT_TIMES),
            VisitRow.wave,
        )
        .join(LocationRow, LocationRow.id == VisitRow.location_id)
        .join(
            QuestionnaireRow,
            (QuestionnaireRow.id == VisitRow.questionnaire_id)
            & (QuestionnaireRow.version == VisitRow.questionnaire_version),
        )
        .where(QuestionnaireRow.journey_id == journey_id, *_in_scope(locations))
        .order_by(VisitRow.window_start, VisitRow.external_key)
    )
    frame = query_frame(engine, query, columns)
    for column in VISIT_TIMES:
        frame[column] = utc_frame_column(frame[column])
    frame["competitor"] = frame["competitor"].astype(bool)
    return frame


def _in_scope(locations: frozenset[str] | None) -> tuple:  # type: ignore[type-arg]
    return () if locations is None else (VisitRow.location_id.in_(sorted(locations)),)


# read_answers' columns: the answer's visit, then the answer itself (both with visit_id).
_ANSWER_VISIT_COLUMNS = (
    "visit_id",
    "external_key",
    "questionnaire_id",
    "questionnaire_version",
    "location_id",
    "status",
)
_ANSWER_OWN_COLUMNS = ("visit_id", "question_id", "value", "not_applicable", "comment", "saved_at")


def read_answers(
    engine: Engine, journey_id: str, locations: frozenset[str] | None = None
) -> pd.DataFrame:
    """Every answer of a journey's visits, one row each; ``value`` is decoded JSON."""
    # A visit's columns are read once, not once for each of its answers (50 for a
    # bank's questionnaire). Read before the answers, so an answer whose visit was
    # stored in between has no visit here and is left out.
    visit_query = select(
        VisitRow.id,
        VisitRow.external_key,
        VisitRow.questionnaire_id,
        VisitRow.questionnaire_version,
        VisitRow.location_id,
        VisitRow.status,
    )
    visits = query_frame(
        engine, _of_journey(visit_query, journey_id, locations), _ANSWER_VISIT_COLUMNS
    )
    answer_query = select(
        AnswerRow.visit_id,
        AnswerRow.question_id,
        AnswerRow.value,
        AnswerRow.not_applicable,
        AnswerRow.comment,
        AnswerRow.saved_at,
    ).join(VisitRow, VisitRow.id == AnswerRow.visit_id)
    answers = _driver_frame(
        engine,
        _of_journey(answer_query, journey_id, locations).order_by(
            AnswerRow.visit_id, AnswerRow.question_id
        ),
        _ANSWER_OWN_COLUMNS,
    )
    frame = _with_visit_columns(answers, visits)
    frame["value"] = _decoded(frame["value"])
    frame["not_applicable"] = frame["not_applicable"].astype(bool)
    frame["saved_at"] = utc_frame_column(frame["saved_at"])
    return frame


def _of_journey(
    query: Select[Any], journey_id: str, locations: frozenset[str] | None
) -> Select[Any]:
    """``query`` over visits narrowed to a journey's visits (in ``locations`` if given)."""
    return query.join(
        QuestionnaireRow,
        (QuestionnaireRow.id == VisitRow.questionnaire_id)
        & (QuestionnaireRow.version == VisitRow.questionnaire_version),
    ).where(QuestionnaireRow.journey_id == journey_id, *_in_scope(locations))


def _driver_frame(engine: Engine, query: Select[Any], columns: tuple[str, ...]) -> pd.DataFrame:
    """query_frame with the values as the driver gives them: SQLite's timestamps as text
    and booleans as 0/1, for the caller to convert column by column.

    At 600,000 answers SQLAlchemy's row objects and conversions value by value cost
    more than the database's own work.
    """
    with engine.connect() as connection:
        compiled = query.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        parameters: Any = compiled.params
        if connection.dialect.positional:
            parameters = tuple(parameters[name] for name in compiled.positiontup or ())
        cursor = connection.connection.cursor()
        try:
            cursor.execute(str(compiled), parameters)
            rows = cursor.fetchall()
        finally:
            cursor.close()
    return pd.DataFrame.from_records(rows, columns=list(columns))


def _with_visit_columns(answers: pd.DataFrame, visits: pd.DataFrame) -> pd.DataFrame:
    """Each answer with its visit's columns, in the order of read_answers' columns."""
    row = pd.Index(visits["visit_id"]).get_indexer(answers["visit_id"])
    if (row < 0).any():
        answers, row = answers[row >= 0].reset_index(drop=True), row[row >= 0]
    if answers.empty:
        return pd.DataFrame.from_records(
            [], columns=[*_ANSWER_VISIT_COLUMNS, *_ANSWER_OWN_COLUMNS[1:]]
        )
    frame = answers.copy(deep=False)
    for place, name in enumerate(_ANSWER_VISIT_COLUMNS[1:], start=1):
        frame.insert(place, name, visits[name].to_numpy()[row])
    return frame


def _decoded(texts: pd.Series) -> list[Any]:
    """The JSON texts as values, each distinct text decoded once.

    Answers repeat a few hundred texts (true, 4, "Yes") over many visits. A list or a
    dict is decoded again for each answer, so that no two answers share one to change.
    """
    codes, distinct = pd.factorize(texts, use_na_sentinel=False)
    values = np.empty(len(distinct), dtype=object)
    for code, text in enumerate(distinct):
        values[code] = json.loads(text)
    decoded = values[codes]
    containers = [code for code, value in enumerate(values) if isinstance(value, list | dict)]
    for row in np.flatnonzero(np.isin(codes, containers)):
        decoded[row] = json.loads(texts.iat[row])
    return decoded.tolist()  # a list, so that pandas infers the column's dtype as it did
