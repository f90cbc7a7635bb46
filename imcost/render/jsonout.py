"""JSON: one document, sorted keys, amounts as strings; a stable interface for scripts."""

from __future__ import annotations

import json
from typing import Any

from imcost.engine import Estimate
from imcost.render.common import estimate_data

_string = json.encoder.encode_basestring  # C-accelerated, keeps non-ASCII as is
_LITERALS = {True: "true", False: "false"}


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


def render(estimate: Estimate) -> str:
    return dumps(estimate_data(estimate))
