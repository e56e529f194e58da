"""Translation benchmark: cache hits, the event loop during a long batch, tiny-model throughput.

    python bench/translate.py

Real Argos models cannot be downloaded here, so the models are the tests' tiny real packages
(tests/argos_models.py: real SentencePiece + CTranslate2 files, a 1-layer model): the figures
measure Passerelle's own path (cache, pool, splitting, store) and argostranslate's overhead, not
translation quality or a real model's speed (see README for public figures on those).
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
folder = Path(tempfile.mkdtemp(prefix="bench-translate-"))
os.environ["TRANSLATE_DIR"] = str(folder / "models")
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

from bot.app import open_app  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.translate.argos import ArgosBackend  # noqa: E402
from bot.translate.service import Translator  # noqa: E402
from tests.argos_models import build_package  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


async def main() -> None:
    settings = load_settings(database_url=f"sqlite:///{folder / 'bench.db'}", data_dir=folder)
    backend = ArgosBackend(settings)
    started = time.perf_counter()
    for pair, phrase in {
        ("ar", "en"): "good morning friend",
        ("en", "fr"): "bonjour mon ami",
    }.items():
        backend.install_file(build_package(folder, *pair, phrase))
    print(f"built and installed 2 tiny packages in {time.perf_counter() - started:.2f} s")
    async with open_app(settings) as app:
        translator = Translator(app.database, backend, workers=settings.translate_workers)
        started = time.perf_counter()
        await translator.translate("مرحبا", "ar", "fr")
        print(
            f"first translation (imports argostranslate, loads 2 models): "
            f"{time.perf_counter() - started:.2f} s"
        )

        hits = []
        for _ in range(2000):
            t = time.perf_counter()
            await translator.translate("مرحبا", "ar", "fr")
            hits.append(time.perf_counter() - t)
        print(
            f"cache hit, in-process: p50 {pct(hits, 0.5):.3f} ms  p99 {pct(hits, 0.99):.3f} ms "
            f"(2,000 look-ups)"
        )
        shared = []
        for _ in range(2000):
            translator._recent.clear()  # as another process would see it: the SQL cache
            t = time.perf_counter()
            await translator.translate("مرحبا", "ar", "fr")
            shared.append(time.perf_counter() - t)
        print(
            f"cache hit, shared SQL: p50 {pct(shared, 0.5):.2f} ms  p99 {pct(shared, 0.99):.2f} ms "
            f"(2,000 look-ups, SQLite)"
        )

        texts = [f"جملة رقم {n}. جملة أخرى {n}! وثالثة {n}؟" for n in range(2000)]
        lags: list[float] = []
        done = asyncio.Event()

        async def ticker() -> None:
            while not done.is_set():
                t = time.perf_counter()
                await asyncio.sleep(0.005)
                lags.append(time.perf_counter() - t - 0.005)

        watch = asyncio.create_task(ticker())
        t = time.perf_counter()
        results = await translator.translate_many(texts, "ar", "en")
        elapsed = time.perf_counter() - t
        done.set()
        await watch
        sentences = 3 * len(results)
        print(
            f"batch:            {len(results)} texts = {sentences} sentences in {elapsed:.2f} s "
            f"= {sentences / elapsed:.0f} sentences/s (tiny model, {settings.translate_workers} "
            f"worker)"
        )
        print(
            f"event-loop lag during the batch: mean {statistics.mean(lags) * 1000:.1f} ms, "
            f"max {max(lags) * 1000:.1f} ms"
        )
        translator.close()
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    asyncio.run(main())
