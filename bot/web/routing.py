"""Every console route with the roles that may use it, declared where the handler is written.

`@routes.get("/inbox", allow=VOLUNTEERS)` registers a handler and its access in one place; the
guard (bot/web/auth.py) looks the access up for each request, and a route registered without one
cannot exist. Admins pass every check. `PUBLIC` routes (login, the one-time link) need no session
but still need the CSRF token to change anything.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from bot.web.staff import ADMIN, COORDINATOR, VOLUNTEER_ROLE

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PUBLIC: frozenset[str] = frozenset({"*"})
ANY_STAFF = frozenset({ADMIN, COORDINATOR, VOLUNTEER_ROLE})
ADMINS = frozenset({ADMIN})
COORDINATORS = frozenset({COORDINATOR})
VOLUNTEERS = frozenset({VOLUNTEER_ROLE})


@dataclass(frozen=True, slots=True)
class Route:
    method: str
    path: str
    handler: Handler
    allow: frozenset[str]


@dataclass
class Routes:
    """One area's routes (inbox, announcements…), added to the console app together."""

    items: list[Route] = field(default_factory=list)

    def get(
        self, path: str, *, allow: frozenset[str], name: str = ""
    ) -> Callable[[Handler], Handler]:
        return self._add("GET", path, allow, name)

    def post(
        self, path: str, *, allow: frozenset[str], name: str = ""
    ) -> Callable[[Handler], Handler]:
        return self._add("POST", path, allow, name)

    def _add(
        self, method: str, path: str, allow: frozenset[str], name: str
    ) -> Callable[[Handler], Handler]:
        if not allow:
            raise ValueError(f"{method} {path}: say who may use it")

        def register(handler: Handler) -> Handler:
            self.items.append(Route(method, path, handler, allow))
            return handler

        return register


ACCESS = web.AppKey("console_access", dict)


def install(app: web.Application, *areas: Routes) -> None:
    """Add every area's routes to the app and remember who may use each."""
    access: dict[Handler, frozenset[str]] = {}
    for area in areas:
        for route in area.items:
            resource_route = app.router.add_route(route.method, route.path, route.handler)
            access[resource_route.handler] = route.allow
    app[ACCESS] = access


def access_of(request: web.Request) -> frozenset[str] | None:
    """Who may use the matched route (None: not a declared route — refused)."""
    found: frozenset[str] | None = request.app[ACCESS].get(request.match_info.route.handler)
    return found
