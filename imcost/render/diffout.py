"""A diff of two estimates: ``+ - ~`` lines per app and fee, then the total change."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from imcost.diff import Diff
from imcost.i18n import DEFAULT, fee_label, t
from imcost.money import money_human, money_str
from imcost.render.common import SCHEMA_VERSION
from imcost.render.listing import Column, Listing

NONE = "—"


def signed(amount: Decimal) -> str:
    """``+¥1,000.00``, ``-¥500.00``, ``¥0.00``."""
    sign = "+" if amount > 0 else "-" if amount < 0 else ""
    return sign + money_human(abs(amount))


def _money(amount: Decimal | None) -> str:
    return NONE if amount is None else money_human(amount)


def _percent(diff: Diff) -> str:
    return "" if diff.percent is None else f" ({'+' if diff.percent > 0 else ''}{diff.percent:.2f}%)"


def total_line(diff: Diff, lang: str = DEFAULT) -> str:
    return (
        f"{t('total', lang)}: {money_human(diff.old.total)} → {money_human(diff.new.total)}"
        f"  {signed(diff.delta)}{_percent(diff)}"
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def render_text(diff: Diff, lang: str = DEFAULT) -> str:
    rows = [
        (c.marker, c.app, fee_label(c.fee, lang), _money(c.old), _money(c.new), signed(c.delta) if c.delta else "")
        for c in diff.changes
    ]
    widths = [max((_width(r[i]) for r in rows), default=0) for i in range(6)]
    lines = [t("diff_title", lang, old=diff.old.file, new=diff.new.file)]
    for r in rows:
        line = (
            f"{r[0]} {_pad(r[1], widths[1])}  {_pad(r[2], widths[2])}  {_pad(r[3], widths[3], True)} → "
            f"{_pad(r[4], widths[4], True)}  {_pad(r[5], widths[5], True)}"
        )
        lines.append(line.rstrip())
    lines.append(total_line(diff, lang))
    return "\n".join(lines) + "\n"


def listing(diff: Diff, lang: str = DEFAULT) -> Listing:
    columns = [Column(""), Column(t("app", lang)), Column(t("fee", lang))]
    columns += [Column(t(k, lang), numeric=True) for k in ("old", "new", "change")]
    rows = [
        (c.marker, c.app, fee_label(c.fee, lang), _money(c.old), _money(c.new), signed(c.delta) if c.delta else "")
        for c in diff.changes
    ]
    title = t("diff_title", lang, old=diff.old.file, new=diff.new.file)
    return Listing(title, columns, rows, [total_line(diff, lang)])


def csv_listing(diff: Diff) -> Listing:
    rows = [
        (c.kind, c.app, c.fee, "" if c.old is None else c.old, "" if c.new is None else c.new, c.delta)
        for c in diff.changes
    ]
    return Listing("", [Column(h) for h in ("change", "app", "fee", "old", "new", "delta")], rows)


def data(diff: Diff) -> dict[str, Any]:
    """The diff for scripts: amounts as strings, ``null`` where a side has no such fee."""

    def opt(amount: Decimal | None) -> str | None:
        return None if amount is None else money_str(amount)

    return {
        "schema_version": SCHEMA_VERSION,
        "old": diff.old.file,
        "new": diff.new.file,
        "total_old": money_str(diff.old.total),
        "total_new": money_str(diff.new.total),
        "delta": money_str(diff.delta),
        "delta_percent": None if diff.percent is None else money_str(diff.percent),
        "changes": [
            {
                "change": c.kind,
                "app": c.app,
                "fee": c.fee,
                "old": opt(c.old),
                "new": opt(c.new),
                "delta": money_str(c.delta),
            }
            for c in diff.changes
        ],
    }
