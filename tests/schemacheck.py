"""A tiny JSON Schema validator for the subset imcost's schemas use (the plan file's and the outputs').

``type``, ``pattern`` (strings only), ``minimum`` (numbers only), ``const``, ``enum``, ``required``,
``properties``, ``additionalProperties`` (false, or a schema for the values of a map keyed by name),
``items``, ``minItems``/``maxItems``, ``anyOf``, ``oneOf`` and ``$ref`` to ``#/$defs/...``: enough to check
every document, without a dependency.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_KINDS: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
    "number": (int, float),
    "null": type(None),
}


def _is(value: Any, kind: str) -> bool:
    # JSON's true is not a number, though Python's bool is an int.
    return isinstance(value, _KINDS[kind]) and not (kind in ("integer", "number") and isinstance(value, bool))


def check(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "") -> list[str]:
    """What is wrong with ``value`` against ``schema`` (``root`` holds the ``$defs``): empty when it is valid."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return check(value, target, root, path)
    if isinstance(value, date):
        value = value.isoformat()  # a YAML date is a string to JSON Schema tools
    errors: list[str] = []
    types = schema.get("type")
    if types is not None:
        wanted = [types] if isinstance(types, str) else types
        if not any(_is(value, t) for t in wanted):
            return [f"{path}: {value!r} is not {types}"]
    if "const" in schema and (value != schema["const"] or type(value) is not type(schema["const"])):
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if (_is(value, "number")) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        for i, item in enumerate(value):
            errors += check(item, schema.get("items", {}), root, f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        others = schema.get("additionalProperties", True)
        errors += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in props:
                errors += check(item, props[key], root, f"{path}.{key}")
            elif others is False:
                errors.append(f"{path}: unknown key {key}")
            elif isinstance(others, dict):
                errors += check(item, others, root, f"{path}.{key}")
    for keyword, needed in (("anyOf", None), ("oneOf", 1)):
        if keyword in schema:
            passing = sum(not check(value, s, root, path) for s in schema[keyword])
            if (needed is None and passing == 0) or (needed is not None and passing != needed):
                errors.append(f"{path}: {passing} of {keyword} match")
    return errors
