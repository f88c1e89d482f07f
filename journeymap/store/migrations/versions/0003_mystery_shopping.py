"""Mystery-shopping workflow: server-side timers, photos, reviewer notes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

ID = sa.String(80)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("visits", sa.Column("started_at", TS, nullable=True))
    op.create_index("ix_visits_shopper_status", "visits", ["shopper_id", "status"])
    op.add_column("answers", sa.Column("timer_started_at", TS, nullable=True))
    op.add_column("answers", sa.Column("timer_stopped_at", TS, nullable=True))
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("original_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(40), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name="fk_photos_visit_id_visits", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_photos"),
        sa.UniqueConstraint("file_name", name="uq_photos_file_name"),
    )
    op.create_index("ix_photos_visit_question", "photos", ["visit_id", "question_id"])
    op.create_table(
        "review_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("question_id", ID, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(120), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("resolved_at", TS, nullable=True),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name="fk_review_notes_visit_id_visits",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_review_notes"),
    )
    op.create_index("ix_review_notes_visit", "review_notes", ["visit_id"])


def downgrade() -> None:
    op.drop_index("ix_review_notes_visit", table_name="review_notes")
    op.drop_table("review_notes")
    op.drop_index("ix_photos_visit_question", table_name="photos")
    op.drop_table("photos")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("timer_stopped_at")
        batch.drop_column("timer_started_at")
    op.drop_index("ix_visits_shopper_status", table_name="visits")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("started_at")
