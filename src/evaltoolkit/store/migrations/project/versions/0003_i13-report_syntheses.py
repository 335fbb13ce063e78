"""syntheses: the researcher's claim per theme (code) x perspective x meaning x period

The monthly report prints a synthesis instead of its draft claim (see
evaltoolkit.analysis.syntheses).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "syntheses",
        sa.Column("code_id", sa.String(length=128), nullable=False),
        sa.Column("perspective", sa.String(length=32), nullable=False),
        sa.Column("meaning", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code_id", "perspective", "meaning", "period", name=op.f("pk_syntheses")),
    )


def downgrade() -> None:
    op.drop_table("syntheses")
