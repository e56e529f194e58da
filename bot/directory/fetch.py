"""Live sources for `passerelle import … --fetch`: France Travail's job offers and data·inclusion's
services, fetched page by page over HTTP and handed to the importer like the rows of a file.

- France Travail, "Offres d'emploi v2": an OAuth2 client-credentials token, then
  `GET /offres/search?range=0-149` pages (150 offers each; the answer's Content-Range gives the
  total; 204 means none). A 429 is retried after its Retry-After.
- data·inclusion: `GET /services?page=1&size=…` with a bearer token; the answer lists `items` and
  the number of `pages`.

Rows are numbered in the order they arrive, so a problem is reported as "line N" of the fetch.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import Any

import aiohttp

from bot.config import Settings

PAGE = 150  # France Travail's largest range
DI_PAGE = 500
RETRIES = 3
TIMEOUT = aiohttp.ClientTimeout(total=60)


class FetchError(Exception):
    """The source refused or failed; the message says which and why."""


Rows = list[tuple[int, dict[str, Any]]]


async def france_travail(settings: Settings, departments: Sequence[str] = ()) -> Rows:
    secret = settings.france_travail_client_secret
    if not settings.france_travail_client_id or secret is None:
        raise FetchError("set FRANCE_TRAVAIL_CLIENT_ID and FRANCE_TRAVAIL_CLIENT_SECRET first")
    rows: Rows = []
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
        form = {
            "grant_type": "client_credentials",
            "client_id": settings.france_travail_client_id,
            "client_secret": secret.get_secret_value(),
            "scope": "api_offresdemploiv2 o2dsoffre",
        }
        async with http.post(settings.france_travail_auth_url, data=form) as response:
            if response.status != 200:
                raise FetchError(f"France Travail refused the credentials (HTTP {response.status})")
            token = (await response.json())["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        url = settings.france_travail_api_url.rstrip("/") + "/offres/search"
        limit = settings.france_travail_max_offers
        for department in departments or [""]:
            start = 0
            while start < limit:
                end = min(start + PAGE, limit) - 1
                params = {"range": f"{start}-{end}"}
                if department:
                    params["departement"] = department
                status, body, response_headers = await _get(http, url, params, headers)
                if status == 204:
                    break
                if status not in (200, 206):
                    raise FetchError(f"France Travail answered HTTP {status}: {body!r:.200}")
                offers = (body.get("resultats") or []) if isinstance(body, dict) else []
                rows.extend((len(rows) + 1, offer) for offer in offers)
                total = _total(response_headers.get("Content-Range", ""))
                if not offers or status == 200 or (total is not None and end + 1 >= total):
                    break
                start = end + 1
    return rows


async def data_inclusion(settings: Settings, departments: Sequence[str] = ()) -> Rows:
    token = settings.data_inclusion_token
    if token is None:
        raise FetchError("set DATA_INCLUSION_TOKEN first")
    rows: Rows = []
    headers = {"Authorization": f"Bearer {token.get_secret_value()}", "Accept": "application/json"}
    url = settings.data_inclusion_api_url.rstrip("/") + "/services"
    async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
        for department in departments or [""]:
            page, pages = 1, 1
            while page <= pages:
                params = {"page": str(page), "size": str(DI_PAGE)}
                if department:
                    params["code_departement"] = department
                status, body, _headers = await _get(http, url, params, headers)
                if status != 200 or not isinstance(body, dict):
                    raise FetchError(f"data·inclusion answered HTTP {status}: {body!r:.200}")
                items = body.get("items") or []
                rows.extend((len(rows) + 1, item) for item in items if isinstance(item, dict))
                pages = int(body.get("pages") or 1)
                page += 1
    return rows


async def _get(
    http: aiohttp.ClientSession, url: str, params: dict[str, str], headers: dict[str, str]
) -> tuple[int, Any, dict[str, str]]:
    for attempt in range(RETRIES + 1):
        async with http.get(url, params=params, headers=headers) as response:
            if response.status == 429 and attempt < RETRIES:
                wait = float(response.headers.get("Retry-After", "1") or 1)
                await asyncio.sleep(min(wait, 30.0))
                continue
            if response.status == 204:
                return 204, None, dict(response.headers)
            try:
                body = await response.json(content_type=None)
            except (ValueError, aiohttp.ContentTypeError):
                body = (await response.text())[:200]
            return response.status, body, dict(response.headers)
    raise FetchError("rate-limited too many times")  # pragma: no cover (loop always returns)


def _total(content_range: str) -> int | None:
    """ "offres 0-149/1234" → 1234."""
    match = re.search(r"/(\d+)\s*$", content_range)
    return int(match[1]) if match else None
