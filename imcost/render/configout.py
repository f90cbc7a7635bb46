"""``imcost config``: the config file in use (or where it was looked for) and each value with where it came from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from imcost.config import Config, Place, settings
from imcost.render.common import SCHEMA_VERSION
from imcost.render.listing import Column, Listing

PRECEDENCE = (
    "Flags override a plan's quote: and pricebook:, which override this file; "
    "lang: --lang, then IMCOST_LANG, then this file, then the locale (json and csv stay English)."
)


def data(path: str | None, places: Sequence[Place], config: Config) -> dict[str, Any]:
    """JSON-ready: the file in use (null: none), every place looked at in order, each value and its source."""
    return {
        "schema_version": SCHEMA_VERSION,
        "file": path,
        "searched": [{"place": p.name, "path": p.path, "state": p.state} for p in places],
        "values": {key: {"value": value, "source": source} for key, value, source in settings(config)},
    }


def _shown(value: Any) -> str:
    return "-" if value is None else str(value)


def listing(path: str | None, places: Sequence[Place], config: Config) -> Listing:
    """For people: the values as rows, where the file was looked for and the precedence as notes."""
    title = "Config file in use" if path is not None else "No config file found"
    rows = [(key, _shown(value), source) for key, value, source in settings(config)]
    looked = [f"File: {path}"] if path is not None else []
    looked += ["Looked for, in order:"] + [
        f"{i}. {p.name}" + (f" ({p.path})" if p.path is not None and p.path != p.name else "") + f": {p.state}"
        for i, p in enumerate(places, 1)
    ]
    return Listing(title, [Column("key"), Column("value"), Column("from")], rows, [*looked, PRECEDENCE])


def csv_listing(config: Config) -> Listing:
    """For scripts: key, value (empty when none), source."""
    rows = [(key, "" if value is None else str(value), source) for key, value, source in settings(config)]
    return Listing("", [Column("key"), Column("value"), Column("source")], rows)
