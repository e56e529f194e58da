"""Stand-ins on 127.0.0.1 for the two live sources of `passerelle import --fetch`.

- France Travail: `POST /token` (OAuth2 client credentials; checks the id, secret and scopes)
  and `GET /offres/search?range=a-b[&departement=NN]` answering 206 pages with Content-Range,
  200 for the last page, 204 when nothing matches; the first search can be made to answer 429.
- data·inclusion: `GET /services?page=&size=[&code_departement=]` with a bearer token, answering
  `{"items", "total", "page", "size", "pages"}`.
"""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from tests.standins.loopback import serve

CLIENT_ID, CLIENT_SECRET, TOKEN = "ft-client", "ft-secret", "ft-token-123"
DI_TOKEN = "di-token-456"


def offer(number: int, department: str = "75") -> dict[str, Any]:
    return {
        "id": f"FT{number:05d}",
        "intitule": f"Offre {number}",
        "description": "Une offre d'emploi.",
        "romeCode": "G1602" if number % 2 else "K2204",
        "typeContrat": "CDI",
        "lieuTravail": {
            "libelle": f"{department} - Ville",
            "codePostal": f"{department}001",
            "latitude": 48.85 if department == "75" else 45.76,
            "longitude": 2.35 if department == "75" else 4.85,
        },
        "dateCreation": "2026-11-20T10:00:00.000Z",
    }


def service(number: int) -> dict[str, Any]:
    return {
        "id": f"di-{number}",
        "source": "dora",
        "nom": f"Service {number}",
        "thematiques": ["apprendre-francais--communiquer-vie-tous-les-jours"],
        "code_postal": "69003",
        "commune": "Lyon",
        "latitude": 45.76,
        "longitude": 4.85,
    }


class SourcesStandIn:
    def __init__(self, offers: dict[str, int], services: int, rate_limit_once: bool = False):
        self.offers = {d: [offer(i, d) for i in range(n)] for d, n in offers.items()}
        self.services = [service(i) for i in range(services)]
        self.rate_limit_once = rate_limit_once
        self.searches: list[dict[str, str]] = []
        self.pages: list[dict[str, str]] = []
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/token", self._token)
        app.router.add_get("/offres/search", self._search)
        app.router.add_get("/services", self._services)
        self._runner, port = await serve(app)
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        if (form.get("grant_type"), form.get("client_id"), form.get("client_secret")) != (
            "client_credentials",
            CLIENT_ID,
            CLIENT_SECRET,
        ) or "api_offresdemploiv2" not in str(form.get("scope", "")):
            return web.json_response({"error": "invalid_client"}, status=401)
        return web.json_response({"access_token": TOKEN, "expires_in": 1499})

    async def _search(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {TOKEN}":
            return web.json_response({"message": "unauthorized"}, status=401)
        if self.rate_limit_once:
            self.rate_limit_once = False
            return web.Response(status=429, headers={"Retry-After": "0"})
        self.searches.append(dict(request.query))
        match = re.fullmatch(r"(\d+)-(\d+)", request.query.get("range", "0-149"))
        if match is None or int(match[2]) - int(match[1]) >= 150:
            return web.json_response({"message": "bad range"}, status=400)
        start, end = int(match[1]), int(match[2])
        wanted = request.query.get("departement")
        offers = [o for d, found in self.offers.items() if not wanted or d == wanted for o in found]
        if not offers:
            return web.Response(status=204)
        page = offers[start : end + 1]
        last = min(end, len(offers) - 1)
        status = 200 if last + 1 >= len(offers) and start == 0 else 206
        return web.json_response(
            {"resultats": page, "filtresPossibles": []},
            status=status,
            headers={"Content-Range": f"offres {start}-{last}/{len(offers)}"},
        )

    async def _services(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {DI_TOKEN}":
            return web.json_response({"detail": "Not authenticated"}, status=403)
        self.pages.append(dict(request.query))
        page, size = int(request.query["page"]), int(request.query["size"])
        items = self.services[(page - 1) * size : page * size]
        pages = max(1, -(-len(self.services) // size))
        return web.json_response(
            {
                "items": items,
                "total": len(self.services),
                "page": page,
                "size": size,
                "pages": pages,
            }
        )
