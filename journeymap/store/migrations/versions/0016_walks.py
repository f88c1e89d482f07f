"""Walks: each walk of a journey has a start, and its notes belong to it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "walks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", sa.String(80), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sa.String(120), nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_walks_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_walks")),
    )
    op.create_index("ix_walks_journey_started", "walks", ["journey_id", "started_at"])
    # Notes from before walks were kept have none (the summary lists them nowhere).
    with op.batch_alter_table("walk_notes") as batch:
        batch.add_column(sa.Column("walk_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_walk_notes_walk_id_walks"), "walks", ["walk_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_walk_notes_walk_id"), ["walk_id"])


def downgrade() -> None:
    with op.batch_alter_table("walk_notes") as batch:
        batch.drop_index(op.f("ix_walk_notes_walk_id"))
        batch.drop_constraint(op.f("fk_walk_notes_walk_id_walks"), type_="foreignkey")
        batch.drop_column("walk_id")
    op.drop_index("ix_walks_journey_started", table_name="walks")
    op.drop_table("walks")
