"""Names the console shows for stored codes (roles, statuses, actions, channels), as catalog
messages: a template receives a `Msg` and writes `t(msg)`."""

from __future__ import annotations

from bot.i18n.msg import Msg, _

ROLES: dict[str, Msg] = {
    "admin": _("console.role.admin"),
    "coordinator": _("console.role.coordinator"),
    "volunteer": _("console.role.volunteer"),
}
CHANNELS: dict[str, Msg] = {
    "telegram": _("console.channel.telegram"),
    "whatsapp": _("console.channel.whatsapp"),
    "sms": _("console.channel.sms"),
    "console": _("console.channel.console"),
}
REQUEST_STATUS: dict[str, Msg] = {
    "waiting": _("console.request.waiting"),
    "taken": _("console.request.taken"),
    "ended": _("console.request.ended"),
}
BROADCAST_STATUS: dict[str, Msg] = {
    "draft": _("console.bc.status.draft"),
    "scheduled": _("console.bc.status.scheduled"),
    "planning": _("console.bc.status.planning"),
    "sending": _("console.bc.status.sending"),
    "done": _("console.bc.status.done"),
    "cancelled": _("console.bc.status.cancelled"),
}
# Outbox states of an announcement's messages, in the order the counts are shown.
DELIVERY: dict[str, Msg] = {
    "pending": _("console.bc.count.queued"),
    "sent": _("console.bc.count.sent"),
    "delivered": _("console.bc.count.delivered"),
    "read": _("console.bc.count.read"),
    "failed": _("console.bc.count.failed"),
    "skipped": _("console.bc.count.skipped"),
}
ORIGINS: dict[str, Msg] = {
    "original": _("console.bc.origin.original"),
    "machine": _("console.bc.origin.machine"),
    "human": _("console.bc.origin.human"),
    "missing": _("console.bc.origin.missing"),
}
ACTIONS: dict[str, Msg] = {
    "login": _("console.audit.action.login"),
    "login_refused": _("console.audit.action.login_refused"),
    "logout": _("console.audit.action.logout"),
    "logout_all": _("console.audit.action.logout_all"),
    "password": _("console.audit.action.password"),
    "opened": _("console.audit.action.opened"),
    "notified": _("console.audit.action.notified"),
    "took": _("console.audit.action.took"),
    "read": _("console.audit.action.read"),
    "wrote": _("console.audit.action.wrote"),
    "ended": _("console.audit.action.ended"),
    "handed": _("console.audit.action.handed"),
    "edited": _("console.audit.action.edited"),
    "checked": _("console.audit.action.checked"),
    "imported": _("console.audit.action.imported"),
    "exported": _("console.audit.action.exported"),
    "announced": _("console.audit.action.announced"),
    "corrected": _("console.audit.action.corrected"),
    "scheduled": _("console.audit.action.scheduled"),
    "cancelled": _("console.audit.action.cancelled"),
    "account": _("console.audit.action.account"),
    "canned": _("console.audit.action.canned"),
}


def role(code: str) -> Msg:
    return ROLES.get(code, _("console.unknown"))


def action(code: str) -> Msg:
    return ACTIONS.get(code, _("console.unknown"))
