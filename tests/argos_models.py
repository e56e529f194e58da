"""Tiny but real Argos Translate packages, built in about 10 ms, and a package index on 127.0.0.1.

`build_package(folder, "ar", "en", "good morning friend")` writes a `.argosmodel` that
argostranslate 1.11 installs and runs like a downloaded one (SentencePiece model, CTranslate2
Transformer, MiniSBD sentence splitter); whatever it is given, it answers exactly the phrase.

Why: all attention and feed-forward weights and all token embeddings are zero, so the decoder's
state at step t is its learned position encoding alone, which we make one-hot on k = min(t, n - 1),
n being the number of target tokens (the phrase's pieces, then `</s>`). The final layer norm makes
that a*e_k - b (a >> b > 0), and the output projection maps dimension k to the k-th target token:
the first piece after `<s>`, then the next, and `</s>` from step n - 1 on. The input is ignored,
and repeated pieces are fine since only the position counts.

Offline sentence splitting: without splitter data, argostranslate 1.11 uses MiniSBD, which
downloads `<lang>.onnx` from GitHub at the first translation, unless the package's `minisbd/` folder
holds an `.onnx` file. So each package ships `minisbd/no_split.onnx`: a one-node ONNX graph (its
protobuf written by hand, as `onnx` is not installed) that never marks a boundary, making each
paragraph (argostranslate splits on "\\n") one sentence. `ARGOS_CHUNK_TYPE=NONE` is no way out:
argostranslate 1.11 raises NotImplementedError for it and silently skips every package.

Settings: point XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME and ARGOS_PACKAGES_DIR somewhere
private (and ARGOS_PACKAGE_INDEX at `serve_index`) before argostranslate is first imported: it reads
them at import. Afterwards, set `argostranslate.settings.remote_package_index = url + "index.json"`.
argostranslate keeps loaded models in `translate.installed_translates` across (un)installs: clear
it and `get_installed_languages.cache_clear()` to use a new package or pivot through it.

`serve_index` runs aiohttp in its own thread: argostranslate downloads with blocking urllib, which
would hang a server on the caller's loop. urllib honours HTTP_PROXY; keep 127.0.0.1 in NO_PROXY.
"""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
import threading
import zipfile
from collections.abc import AsyncIterator
from concurrent.futures import Future
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import numpy as np
import sentencepiece as spm
from aiohttp import web
from babel import Locale, UnknownLocaleError
from ctranslate2.specs import transformer_spec

from bot.translate.sentences import no_split_onnx

GENERIC = [  # more words for the SentencePiece vocabulary
    "the cat sat on the mat", "a small dog runs in the park", "we read books every morning",
    "she writes a short letter", "it is a good day to walk", "thank you very much",
    "where is the train station", "please come here now", "they open the old door",
]  # fmt: skip
POSITIONS = 1024  # decoder steps with a position encoding (CTranslate2 decodes 256 by default)
ONEHOT_WEIGHT = 20.0


def build_package(
    folder: Path, from_code: str, to_code: str, phrase: str, *, version: str = "1.0"
) -> Path:
    """Write a `.argosmodel` translating anything from `from_code` to `to_code` as `phrase`."""
    stem = f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"
    metadata = {
        "package_version": version,
        "argos_version": "1.11",
        "from_code": from_code,
        "from_name": _language_name(from_code),
        "to_code": to_code,
        "to_name": _language_name(to_code),
        "type": "translate",
        "links": [],
    }
    sp_model = _train_sentencepiece(phrase)
    path = Path(folder) / f"{stem}.argosmodel"
    with (
        tempfile.TemporaryDirectory() as model_dir,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        _save_model(sp_model, phrase, Path(model_dir))
        zf.writestr(f"{stem}/metadata.json", json.dumps(metadata, ensure_ascii=False, indent=2))
        zf.writestr(f"{stem}/sentencepiece.model", sp_model)
        zf.writestr(f"{stem}/minisbd/no_split.onnx", no_split_onnx())
        for file in sorted(Path(model_dir).iterdir()):
            zf.write(file, f"{stem}/model/{file.name}")
    return path


def _language_name(code: str) -> str:
    try:
        return str(Locale.parse(code).english_name)
    except (ValueError, UnknownLocaleError):
        return code


def _train_sentencepiece(phrase: str) -> bytes:
    """A whitespace-word SentencePiece model (the fastest to train) that knows the phrase."""
    sentences = [phrase] * 5 + GENERIC
    words = {word for sentence in sentences for word in sentence.split()}
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="word",
        vocab_size=len(words) + 3,
        hard_vocab_limit=False,
        max_sentencepiece_length=256,
        character_coverage=1.0,
        normalization_rule_name="identity",
        minloglevel=2,
    )
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    pieces = processor.encode(phrase, out_type=str)
    # argostranslate's decoder also turns "_" into " ", so such a phrase would not come back.
    unknown = processor.unk_id() in processor.piece_to_id(pieces)
    if unknown or "_" in phrase or processor.decode_pieces(pieces) != phrase:
        raise ValueError(f"phrase {phrase!r} would not come back from SentencePiece unchanged")
    return model.getvalue()


