"""A diff of two estimates: ``+ - ~`` lines per app and fee, then the total change."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.diff import Diff
from imcost.i18n import DEFAULT, colon, edition_name, fee_label, t
from imcost.money import money_human, money_str
from imcost.pricebook import PriceBook
from imcost.render.common import SCHEMA_VERSION
from imcost.render.listing import Column, Listing
from imcost.textsafe import visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

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
        f"{t('total', lang)}{colon(lang)}{money_human(diff.old.total)} → {money_human(diff.new.total)}"
        f"  {signed(diff.delta)}{_percent(diff)}"
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


def title(diff: Diff, lang: str = DEFAULT) -> str:
    """``imcost diff: old → new``, with each side's month when they differ."""
    old, new = diff.old, diff.new
    if old.month != new.month and old.month and new.month:
        return t("diff_title", lang, old=f"{old.file} ({old.month})", new=f"{new.file} ({new.month})")
    return t("diff_title", lang, old=old.file, new=new.file)


def rows(diff: Diff, lang: str = DEFAULT, book: PriceBook | None = None) -> list[tuple[str, str, str, str, str, str]]:
    """One row per app whose edition changed, then one per app and fee: marker, app, what, old, new, change."""

    def name(edition_id: str) -> str:
        edition = book.edition(edition_id) if book is not None else None
        return edition_id if edition is None else edition_name(edition, lang)

    # Apps, fees and editions of a saved JSON are the user's text: made visible for people.
    editions = [
        ("~", visible(app), t("edition", lang), visible(name(old)), visible(name(new)), "")
        for app, old, new in diff.edition_changes
    ]
    return editions + [
        (
            c.marker,
            visible(c.app),
            visible(fee_label(c.fee, lang)),
            _money(c.old),
            _money(c.new),
            signed(c.delta) if c.delta else "",
        )
        for c in diff.changes
    ]


def _aligned(rows_: list[tuple[str, str, str, str, str, str]]) -> list[str]:
    widths = [max((_width(r[i]) for r in rows_), default=0) for i in range(6)]
    return [
        (
            f"{r[0]} {_pad(r[1], widths[1])}  {_pad(r[2], widths[2])}  {_pad(r[3], widths[3], True)} → "
            f"{_pad(r[4], widths[4], True)}  {_pad(r[5], widths[5], True)}"
        ).rstrip()
        for r in rows_
    ]


def render_text(diff: Diff, lang: str = DEFAULT, book: PriceBook | None = None) -> RenderableType:
    """The aligned lines where they fit the width, else a block per change (imcost.render.fit)."""
    return _DiffLines(diff, lang, book)


class _DiffLines:
    def __init__(self, diff: Diff, lang: str, book: PriceBook | None) -> None:
        self.diff, self.lang, self.book = diff, lang, book

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.padding import Padding
        from rich.text import Text

        from imcost.render.fit import Words, prose

        diff, lang = self.diff, self.lang
        rows_ = rows(diff, lang, self.book)
        lines = _aligned(rows_)
        # The files' names whole on one line, however long: a path broken in two can't be copied.
        yield Text(title(diff, lang), no_wrap=True, overflow="ignore")
        if max((_width(line) for line in lines), default=0) <= options.max_width:
            yield from (Text(line) for line in lines)
        else:
            labels = [t(k, lang) for k in ("old", "new", "change")]
            for marker, app, what, *amounts in rows_:
                yield Words(f"{marker} {app}  {what}")
                for label, amount in zip(labels, amounts, strict=True):
                    if amount:
                        yield Padding(Words(f"{label}{colon(lang)}{amount}"), (0, 0, 0, 2))
        yield prose(total_line(diff, lang), lang)


def listing(diff: Diff, lang: str = DEFAULT, book: PriceBook | None = None) -> Listing:
    columns = [Column(""), Column(t("app", lang)), Column(t("fee", lang))]
    columns += [Column(t(k, lang), numeric=True) for k in ("old", "new", "change")]
    return Listing(title(diff, lang), columns, rows(diff, lang, book), [total_line(diff, lang)])


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
        "month_old": diff.old.month or None,
        "month_new": diff.new.month or None,
        "editions": [
            {"app": app, "old": diff.old.editions.get(app) or None, "new": diff.new.editions.get(app) or None}
            for app in dict.fromkeys([*diff.old.editions, *diff.new.editions])
        ],
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
