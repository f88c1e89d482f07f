"""Upgrading a database that holds data, from the first migration to the newest.

Rows go in with plain SQL at the revision that created their table, so each migration
runs over data the way it does at a customer's, and after every step every row must
still be there; at the end the schema must be the one the tables declare.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Date, DateTime, Engine, bindparam, select, text

from journeymap.store.engine import make_engine, migrate
from journeymap.store.revisions import database_revision, known_revisions
from journeymap.store.tables import Base

Rows = dict[str, list[dict[str, Any]]]
T1 = datetime(2025, 3, 30, 1, 59, 59, 123456, tzinfo=UTC)  # the night summer time starts
T2 = datetime(2026, 11, 10, 9, 30, tzinfo=UTC)
BODY = '{"id": "bank", "name": "Rådgivning"}'

# What each revision's new tables (and columns) hold at a customer's.
DATA: dict[str, Rows] = {
    "0001": {
        "journeys": [
            {"id": "bank", "name": "Rådgivningsmøde", "revision": 2, "body": BODY,
             "saved_by": "Åse", "saved_at": T2, "created_at": T1},
            {"id": "shop", "name": "Køb i butik", "revision": 1, "body": "{}",
             "saved_by": "ole", "saved_at": T1, "created_at": T1},
        ],
        "journey_revisions": [
            {"journey_id": "bank", "revision": 1, "body": "{}", "author": "Åse",
             "saved_at": T1, "note": ""},
            {"journey_id": "bank", "revision": 2, "body": BODY, "author": "Åse",
             "saved_at": T2, "note": "Ny kø-regel"},
        ],
        "locations": [
            {"id": "aarhus", "name": "Aarhus C", "region": "Midt", "competitor": False},
            {"id": "rival", "name": "Konkurrent", "region": "", "competitor": True},
        ],
        "responses": [
            {"id": 1, "journey_id": "bank", "dedup_key": "r1", "touchpoint_id": "moede",
             "responded_at": T1, "score": 3, "survey_kind": "transactional",
             "comment": "Lang ventetid 😞", "location": "Aarhus C", "segment": "privat",
             "contact": "kunde@example.dk", "source": "generic:export.csv"},
            {"id": 2, "journey_id": "bank", "dedup_key": "r2", "touchpoint_id": None,
             "responded_at": T2, "score": 10, "survey_kind": "relationship", "comment": "",
             "location": "", "segment": "", "contact": "", "source": "qualtrics:q.csv"},
        ],
        "metric_points": [
            {"id": 1, "journey_id": "bank", "touchpoint_id": "kø", "metric": "wait_minutes",
             "observed_on": date(2026, 2, 28), "value": 9.625, "location": "Aarhus C", "n": 156},
        ],
        "questionnaires": [
            {"id": "besoeg", "version": 1, "journey_id": "bank", "name": "Filialbesøg",
             "body": "{}", "created_at": T1},
        ],
        "shoppers": [{"id": "s1", "name": "Signe"}],
        "visits": [
            {"id": 1, "external_key": "plan-1", "questionnaire_id": "besoeg",
             "questionnaire_version": 1, "location_id": "aarhus", "shopper_id": "s1",
             "scenario": "Spørg om boliglån", "window_start": date(2026, 11, 1),
             "window_end": date(2026, 11, 30), "status": "submitted", "visited_at": T1,
             "submitted_at": T2, "reviewed_at": None},
            {"id": 2, "external_key": "plan-2", "questionnaire_id": "besoeg",
             "questionnaire_version": 1, "location_id": "rival", "shopper_id": "s1",
             "scenario": "", "window_start": date(2026, 12, 1),
             "window_end": date(2026, 12, 31), "status": "assigned", "visited_at": None,
             "submitted_at": None, "reviewed_at": None},
        ],
        "answers": [
            {"visit_id": 1, "question_id": "greeted", "value": "true",
             "not_applicable": False, "comment": "", "saved_at": T1},
            {"visit_id": 1, "question_id": "jargon", "value": "null",
             "not_applicable": True, "comment": "Ingen fagord", "saved_at": T2},
        ],
    },
    "0002": {
        "detractor_cases": [
            {"id": 1, "journey_id": "bank", "response_id": 1, "due_at": T2, "status": "new",
             "owner": "", "notes": "", "root_cause": "", "version": 1, "created_at": T1,
             "updated_at": T1, "contacted_at": None, "closed_at": None},
        ],
    },
    "0003": {
        "visits": [
            {"id": 3, "external_key": "plan-3", "questionnaire_id": "besoeg",
             "questionnaire_version": 1, "location_id": "aarhus", "shopper_id": "s1",
             "scenario": "", "window_start": date(2026, 11, 1),
             "window_end": date(2026, 11, 30), "status": "returned", "visited_at": T1,
             "started_at": T1, "submitted_at": T2, "reviewed_at": T2},
        ],
        "answers": [
            {"visit_id": 3, "question_id": "wait", "value": "412", "not_applicable": False,
             "comment": "", "saved_at": T2, "timer_started_at": T1, "timer_stopped_at": T2},
        ],
        "photos": [
            {"id": 1, "visit_id": 3, "question_id": "entrance", "file_name": "visit-3-a.jpg",
             "original_name": "IMG_0001.JPG", "content_type": "image/jpeg",
             "size_bytes": 183_402, "width": 1600, "height": 1200, "uploaded_at": T1},
        ],
        "review_notes": [
            {"id": 1, "visit_id": 3, "question_id": "wait", "note": "Tiden mangler",
             "reviewer": "Rita", "created_at": T2, "resolved_at": None},
        ],
    },
    "0004": {
        "walk_notes": [
            {"id": 1, "journey_id": "bank", "touchpoint_id": "kø", "kind": "pain",
             "text": "Ingen stole", "author": "Ida", "created_at": T2},
        ],
    },
    "0005": {
        "improvement_actions": [
            {"id": 1, "journey_id": "bank", "title": "Flere stole", "description": "",
             "touchpoints": '["kø"]', "source_kind": "walk_note", "source_ref": "1",
             "source_text": "Ingen stole", "category": "comfort", "owner": "Filialchef",
             "impact": 3, "effort": 1, "status": "done", "due_on": date(2026, 12, 1),
             "done_on": None, "version": 2, "created_by": "Ida", "created_at": T1,
             "updated_at": T2},
        ],
    },
    "0006": {
        "users": [
            {"id": 1, "name": "signe", "role": "shopper", "password_hash": "$argon2id$x",
             "email": "", "shopper_id": "s1", "active": True, "created_at": T1,
             "password_changed_at": None},
        ],
        "user_locations": [{"user_id": 1, "location_id": "aarhus"}],
        "login_failures": [{"id": 1, "name": "nobody", "failed_at": T2}],
        "visit_links": [
            {"token_hash": "ab" * 32, "visit_id": 2, "kind": "link", "created_by": "Rita",
             "created_at": T1, "expires_at": T2, "used_at": None},
        ],
        "audit_log": [
            {"id": 1, "at": T2, "actor": "Rita", "action": "approved", "object_kind": "visit",
             "object_id": "1", "detail": "was submitted"},
        ],
    },
    "0009": {
        "import_sources": [
            {"id": 2, "journey_id": "shop", "name": "Google Forms: Kundeundersøgelse",
             "tool": "google-forms", "title": "Kundeundersøgelse",
             "questions": '["tidsstempel", "anbefale"]',
             "key_questions": '["tidsstempel", "anbefale"]', "created_at": T2},
        ],
        "import_batches": [
            {"id": 2, "journey_id": "shop", "source_id": 2, "kind": "file",
             "file_name": "Kundeundersøgelse (svar).csv", "sha256": "cd" * 32,
             "imported_by": "Åse", "imported_at": T2, "rows_read": 3, "added": 1,
             "already_there": 1, "conflicting": 0, "rejected": 1, "without_score": 0,
             "left_out": 0, "too_old": 1, "cases_created": 0, "already_from": "{}",
             "first_response_id": 3, "last_response_id": 3, "undone_at": None,
             "undone_by": ""},
        ],
        "responses": [
            {"id": 3, "journey_id": "shop", "dedup_key": "2:id:7", "touchpoint_id": None,
             "responded_at": T2, "score": 6, "survey_kind": "relationship", "comment": "",
             "location": "", "segment": "", "contact": "", "source": "google-forms:k.csv",
             "batch_id": 2, "fingerprint": -(2**63) + 5},
        ],
        "nps_summaries": [{"journey_id": "shop", "zone": "Europe/Copenhagen", "built_at": T2}],
        "nps_month_counts": [
            {"journey_id": "shop", "zone": "Europe/Copenhagen", "survey_kind": "relationship",
             "touchpoint_id": "", "month": "2026-11", "promoters": 0, "passives": 0,
             "detractors": 1},
        ],
    },
    "0010": {
        "comment_theme_runs": [
            {"journey_id": "bank", "comments_revision": "x|2|2", "method": "1|0|",
             "seed": 0, "rule": "2 themes", "comments": 1, "computed_by": "Åse",
             "computed_at": T2,
             "themes": '[{"key": "t1", "label": "lang ventetid", "keywords": ["ventetid"], '
                       '"terms": [["ventetid", 1.0]]}]'},
        ],
        "comment_analyses": [
            {"response_id": 1, "journey_id": "bank", "language": "da", "sentiment": -0.5,
             "theme": "t1", "strength": 0.75},
        ],
        "comment_theme_edits": [
            {"id": 1, "journey_id": "bank", "kind": "rename",
             "body": '{"theme": "t1", "label": "Ventetid ved skranken"}', "author": "Åse",
             "created_at": T2},
        ],
        "comment_languages": [
            {"journey_id": "bank", "source": "generic:export.csv", "language": "da",
             "set_by": "Åse", "set_at": T2},
        ],
    },
    "0011": {
        "shoppers": [{"id": "s2", "name": "Søren", "region": "Nord", "active": False}],
        "locations": [
            {"id": "aalborg", "name": "Aalborg", "region": "Nord", "competitor": False,
             "active": False},
        ],
        "visits": [
            {"id": 4, "external_key": "plan-4", "questionnaire_id": "besoeg",
             "questionnaire_version": 1, "location_id": "aalborg", "shopper_id": "s2",
             "scenario": "", "window_start": date(2027, 1, 4),
             "window_end": date(2027, 1, 29), "status": "approved", "visited_at": T2,
             "started_at": T2, "submitted_at": T2, "reviewed_at": T2,
             "wave": "2027-Q1", "reviewed_by": "Rita"},
        ],
    },
    "0012": {
        "sessions": [
            {"token_hash": "cd" * 32, "user_id": 1, "created_at": T1, "expires_at": T2,
             "revoked_at": None},
        ],
    },
    "0013": {
        "api_keys": [
            {"id": 1, "name": "typeform", "secret_hash": "ef" * 32, "scope": "push",
             "journeys": '["bank"]', "signing_secret": "", "created_by": "Rita",
             "created_at": T1, "revoked_at": None, "revoked_by": ""},
        ],
    },
    "0014": {
        "alert_subscriptions": [
            {"id": 1, "journey_id": "bank", "location": "", "kind": "detractor",
             "channel": "email", "target": "cx@example.dk", "role": "leader",
             "created_by": "Åse", "created_at": T1},
        ],
        "alert_outbox": [
            {"id": 1, "dedup_key": "detractor:1:1", "subscription_id": 1, "kind": "detractor",
             "journey_id": "bank", "case_id": 1, "touchpoint_id": "moede", "detail": "",
             "status": "sent", "attempts": 1, "next_try_at": T2, "last_error": "",
             "created_at": T2, "sent_at": T2},
        ],
        "alert_sand_states": [
            {"journey_id": "bank", "location": "", "touchpoint_id": "kø", "health": "sand",
             "seen_at": T2},
        ],
    },
    "0015": {
        "journey_drafts": [
            {"journey_id": "bank", "author": "Åse", "base_revision": 2, "body": BODY,
             "updated_at": T2},
        ],
    },
    "0016": {
        "walks": [
            {"id": 1, "journey_id": "bank", "started_at": T2, "started_by": "Ida"},
        ],
        "walk_notes": [
            {"id": 2, "journey_id": "bank", "touchpoint_id": "kø", "kind": "idea",
             "text": "Stole til alle", "author": "Ida", "created_at": T2, "walk_id": 1},
        ],
    },
}  # fmt: skip


def insert_plain(engine: Engine, rows: Rows) -> None:
    """INSERT statements as a person would write them; only times and dates are typed."""
    with engine.begin() as connection:
        for table, records in rows.items():
            for row in records:
                statement = text(
                    f"INSERT INTO {table} ({', '.join(row)}) "
                    f"VALUES ({', '.join(f':{name}' for name in row)})"
                ).bindparams(
                    *(
                        bindparam(name, type_=DateTime(timezone=True))
                        if isinstance(value, datetime)
                        else bindparam(name, type_=Date())
                        for name, value in row.items()
                        if isinstance(value, date)
                    )
                )
                connection.execute(statement, row)


def stored(engine: Engine, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    declared = Base.metadata.tables[table]
    with engine.connect() as connection:
        rows = connection.execute(select(*(declared.c[name] for name in columns))).all()
    return sorted(tuple(map(_utc, row)) for row in rows)


def _utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite hands back the stored UTC time naive
    return value


# Rows a migration makes from the data before it: 0009 puts the responses of 0001 in a
# batch of a source "before batches".
MADE_BY_MIGRATIONS = {"import_sources": 1, "import_batches": 1}


def assert_all_there(engine: Engine, inserted: Rows) -> None:
    """Each row as inserted, and no more rows (but those migrations make): later columns
    may have been added."""
    for table, records in inserted.items():
        key = [c.name for c in Base.metadata.tables[table].primary_key.columns]
        made = MADE_BY_MIGRATIONS.get(table, 0)
        assert len(stored(engine, table, key)) == len(records) + made, table
        for row in records:
            assert tuple(row.values()) in stored(engine, table, list(row)), (table, row)


def assert_schema_is_declared(engine: Engine) -> None:
    with engine.connect() as connection:
        assert database_revision(connection) == known_revisions()[-1]
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_data_from_the_first_revision_survives_the_upgrade_to_the_newest(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    migrate(engine, "0001")
    insert_plain(engine, DATA["0001"])
    migrate(engine)
    assert_all_there(engine, DATA["0001"])
    assert_schema_is_declared(engine)


def test_every_migration_runs_over_data(database_url: str) -> None:
    engine = make_engine(database_url)
    inserted: Rows = {}
    for revision in known_revisions():
        migrate(engine, revision)
        assert_all_there(engine, inserted)
        new = DATA.get(revision, {})
        insert_plain(engine, new)
        for table, records in new.items():
            inserted.setdefault(table, []).extend(records)
    assert_all_there(engine, inserted)
    assert_schema_is_declared(engine)
    without_rows = set(Base.metadata.tables) - set(inserted)
    assert without_rows == set(), "add representative rows for these tables to DATA"


def test_a_database_from_a_newer_version_is_refused_with_a_sentence(sqlite_url: str) -> None:
    from journeymap.store.engine import UnknownSchema, open_database

    engine = open_database(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(UnknownSchema, match="schema revision 0099, which this version"):
        open_database(sqlite_url)


def test_responses_stored_before_batches_are_one_batch_per_journey(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine, "0008")
    insert_plain(engine, {t: DATA["0001"][t] for t in ("journeys", "responses")})
    insert_plain(engine, DATA["0002"])
    migrate(engine)
    batches = stored(
        engine,
        "import_batches",
        ["journey_id", "kind", "rows_read", "added", "cases_created", "first_response_id",
         "last_response_id", "undone_at"],
    )  # fmt: skip
    assert batches == [("bank", "before batches", 2, 2, 1, 1, 2, None)]
    (batch_id,) = stored(engine, "import_batches", ["id"])[0]
    assert stored(engine, "responses", ["id", "batch_id", "dedup_key"]) == [
        (1, batch_id, "r1"),
        (2, batch_id, "r2"),
    ]
    sources = stored(engine, "import_sources", ["journey_id", "name"])
    assert sources == [("bank", "before batches")]
