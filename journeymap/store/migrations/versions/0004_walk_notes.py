"""Notes taken while a workshop walks the journey.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "walk_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", sa.String(80), nullable=False),
        sa.Column("touchpoint_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_walk_notes_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_walk_notes"),
    )
    op.create_index(
        "ix_walk_notes_journey_touchpoint", "walk_notes", ["journey_id", "touchpoint_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_walk_notes_journey_touchpoint", table_name="walk_notes")
    op.drop_table("walk_notes")
