"""Journeys with revisions, locations, survey responses, metrics, mystery shopping.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(80)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "journeys",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.String(120), nullable=False),
        sa.Column("saved_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_journeys"),
    )
    op.create_table(
        "journey_revisions",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("saved_at", TS, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_journey_revisions_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("journey_id", "revision", name="pk_journey_revisions"),
    )
    op.create_table(
        "locations",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region", sa.String(120), nullable=False),
        sa.Column("competitor", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_locations"),
    )
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("dedup_key", sa.String(64), nullable=False),
        sa.Column("touchpoint_id", ID, nullable=True),
        sa.Column("responded_at", TS, nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("survey_kind", sa.String(20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("segment", sa.String(200), nullable=False),
        sa.Column("contact", sa.String(200), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_responses_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_responses"),
        sa.UniqueConstraint("journey_id", "dedup_key", name="uq_responses_journey_id"),
    )
    op.create_index(
        "ix_responses_journey_touchpoint_time",
        "responses",
        ["journey_id", "touchpoint_id", "responded_at"],
    )
    op.create_table(
        "metric_points",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("touchpoint_id", ID, nullable=False),
        sa.Column("metric", ID, nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_metric_points_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_metric_points"),
        sa.UniqueConstraint(
            "journey_id",
            "touchpoint_id",
            "metric",
            "observed_on",
            "location",
            name="uq_metric_points_journey_id",
        ),
    )
    op.create_table(
        "questionnaires",
        sa.Column("id", ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_questionnaires_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", "version", name="pk_questionnaires"),
    )
    op.create_table(
        "shoppers",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shoppers"),
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("external_key", sa.String(64), nullable=False),
        sa.Column("questionnaire_id", ID, nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("location_id", ID, nullable=False),
        sa.Column("shopper_id", ID, nullable=False),
        sa.Column("scenario", sa.Text(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("window_end", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("visited_at", TS, nullable=True),
        sa.Column("submitted_at", TS, nullable=True),
        sa.Column("reviewed_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["questionnaire_id", "questionnaire_version"],
            ["questionnaires.id", "questionnaires.version"],
            name="fk_visits_questionnaire_id_questionnaires",
        ),
        sa.ForeignKeyConstraint(
            ["location_id"], ["locations.id"], name="fk_visits_location_id_locations"
        ),
        sa.ForeignKeyConstraint(
            ["shopper_id"], ["shoppers.id"], name="fk_visits_shopper_id_shoppers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        sa.UniqueConstraint("external_key", name="uq_visits_external_key"),
    )
    op.create_table(
        "answers",
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("not_applicable", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("saved_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name="fk_answers_visit_id_visits",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("visit_id", "question_id", name="pk_answers"),
    )


def downgrade() -> None:
    for table in (
        "answers",
        "visits",
        "shoppers",
        "questionnaires",
        "metric_points",
        "responses",
        "locations",
        "journey_revisions",
        "journeys",
    ):
        op.drop_table(table)
