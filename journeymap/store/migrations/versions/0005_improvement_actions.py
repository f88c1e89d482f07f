"""Improvement actions: the outer loop.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "improvement_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", sa.String(80), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("touchpoints", sa.Text(), nullable=False),
        sa.Column("source_kind", sa.String(20), nullable=False),
        sa.Column("source_ref", sa.String(120), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("owner", sa.String(120), nullable=False),
        sa.Column("impact", sa.SmallInteger(), nullable=False),
        sa.Column("effort", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name="fk_improvement_actions_journey_id_journeys",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_improvement_actions"),
    )
    op.create_index(
        "ix_improvement_actions_journey_status",
        "improvement_actions",
        ["journey_id", "status"],
    )


def downgrade() -> None:
    op.drop_index("ix_improvement_actions_journey_status", table_name="improvement_actions")
    op.drop_table("improvement_actions")
