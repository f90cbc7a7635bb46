"""Rich tables for people at a terminal: one table per app, then the month's total."""

from __future__ import annotations

from collections.abc import Iterator

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT, colon, edition_title, fee_label, t, word
from imcost.money import money_human, number_str
from imcost.render.common import description, message, nearest_lines, prices_lines, quantity_text, total_text
from imcost.render.fit import Fitted, Words, prose
from imcost.textsafe import visible


def app_table(
    app: AppEstimate, month: str, lang: str = DEFAULT, discounted: bool = False, peers: list[Table] | None = None
) -> RenderableType:
    """An app's items as a table, or as a block per item where the width is too narrow for it or a peer."""
    title = f"{visible(app.app.name)}{colon(lang)}{edition_title(app.edition, lang)}{t('list_separator', lang)}{month}"
    table = Table(
        title=title,
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        expand=True,
    )
    # Words wrap between terms (imcost.render.fit); "fold" only where one alone is wider than the column.
    table.add_column(t("fee", lang), footer=t("total", lang), ratio=1, overflow="fold")
    table.add_column(t("quantity", lang), justify="right", no_wrap=True)
    if not discounted:  # with a discount, list price stands in for unit price: 80 columns fit
        table.add_column(t("unit_price", lang), justify="right", no_wrap=True)
    else:
        table.add_column(t("list_amount", lang), justify="right", no_wrap=True)
        table.add_column(t("discount", lang), justify="right", no_wrap=True)
    table.add_column(t("amount", lang), justify="right", footer=money_human(app.total), no_wrap=True)
    table.add_column(t("billing", lang), no_wrap=True, min_width=8)
    for item in app.items:
        # The fee on its own line, what it is for below: narrow terminals wrap the description only.
        fee = Text(fee_label(item.fee, lang))
        said = description(item, lang)
        if said:
            fee.append(f"\n{said}", style="dim")
        cell = Words(fee)
        discount = f"-{number_str(item.discount_percent)}%" if item.discount_percent else ""
        money = [money_human(item.list_price), discount] if discounted else [money_human(item.unit_price)]
        table.add_row(
            cell,
            quantity_text(item, lang),
            *money,
            money_human(item.amount),
            word(item.billing, lang),
        )
    return Fitted(table, lang, peers=peers)


def render(estimate: Estimate, lang: str = DEFAULT) -> RenderableType:
    return Group(*parts(estimate, lang, []))


def parts(estimate: Estimate, lang: str, peers: list[Table] | None) -> Iterator[RenderableType]:
    """The estimate's tables and lines in order, each made when asked for.

    ``peers`` gathers every app's table, so all take one layout; None leaves each
    table alone (render.plaintable.in_turn, which works out their layout ahead).
    """
    month = str(estimate.month)
    discounted = any(item.discount_percent for app in estimate.apps for item in app.items)
    if estimate.customer:
        yield prose(f"{t('customer', lang)}{colon(lang)}{visible(estimate.customer)}", lang, "bold")
        yield Text("")
    for app in estimate.apps:
        yield app_table(app, month, lang, discounted, peers)
        for problem in app.problems:
            yield prose(f"✗ {t('not_feasible', lang)}{colon(lang)}{message(problem, lang)}", lang, "bold red")
        yield Text("")
    yield prose(total_text(estimate, lang), lang, "bold")
    yield from (prose(line, lang, "bold") for line in nearest_lines(estimate, lang))
    yield from (prose(line, lang, "dim") for line in prices_lines(estimate, lang))


class Tables:
    """An estimate as tables, made when printed: at a terminal all together (render); written as plain text,
    one app at a time where render.plaintable.in_turn can (a pipe, a file).
    """

    def __init__(self, estimate: Estimate, lang: str = DEFAULT) -> None:
        self.estimate = estimate
        self.lang = lang

    def parts(self, peers: list[Table] | None) -> Iterator[RenderableType]:
        return parts(self.estimate, self.lang, peers)

    def group(self) -> Group:
        return Group(*self.parts([]))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.group()
