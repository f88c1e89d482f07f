"""Journey drafts: what a person typed in the editor, kept until saved or discarded.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "journey_drafts",
        sa.Column("journey_id", sa.String(80), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("base_revision", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["journey_id"],
            ["journeys.id"],
            name=op.f("fk_journey_drafts_journey_id_journeys"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("journey_id", "author", name=op.f("pk_journey_drafts")),
    )


def downgrade() -> None:
    op.drop_table("journey_drafts")
