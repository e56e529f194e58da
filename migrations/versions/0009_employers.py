"""Employers' offers: companies, the offers they submit and check by mail, the CVs people ask the
association to send them, the mails waiting to go out, and the link from a published offer's
`jobs` row to its offer.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", ID, nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("checked_by", ID, nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_by"],
            ["staff.id"],
            name=op.f("fk_companies_checked_by_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("siret", name=op.f("uq_companies_siret")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "employer_offers",
        sa.Column("id", ID, nullable=False),
        sa.Column("company_id", ID, nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("ogr", sa.String(length=8), nullable=False),
        sa.Column("rome", sa.String(length=8), nullable=False),
        sa.Column("contract", sa.String(length=16), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("salary", sa.String(length=200), nullable=False),
        sa.Column("french_level", sa.String(length=4), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=False),
        sa.Column("cv_route", sa.String(length=12), nullable=False),
        sa.Column("link_secret", sa.String(length=32), nullable=False),
        sa.Column("interested", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("closed_reason", sa.String(length=16), nullable=False),
        sa.Column("decided_by", ID, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alive_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_employer_offers_company_id_companies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["staff.id"],
            name=op.f("fk_employer_offers_decided_by_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer_offers")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("employer_offers", schema=None) as batch_op:
        batch_op.create_index("ix_employer_offers_company", ["company_id", "status"], unique=False)
        batch_op.create_index("ix_employer_offers_email", ["contact_email"], unique=False)
        batch_op.create_index("ix_employer_offers_status", ["status", "ends_on"], unique=False)

    op.create_table(
        "employer_referrals",
        sa.Column("id", ID, nullable=False),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("offer_id", ID, nullable=False),
        sa.Column("route", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("staff_id", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["employer_offers.id"],
            name=op.f("fk_employer_referrals_offer_id_employer_offers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_employer_referrals_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_employer_referrals_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer_referrals")),
        sa.UniqueConstraint(
            "user_id", "offer_id", name=op.f("uq_employer_referrals_user_id_offer_id")
        ),
    )
    with op.batch_alter_table("employer_referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_employer_referrals_offer_id"), ["offer_id"], unique=False
        )
        batch_op.create_index(
            "ix_employer_referrals_waiting", ["status", "created_at"], unique=False
        )

    op.create_table(
        "mail_outbox",
        sa.Column("id", ID, nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("attachment", sa.String(length=16), nullable=False),
        sa.Column("about_user_id", ID, nullable=True),
        sa.Column("referral_id", ID, nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("error", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["about_user_id"],
            ["users.id"],
            name=op.f("fk_mail_outbox_about_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["employer_referrals.id"],
            name=op.f("fk_mail_outbox_referral_id_employer_referrals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mail_outbox_about_user_id"), ["about_user_id"], unique=False
        )
        batch_op.create_index("ix_mail_outbox_due", ["status", "next_attempt_at"], unique=False)

    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("employer_offer_id", ID, nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f("uq_jobs_employer_offer_id"), ["employer_offer_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_employer_offer_id_employer_offers"),
            "employer_offers",
            ["employer_offer_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_jobs_employer_offer_id_employer_offers"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_jobs_employer_offer_id"), type_="unique")
        batch_op.drop_column("employer_offer_id")

    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_outbox_due")
        batch_op.drop_index(batch_op.f("ix_mail_outbox_about_user_id"))

    op.drop_table("mail_outbox")
    with op.batch_alter_table("employer_referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_employer_referrals_waiting")
        batch_op.drop_index(batch_op.f("ix_employer_referrals_offer_id"))

    op.drop_table("employer_referrals")
    with op.batch_alter_table("employer_offers", schema=None) as batch_op:
        batch_op.drop_index("ix_employer_offers_status")
        batch_op.drop_index("ix_employer_offers_email")
        batch_op.drop_index("ix_employer_offers_company")

    op.drop_table("employer_offers")
    op.drop_table("companies")
