"""``imcost compare`` over a range: one row per value, one column per edition, bars, break-even points."""

from __future__ import annotations

import bisect
import io
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.i18n import DEFAULT, edition_name, t, variable_label
from imcost.money import money_human, money_str
from imcost.quote import Quote, json_fields
from imcost.render.common import CHUNK, SCHEMA_VERSION, messages, pricebook_data, prices_line
from imcost.render.comparison import discounts_text
from imcost.sweep import BreakEven, Run, Sweep
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

    from imcost.pricebook import PriceBook

ROWS_MARK = "\x00rows\x00"
BAR_WIDTH = 24
EIGHTHS = " ▏▎▍▌▋▊▉"


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
    """The rows as ``json.JSONEncoder(sort_keys=True, ensure_ascii=False)`` writes each one's dict
    ``{"cheapest", "totals": {edition: total or null}, "value"}``, one per line, in pieces of about
    CHUNK characters: each run of rows with the same totals is written from one text, its value
    last (a total is null where the edition can't meet the needs)."""
    string = json.encoder.encode_basestring
    # (the edition's key, its place in a row's totals), in the sorted order of the keys
    slots = [(string(e) + ": ", i) for i, e in sorted(enumerate(sweep.editions), key=lambda p: p[1])]
    names = {e: string(e) for e in sweep.editions}

    def row(run: Run) -> tuple[str, str]:
        totals = ["null" if total is None else f'"{money_str(total)}"' for total in run.totals]
        cells = ", ".join([key + totals[i] for key, i in slots])
        cheapest = "null" if run.cheapest is None else names[run.cheapest]
        return '{"cheapest": ' + cheapest + ', "totals": {' + cells + '}, "value": ', "}"

    return _rows_text(sweep, row, str, ",\n    ")


def _rows_text(
    sweep: Sweep, row: Callable[[Run], tuple[str, str]], number: Callable[[int], str], sep: str
) -> Iterator[str]:
    """Every row's text, ``row``'s prefix + its value as ``number`` writes it + the suffix, the rows
    joined by ``sep``, in pieces of about CHUNK characters: the rows are never all held."""
    texts: list[str] = []  # each of one row or of a run's rows, joined by sep
    size = 0
    lead = ""
    for run in sweep.rows.runs():
        prefix, suffix = row(run)
        values = run.values
        if len(values) == 1:  # a sloped stretch has a run per value
            made: Iterable[str] = (prefix + number(values.start) + suffix,)
        else:
            glue = suffix + sep + prefix
            most = max(1, CHUNK // (len(glue) + 8))
            made = (prefix + glue.join(map(number, values[k : k + most])) + suffix for k in range(0, len(values), most))
        for text in made:
            texts.append(text)
            size += len(text)
            if size >= CHUNK:
                yield lead + sep.join(texts)
                texts, size, lead = [], 0, sep
    if texts:
        yield lead + sep.join(texts)


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


def dumps(sweep: Sweep, customer: str | None = None, quote: Quote | None = None) -> Iterator[str]:
    """Like jsonout.dumps (sorted keys, indented), but each row on one line: readable and fast for big
    sweeps. Written in pieces, the rows as they are worked out (see :func:`json_rows`)."""
    head = data(sweep, customer, quote)
    head["rows"] = ROWS_MARK
    text = json.dumps(head, sort_keys=True, ensure_ascii=False, indent=2)
    # "rows" is the last key but two, after every text a user writes (app, customer, quote).
    before, _, after = text.rpartition(json.dumps(ROWS_MARK))
    if not sweep.rows:
        yield before + "[]" + after + "\n"
        return
    yield before + "[\n    "
    yield from json_rows(sweep)
    yield "\n  ]" + after + "\n"


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
    values = sweep.rows.values
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


def _lowest(totals: tuple[Decimal | None, ...]) -> Decimal | None:
    """The lowest total that fits, ``None`` where none does."""
    return min((total for total in totals if total is not None), default=None)


class _Bars:
    """The rows as a table with the widest bars the width allows (down to 8 cells), else as blocks."""

    def __init__(self, sweep: Sweep, lang: str, shown: list[int]) -> None:
        self.sweep, self.lang, self.shown = sweep, lang, shown
        # Every bar is drawn to the scale of the highest of them, over every row (shown or not).
        lowest = (_lowest(run.totals) for run in sweep.rows.runs())
        self.scale = max((total for total in lowest if total is not None), default=Decimal(0))

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
        scale = self.scale
        cannot, none_fits = t("compare.cannot", lang), t("curve.none_fits", lang)
        for index in self.shown:
            row = sweep.rows[index]
            lowest = _lowest(row.totals)
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


def csv_text(sweep: Sweep, lang: str = DEFAULT) -> Iterator[str]:
    """The rows for a spreadsheet: value, one total per edition (blank: can't be bought), cheapest.

    The cells (plain amounts, edition ids) never change with the language; only the header does.
    Written in pieces, the rows as they are worked out.
    """
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow([sweep.variable.name, *sweep.editions, "cheapest"])
    yield out.getvalue()

    # Each edition's cell as the writer writes it (an id is the user's text): the cell after a value.
    cheapest: dict[str | None, str] = {None: ""}
    for edition in sweep.editions:
        out.seek(0)
        out.truncate()
        writer.writerow([0, edition])
        cheapest[edition] = out.getvalue()[2:-1]

    def row(run: Run) -> tuple[str, str]:
        # The row without its value (a number, never quoted): what follows it, written once per run.
        # An amount is a plain number, which the writer writes as it is.
        cells = ["" if total is None else money_str(total) for total in run.totals]
        return "", "," + ",".join(cells) + "," + cheapest[run.cheapest] + "\n"

    yield from _rows_text(sweep, row, str, "")


def markdown(sweep: Sweep, lang: str = DEFAULT) -> Iterator[str]:
    """The curve as a Markdown table with its notes, written in pieces, the rows as they are worked out."""
    head = [f"# {_title(sweep, lang)}", ""]
    head.append("| " + " | ".join(_header(sweep, lang)) + " |")
    head.append("|---:|" + "---:|" * len(sweep.editions) + "---|")
    yield "\n".join(head) + "\n"
    cannot, none_fits = t("compare.cannot", lang), t("curve.none_fits", lang)

    def row(run: Run) -> tuple[str, str]:
        cells = [cannot if total is None else money_human(total) for total in run.totals]
        return "| ", " | " + " | ".join(cells) + f" | {_name(sweep, run.cheapest, lang) or none_fits} |"

    if sweep.rows:
        yield from _rows_text(sweep, row, "{:,}".format, "\n")
        yield "\n"
    lines = [""]
    lines += [f"- {line}" for line in _notes(sweep, lang)]
    lines.append("")
    lines += [f"{line} ({visible(book.source)}).  " for book, line in _prices(sweep, lang)]
    lines[-1] = lines[-1].rstrip()
    yield "\n".join(lines) + "\n"


def render(
    sweep: Sweep, fmt: str, lang: str = DEFAULT, customer: str | None = None, quote: Quote | None = None
) -> Iterator[str] | RenderableType:
    """The curve in ``fmt`` (table, json, csv or markdown), text in pieces made as they are written;
    JSON carries ``customer`` and ``quote``."""
    if fmt == "table":
        return table(sweep, lang)
    if fmt == "json":
        return dumps(sweep, customer, quote)
    if fmt == "csv":
        return csv_text(sweep, lang)
    return markdown(sweep, lang)
