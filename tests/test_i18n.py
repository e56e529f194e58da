"""Catalogs, fallbacks, the `i18n check`, answer matching, language suggestion and RTL display."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bidi import get_base_level, get_display

from bot.channels.render import as_text
from bot.config import PROJECT_DIR
from bot.i18n import bidi, tools
from bot.i18n.catalogs import Catalogs, po_path
from bot.i18n.detect import plausible_languages, suggest_language
from bot.i18n.normalize import as_number, clean_input, for_matching
from bot.messages import Option, Outgoing, OutKind

CONTENT = PROJECT_DIR / "content"


@pytest.fixture(scope="module")
def catalogs() -> Catalogs:
    return Catalogs(CONTENT)


def test_every_language_is_loaded_with_its_direction(catalogs: Catalogs) -> None:
    assert catalogs.codes == ["fr", "en", "fa", "ps", "ar", "ti", "uk", "ru", "bn", "tr"]
    assert {c for c in catalogs.codes if catalogs.is_rtl(c)} == {"fa", "ps", "ar"}
    autonyms = {c: catalogs.text(c, "language.autonym") for c in catalogs.codes}
    assert (
        autonyms["ar"] == "العربية" and autonyms["ti"] == "ትግርኛ" and autonyms["uk"] == "Українська"
    )


def test_the_shipped_catalogs_pass_the_check() -> None:
    reports = tools.check(CONTENT)
    assert [r.problems for r in reports] == [[] for _ in reports]
    assert all(r.coverage == 100.0 for r in reports)


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def edit_po(content: Path, code: str, msgid: str, new_msgstr: str) -> None:
    path = po_path(content / "locales", code)
    text = path.read_text(encoding="utf-8")
    marker = f'msgid "{msgid}"\nmsgstr "'
    start = text.index(marker) + len(marker) - len('msgstr "')
    end = text.index("\n\n", start)
    path.write_text(text[:start] + f'msgstr "{new_msgstr}"' + text[end:], encoding="utf-8")


def test_missing_translations_fall_back_to_french_then_english(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    edit_po(content, "ar", "menu.prompt", "")
    edit_po(content, "ar", "erase.kept", "")
    edit_po(content, "fr", "erase.kept", "")
    catalogs = Catalogs(content)
    assert catalogs.text("ar", "menu.prompt") == catalogs.text("fr", "menu.prompt")
    assert catalogs.text("ar", "erase.kept") == "Nothing was deleted."
    assert catalogs.text("xx", "erase.kept") == "Nothing was deleted."  # unknown language


def test_placeholders_are_filled_and_isolated_in_rtl(catalogs: Catalogs) -> None:
    assert catalogs.text("en", "input.pick_number", {"max": 7}).endswith("from 1 to 7.")
    arabic = catalogs.text("ar", "input.pick_number", {"max": 7})
    assert f"{bidi.FSI}7{bidi.PDI}" in arabic


def run_check(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "i18n", "check"],
        capture_output=True,
        text=True,
        env={"CONTENT_DIR": str(content), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )


def test_check_passes_on_the_shipped_catalogs_and_shows_review_status() -> None:
    done = run_check(CONTENT)
    assert done.returncode == 0, done.stderr
    assert "ar" in done.stdout and "rtl" in done.stdout and "100.0%" in done.stdout
    assert "not yet reviewed by a native speaker" in done.stdout


@pytest.mark.parametrize(
    ("code", "msgid", "msgstr", "complaint"),
    [
        ("ti", "menu.prompt", "", "menu.prompt: not translated"),
        ("uk", "input.pick_number", "Число від 1 до {maximum}.", "placeholders"),
        ("tr", "command.words.back", "menü", "also belongs to command.words.back"),
        ("bn", "answer.words.yes", "হ্যাঁ||ok", "empty word"),
    ],
)
def test_check_fails_on_each_kind_of_problem(
    tmp_path: Path, code: str, msgid: str, msgstr: str, complaint: str
) -> None:
    content = copy_content(tmp_path)
    edit_po(content, code, msgid, msgstr)
    done = run_check(content)
    assert done.returncode == 1
    assert complaint in done.stderr and f"{code}:" in done.stderr


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("  Arrêt! ", "arret"),
        ("MENU.", "menu"),
        ("مِنْيُو", "منیو"),  # vowel marks and Arabic yeh
        ("كمك", "کمک"),  # Arabic kaf typed for Persian keheh
        ("مي\u200cخواهم", "میخواهم"),  # zero-width non-joiner
    ],
)
def test_answers_match_however_they_are_typed(typed: str, word: str) -> None:
    assert for_matching(typed) == for_matching(word)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("2", 2), ("٢", 2), ("۳.", 3), (" 10) ", 10), ("1 2", None), ("deux", None), ("", None)],
)
def test_numbers_in_any_script(typed: str, number: int | None) -> None:
    assert as_number(typed) == number


def test_input_is_cleaned_of_control_characters_and_cut_to_size() -> None:
    assert clean_input("a\x00b\x1b[31m\r\nc\u200b", 100) == ("ab[31m\nc\u200b", False)
    cut, truncated = clean_input("x" * 10_000, 4000)
    assert len(cut) == 4000 and truncated


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("سلام، څنګه یې؟", ("ps",)),
        ("سلام، چطور هستید؟ کمک می‌خواهم", ("fa", "ps")),  # no letter only Pashto uses
        ("مرحبا، أريد عملا", ("ar",)),
        ("ሰላም", ("ti",)),
        ("Привіт, як справи?", ("uk",)),
        ("Добрий день", ("uk",)),
        ("Доброго дня", ("uk", "ru")),
        ("Здравствуйте", ("ru",)),
        ("হ্যালো", ("bn",)),
        ("Merhaba, iş arıyorum", ("tr",)),
        ("Salam", ("fa", "ps", "ar", "bn")),
        ("Bonjour", ("fr",)),
        ("hello", ("en",)),
        ("👍", ()),
        ("42", ()),
    ],
)
def test_the_languages_offered_first_from_the_first_message(
    text: str, offered: tuple[str, ...]
) -> None:
    assert plausible_languages(text) == offered
    assert suggest_language(text) == (offered[0] if len(offered) == 1 else None)


def visual_lines(message: str) -> list[str]:
    return [get_display(line) for line in message.split("\n") if line]


def test_numbered_choices_read_right_to_left_without_scrambling(catalogs: Catalogs) -> None:
    labels = ["العربية (CV)", "Français", "English", "دری (فارسی)", "12 rue de la Paix"]
    out = Outgoing(
        OutKind.CHOICES,
        bidi.anchor_rtl(catalogs.text("ar", "menu.prompt")),
        "ar",
        True,
        tuple(Option(str(n), label) for n, label in enumerate(labels)),
    )
    lines = as_text(out).split("\n")
    for number, line in enumerate(lines[1:], start=1):
        assert get_base_level(line) == 1  # the line reads right to left…
        visual = bidi.strip_marks(get_display(line))
        assert visual.endswith(f" .{number}")  # …starting (at the right) with its number
        # …and the label, isolated, reads as it does on its own (not mixed into the line).
        assert bidi.strip_marks(get_display(labels[number - 1])) in visual
    # Without the marks, a line starting with a French word turns left-to-right: what we prevent.
    assert get_base_level("2. Français") == 0


# An option may share words with a command only where both lead to the same place.
SAME_PLACE = {
    ("menu.language", "language"),
    ("menu.mydata", "mydata"),
    ("mydata.delete", "delete"),
    ("common.back_to_menu", "back"),
}


def test_no_option_is_hidden_by_a_command_word(catalogs: Catalogs) -> None:
    import sys

    import flows
    from bot.cv import vocabulary
    from bot.engine.flow import Option as FlowOption
    from flows.cv.common import SECTIONS

    script = flows.script()
    modules = [m for name, m in list(sys.modules.items()) if name.split(".")[0] == "flows"]
    labels = {
        value.label.id
        for module in modules
        for value in vars(module).values()
        if isinstance(value, FlowOption)
    }
    labels |= {label.id for _, _, label in SECTIONS}
    for value in vars(vocabulary).values():
        if isinstance(value, tuple) and value and isinstance(value[0], vocabulary.Term):
            labels |= {term.label.id for term in value}
    clashes = []
    for code in catalogs.codes:
        words = {
            for_matching(word): command.name
            for command in script.commands
            for word in catalogs.own_words(code, command.words.id)
        }
        for msgid in labels:
            command = words.get(for_matching(catalogs.text(code, msgid)))
            if command and (msgid, command) not in SAME_PLACE:
                clashes.append(f"{code}: {msgid} is also the command {command}")
    assert clashes == []
