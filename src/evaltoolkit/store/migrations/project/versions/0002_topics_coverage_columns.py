"""topics: what researchers coded the topic's segments with (reviewed_share, coded_code_id, coded_share)

These decide whether a topic is mapped or emergent where researchers have coded most of
its segments (see evaltoolkit.topics.runs.topics_table).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_share", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("coded_code_id", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("coded_share", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("topics", schema=None) as batch_op:
        batch_op.drop_column("coded_share")
        batch_op.drop_column("coded_code_id")
        batch_op.drop_column("reviewed_share")
