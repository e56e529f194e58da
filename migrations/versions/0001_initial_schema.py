"""Initial schema: users, conversations, inbound log, outbox, anonymous counters.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", Id, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("consent", sa.String(8)),
        sa.Column("consent_at", sa.DateTime(timezone=True)),
        sa.Column("roles", Json, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_inbound_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("channel", "external_id", name=op.f("uq_users_channel_external_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "conversations",
        sa.Column("user_id", Id, nullable=False),
        sa.Column("flow", sa.String(32), nullable=False),
        sa.Column("step", sa.String(64), nullable=False),
        sa.Column("data", Json, nullable=False),
        sa.Column("nav", Json, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_conversations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_conversations")),
    )
    op.create_table(
        "inbound_log",
        sa.Column("id", Id, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(128), nullable=False),
        sa.Column("user_id", Id),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_inbound_log_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_log")),
        sa.UniqueConstraint(
            "channel", "external_id", name=op.f("uq_inbound_log_channel_external_id")
        ),
    )
    op.create_index("ix_inbound_log_received_at", "inbound_log", ["received_at"])
    op.create_index(op.f("ix_inbound_log_user_id"), "inbound_log", ["user_id"])
    op.create_table(
        "outbox",
        sa.Column("id", Id, nullable=False),
        sa.Column("user_id", Id),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("address", sa.String(128), nullable=False),
        sa.Column("payload", Json, nullable=False),
        sa.Column("priority", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("error", sa.Text()),
        sa.Column("external_id", sa.String(128)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outbox_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index("ix_outbox_address", "outbox", ["channel", "address", "status"])
    op.create_index("ix_outbox_pending", "outbox", ["status", "channel", "priority", "id"])
    op.create_index("ix_outbox_user", "outbox", ["user_id", "status"])
    op.create_table(
        "counters",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("day", "metric", "channel", "language", name=op.f("pk_counters")),
    )


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_table("outbox")
    op.drop_table("inbound_log")
    op.drop_table("conversations")
    op.drop_table("users")
