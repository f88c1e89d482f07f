"""What customers write: the analysis of a journey's comments, the edits to its themes
and the languages set for its surveys.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
ID = sa.String(80)


def _journey_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["journey_id"],
        ["journeys.id"],
        name=f"fk_{table}_journey_id_journeys",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "comment_theme_runs",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("comments_revision", sa.String(200), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("computed_by", sa.String(120), nullable=False),
        sa.Column("computed_at", TIMESTAMP, nullable=False),
        _journey_key("comment_theme_runs"),
        sa.PrimaryKeyConstraint("journey_id", name="pk_comment_theme_runs"),
    )
    op.create_table(
        "comment_analyses",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("sentiment", sa.Float(), nullable=False),
        sa.Column("theme", sa.String(40), nullable=False),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["responses.id"],
            name="fk_comment_analyses_response_id_responses",
            ondelete="CASCADE",
        ),
        _journey_key("comment_analyses"),
        sa.PrimaryKeyConstraint("response_id", name="pk_comment_analyses"),
    )
    op.create_index("ix_comment_analyses_journey_id", "comment_analyses", ["journey_id"])
    op.create_table(
        "comment_theme_edits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author", sa.String(120), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _journey_key("comment_theme_edits"),
        sa.PrimaryKeyConstraint("id", name="pk_comment_theme_edits"),
    )
    op.create_index("ix_comment_theme_edits_journey_id", "comment_theme_edits", ["journey_id"])
    op.create_table(
        "comment_languages",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("set_by", sa.String(120), nullable=False),
        sa.Column("set_at", TIMESTAMP, nullable=False),
        _journey_key("comment_languages"),
        sa.PrimaryKeyConstraint("journey_id", "source", name="pk_comment_languages"),
    )


def downgrade() -> None:
    op.drop_table("comment_languages")
    op.drop_index("ix_comment_theme_edits_journey_id", table_name="comment_theme_edits")
    op.drop_table("comment_theme_edits")
    op.drop_index("ix_comment_analyses_journey_id", table_name="comment_analyses")
    op.drop_table("comment_analyses")
    op.drop_table("comment_theme_runs")
