"""Erasure reaches every row about a person: outbox rows carrying their words to someone else,
and their message ids.

`outbox.about_user_id` names the person whose words or request a message carries to someone
else (a volunteer), with ON DELETE CASCADE; `inbound_log.user_id` now cascades too (erasure keeps
only the id of the message that asked for it, unlinked: bot/store/erasure.py).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("about_user_id", Id, nullable=True))
        batch.create_foreign_key(
            op.f("fk_outbox_about_user_id_users"),
            "users",
            ["about_user_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_outbox_about_user_id", ["about_user_id"])
    _inbound_log_user(ondelete="CASCADE")


def downgrade() -> None:
    _inbound_log_user(ondelete="SET NULL")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_about_user_id")
        batch.drop_constraint(op.f("fk_outbox_about_user_id_users"), type_="foreignkey")
        batch.drop_column("about_user_id")


def _inbound_log_user(ondelete: str) -> None:
    with op.batch_alter_table("inbound_log") as batch:
        batch.drop_constraint(op.f("fk_inbound_log_user_id_users"), type_="foreignkey")
        batch.create_foreign_key(
            op.f("fk_inbound_log_user_id_users"), "users", ["user_id"], ["id"], ondelete=ondelete
        )
