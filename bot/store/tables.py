"""Short names for the tables, for Core queries on hot paths (no ORM unit of work there)."""

from sqlalchemy import Table

from bot.store.directory_models import (
    Interest,
    Job,
    JobAlert,
    JobInterest,
    Service,
    ServicePlace,
)
from bot.store.employer_models import Company, EmployerOffer, Mail, Referral
from bot.store.models import (
    AccessLog,
    Broadcast,
    CannedReply,
    Conversation,
    Counter,
    Duty,
    Handover,
    HandoverMessage,
    InboundLog,
    LoginAttempt,
    Outbox,
    Sender,
    Staff,
    TranslationCache,
    User,
)

users: Table = User.__table__  # type: ignore[assignment]
conversations: Table = Conversation.__table__  # type: ignore[assignment]
inbound_log: Table = InboundLog.__table__  # type: ignore[assignment]
outbox: Table = Outbox.__table__  # type: ignore[assignment]
counters: Table = Counter.__table__  # type: ignore[assignment]
translations: Table = TranslationCache.__table__  # type: ignore[assignment]
services: Table = Service.__table__  # type: ignore[assignment]
service_places: Table = ServicePlace.__table__  # type: ignore[assignment]
jobs: Table = Job.__table__  # type: ignore[assignment]
job_interests: Table = JobInterest.__table__  # type: ignore[assignment]
job_alerts: Table = JobAlert.__table__  # type: ignore[assignment]
interests: Table = Interest.__table__  # type: ignore[assignment]
broadcasts: Table = Broadcast.__table__  # type: ignore[assignment]
senders: Table = Sender.__table__  # type: ignore[assignment]
handovers: Table = Handover.__table__  # type: ignore[assignment]
handover_messages: Table = HandoverMessage.__table__  # type: ignore[assignment]
access_log: Table = AccessLog.__table__  # type: ignore[assignment]
duty: Table = Duty.__table__  # type: ignore[assignment]
staff: Table = Staff.__table__  # type: ignore[assignment]
login_attempts: Table = LoginAttempt.__table__  # type: ignore[assignment]
canned_replies: Table = CannedReply.__table__  # type: ignore[assignment]
companies: Table = Company.__table__  # type: ignore[assignment]
employer_offers: Table = EmployerOffer.__table__  # type: ignore[assignment]
employer_referrals: Table = Referral.__table__  # type: ignore[assignment]
mail_outbox: Table = Mail.__table__  # type: ignore[assignment]
