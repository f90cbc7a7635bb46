"""The text of each page of a PDF that headless Chromium (Skia) printed, with the standard library only.

Enough of PDF for what Skia writes: numbered objects, Flate streams, fonts with
a ToUnicode CMap (bfchar and bfrange), and text drawn with hex strings by Tj and
TJ. Not a general PDF reader; the tests use it to check what a printed quote says.
"""

from __future__ import annotations

import re
import zlib

PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


def page_count(data: bytes) -> int:
    """The number of page objects (``/Type /Page``, not the ``/Pages`` tree)."""
    return len(PAGE.findall(data))


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m[1]): m[2] for m in re.finditer(rb"(?s)(\d+) 0 obj(.*?)endobj", data)}


def _stream(body: bytes) -> bytes:
    found = re.search(rb"(?s)stream\r?\n(.*)\r?\nendstream", body)
    if found is None:
        return b""
    raw = found[1]
    return zlib.decompress(raw) if b"/FlateDecode" in body[: found.start()] else raw


def _ref(body: bytes, key: bytes) -> int | None:
    found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
    return None if found is None else int(found[1])


def _cmap(text: bytes) -> dict[str, str]:
    """Glyph code (upper-case hex) -> the text it stands for."""
    table: dict[str, str] = {}
    for block in re.findall(rb"(?s)beginbfchar(.*?)endbfchar", text):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[src.decode().upper()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"(?s)beginbfrange(.*?)endbfrange", text):
        for low, high, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                table[f"{code:0{len(low)}X}"] = chr(start + i)
    return table


# Skia draws "fl" in "flagship" as one glyph; its text is the ligature character.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})

_OPS = re.compile(rb"/(\S+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(ET)", re.S)


def pages_text(data: bytes) -> list[str]:
    """Each page's text in drawing order, each text object ending in a space, ligatures (ﬂ) unfolded."""
    objects = _objects(data)
    pages: list[str] = []
    for _, body in sorted(objects.items()):
        if not PAGE.search(body):
            continue
        resources = _ref(body, b"Resources")
        held = objects[resources] if resources is not None else body
        fonts: dict[bytes, dict[str, str]] = {}
        listed = re.search(rb"(?s)/Font\s*<<(.*?)>>", held)
        for name, number in re.findall(rb"/(\S+?)\s+(\d+) 0 R", listed[1] if listed else b""):
            to_unicode = _ref(objects[int(number)], b"ToUnicode")
            fonts[name] = _cmap(_stream(objects[to_unicode])) if to_unicode is not None else {}
        contents = _ref(body, b"Contents")
        drawn = _stream(objects[contents]) if contents is not None else b""
        font: dict[str, str] = {}
        said: list[str] = []
        for op in _OPS.finditer(drawn):
            if op[1] is not None:
                font = fonts.get(op[1], {})
            elif op[4]:
                said.append(" ")
            else:
                strings = re.findall(rb"<([0-9A-Fa-f]*)>", op[2]) if op[2] is not None else [op[3]]
                width = len(next(iter(font))) if font else 4
                for hexes in (s.decode().upper() for s in strings):
                    said += [font.get(hexes[i : i + width], "\ufffd") for i in range(0, len(hexes), width)]
        pages.append("".join(said).translate(_LIGATURES))
    return pages
