"""Gettext catalogs from `content/locales`, looked up with the fallback user language → fr → en.

Message ids are symbolic keys (`menu.prompt`), so English is a catalog like the others and a missing
translation falls back to French, then English — never to the raw id. The supported languages and
their order come from `content/locales/LINGUAS`, the gettext convention.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n import bidi
from bot.i18n.msg import Msg

log = logging.getLogger(__name__)

DOMAIN = "passerelle"
FALLBACK_CHAIN = ("fr", "en")
WORD_SEPARATOR = "|"


class CatalogError(Exception):
    """The catalogs cannot be loaded; the message names the file."""


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    rtl: bool
    reviewed: bool  # a native speaker has reviewed it (`# Native review: yes …` in its header)
    reviewer: str


class Catalogs:
    """Every language's messages in memory, with formatting and right-to-left care."""

    def __init__(self, content_dir: Path) -> None:
        self.locales_dir = content_dir / "locales"
        self.codes = read_linguas(self.locales_dir)
        self.languages: dict[str, Language] = {}
        self._messages: dict[str, dict[str, str]] = {}
        for code in self.codes:
            catalog = load_po(po_path(self.locales_dir, code), code)
            self._messages[code] = {
                str(m.id): str(m.string)
                for m in catalog
                if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
            }
            review = native_review(catalog)
            self.languages[code] = Language(
                code=code,
                rtl=Locale.parse(code).character_order == "right-to-left",
                reviewed=review.lower().startswith("yes"),
                reviewer=review,
            )
        # Each language with its fallbacks already applied: a lookup is one dict access.
        self._resolved: dict[str, dict[str, str]] = {}
        for code in self.codes:
            merged: dict[str, str] = {}
            for candidate in (*reversed(FALLBACK_CHAIN), code):
                merged.update(self._messages.get(candidate, {}))
            self._resolved[code] = merged

    def supports(self, code: str | None) -> bool:
        return code in self.languages

    def is_rtl(self, code: str) -> bool:
        language = self.languages.get(code)
        return bool(language and language.rtl)

    def raw(self, code: str, msgid: str) -> str:
        """The message in `code`, else in French, else English; the id only if all lack it."""
        found = self._resolved.get(code, self._resolved[FALLBACK_CHAIN[0]]).get(msgid)
        if found is None:
            log.error("message %s missing from every catalog", msgid)
            return msgid
        return found

    def text(self, code: str, msgid: str, values: Mapping[str, object] | None = None) -> str:
        template = self.raw(code, msgid)
        if not values:
            return template
        rtl = self.is_rtl(code)
        safe = {k: bidi.isolate(str(v)) if rtl else str(v) for k, v in values.items()}
        try:
            return template.format_map(_Missing(safe))
        except (ValueError, IndexError):
            log.error("message %s in %s has a broken placeholder", msgid, code)
            return template

    def message(self, code: str, msg: Msg) -> str:
        """`msg` in `code` (or the language it forces), messages among its values too."""
        lang = msg.lang or code
        values = {
            k: self.message(lang, v) if isinstance(v, Msg) else v for k, v in msg.values.items()
        }
        return self.text(lang, msg.id, values)

    def words(self, code: str, msgid: str) -> list[str]:
        """A `|`-separated list of accepted answer words, e.g. `menu|main menu`."""
        return [w.strip() for w in self.raw(code, msgid).split(WORD_SEPARATOR) if w.strip()]

    def own_words(self, code: str, msgid: str) -> list[str]:
        """The words of `code` only, without falling back to another language."""
        found = self._messages.get(code, {}).get(msgid, "")
        return [w.strip() for w in found.split(WORD_SEPARATOR) if w.strip()]


class _Missing(dict[str, str]):
    """Leave an unknown placeholder visible rather than crash the conversation."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return {"<unbalanced braces>"}


def read_linguas(locales_dir: Path) -> list[str]:
    path = locales_dir / "LINGUAS"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CatalogError(f"cannot read the language list {path}: {error}") from None
    codes = [word for line in lines for word in line.split("#", 1)[0].split()]
    if not codes:
        raise CatalogError(f"{path} lists no language")
    return codes


def po_path(locales_dir: Path, code: str) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_po(path: Path, code: str) -> Catalog:
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=code, domain=DOMAIN)
    except (OSError, ValueError) as error:
        raise CatalogError(f"cannot read the catalog {path}: {error}") from None


def native_review(catalog: Catalog) -> str:
    """The `# Native review: …` line of the catalog's header comment ("" if absent).

    It lives in the header comment, not in a header field, because Babel keeps the comment when it
    updates a catalog and drops unknown fields.
    """
    for line in catalog.header_comment.splitlines():
        label, _, value = line.lstrip("# ").partition(":")
        if label.strip().lower() == "native review":
            return value.strip()
    return ""
