"""Precision and recall of the emergency detector on the corpus, per language and part.

    python -m tests.emergency.measure                       # the table: whole corpus and each part
    python -m tests.emergency.measure --part dev --errors   # the messages it gets wrong, dev only
    python -m tests.emergency.measure --write-readme        # put the table in README.md

(`pytest tests/test_emergency_detection.py --update-readme` does the last one too.)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.emergency.detect import Detector, load
from tests.emergency.corpus import LANGUAGES, Example, load_all

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE = re.compile(r"(<!-- emergency-table -->\n).*?(<!-- /emergency-table -->)", flags=re.DOTALL)
RECALL_MIN = 0.95
PRECISION_MIN = 0.90


@dataclass
class Score:
    true_alarms: int = 0
    false_alarms: int = 0
    missed: int = 0
    calm: int = 0

    @property
    def recall(self) -> float:
        alarms = self.true_alarms + self.missed
        return self.true_alarms / alarms if alarms else 1.0

    @property
    def precision(self) -> float:
        raised = self.true_alarms + self.false_alarms
        return self.true_alarms / raised if raised else 1.0

    def add(self, expected: bool, raised: bool) -> None:
        if expected:
            self.true_alarms += raised
            self.missed += not raised
        else:
            self.false_alarms += raised
            self.calm += not raised


def verdicts(detector: Detector, examples: Iterable[Example]) -> list[tuple[Example, bool]]:
    return [(e, detector.detect(e.text, e.lang) is not None) for e in examples]


def scores(judged: list[tuple[Example, bool]], part: str | None = None) -> dict[str, Score]:
    found = {lang: Score() for lang in LANGUAGES}
    for example, raised in judged:
        if part is None or example.part == part:
            found[example.lang].add(example.alarm, raised)
    return found


def table(judged: list[tuple[Example, bool]]) -> str:
    parts = [scores(judged), scores(judged, "dev"), scores(judged, "held-out")]
    counts = {lang: [0, 0] for lang in LANGUAGES}
    for example, _ in judged:
        counts[example.lang][0 if example.alarm else 1] += 1
    lines = [
        "| language | alarms / calm | recall | precision | dev: recall / precision "
        "| held-out: recall / precision |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for lang in LANGUAGES:
        whole, dev, held = (p[lang] for p in parts)
        lines.append(
            f"| {lang} | {counts[lang][0]} / {counts[lang][1]} | {whole.recall:.2f} "
            f"| {whole.precision:.2f} | {dev.recall:.2f} / {dev.precision:.2f} "
            f"| {held.recall:.2f} / {held.precision:.2f} |"
        )
    return "\n".join(lines) + "\n"


def write_readme(markdown: str, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if not TABLE.search(text):
        raise SystemExit(f"{readme} has no <!-- emergency-table --> markers")
    readme.write_text(TABLE.sub(lambda m: m.group(1) + markdown + m.group(2), text), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "held-out"), help="only this part's errors")
    parser.add_argument("--errors", action="store_true", help="list the misclassified messages")
    parser.add_argument("--write-readme", action="store_true", help="update README.md's table")
    args = parser.parse_args(argv)
    judged = verdicts(load(), load_all())
    if args.errors:
        for example, raised in judged:
            if raised != example.alarm and args.part in (None, example.part):
                kind = "missed" if example.alarm else "false alarm"
                print(f"{example.lang}:{example.line}\t{kind}\t{example.text}")
        return 0
    markdown = table(judged)
    print(markdown, end="")
    if args.write_readme:
        write_readme(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
