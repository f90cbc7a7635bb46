"""``imcost compare`` output: one column per edition, one row per fee, the cheapest that fits marked.

Amounts are what the app would pay: with a plan's discounts, the net amounts,
and people's formats add the list price and the discount above the total.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.compare import Comparison
from imcost.engine import AppEstimate
from imcost.i18n import DEFAULT, edition_name, edition_title, fee_label, t
from imcost.money import money_human, money_str, number_str
from imcost.quote import Quote, json_fields
from imcost.render.common import SCHEMA_VERSION, item_data, messages, pricebook_data, prices_line, problem_data
from imcost.rules.base import FEE_IDS
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import RenderableType


def fee_totals(estimate: AppEstimate) -> dict[str, Decimal]:
    """Amount per fee id (barrage has one item per region)."""
    totals: dict[str, Decimal] = {}
    for item in estimate.items:
        totals[item.fee] = totals.get(item.fee, Decimal(0)) + item.amount
    return totals


def fees_charged(comparison: Comparison) -> list[str]:
    """Fee ids any edition that fits is charged, in the engine's order."""
    charged = {fee for r in comparison.results if r.feasible for fee in fee_totals(r)}
    return [fee for fee in FEE_IDS if fee in charged]


def list_total(estimate: AppEstimate) -> Decimal:
    return sum((item.list_price for item in estimate.items), Decimal(0))


def discounted(estimates: tuple[AppEstimate, ...]) -> bool:
    """Whether a discount takes anything off an edition that fits: people's formats then show list and discount."""
    return any(item.discount_percent for e in estimates if e.feasible for item in e.items)


def discounts_text(discounts: Mapping[str, Decimal]) -> str:
    """``package 12.5%, all 5%``: the plan's discounts as it wrote them."""
    return ", ".join(f"{fee} {number_str(percent)}%" for fee, percent in discounts.items())


def choice_title(comparison: Comparison, estimate: AppEstimate, lang: str = DEFAULT) -> str:
    """An edition's column and summary name: ``pro (专业版)``; across vendors ``Easemob pro (专业版)``."""
    name = edition_title(estimate.edition, lang)
    return f"{visible(estimate.book.vendor or estimate.book.id)} {name}" if comparison.mixed else name


def short_name(comparison: Comparison, estimate: AppEstimate, lang: str = DEFAULT) -> str:
    """``pro`` in running text; across vendors ``Easemob pro``."""
    name = edition_name(estimate.edition, lang)
    return f"{visible(estimate.book.vendor or estimate.book.id)} {name}" if comparison.mixed else name


def column_id(comparison: Comparison, estimate: AppEstimate) -> str:
    """A machine column name: ``pro``; across vendors ``easemob-im:pro``."""
    return f"{estimate.book.id}:{estimate.edition.id}" if comparison.mixed else estimate.edition.id


def prices_lines(comparison: Comparison, lang: str = DEFAULT) -> list[str]:
    """The "Prices:" line; across vendors one per book, named by its id."""
    if not comparison.mixed:
        return [prices_line(comparison.book, lang)]
    return [t("prices_apps", lang, apps=visible(b.id), line=prices_line(b, lang)) for b in comparison.books]


def result_data(estimate: AppEstimate) -> dict[str, Any]:
    return {
        "edition": estimate.edition.id,
        "pricebook": pricebook_data(estimate.book),
        "feasible": estimate.feasible,
        "total": money_str(estimate.total) if estimate.feasible else None,
        "items": [item_data(i) for i in estimate.items],
        "problems": [problem_data(p) for p in estimate.problems],
    }


def data(comparison: Comparison, customer: str | None = None, quote: Quote | None = None) -> dict[str, Any]:
    """JSON-ready: ``total`` is null for an edition that can't meet the needs (its problems say why).

    ``customer`` and ``quote``: the quote's details (imcost.quote.resolve), null when absent.
    """
    best = comparison.cheapest
    return {
        "schema_version": SCHEMA_VERSION,
        **json_fields(customer, quote),
        "month": str(comparison.month),
        "currency": comparison.book.currency,
        "pricebook": pricebook_data(comparison.book),
        "app": comparison.app.name,
        "results": [result_data(r) for r in comparison.results],
        "cheapest": best.edition.id if best else None,
        "cheapest_pricebook": best.book.id if best else None,
    }


def reasons(estimate: AppEstimate, lang: str = DEFAULT) -> str:
    return messages(estimate.problems, lang)


def _summary(comparison: Comparison, lang: str) -> list[str]:
    lines = [
        "✗ " + t("compare.why_not", lang, edition=short_name(comparison, r, lang), reasons=reasons(r, lang))
        for r in comparison.results
        if not r.feasible
    ]
    best = comparison.cheapest
    if best is None:
        lines.append(t("compare.none_fits", lang))
    else:
        lines.append(
            "✓ "
            + t("compare.cheapest", lang, edition=choice_title(comparison, best, lang), amount=money_human(best.total))
        )
    if comparison.app.discounts:
        lines.append(t("compare.net_of", lang, discounts=discounts_text(comparison.app.discounts)))
    return lines


