"""Import batches and sources; every response belongs to a batch; NPS month counts.

A survey import becomes a batch of one source (the survey or form it came from), so a
response is known within its source, listed with its import and undone with it. The
responses stored before are put in one batch per journey, "before batches", keeping
their keys, so a file imported before is still recognised. ``nps_month_counts`` keeps
promoters, passives and detractors per touchpoint and month for the NPS tables.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
ID = sa.String(80)
BEFORE = "before batches"
COUNTS = (
    "rows_read",
    "added",
    "already_there",
    "conflicting",
    "rejected",
    "without_score",
    "left_out",
    "too_old",
    "cases_created",
)


def _journey_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["journey_id"],
        ["journeys.id"],
        name=op.f(f"fk_{table}_journey_id_journeys"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "import_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("tool", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("key_questions", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        _journey_fk("import_sources"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_sources")),
        sa.UniqueConstraint("journey_id", "name", name=op.f("uq_import_sources_journey_id")),
    )
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_by", sa.String(120), nullable=False),
        sa.Column("imported_at", TIMESTAMP, nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in COUNTS),
        sa.Column("already_from", sa.Text(), nullable=False),
        sa.Column("first_response_id", sa.Integer(), nullable=True),
        sa.Column("last_response_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", TIMESTAMP, nullable=True),
        sa.Column("undone_by", sa.String(120), nullable=False),
        _journey_fk("import_batches"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["import_sources.id"],
            name=op.f("fk_import_batches_source_id_import_sources"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index("ix_import_batches_journey_id", "import_batches", ["journey_id"])
    op.create_table(
        "nps_summaries",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("built_at", TIMESTAMP, nullable=False),
        _journey_fk("nps_summaries"),
        sa.PrimaryKeyConstraint("journey_id", "zone", name=op.f("pk_nps_summaries")),
    )
    op.create_table(
        "nps_month_counts",
        sa.Column("journey_id", ID, nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("survey_kind", sa.String(20), nullable=False),
        sa.Column("touchpoint_id", ID, nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("promoters", sa.Integer(), nullable=False),
        sa.Column("passives", sa.Integer(), nullable=False),
        sa.Column("detractors", sa.Integer(), nullable=False),
        _journey_fk("nps_month_counts"),
        sa.PrimaryKeyConstraint(
            "journey_id",
            "zone",
            "survey_kind",
            "touchpoint_id",
            "month",
            name=op.f("pk_nps_month_counts"),
        ),
    )
    # Added in place, nullable and without a foreign key: on SQLite either would mean
    # rebuilding the table, and dropping the old one would delete the call-back cases
    # with it (ON DELETE CASCADE fires, and foreign keys cannot be switched off inside
    # the migration's transaction). Every write sets the batch, the backfill below the
    # rest; batches are never deleted but with their journey, which takes its responses.
    op.add_column("responses", sa.Column("batch_id", sa.Integer(), nullable=True))
    op.add_column("responses", sa.Column("fingerprint", sa.BigInteger(), nullable=True))
    _responses_before_batches()


def _responses_before_batches() -> None:
    """One source and one batch per journey with responses, and those responses in it."""
    bind = op.get_bind()
    now = datetime.now(UTC)
    timestamp = sa.bindparam("now", now, type_=TIMESTAMP)
    bind.execute(
        sa.text(
            "INSERT INTO import_sources "
            "(journey_id, name, tool, title, questions, key_questions, created_at) "
            f"SELECT DISTINCT journey_id, '{BEFORE}', '{BEFORE}', '', '[]', '[]', :now "
            "FROM responses"
        ).bindparams(timestamp)
    )
    cases = (
        "(SELECT count(*) FROM detractor_cases c JOIN responses r2 ON r2.id = c.response_id "
        "WHERE r2.journey_id = s.journey_id)"
    )
    bind.execute(
        sa.text(
            "INSERT INTO import_batches (journey_id, source_id, kind, file_name, sha256, "
            f"imported_by, imported_at, {', '.join(COUNTS)}, already_from, "
            "first_response_id, last_response_id, undone_at, undone_by) "
            f"SELECT s.journey_id, s.id, '{BEFORE}', '', '', 'the upgrade to batches', :now, "
            f"count(r.id), count(r.id), 0, 0, 0, 0, 0, 0, {cases}, '{{}}', min(r.id), max(r.id), "
            "NULL, '' "
            "FROM import_sources s JOIN responses r ON r.journey_id = s.journey_id "
            f"WHERE s.name = '{BEFORE}' GROUP BY s.journey_id, s.id"
        ).bindparams(timestamp)
    )
    bind.execute(
        sa.text(
            "UPDATE responses SET batch_id = (SELECT b.id FROM import_batches b "
            f"WHERE b.journey_id = responses.journey_id AND b.kind = '{BEFORE}')"
        )
    )


def downgrade() -> None:
    # On SQLite this rebuilds the table: like any downgrade, only for a workspace to be
    # restored from a backup anyway.
    with op.batch_alter_table("responses") as batch:
        batch.drop_column("fingerprint")
        batch.drop_column("batch_id")
    op.drop_table("nps_month_counts")
    op.drop_table("nps_summaries")
    op.drop_index("ix_import_batches_journey_id", table_name="import_batches")
    op.drop_table("import_batches")
    op.drop_table("import_sources")
