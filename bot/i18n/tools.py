"""Catalog maintenance with Babel: extract ids from the code, update each language, compile, check.

`check()` is what CI runs: every id used in the code must be translated in every language, with the
same placeholders as English, and no command word may mean two commands in one language. It also
reports coverage and which catalogs a native speaker has reviewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from bot.config import PROJECT_DIR
from bot.i18n.catalogs import (
    DOMAIN,
    WORD_SEPARATOR,
    Catalogs,
    load_po,
    placeholders,
    po_path,
    read_linguas,
)
from bot.i18n.normalize import for_matching

SOURCE_DIRS = ("bot", "flows")
# `_("id")` in flows; `catalogs.text(lang, "id")` / `.raw(lang, "id")` where a flow is not involved.
KEYWORDS = {"_": None, "text": (2,), "raw": (2,)}
# The web console's templates: `t("web.inbox.title")` (Jinja, read by Jinja's Babel extractor).
TEMPLATE_DIR = Path("content") / "web" / "templates"
TEMPLATE_KEYWORDS = {"t": None}
REFERENCE = "en"


# The template's date stays fixed: a date that changed with every run would make every catalog
# differ on every branch, and nothing reads it.
TEMPLATE_DATE = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)


def extract(project_dir: Path = PROJECT_DIR) -> Catalog:
    template = Catalog(
        domain=DOMAIN, project="Passerelle", fuzzy=False, creation_date=TEMPLATE_DATE
    )
    for source in SOURCE_DIRS:
        found = extract_from_dir(
            project_dir / source,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("i18n:",),
        )
        _add(template, source, found)
    templates = extract_from_dir(
        project_dir / TEMPLATE_DIR,
        method_map=[("**.html", "jinja2.ext:babel_extract")],
        options_map={"**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}},
        keywords=TEMPLATE_KEYWORDS,
        comment_tags=("i18n:",),
    )
    _add(template, TEMPLATE_DIR.as_posix(), templates)
    return template


def _add(template: Catalog, source: str, found: Iterable[tuple[str, int, Any, Any, Any]]) -> None:
    for filename, lineno, message, comments, context in found:
        if isinstance(message, str) and "." in message and " " not in message:
            template.add(
                message,
                locations=[(f"{source}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )


def write_template(template: Catalog, content_dir: Path) -> Path:
    path = content_dir / "locales" / f"{DOMAIN}.pot"
    with path.open("wb") as handle:
        write_po(handle, template, width=100, omit_header=False, no_location=True, sort_output=True)
    return path


def update(template: Catalog, content_dir: Path) -> list[Path]:
    """Add new ids to each language (empty, to translate) and drop ids the code no longer uses."""
    locales = content_dir / "locales"
    english_path = po_path(locales, REFERENCE)
    english = (
        {str(m.id): str(m.string) for m in load_po(english_path, REFERENCE) if m.id}
        if english_path.exists()
        else {}
    )
    written = []
    for code in read_linguas(locales):
        path = po_path(locales, code)
        catalog = load_po(path, code) if path.exists() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if code != REFERENCE:  # show translators the English beside each id
            for message in catalog:
                if message.id and english.get(str(message.id)):
                    message.auto_comments = [f"English: {english[str(message.id)]}"]
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            # Sorted by id and without source locations, so that a change of code changes a
            # catalog only where an id was added or removed (and branches merge cleanly).
            write_po(handle, catalog, width=100, no_location=True, sort_output=True)
        written.append(path)
    return written


def compile_all(content_dir: Path) -> list[Path]:
    locales = content_dir / "locales"
    written = []
    for code in read_linguas(locales):
        path = po_path(locales, code)
        catalog = load_po(path, code)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)
        written.append(path.with_suffix(".mo"))
    return written


@dataclass
class LanguageReport:
    code: str
    total: int
    translated: int
    rtl: bool
    reviewed: bool
    reviewer: str
    problems: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def check(content_dir: Path, project_dir: Path = PROJECT_DIR) -> list[LanguageReport]:
    template = extract(project_dir)
    ids = sorted(str(m.id) for m in template if m.id)
    locales = content_dir / "locales"
    catalogs = Catalogs(content_dir)
    codes = read_linguas(locales)
    reference = {str(m.id): str(m.string) for m in load_po(po_path(locales, REFERENCE), REFERENCE)}
    reports = []
    for code in codes:
        catalog = load_po(po_path(locales, code), code)
        messages = {str(m.id): m for m in catalog if m.id}
        language = catalogs.languages[code]
        report = LanguageReport(
            code, len(ids), 0, language.rtl, language.reviewed, language.reviewer
        )
        for msgid in ids:
            report.problems.extend(_check_message(msgid, messages.get(msgid), reference))
            message = messages.get(msgid)
            if message is not None and message.string and not message.fuzzy:
                report.translated += 1
        report.problems.extend(_check_command_words(catalogs, code, ids))
        reports.append(report)
    return reports


def _check_message(msgid: str, message: object, reference: dict[str, str]) -> Iterator[str]:
    string = getattr(message, "string", None)
    if message is None:
        yield f"{msgid}: missing"
        return
    if not string:
        yield f"{msgid}: not translated"
        return
    if getattr(message, "fuzzy", False):
        yield f"{msgid}: marked fuzzy (needs review)"
    expected = placeholders(reference.get(msgid, ""))
    found = placeholders(str(string))
    if found != expected:
        yield f"{msgid}: placeholders {sorted(found)} differ from English {sorted(expected)}"
    if msgid.split(".")[-2:-1] == ["words"] or ".words." in msgid:
        words = str(string).split(WORD_SEPARATOR)
        if any(not w.strip() for w in words):
            yield f"{msgid}: empty word in the `|` list"


def _check_command_words(catalogs: Catalogs, code: str, ids: list[str]) -> Iterator[str]:
    owner: dict[str, str] = {}
    for msgid in ids:
        if not msgid.startswith("command.words."):
            continue
        for word in catalogs.own_words(code, msgid):
            key = for_matching(word)
            if key in owner and owner[key] != msgid:
                yield f"{msgid}: the word {word!r} also belongs to {owner[key]}"
            owner[key] = msgid
