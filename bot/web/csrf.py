"""Cross-site request forgery: every request that changes something carries the session's token.

The synchronizer-token pattern (OWASP): each session holds a random token; every form has it in a
hidden `csrf` field (the first field, so a file upload is checked before its file is read) and
scripts send it as `X-CSRF-Token`. A request whose token is missing or wrong is refused with 403,
and so is one whose `Origin` (or `Sec-Fetch-Site`) says it came from another site — the session
cookie is also `SameSite=Lax`, so a cross-site form post arrives without it.
"""

from __future__ import annotations

import hmac
import secrets

from aiohttp import BodyPartReader, MultipartReader, web
from yarl import URL

FIELD = "csrf"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
MULTIPART = web.RequestKey("console_multipart", MultipartReader)  # its token already read


class Refused(Exception):
    """The request may not change anything (no token, a wrong one, or another site's)."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def check(request: web.Request, expected: str, public: str = "") -> None:
    """Raise `Refused` unless the request proves it comes from one of our pages (`public`: the
    PUBLIC_BASE_URL the browser sees, behind a proxy)."""
    _same_site(request, public)
    given = request.headers.get(HEADER)
    if given is None:
        if request.content_type == "multipart/form-data":
            given = await _first_field(request)
        else:
            form = await request.post()
            value = form.get(FIELD)
            given = value if isinstance(value, str) else None
    if not given or not expected or not hmac.compare_digest(given, expected):
        raise Refused("missing or wrong CSRF token")


def _same_site(request: web.Request, public: str) -> None:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise Refused(f"a {fetch_site} request")
    origin = request.headers.get("Origin")
    if origin is None or origin == "null":
        return
    ours = {request.host}
    if public:
        ours.add(URL(public).authority)
    if URL(origin).authority not in ours:
        raise Refused("another site's Origin")


async def _first_field(request: web.Request) -> str | None:
    """The token of a multipart form: its first part must be the `csrf` field. The reader is kept
    for the handler, which streams the rest (a file may be larger than a form in memory)."""
    reader: MultipartReader = await request.multipart()
    part = await reader.next()
    if not isinstance(part, BodyPartReader) or part.name != FIELD:
        return None
    token = (await part.read(decode=True))[:200].decode("ascii", "replace")
    request[MULTIPART] = reader
    return token
