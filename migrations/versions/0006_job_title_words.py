"""Job offers keep their title's words, folded and stemmed, to match trades people type.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.directory.trades import title_words

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHUNK = 1000


def upgrade() -> None:
    op.add_column("jobs", sa.Column("title_words", sa.Text(), nullable=False, server_default=""))
    # Offers imported before this revision: their words, computed as an import would.
    jobs = sa.table("jobs", sa.column("id", sa.Integer), sa.column("title", sa.String))
    words = sa.table("jobs", sa.column("id", sa.Integer), sa.column("title_words", sa.Text))
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.select(jobs.c.id, jobs.c.title)
            .where(jobs.c.id > last)
            .order_by(jobs.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            break
        conn.execute(
            words.update().where(words.c.id == sa.bindparam("b_id")),
            [{"b_id": row.id, "title_words": title_words(row.title)} for row in rows],
        )
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("title_words")
