"""Markdown: a table per app and the total, to paste into a quote or a ticket."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT, colon, edition_title, fee_label, t, word
from imcost.money import money_human
from imcost.render.columns import column_widths, width
from imcost.render.common import (
    books_used,
    description,
    discount_text,
    has_discounts,
    line_chunks,
    message,
    nearest_lines,
    prices_lines,
    quantity_text,
    quote_fields,
    total_text,
)
from imcost.textsafe import visible


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|")


def table_row(cells: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    """``| a   |     ¥1.00 |``: cells (already escaped) padded to the page's widths, amounts to the right."""
    padded = (
        " " * (size - width(cell)) + cell if is_right else cell + " " * (size - width(cell))
        for cell, size, is_right in zip(cells, widths, right, strict=True)
    )
    return "| " + " | ".join(padded) + " |"


def rule_row(widths: Sequence[int], right: Sequence[bool]) -> str:
    """The line under the header: ``|------|-----:|``, as wide as the padded cells."""
    return "|" + "|".join("-" * (w + 1) + ":" if r else "-" * (w + 2) for w, r in zip(widths, right, strict=True)) + "|"


def _app_rows(app: AppEstimate, lang: str, discounted: bool) -> Iterator[list[str]]:
    """An app's table rows as escaped cells: one per item, then the total."""
    for item in app.items:
        money = (
            [money_human(item.list_price), discount_text(item), money_human(item.amount)]
            if discounted
            else [money_human(item.amount)]
        )
        cells = (
            fee_label(item.fee, lang),
            description(item, lang),
            quantity_text(item, lang),
            money_human(item.unit_price),
            *money,
            word(item.billing, lang),
        )
        yield [_cell(c) for c in cells]
    blanks = [""] * (3 if discounted else 1)
    yield [f"**{t('total', lang)}**", "", "", *blanks, f"**{money_human(app.total)}**", ""]


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    return "\n".join(line for block in _blocks(estimate, lang) for line in block) + "\n"


def render_chunks(estimate: Estimate, lang: str = DEFAULT) -> Iterator[str]:
    """render's text in pieces, each app's lines made only as they are written."""
    return line_chunks(_blocks(estimate, lang))


def _blocks(estimate: Estimate, lang: str) -> Iterator[list[str]]:
    """The document's lines: the heading, then a block per app, then the total and the sources."""
    month = str(estimate.month)
    discounted = has_discounts(estimate)
    lines = [f"# {t('estimate_for', lang, month=month)}", ""]
    if estimate.customer:
        lines += [f"**{t('customer', lang)}{colon(lang).rstrip()}** {_cell(estimate.customer)}", ""]
    fields = quote_fields(estimate.quote, lang)
    if fields:
        lines += [f"- **{label}{colon(lang).rstrip()}** {_cell(value)}" for label, value in fields] + [""]
    quote = estimate.quote
    if quote is not None and quote.tax is not None:
        lines += [_cell(quote.tax), ""]
    if quote is not None and quote.notes is not None:
        # A hard line break ("  ") keeps the notes' own lines apart.
        notes = "  \n".join(_cell(n) for n in quote.notes.splitlines())
        lines += [f"**{t('notes', lang)}{colon(lang).rstrip()}**", "", notes, ""]
    yield lines
    money_columns = ["list_amount", "discount", "amount"] if discounted else ["amount"]
    columns = ["fee", "description", "quantity", "unit_price", *money_columns, "billing"]
    right = [False, False, *[True] * (len(columns) - 3), False]
    head = [t(c, lang) for c in columns]
    # Every app's table has the same column widths, so the page's tables line up (a first pass over the cells).
    widths = column_widths([head, *(row for app in estimate.apps for row in _app_rows(app, lang, discounted))])
    for app in estimate.apps:
        lines = [f"## {_cell(app.app.name)}: {edition_title(app.edition, lang)}", ""]
        lines.append(table_row(head, widths, right))
        lines.append(rule_row(widths, right))
        lines += [table_row(row, widths, right) for row in _app_rows(app, lang, discounted)]
        lines.append("")
        if app.problems:
            lines.append(f"**{t('not_feasible_as_written', lang)}**")
            lines.append("")
            lines += [f"- {_cell(message(p, lang))}" for p in app.problems]
            lines.append("")
        yield lines
    book = estimate.book
    lines = []
    if estimate.feasible:
        lines.append(f"**{total_text(estimate, lang)}** ({book.currency})")
    else:
        lines.append(f"**{total_text(estimate, lang)}**")
        lines += [""] + [f"- {_cell(line)}" for line in nearest_lines(estimate, lang)]
    lines.append("")
    used = books_used(estimate)
    for (priced, _), line in zip(used, prices_lines(estimate, lang), strict=True):
        lines.append(f"{line} ({visible(priced.source)}).")
    yield lines
