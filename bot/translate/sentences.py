"""Sentences, split by us: offline, the same for every language pair.

argostranslate 1.11 splits sentences with MiniSBD, which downloads a model for each language at
the first translation — a network call we never allow. So every installed package gets a
`minisbd/` model that never marks a boundary (`NO_SPLIT_ONNX`, a one-node ONNX graph written as
protobuf bytes), and we split sentences ourselves before calling the model: on sentence-final
punctuation of every script we support (. ! ? … ؟ ۔ ። ।) and on line breaks.
"""

from __future__ import annotations

import json
import re

_END = re.compile(r"(?<=[.!?…؟۔።।])\s+")


def split(text: str) -> list[list[str]]:
    """Lines, each a list of sentences (empty lines kept, so the layout survives)."""
    return [[s for s in _END.split(line.strip()) if s] for line in text.split("\n")]


def join(lines: list[list[str]]) -> str:
    return "\n".join(" ".join(sentences) for sentences in lines)


def no_split_onnx() -> bytes:
    """A MiniSBD model: `scores = Gather(zeros[2, 1], units)`, i.e. never a sentence boundary."""
    float_type, int64_type = 1, 7  # onnx.TensorProto.FLOAT, .INT64

    def value_info(name: str, elem_type: int, rank: int) -> bytes:
        dims = b"".join(_pb((1, _pb((2, f"d{i}")))) for i in range(rank))
        return _pb((1, name), (2, _pb((1, _pb((1, elem_type), (2, dims))))))

    table = _pb((1, 2), (1, 1), (2, float_type), (8, "table"), (9, bytes(8)))
    node = _pb((1, "table"), (1, "units"), (2, "scores"), (4, "Gather"))
    graph = _pb(
        (1, node),
        (2, "no_split"),
        (5, table),
        (11, value_info("units", int64_type, 2)),
        (11, value_info("features", float_type, 3)),  # MiniSBD always feeds it
        (12, value_info("scores", float_type, 3)),
    )
    vocab = {"lang": "", "_unit2id": {"<PAD>": 0, "<UNK>": 1}, "_id2unit": ["<PAD>", "<UNK>"]}
    meta = {"config": json.dumps({"batch_size": 1}), "vocab": json.dumps(vocab)}
    props = [(14, _pb((1, key), (2, value))) for key, value in meta.items()]
    return _pb((1, 8), (8, _pb((1, ""), (2, 13))), (7, graph), *props)  # IR 8, opset 13


def _pb(*fields: tuple[int, int | str | bytes]) -> bytes:
    """Protobuf wire format: (field number, varint | string | embedded message) pairs."""

    def varint(value: int) -> bytes:
        out = bytearray()
        while value > 0x7F:
            out.append(value & 0x7F | 0x80)
            value >>= 7
        return bytes([*out, value])

    encoded = b""
    for number, value in fields:
        if isinstance(value, int):
            encoded += varint(number << 3) + varint(value)
        else:
            data = value.encode() if isinstance(value, str) else value
            encoded += varint(number << 3 | 2) + varint(len(data)) + data
    return encoded
