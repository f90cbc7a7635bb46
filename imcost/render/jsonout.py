"""JSON: one document, sorted keys, amounts as strings; a stable interface for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from imcost.engine import Estimate
from imcost.render.common import CHUNK, estimate_data

_string = json.encoder.encode_basestring  # C-accelerated, keeps non-ASCII as is
_LITERALS = {True: "true", False: "false"}


class Stream:
    """A list whose items are made one by one as they are written (see chunks); written only once."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _LITERALS[value]
    return json.dumps(value)


def _write(value: Any, indent: str, out: list[str]) -> None:
    """Append ``value`` as indented JSON to ``out``; a mapping of plain values is one piece."""
    if isinstance(value, dict) and value:
        inner = indent + "  "
        if not any(isinstance(v, dict | list) for v in value.values()):
            parts = (f"{_string(k)}: {_scalar(value[k])}" for k in sorted(value))
            out.append("{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}")
            return
        out.append("{")
        for i, k in enumerate(sorted(value)):
            out.append(("\n" if i == 0 else ",\n") + inner + _string(k) + ": ")
            _write(value[k], inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, list) and value:
        inner = indent + "  "
        out.append("[")
        for i, v in enumerate(value):
            out.append(("\n" if i == 0 else ",\n") + inner)
            _write(v, inner, out)
        out.append("\n" + indent + "]")
    else:
        out.append("{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else _scalar(value))


def dumps(data: Any) -> str:
    """``json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)`` and a newline, faster.

    The standard library's indenting encoder is pure Python and gathers millions of
    small chunks for a 10,000-app plan; this writes each mapping of plain values,
    such as a line item, in one piece.
    """
    out: list[str] = []
    _write(data, "", out)
    out.append("\n")
    return "".join(out)


def _streams(value: Any) -> bool:
    """Whether ``value`` is or holds a Stream (the items of a Stream are never searched)."""
    if isinstance(value, Stream):
        return True
    if isinstance(value, dict):
        return any(_streams(v) for v in value.values())
    if isinstance(value, list):
        return any(_streams(v) for v in value)
    return False


def _pieces(value: Any, indent: str, out: list[str]) -> Iterator[str]:
    """What _write writes, made in pieces: after each item of a Stream the text gathered so far
    is yielded once it reaches CHUNK characters. Only containers that hold a Stream come here."""
    inner = indent + "  "
    if isinstance(value, Stream):
        size = 0
        first = True
        for item in value.items:
            mark = len(out)
            out.append(("[\n" if first else ",\n") + inner)
            _write(item, inner, out)
            first = False
            size += sum(len(p) for p in out[mark:])
            if size >= CHUNK:
                yield "".join(out)
                out.clear()
                size = 0
        out.append("[]" if first else "\n" + indent + "]")
    elif isinstance(value, dict):
        # A Stream is a list, so a mapping holding one is written key by key, like _write's.
        for i, k in enumerate(sorted(value)):
            out.append(("{\n" if i == 0 else ",\n") + inner + _string(k) + ": ")
            yield from _either(value[k], inner, out)
        out.append("\n" + indent + "}")
    else:  # a list holding a Stream
        for i, v in enumerate(value):
            out.append(("[\n" if i == 0 else ",\n") + inner)
            yield from _either(v, inner, out)
        out.append("\n" + indent + "]")


def _either(value: Any, indent: str, out: list[str]) -> Iterator[str]:
    if _streams(value):
        yield from _pieces(value, indent, out)
    else:
        _write(value, indent, out)


def chunks(data: Any) -> Iterator[str]:
    """``dumps(data)`` in pieces of about CHUNK characters, its Streams made item by item as they are written.

    The pieces joined are exactly ``dumps`` of the same data with each Stream a list.
    """
    out: list[str] = []
    if _streams(data):
        yield from _pieces(data, "", out)
    else:
        _write(data, "", out)
    out.append("\n")
    yield "".join(out)


def render(estimate: Estimate) -> str:
    return dumps(estimate_data(estimate))


def render_chunks(estimate: Estimate) -> Iterator[str]:
    """render's text in pieces, each app's data made only as it is written."""
    return chunks(estimate_data(estimate, Stream))


def written(value: Any, indent: str = "") -> str:
    """``value`` as dumps writes it where it stands at ``indent`` inside a document (no newline after)."""
    out: list[str] = []
    _write(value, indent, out)
    return "".join(out)


def keyed(fields: Iterable[tuple[str, Iterable[str]]], indent: str) -> Iterator[str]:
    """A mapping written in pieces, as dumps writes it at ``indent``: ``fields`` are its keys in sorted
    order, each with its value's text in pieces (at ``indent`` plus two spaces); at least one field."""
    inner = indent + "  "
    for i, (key, pieces) in enumerate(fields):
        yield ("{\n" if i == 0 else ",\n") + inner + _string(key) + ": "
        yield from pieces
    yield "\n" + indent + "}"


def listed(items: Iterable[Iterable[str]], indent: str) -> Iterator[str]:
    """A list written in pieces, as dumps writes it at ``indent``: each item's text in pieces."""
    inner = indent + "  "
    first = True
    for pieces in items:
        yield ("[\n" if first else ",\n") + inner
        yield from pieces
        first = False
    yield "[]" if first else "\n" + indent + "]"


def gathered(pieces: Iterable[str]) -> Iterator[str]:
    """``pieces`` joined into pieces of about CHUNK characters."""
    out: list[str] = []
    size = 0
    for piece in pieces:
        out.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(out)
            out.clear()
            size = 0
    if out:
        yield "".join(out)
