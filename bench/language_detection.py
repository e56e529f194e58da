"""How well first contact guesses the language: `python bench/language_detection.py`.

For each first message of `bench/first_messages.tsv` (greetings and short requests in the ten
languages, some typed in Latin letters), what the onboarding does with it: picks one language
(right or wrong), offers a few first (is the right one among them?), or knows nothing (everything
in the usual order). Prints the figures per language and overall, and the messages it got wrong.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from bot.i18n.detect import plausible_languages

CORPORA = {
    "written with the word lists": Path(__file__).with_name("first_messages.tsv"),
    "held out": Path(__file__).with_name("first_messages_heldout.tsv"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=0.6)
    args = parser.parse_args()
    plausible_languages("warm up", args.min_confidence)  # lingua's models load once
    for name, path in CORPORA.items():
        print(f"== {path.name} ({name})")
        measure(path, args.min_confidence)
        print()


def measure(corpus: Path, min_confidence: float) -> None:
    rows = [
        line.split("\t", 1)
        for line in corpus.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    offered_sizes: list[int] = []
    mistakes = []
    started = time.perf_counter()
    for language, text in rows:
        offered = plausible_languages(text, min_confidence)
        counts = tally[language]
        counts["messages"] += 1
        if len(offered) == 1:
            counts["right" if offered[0] == language else "wrong"] += 1
            if offered[0] != language:
                mistakes.append(f"{language}  {text!r} → {offered[0]} alone")
        elif offered:
            offered_sizes.append(len(offered))
            counts["offered" if language in offered else "missed"] += 1
            if language not in offered:
                mistakes.append(f"{language}  {text!r} → {', '.join(offered)} first")
        else:
            counts["unknown"] += 1
    per_message = (time.perf_counter() - started) / len(rows) * 1000
    columns = ("messages", "right", "offered", "wrong", "missed", "unknown")
    print("language " + " ".join(f"{c:>8}" for c in columns))
    total: dict[str, int] = defaultdict(int)
    for language, counts in tally.items():
        print(f"{language:<8} " + " ".join(f"{counts[c]:>8}" for c in columns))
        for column in columns:
            total[column] += counts[column]
    print(f"{'all':<8} " + " ".join(f"{total[c]:>8}" for c in columns))
    good = total["right"] + total["offered"]
    print(
        f"\nright alone or among those offered first: {good}/{total['messages']} "
        f"({good / total['messages']:.0%}); one wrong language picked: {total['wrong']}; "
        f"languages offered first when unsure: "
        f"{sum(offered_sizes) / max(1, len(offered_sizes)):.1f} on average; "
        f"{per_message:.2f} ms a message"
    )
    if mistakes:
        print("\nwrong or missed:\n  " + "\n  ".join(mistakes))


if __name__ == "__main__":
    main()
