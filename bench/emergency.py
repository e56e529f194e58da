"""What the emergency guard's detection costs per message. `python bench/emergency.py`

The floor is `for_matching()`, the normalisation any guard must do on every message (the old word
list cost 2.7 µs per message with it). Three kinds of traffic: everyday answers (numbers, yes/no,
greetings, names), the corpus's calm messages (many contain a phrase's anchor, so the slower path
runs), and its alarms. Also the one-off cost of loading the rules.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.emergency import detect
from bot.i18n.normalize import for_matching
from tests.emergency.corpus import load_all

EVERYDAY = [
    ("1", "fr"), ("2", "ar"), ("oui", "fr"), ("non merci", "fr"), ("bonjour", "fr"),
    ("Amal Haddad", "ar"), ("06 12 34 56 78", "fr"), ("Lyon", "fr"), ("69003", "fr"),
    ("سلام", "fa"), ("ሰላም", "ti"), ("привіт", "uk"), ("menu", "en"), ("C'est tout", "fr"),
    ("Je cherche un cours de français près de chez moi", "fr"), ("yes", "en"),
    ("من دنبال کار هستم در پاریس", "fa"), ("merhaba iş arıyorum", "tr"),
]  # fmt: skip
ROUNDS = 30


def per_message(run: Callable[[str, str], object], messages: list[tuple[str, str]]) -> float:
    """The best round's mean cost of one message, in µs of this process's CPU time: on a machine
    shared with others, the other rounds measure them (as `timeit` advises, the minimum)."""
    repeat = max(1, 4_000 // len(messages))
    rounds = []
    for _ in range(ROUNDS):
        start = time.process_time_ns()
        for _ in range(repeat):
            for text, lang in messages:
                run(text, lang)
        rounds.append((time.process_time_ns() - start) / 1000 / repeat / len(messages))
    return min(rounds)


def main() -> None:
    started = time.perf_counter()
    detector = detect.load()
    loaded = time.perf_counter() - started
    corpus = load_all()
    kinds = {
        "everyday answers": EVERYDAY,
        "corpus, calm": [(e.text, e.lang) for e in corpus if not e.alarm],
        "corpus, alarms": [(e.text, e.lang) for e in corpus if e.alarm],
    }
    print(f"rules loaded in {loaded * 1000:.0f} ms")
    print("| messages | floor: for_matching | detection | ratio |")
    print("| --- | --- | --- | --- |")
    for name, messages in kinds.items():
        floor = per_message(lambda text, _lang: for_matching(text), messages)
        found = per_message(detector.detect, messages)
        ratio = found / floor
        print(f"| {name} ({len(messages)}) | {floor:.1f} µs | {found:.1f} µs | {ratio:.1f} |")


if __name__ == "__main__":
    main()
