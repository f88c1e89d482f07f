"""Detractor call-back cases (closing the loop).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.String(80)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "detractor_cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("owner", sa.String(120), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("root_cause", sa.String(120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("contacted_at", TS, nullable=True),
        sa.Column("closed_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_detractor_cases_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            name="fk_detractor_cases_response_id_responses",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_detractor_cases"),
        sa.UniqueConstraint("response_id", name="uq_detractor_cases_response_id"),
    )
    op.create_index(
        "ix_detractor_cases_journey_status", "detractor_cases", ["journey_id", "status"]
    )


def downgrade() -> None:
    op.drop_index("ix_detractor_cases_journey_status", table_name="detractor_cases")
    op.drop_table("detractor_cases")
