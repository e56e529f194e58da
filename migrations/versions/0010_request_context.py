"""What a request's message is about, when the bot sends it for the person: a CV answer they want
help writing in French, a search of the directory that found nothing near them. Kept as a catalog
message (id and values), so each volunteer reads it in their own language, on taking the request
as well as when it arrives.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("handover_messages") as batch:
        batch.add_column(sa.Column("context", Json, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handover_messages") as batch:
        batch.drop_column("context")