def _save_model(sp_model: bytes, phrase: str, out: Path) -> None:
    """Save a 1+1-layer CTranslate2 Transformer whose decoder emits `phrase` (see the docstring)."""
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    target = [*processor.encode(phrase, out_type=int), processor.piece_to_id("</s>")]
    n, size = len(target), len(vocab)
    d = max(8, -(-n // 8) * 8)  # one dimension per decoder position, rounded up

    def zeros(*shape: int) -> np.ndarray[Any, np.dtype[np.float32]]:
        return np.zeros(shape, np.float32)

    def norm(spec: Any) -> None:
        spec.gamma, spec.beta = np.ones(d, np.float32), zeros(d)

    def linear(spec: Any, rows: int, weight: np.ndarray[Any, Any] | None = None) -> None:
        spec.weight = zeros(rows, d) if weight is None else weight
        spec.bias = zeros(rows)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), 1)
    for stack in (spec.encoder, spec.decoder):
        norm(stack.layer_norm)
        for layer in stack.layer:
            norm(layer.self_attention.layer_norm)
            linear(layer.self_attention.linear[0], 3 * d)  # fused query, key, value
            linear(layer.self_attention.linear[1], d)
            norm(layer.ffn.layer_norm)
            linear(layer.ffn.linear_0, d)
            linear(layer.ffn.linear_1, d)
            if hasattr(layer, "attention"):  # decoder: attention over the encoder's output
                norm(layer.attention.layer_norm)
                for linear_spec, rows in zip(layer.attention.linear, (d, 2 * d, d), strict=True):
                    linear(linear_spec, rows)
    spec.encoder.embeddings[0].weight = zeros(size, d)
    spec.decoder.embeddings.weight = zeros(size, d)
    steps = np.arange(POSITIONS)
    positions = zeros(POSITIONS, d)
    positions[steps, np.minimum(steps, n - 1)] = 1.0
    spec.decoder.position_encodings.encodings = positions
    projection = zeros(size, d)
    projection[target, np.arange(n)] = ONEHOT_WEIGHT
    linear(spec.decoder.projection, size, projection)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize()
    spec.save(str(out))


_Started = Future[tuple[asyncio.AbstractEventLoop, asyncio.Event, int]]


@asynccontextmanager
async def serve_index(packages: list[Path]) -> AsyncIterator[str]:
    """Serve `index.json` and `packages` on 127.0.0.1; yields the index URL, ending with "/"."""
    entries = {Path(path).name: (Path(path), _metadata(Path(path))) for path in packages}
    started: _Started = Future()
    thread = threading.Thread(target=_run_index, args=(entries, started), daemon=True)
    thread.start()
    loop, stop, port = await asyncio.wrap_future(started)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        loop.call_soon_threadsafe(stop.set)
        await asyncio.to_thread(thread.join)


def _metadata(package: Path) -> dict[str, Any]:
    with zipfile.ZipFile(package) as zf:
        name = next(n for n in zf.namelist() if n.count("/") == 1 and n.endswith("/metadata.json"))
        return dict(json.loads(zf.read(name)))


def _run_index(entries: dict[str, tuple[Path, dict[str, Any]]], started: _Started) -> None:
    """The server's thread, with its own event loop, until `stop` is set."""
    index: list[dict[str, Any]] = []

    async def get_index(request: web.Request) -> web.Response:
        return web.json_response(index)

    async def get_file(request: web.Request) -> web.Response:
        if (entry := entries.get(request.match_info["name"])) is None:
            raise web.HTTPNotFound()
        return web.Response(body=entry[0].read_bytes(), content_type="application/zip")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/index.json", get_index)
        app.router.add_get("/{name}", get_file)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            port = runner.addresses[0][1]
            for name, (_, metadata) in entries.items():
                index.append({**metadata, "links": [f"http://127.0.0.1:{port}/{name}"]})
            stop = asyncio.Event()
            started.set_result((asyncio.get_running_loop(), stop, port))
            await stop.wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(main())
    except BaseException as error:
        if started.done():
            raise
        started.set_exception(error)  # serve_index raises it
