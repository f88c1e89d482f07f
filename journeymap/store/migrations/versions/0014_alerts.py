"""Alerts out: subscriptions, the outbox of alerts to send, and the sand states seen.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
ID = sa.String(80)


def upgrade() -> None:
    op.create_table(
        "alert_subscriptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("target", sa.String(500), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_alert_subscriptions_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_subscriptions")),
        sa.UniqueConstraint(
            "journey_id",
            "location",
            "kind",
            "channel",
            "target",
            name=op.f("uq_alert_subscriptions_journey_id"),
        ),
    )
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dedup_key", sa.String(200), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("touchpoint_id", ID, nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", TIMESTAMP, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["alert_subscriptions.id"],
            name=op.f("fk_alert_outbox_subscription_id_alert_subscriptions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_alert_outbox_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["detractor_cases.id"],
            name=op.f("fk_alert_outbox_case_id_detractor_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_outbox")),
        sa.UniqueConstraint("dedup_key", name=op.f("uq_alert_outbox_dedup_key")),
    )
    op.create_index("ix_alert_outbox_status_next_try_at", "alert_outbox", ["status", "next_try_at"])
    op.create_table(
        "alert_sand_states",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("location", sa.String(200), nullable=False),
        sa.Column("touchpoint_id", ID, nullable=False),
        sa.Column("health", sa.String(20), nullable=False),
        sa.Column("seen_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_alert_sand_states_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "journey_id", "location", "touchpoint_id", name=op.f("pk_alert_sand_states")
        ),
    )


def downgrade() -> None:
    op.drop_table("alert_sand_states")
    op.drop_index("ix_alert_outbox_status_next_try_at", table_name="alert_outbox")
    op.drop_table("alert_outbox")
    op.drop_table("alert_subscriptions")
