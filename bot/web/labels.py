"""Names the console shows for stored codes (roles, statuses, actions, channels), as catalog
messages: a template receives a `Msg` and writes `t(msg)`."""

from __future__ import annotations

from bot.i18n.msg import Msg, _

ROLES: dict[str, Msg] = {
    "admin": _("web.role.admin"),
    "coordinator": _("web.role.coordinator"),
    "volunteer": _("web.role.volunteer"),
}
CHANNELS: dict[str, Msg] = {
    "telegram": _("web.channel.telegram"),
    "whatsapp": _("web.channel.whatsapp"),
    "sms": _("web.channel.sms"),
    "console": _("web.channel.console"),
}
REQUEST_STATUS: dict[str, Msg] = {
    "waiting": _("web.request.waiting"),
    "taken": _("web.request.taken"),
    "ended": _("web.request.ended"),
}
BROADCAST_STATUS: dict[str, Msg] = {
    "draft": _("web.bc.status.draft"),
    "scheduled": _("web.bc.status.scheduled"),
    "planning": _("web.bc.status.planning"),
    "sending": _("web.bc.status.sending"),
    "done": _("web.bc.status.done"),
    "cancelled": _("web.bc.status.cancelled"),
}
# Outbox states of an announcement's messages, in the order the counts are shown.
DELIVERY: dict[str, Msg] = {
    "pending": _("web.bc.count.queued"),
    "sent": _("web.bc.count.sent"),
    "delivered": _("web.bc.count.delivered"),
    "read": _("web.bc.count.read"),
    "failed": _("web.bc.count.failed"),
    "skipped": _("web.bc.count.skipped"),
}
ORIGINS: dict[str, Msg] = {
    "original": _("web.bc.origin.original"),
    "machine": _("web.bc.origin.machine"),
    "human": _("web.bc.origin.human"),
    "missing": _("web.bc.origin.missing"),
}
ACTIONS: dict[str, Msg] = {
    "login": _("web.audit.action.login"),
    "login_refused": _("web.audit.action.login_refused"),
    "logout": _("web.audit.action.logout"),
    "logout_all": _("web.audit.action.logout_all"),
    "password": _("web.audit.action.password"),
    "opened": _("web.audit.action.opened"),
    "notified": _("web.audit.action.notified"),
    "took": _("web.audit.action.took"),
    "read": _("web.audit.action.read"),
    "wrote": _("web.audit.action.wrote"),
    "ended": _("web.audit.action.ended"),
    "released": _("web.audit.action.released"),
    "handed": _("web.audit.action.handed"),
    "edited": _("web.audit.action.edited"),
    "checked": _("web.audit.action.checked"),
    "imported": _("web.audit.action.imported"),
    "exported": _("web.audit.action.exported"),
    "announced": _("web.audit.action.announced"),
    "corrected": _("web.audit.action.corrected"),
    "scheduled": _("web.audit.action.scheduled"),
    "cancelled": _("web.audit.action.cancelled"),
    "account": _("web.audit.action.account"),
    "canned": _("web.audit.action.canned"),
    "vetted": _("web.audit.action.vetted"),
    "published": _("web.audit.action.published"),
    "refused": _("web.audit.action.refused"),
    "withdrew": _("web.audit.action.withdrew"),
    "forwarded": _("web.audit.action.forwarded"),
    "not_forwarded": _("web.audit.action.not_forwarded"),
}


def role(code: str) -> Msg:
    return ROLES.get(code, _("web.unknown"))


def action(code: str) -> Msg:
    return ACTIONS.get(code, _("web.unknown"))