def _fee_rows(comparison: Comparison, lang: str) -> list[list[str]]:
    """One row per fee charged, then list price and discount when a discount applies; amounts for people."""
    results = comparison.results
    per_fee = [fee_totals(r) for r in results]
    rows = [
        [
            fee_label(fee, lang),
            *(
                (money_human(a[fee]) if fee in a else "-") if r.feasible else ""
                for r, a in zip(results, per_fee, strict=True)
            ),
        ]
        for fee in fees_charged(comparison)
    ]
    if discounted(results):
        rows.append([t("list_amount", lang), *(money_human(list_total(r)) if r.feasible else "" for r in results)])
        rows.append(
            [t("discount", lang), *(f"-{money_human(list_total(r) - r.total)}" if r.feasible else "" for r in results)]
        )
    return rows


def table(comparison: Comparison, lang: str = DEFAULT) -> RenderableType:
    """A Rich table; Rich is imported here so the other formats start fast."""
    from rich import box
    from rich.console import Group
    from rich.table import Table

    from imcost.render.fit import Fitted, Words, prose

    best = comparison.cheapest
    # The title is a line of its own: as a table title Rich would wrap it to a one-edition table's width.
    title = prose(t("compare.title", lang, app=comparison.app.name, month=str(comparison.month)), lang, "italic")
    grid = Table(box=box.SIMPLE_HEAD, show_footer=True)
    grid.add_column(t("fee", lang), footer=t("total", lang))
    for r in comparison.results:
        if not r.feasible:
            footer = t("compare.cannot_see_below", lang)
        else:
            footer = money_human(r.total) + (" ✓" if r is best else "")
        grid.add_column(choice_title(comparison, r, lang), justify="right", footer=footer, no_wrap=True)
    for fee, *amounts in _fee_rows(comparison, lang):
        grid.add_row(Words(fee), *amounts)
    parts: list[RenderableType] = [title, Fitted(grid, lang)]
    for line in _summary(comparison, lang):
        parts.append(prose(line, lang, "bold red" if line.startswith("✗") else "bold"))
    parts += [prose(line, lang, "dim") for line in prices_lines(comparison, lang)]
    return Group(*parts)


def csv_text(comparison: Comparison, lang: str = DEFAULT) -> str:
    """Rows: one per fee, then total (blank when it can't be bought), feasible and problems.

    With a discount, two more rows: ``list_amount`` and ``discount``. Fee ids, row keys and plain
    amounts never change with the language; a Chinese header names the editions and the problems
    are said in Chinese.
    """
    out = io.StringIO()
    writer = csv_writer(out)
    results = comparison.results
    writer.writerow(["fee", *(column_id(comparison, r) for r in results)])
    per_fee = [fee_totals(r) for r in results]
    for fee in fees_charged(comparison):
        writer.writerow(
            [
                fee,
                *(money_str(a[fee]) if r.feasible and fee in a else "" for r, a in zip(results, per_fee, strict=True)),
            ]
        )
    writer.writerow(["total", *(money_str(r.total) if r.feasible else "" for r in results)])
    if discounted(results):
        writer.writerow(["list_amount", *(money_str(list_total(r)) if r.feasible else "" for r in results)])
        writer.writerow(["discount", *(money_str(list_total(r) - r.total) if r.feasible else "" for r in results)])
    writer.writerow(["feasible", *(str(r.feasible).lower() for r in results)])
    writer.writerow(["problems", *(reasons(r, lang) for r in results)])
    return out.getvalue()


def _cell(text: str) -> str:
    return visible(text).replace("|", "\\|")


def markdown(comparison: Comparison, lang: str = DEFAULT) -> str:
    best = comparison.cheapest
    results = comparison.results
    title = t("compare.title", lang, app=comparison.app.name, month=str(comparison.month))
    lines = [f"# {_cell(title)}", ""]
    lines.append(
        f"| {t('fee', lang)} | " + " | ".join(_cell(choice_title(comparison, r, lang)) for r in results) + " |"
    )
    lines.append("|---|" + "---:|" * len(results))
    for row in _fee_rows(comparison, lang):
        lines.append("| " + " | ".join(row) + " |")
    totals = [
        ("**" + money_human(r.total) + (" ✓" if r is best else "") + "**") if r.feasible else t("compare.cannot", lang)
        for r in results
    ]
    lines.append(f"| **{t('total', lang)}** | " + " | ".join(totals) + " |")
    lines.append("")
    lines += [f"- {_cell(line)}" for line in _summary(comparison, lang)]
    lines.append("")
    if comparison.mixed:
        said = zip(prices_lines(comparison, lang), comparison.books, strict=True)
        lines += [f"{line} ({visible(b.source)}).  " for line, b in said]
    else:
        book = comparison.book
        lines.append(f"{prices_line(book, lang)} ({visible(book.source)}).")
    return "\n".join(lines) + "\n"


def render(
    comparison: Comparison,
    fmt: str,
    lang: str = DEFAULT,
    quote: Quote | None = None,
    customer: str | None = None,
) -> str | RenderableType:
    """The comparison in ``fmt`` (table, json, csv or markdown); JSON carries ``customer`` and ``quote``.

    The html page is imcost.render.offerpage's (imcost.render.pages chooses).
    """
    if fmt == "table":
        return table(comparison, lang)
    if fmt == "json":
        from imcost.render.jsonout import dumps

        return dumps(data(comparison, customer, quote))
    if fmt == "csv":
        return csv_text(comparison, lang)
    return markdown(comparison, lang)
