"""Answers are indexed by when they were saved, so the newest save is one look-up.

Pages fingerprint a journey's evidence on every rerun (store/data_revision.py); the
newest ``saved_at`` over all answers took a scan of the table (60 ms at 600,000
answers), and every page asks for it several times a rerun.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "ix_answers_saved_at"


def upgrade() -> None:
    op.create_index(NAME, "answers", ["saved_at"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="answers")
