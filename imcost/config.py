"""The user's config file: the seller's defaults for every quote, the language and the price book.

Looked up in this order, the first that applies wins:

1. ``$IMCOST_CONFIG``: a path; set (not empty) but missing is bad input naming the variable.
2. ``$XDG_CONFIG_HOME/imcost/config.yaml`` when XDG_CONFIG_HOME is set (not empty, absolute).
3. ``~/.config/imcost/config.yaml`` when XDG_CONFIG_HOME is not set (the XDG base directory rule).

A missing file at 2 or 3 is no config. The file is a mapping of ``seller``, ``contact``, ``tax``,
``valid_days``, ``lang`` and ``pricebook`` and nothing else, read as strictly as a plan (imcost.fields).

Every value is a default: a plan's ``quote:`` (and its own ``pricebook:``) overrides it, flags override
both. ``lang`` comes after ``--lang`` and ``IMCOST_LANG`` and before the locale, for people's formats
only (JSON and CSV stay English unless --lang or IMCOST_LANG says otherwise, as with the locale).

Finding no file costs a few environment reads and one stat: YAML is read only when a file exists.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imcost.errors import InputError, InputProblem, raise_if

CONFIG_KEYS = ("seller", "contact", "tax", "valid_days", "lang", "pricebook")
ENV_VARIABLE = "IMCOST_CONFIG"
XDG_VARIABLE = "XDG_CONFIG_HOME"
RELATIVE = Path("imcost") / "config.yaml"
KIND = "config file"


@dataclass(frozen=True)
class Place:
    """One place the config is looked for: how it is named, the path it means (None: its variable is not set)."""

    name: str
    path: str | None
    # "found", "no such file", "not set", or "not looked at: ..." (an earlier place decided).
    state: str


@dataclass(frozen=True)
class Config:
    """The config file's values; None for a key the file does not give."""

    file: str | None = None
    seller: str | None = None
    contact: str | None = None
    tax: str | None = None
    valid_days: int | None = None
    lang: str | None = None
    # A shipped id as written, or a file path joined to the config file's directory.
    pricebook: str | None = None


NO_CONFIG = Config()


def places(environ: Mapping[str, str] | None = None) -> tuple[Place, ...]:
    """Where the config is looked for, in order, and what was found at each (stat only, nothing read)."""
    env = os.environ if environ is None else environ
    found: list[Place] = []
    given = env.get(ENV_VARIABLE) or None
    xdg = env.get(XDG_VARIABLE) or None
    if xdg is not None and not os.path.isabs(xdg):
        xdg = None  # the XDG rule: a relative XDG_CONFIG_HOME is ignored
    home = os.path.join(os.path.expanduser("~"), ".config", str(RELATIVE))
    if given is not None:
        # Checked when read: a missing file here is an error, not "no config".
        found.append(Place(f"${ENV_VARIABLE}", given, _state(given)))
    else:
        found.append(Place(f"${ENV_VARIABLE}", None, "not set"))
    xdg_name = f"${XDG_VARIABLE}/{RELATIVE.as_posix()}"
    if given is not None:
        found.append(Place(xdg_name, None, f"not looked at: ${ENV_VARIABLE} is set"))
    elif xdg is None:
        found.append(Place(xdg_name, None, "not set"))
    else:
        path = os.path.join(xdg, str(RELATIVE))
        found.append(Place(xdg_name, path, _state(path)))
    home_name = f"~/.config/{RELATIVE.as_posix()}"
    if given is not None or xdg is not None:
        why = f"${ENV_VARIABLE} is set" if given is not None else f"${XDG_VARIABLE} is set"
        found.append(Place(home_name, home, f"not looked at: {why}"))
    else:
        found.append(Place(home_name, home, _state(home)))
    return tuple(found)


def _state(path: str) -> str:
    return "found" if os.path.exists(path) else "no such file"


def find(environ: Mapping[str, str] | None = None) -> tuple[str | None, tuple[Place, ...]]:
    """The config file in use (None: none) and every place looked at; a missing ``$IMCOST_CONFIG`` is bad input."""
    looked = places(environ)
    first = looked[0]
    if first.path is not None and first.state != "found":
        message = f"no such file {first.path!r}"
        raise InputError([InputProblem(ENV_VARIABLE, None, (), message, "point it at a config file or unset it")])
    chosen = next((p.path for p in looked if p.state == "found"), None)
    return chosen, looked


def load(path: str) -> Config:
    """Read and validate the config file at ``path``; InputError lists every problem, each with its line."""
    from imcost.fields import Fields
    from imcost.infile import UnreadableFile
    from imcost.language import parse as parse_lang
    from imcost.pricebook import is_book, unknown_book
    from imcost.quote import MAX_VALID_DAYS
    from imcost.yamldoc import load_file

    try:
        doc = load_file(Path(path), path, KIND)
    except UnreadableFile as exc:
        if exc.errno == errno.ENOENT:  # gone between the stat and the read
            return Config()
        raise
    reader = Fields(doc)
    data: Any = doc.data
    if data is None:  # comments only: nothing set
        return Config(file=path)
    found = reader.mapping(data, (), CONFIG_KEYS)
    texts = {key: reader.text(found[key], (key,)) if key in found else None for key in ("seller", "contact", "tax")}
    days = reader.count(found["valid_days"], ("valid_days",), MAX_VALID_DAYS) if "valid_days" in found else None
    lang: str | None = None
    if "lang" in found:
        written = reader.text(found["lang"], ("lang",))
        if written is not None:
            try:
                lang = parse_lang(written).value
            except ValueError as exc:
                reader.fail(("lang",), str(exc), "e.g. lang: zh")
    book: str | None = None
    if "pricebook" in found:
        ref = reader.text(found["pricebook"], ("pricebook",))
        base = Path(path).parent
        if ref is not None and not is_book(ref, base):
            reader.fail(("pricebook",), *unknown_book(ref, str(base / ref)))
        elif ref is not None:
            from imcost.pricebook import SHIPPED_BOOKS

            book = ref if ref in SHIPPED_BOOKS else str(base / ref)
    raise_if(reader.problems)
    return Config(path, texts["seller"], texts["contact"], texts["tax"], days, lang, book)


_current: list[Config | None] = [None]


def current() -> Config:
    """The config of the command under way, found and read once (``forget`` starts anew); NO_CONFIG without a file."""
    cached = _current[0]
    if cached is None:
        path, _ = find()
        cached = NO_CONFIG if path is None else load(path)
        _current[0] = cached
    return cached


def forget() -> None:
    """Start a new command: the config is looked up again when next asked for."""
    _current[0] = None


def settings(config: Config) -> list[tuple[str, Any, str]]:
    """Each key's merged value and where it came from (``config`` or ``default``), in CONFIG_KEYS order.

    The defaults: no seller, contact or tax; 30 days; the language of --lang, IMCOST_LANG or
    the locale (None); the shipped tencent-im price book.
    """
    from imcost.pricebook import DEFAULT_BOOK
    from imcost.quote import DEFAULT_VALID_DAYS

    defaults: dict[str, Any] = dict.fromkeys(CONFIG_KEYS)
    defaults["valid_days"] = DEFAULT_VALID_DAYS
    defaults["pricebook"] = DEFAULT_BOOK
    rows: list[tuple[str, Any, str]] = []
    for key in CONFIG_KEYS:
        value = getattr(config, key)
        rows.append((key, value, "config") if value is not None else (key, defaults[key], "default"))
    return rows
