"""``imcost compare`` over a range: one row per value, one column per edition, bars, break-even points."""

from __future__ import annotations

import bisect
import io
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.i18n import DEFAULT, edition_name, t, variable_label
from imcost.money import money_human, money_str
from imcost.quote import Quote, json_fields
from imcost.render.common import SCHEMA_VERSION, messages, pricebook_data, prices_line
from imcost.render.comparison import discounts_text
from imcost.sweep import BreakEven, Sweep
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

    from imcost.pricebook import PriceBook

ROWS_MARK = "\x00rows\x00"
BAR_WIDTH = 24
EIGHTHS = " ▏▎▍▌▋▊▉"


def _money_cache() -> Callable[[Decimal | None], str | None]:
    """money_str, memoised: a curve has few distinct totals and up to a million cells."""
    seen: dict[Decimal, str] = {}

    def text(amount: Decimal | None) -> str | None:
        if amount is None:
            return None
        found = seen.get(amount)
        if found is None:
            found = seen[amount] = money_str(amount)
        return found

    return text


def data(sweep: Sweep, customer: str | None = None, quote: Quote | None = None) -> dict[str, Any]:
    """JSON-ready, but for ``rows`` (one per value: see :func:`json_rows`, which writes them as text).

    ``customer`` and ``quote``: the quote's details (imcost.quote.resolve), null when absent.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        **json_fields(customer, quote),
        "month": str(sweep.month),
        "currency": sweep.book.currency,
        "pricebook": pricebook_data(sweep.book),
        # each edition's book version: across vendors they differ (editions then read BOOK:EDITION)
        "pricebooks": {key: pricebook_data(sweep.book_of(key)) for key in sweep.editions},
        "app": sweep.app.name,
        "variable": sweep.variable.name,
        "editions": list(sweep.editions),
        "break_even": [{"at": b.at, "from": b.before, "to": b.after} for b in sweep.break_even],
        "no_break_even": _none_data(sweep),
    }


def json_rows(sweep: Sweep) -> Iterator[str]:
    """Each row as ``json.JSONEncoder(sort_keys=True, ensure_ascii=False)`` writes its dict
    ``{"cheapest", "totals": {edition: total or null}, "value"}``, made straight from the row:
    a million values make no million dicts (a total is null where the edition can't meet the needs)."""
    money = _money_cache()
    string = json.encoder.encode_basestring
    # (the edition's key, its place in a row's totals), in the sorted order of the keys
    slots = [(string(e) + ": ", i) for i, e in sorted(enumerate(sweep.editions), key=lambda p: p[1])]
    names = {e: string(e) for e in sweep.editions}
    for row in sweep.rows:
        totals = row.totals
        cells = ", ".join(
            [key + ("null" if totals[i] is None else '"' + (money(totals[i]) or "") + '"') for key, i in slots]
        )
        cheapest = "null" if row.cheapest is None else names[row.cheapest]
        yield '{"cheapest": ' + cheapest + ', "totals": {' + cells + '}, "value": ' + str(row.value) + "}"


def _none_data(sweep: Sweep) -> dict[str, Any] | None:
    """JSON's why there is no break-even point (null when there is one)."""
    none = sweep.none
    if none is None:
        return None
    return {
        "cheapest": none.cheapest,
        "steady": [{"edition": s.edition, "more": money_str(s.more)} for s in none.steady],
        "never": [{"edition": n.edition, "reason": messages(n.problems)} for n in none.never],
    }


def dumps(sweep: Sweep, customer: str | None = None, quote: Quote | None = None) -> str:
    """Like jsonout.dumps (sorted keys, indented), but each row on one line: readable and fast for big sweeps."""
    head = data(sweep, customer, quote)
    head["rows"] = ROWS_MARK
    text = json.dumps(head, sort_keys=True, ensure_ascii=False, indent=2)
    if sweep.rows:
        listed = "[\n    " + ",\n    ".join(json_rows(sweep)) + "\n  ]"
    else:
        listed = "[]"
    return text.replace(json.dumps(ROWS_MARK), listed, 1) + "\n"


def bar(amount: Decimal, scale: Decimal, width: int = BAR_WIDTH) -> str:
    """A horizontal bar, ``amount / scale`` of ``width`` cells, drawn to an eighth of a cell."""
    if scale <= 0:
        return ""
    eighths = int(amount * width * 8 / scale)
    return "█" * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def label(sweep: Sweep, key: str, lang: str = DEFAULT) -> str:
    """An edition as people read it: ``pro``; across vendors ``Easemob pro`` (the book's vendor, else its id)."""
    name = edition_name(sweep.edition(key), lang)
    if sweep.choices is None:
        return name
    book = sweep.book_of(key)
    return f"{visible(book.vendor or book.id)} {name}"


def _name(sweep: Sweep, edition: str | None, lang: str) -> str | None:
    return None if edition is None else label(sweep, edition, lang)


def _prices(sweep: Sweep, lang: str) -> list[tuple[PriceBook, str]]:
    """The "Prices:" line of each book of the sweep; across vendors each named by its id."""
    if sweep.choices is None:
        return [(sweep.book, prices_line(sweep.book, lang))]
    return [(b, t("prices_apps", lang, apps=visible(b.id), line=prices_line(b, lang))) for b in sweep.books]


def describe(b: BreakEven, sweep: Sweep, lang: str = DEFAULT) -> str:
    """``break-even at dau 101: trial → pro``."""
    return t(
        "curve.break_even",
        lang,
        variable=variable_label(sweep.variable.name, lang),
        at=f"{b.at:,}",
        before=_name(sweep, b.before, lang) or t("curve.no_edition", lang),
        after=_name(sweep, b.after, lang) or t("curve.no_edition_fits", lang),
    )


def why_none(sweep: Sweep, lang: str = DEFAULT) -> list[str]:
    """Why there is no break-even point: one edition is cheapest throughout, and each other edition either
    costs a constant amount more (said with the amount) or never fits (said with why)."""
    none = sweep.none
    if none is None:
        return []

    def name(edition: str) -> str:
        return label(sweep, edition, lang)

    if none.cheapest is None:
        lines = [t("curve.none_ever_fits", lang)]
    else:
        lines = [t("curve.no_break_even", lang, edition=name(none.cheapest))]
    for s in none.steady:
        key = "curve.steady_more" if s.more > 0 else "curve.steady_same"
        lines.append(t(key, lang, edition=name(s.edition), more=money_human(s.more), cheapest=name(s.cheapest)))
    for n in none.never:
        lines.append(t("curve.never_fits", lang, edition=name(n.edition), why=messages(n.problems, lang)))
    return lines


def _notes(sweep: Sweep, lang: str) -> list[str]:
    """The lines under the curve: each break-even point (or why there is none), the discounts."""
    lines = [describe(b, sweep, lang) for b in sweep.break_even] or why_none(sweep, lang)
    if sweep.app.discounts:
        lines.append(t("compare.net_of", lang, discounts=discounts_text(sweep.app.discounts)))
    return lines


def _title(sweep: Sweep, lang: str) -> str:
    variable = variable_label(sweep.variable.name, lang)
    return t("curve.title", lang, app=sweep.app.name, variable=variable, month=str(sweep.month))


def _header(sweep: Sweep, lang: str) -> list[str]:
    """The variable, one column per edition, the cheapest: ids in English, labels in Chinese."""
    names = [label(sweep, e, lang) for e in sweep.editions]
    return [variable_label(sweep.variable.name, lang), *names, t("curve.cheapest", lang)]


# A bar chart of more rows than this is not read, only scrolled (and Rich takes a minute over 100,000).
TABLE_ROWS = 60


def shown_rows(sweep: Sweep, most: int = TABLE_ROWS) -> list[int]:
    """Which rows the table draws: all of a short range; else evenly spread ones, the first and
    last, and on each side of every break-even point, so the chart still shows where it turns."""
    count = len(sweep.rows)
    if count <= most:
        return list(range(count))
    picked = {round(i * (count - 1) / (most - 1)) for i in range(most)}
    values = [row.value for row in sweep.rows]
    for point in sweep.break_even:
        after = bisect.bisect_left(values, point.at)
        picked.update(i for i in (after - 1, after) if 0 <= i < count)
    return sorted(picked)


# Narrower bars a table may draw before it is laid out as blocks.
BAR_WIDTHS = (BAR_WIDTH, 16, 12, 8)


def table(sweep: Sweep, lang: str = DEFAULT) -> RenderableType:
    """The curve as bars: each row's bar is the cheapest total that fits, labelled with its edition."""
    from rich.console import Group

    from imcost.render.fit import prose

    shown = shown_rows(sweep)
    parts: list[RenderableType] = [_Bars(sweep, lang, shown)]
    if len(shown) < len(sweep.rows):
        parts.append(prose(t("curve.rows_shown", lang, shown=f"{len(shown):,}", total=f"{len(sweep.rows):,}"), lang))
    parts += [prose(line, lang, "bold") for line in _notes(sweep, lang)]
    parts += [prose(line, lang, "dim") for _, line in _prices(sweep, lang)]
    return Group(*parts)


class _Bars:
    """The rows as a table with the widest bars the width allows (down to 8 cells), else as blocks."""

    def __init__(self, sweep: Sweep, lang: str, shown: list[int]) -> None:
        self.sweep, self.lang, self.shown = sweep, lang, shown

    def grid(self, width: int) -> Table:
        from rich import box
        from rich.table import Table

        sweep, lang = self.sweep, self.lang
        grid = Table(title=_title(sweep, lang), title_justify="left", box=box.SIMPLE_HEAD)
        first, *editions, cheapest = _header(sweep, lang)
        grid.add_column(first, justify="right", no_wrap=True)
        for edition in editions:
            grid.add_column(edition, justify="right", no_wrap=True)
        grid.add_column(cheapest, no_wrap=True)
        best = [min((total for total in row.totals if total is not None), default=None) for row in sweep.rows]
        scale = max((total for total in best if total is not None), default=Decimal(0))
        cannot, none_fits = t("compare.cannot", lang), t("curve.none_fits", lang)
        for index in self.shown:
            row, lowest = sweep.rows[index], best[index]
            cells = [cannot if total is None else money_human(total) for total in row.totals]
            curve = none_fits if lowest is None else f"{bar(lowest, scale, width)} {_name(sweep, row.cheapest, lang)}"
            grid.add_row(f"{row.value:,}", *cells, curve)
        return grid

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from imcost.render.fit import Fitted, fits

        for width in BAR_WIDTHS:
            grid = self.grid(width)
            if fits(grid, console, options):
                yield grid
                return
        yield Fitted(self.grid(BAR_WIDTH), self.lang, label_first=True)


def csv_text(sweep: Sweep, lang: str = DEFAULT) -> str:
    """The rows for a spreadsheet: value, one total per edition (blank: can't be bought), cheapest.

    The cells (plain amounts, edition ids) never change with the language; only the header does.
    """
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([sweep.variable.name, *sweep.editions, "cheapest"])
    money = _money_cache()
    for row in sweep.rows:
        writer.writerow([row.value, *(money(total) or "" for total in row.totals), row.cheapest or ""])
    return out.getvalue()


def markdown(sweep: Sweep, lang: str = DEFAULT) -> str:
    lines = [f"# {_title(sweep, lang)}", ""]
    lines.append("| " + " | ".join(_header(sweep, lang)) + " |")
    lines.append("|---:|" + "---:|" * len(sweep.editions) + "---|")
    cannot, none_fits = t("compare.cannot", lang), t("curve.none_fits", lang)
    for row in sweep.rows:
        cells = [cannot if total is None else money_human(total) for total in row.totals]
        lines.append(
            f"| {row.value:,} | " + " | ".join(cells) + f" | {_name(sweep, row.cheapest, lang) or none_fits} |"
        )
    lines.append("")
    lines += [f"- {line}" for line in _notes(sweep, lang)]
    lines.append("")
    lines += [f"{line} ({visible(book.source)}).  " for book, line in _prices(sweep, lang)]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"


def render(
    sweep: Sweep, fmt: str, lang: str = DEFAULT, customer: str | None = None, quote: Quote | None = None
) -> str | RenderableType:
    """The curve in ``fmt`` (table, json, csv or markdown); JSON carries ``customer`` and ``quote``."""
    if fmt == "table":
        return table(sweep, lang)
    if fmt == "json":
        return dumps(sweep, customer, quote)
    if fmt == "csv":
        return csv_text(sweep, lang)
    return markdown(sweep, lang)
