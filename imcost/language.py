"""Which language people's output is in: ``--lang``, ``IMCOST_LANG``, the config file, else the locale.

``--lang`` and ``IMCOST_LANG`` take a language (``zh``, ``en``) or a locale name
(``zh_CN``, ``zh-CN``, ``zh_CN.UTF-8``, ``en_US.UTF-8``). Without either, the config
file's ``lang`` (imcost.config), else a locale whose language is Chinese (``LC_ALL``,
else ``LC_MESSAGES``, else ``LANG``, the POSIX order) chooses Chinese for the formats
people read; the machine formats
(JSON, CSV) then stay English, so a script's output does not change with the
desktop it runs on. An explicit choice applies to every format.
"""

from __future__ import annotations

import enum
import os

MACHINE_FORMATS = frozenset({"json", "csv"})
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class Lang(str, enum.Enum):
    en = "en"
    zh = "zh"


def parse(text: str | Lang) -> Lang:
    """``zh``, ``zh_CN``, ``zh-CN``, ``zh_CN.UTF-8``, ``en_US`` ... as a language; ValueError for any other."""
    if isinstance(text, Lang):
        return text
    language = _language(text)
    if language is None:
        raise ValueError(f"{text!r} is not one of en, zh")
    return Lang(language)


def _language(name: str) -> str | None:
    """The language part of a locale name (``zh`` of ``zh_CN.UTF-8@pinyin``), when imcost speaks it."""
    base = name.strip().lower().split(".", 1)[0].split("@", 1)[0].replace("-", "_").split("_", 1)[0]
    return base if base in Lang.__members__ else None


def from_locale(environ: dict[str, str] | None = None) -> Lang | None:
    """Chinese when the locale's language is Chinese; None otherwise (``C``, ``en_US``, ``fr_FR``, unset)."""
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = env.get(variable)
        if value:
            # The first variable set decides, as in POSIX: LC_ALL=C wins over LANG=zh_CN.UTF-8.
            return Lang.zh if _language(value) == "zh" else None
    return None


def for_format(chosen: Lang | None, fmt: str, configured: Lang | None = None) -> Lang:
    """The language of output in ``fmt``: the explicit choice, else for people's formats the config
    file's ``lang`` (``configured``), else the locale's, else en."""
    if chosen is not None:
        return chosen
    if fmt in MACHINE_FORMATS:
        return Lang.en
    return configured or from_locale() or Lang.en
