"""The programme's people and places can be switched off; visits belong to a wave and
name their reviewer.

Shoppers get a region (to plan visits near home) and an ``active`` flag, locations an
``active`` flag: a switched-off shopper or location gets no new visits, while its past
visits keep counting. A visit's ``wave`` names the planned round it belongs to, so
results can be read wave by wave; ``reviewed_by`` is the signed-in reviewer of its last
decision.

Revision ID: 0011
Revises: 0008
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NAME = sa.String(120)


def upgrade() -> None:
    op.add_column("shoppers", sa.Column("region", NAME, nullable=False, server_default=""))
    op.add_column(
        "shoppers", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "locations", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column("visits", sa.Column("wave", NAME, nullable=False, server_default=""))
    op.add_column("visits", sa.Column("reviewed_by", NAME, nullable=False, server_default=""))
    op.create_index("ix_visits_wave", "visits", ["wave"])


def downgrade() -> None:
    op.drop_index("ix_visits_wave", table_name="visits")
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("reviewed_by")
        batch.drop_column("wave")
    with op.batch_alter_table("locations") as batch:
        batch.drop_column("active")
    with op.batch_alter_table("shoppers") as batch:
        batch.drop_column("active")
        batch.drop_column("region")
