"""The web console: staff accounts, login throttling, canned replies, and the access log for
console actions (who among the staff, and on what).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", ID, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("user_id", ID, nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("setup_token", sa.String(length=64), nullable=True),
        sa.Column("setup_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sessions_epoch", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_staff_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_email")),
        sa.UniqueConstraint("setup_token", name=op.f("uq_staff_setup_token")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "login_attempts",
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_attempts")),
    )
    op.create_table(
        "canned_replies",
        sa.Column("id", ID, nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("staff_id", ID, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_canned_replies_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_canned_replies")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_id", ID, nullable=True))
        batch_op.add_column(
            sa.Column("target", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.create_foreign_key(
            op.f("fk_access_log_staff_id_staff"), "staff", ["staff_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index("ix_access_log_at", ["at"], unique=False)
        batch_op.create_index("ix_access_log_staff", ["staff_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_staff")
        batch_op.drop_index("ix_access_log_at")
        batch_op.drop_constraint(op.f("fk_access_log_staff_id_staff"), type_="foreignkey")
        batch_op.drop_column("target")
        batch_op.drop_column("staff_id")
    op.drop_table("canned_replies")
    op.drop_table("login_attempts")
    op.drop_table("staff")
