"""HTML quote pages for compare (editions side by side) and recommend (what changes and what it saves).

Both use the shell of imcost.render.quotepage. Every amount is one the comparison
or recommendation already holds: nothing is priced here. An edition that can't
be bought is said so, with its reasons, never shown at ¥0.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from imcost.compare import Comparison, Recommendation
from imcost.i18n import DEFAULT, colon, fee_label, t
from imcost.money import money_human
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.quote import Quote
from imcost.render.common import message
from imcost.render.comparison import _fee_rows, choice_title, discounts_text, prices_lines, reasons, short_name
from imcost.render.quotepage import closing, esc, header, items_table, page_head, usage_block
from imcost.render.recommendation import _discounted, _prices, why_rejected

# Fees an app pays for its usage; every other fee of a recommended edition is an add-on it is bought with.
_USAGE_FEES = frozenset({"package", "dau_overage", "group_overage", "barrage_bandwidth", "cloud_moderation"})


def _shell(
    title: str, month: str, assumed: Sequence[AppPlan], quote: Quote | None, customer: str | None, lang: str
) -> list[str]:
    """The page's head, header and usage assumed."""
    return [
        *page_head(title, lang),
        *header(title, quote, customer, lang, [(t("month_word", lang), month)]),
        *usage_block(assumed, lang),
    ]


def compare_page(
    comparison: Comparison,
    assumed: AppPlan | None = None,
    lang: str = DEFAULT,
    quote: Quote | None = None,
    customer: str | None = None,
) -> str:
    """The editions side by side, the cheapest that fits marked; ``assumed``: the app as the plan and flags give it."""
    month = str(comparison.month)
    title = t("quote.offer_title", lang, app=comparison.app.name, month=month)
    lines = _shell(title, month, [assumed or comparison.app], quote, customer, lang)
    best = comparison.cheapest
    results = comparison.results
    heads = [f"<th>{esc(t('fee', lang))}</th>"]
    for r in results:
        mark = f'<br><span class="desc">✓ {esc(t("quote.cheapest_mark", lang))}</span>' if r is best else ""
        heads.append(
            f'<th class="num{" best" if r is best else ""}">{esc(choice_title(comparison, r, lang))}{mark}</th>'
        )
    lines += ['<section class="offer">', "<table>", f"<thead><tr>{''.join(heads)}</tr></thead><tbody>"]
    for fee, *amounts in _fee_rows(comparison, lang):
        cells = [f"<td>{esc(fee)}</td>"]
        cells += [
            f'<td class="num{" best" if r is best else ""}">{esc(a)}</td>'
            for r, a in zip(results, amounts, strict=True)
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    totals = [f"<td>{esc(t('total', lang))}</td>"]
    for r in results:
        if r.feasible:
            totals.append(f'<td class="num{" best" if r is best else ""}">{esc(money_human(r.total))}</td>')
        else:
            totals.append(f'<td class="num problem">{esc(t("quote.cannot_be_bought", lang))}</td>')
    lines.append(f"</tbody><tfoot><tr>{''.join(totals)}</tr></tfoot></table>")
    for r in results:
        if not r.feasible:
            why = t("quote.why_not", lang, edition=short_name(comparison, r, lang))
            lines.append(f'<p class="problem">{esc(why)}{colon(lang)}{esc(reasons(r, lang))}</p>')
    if comparison.app.discounts:
        lines.append(f"<p>{esc(t('compare.net_of', lang, discounts=discounts_text(comparison.app.discounts)))}</p>")
    lines.append("</section>")
    if best is None:
        total = t("quote.offer_none", lang)
    else:
        edition = choice_title(comparison, best, lang)
        currency = best.book.currency
        total = t("quote.offer_total", lang, edition=edition, amount=money_human(best.total), currency=currency)
    lines.append(f'<p class="total">{esc(total)}</p>')
    books: Sequence[PriceBook] = comparison.books if comparison.mixed else (comparison.book,)
    lines += closing(quote, list(zip(books, prices_lines(comparison, lang), strict=True)), lang)
    return "\n".join(lines) + "\n"


def add_ons(rec: Recommendation, lang: str = DEFAULT) -> str:
    """``History storage ¥500.00, Security service ¥1,000.00``: what the recommended edition is bought with."""
    best = rec.recommended
    if best is None:
        return ""
    bought: dict[str, Decimal] = {}
    for item in best.items:
        if item.fee not in _USAGE_FEES:
            bought[item.fee] = bought.get(item.fee, Decimal(0)) + item.amount
    separator = "、" if lang == "zh" else ", "
    return separator.join(f"{fee_label(fee, lang)} {money_human(amount)}" for fee, amount in bought.items())


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else money_human(amount)


def recommend_page(
    recs: Sequence[Recommendation],
    assumed: Sequence[AppPlan] = (),
    lang: str = DEFAULT,
    quote: Quote | None = None,
    customer: str | None = None,
) -> str:
    """Per app: current edition → recommended, its add-ons, what it costs and saves a month and a year.

    ``assumed``: the apps as the plan and flags give them (default: as compared).
    """
    month = str(recs[0].comparison.month)
    title = t("quote.recommend_title", lang, month=month)
    lines = _shell(title, month, list(assumed) or [r.comparison.app for r in recs], quote, customer, lang)
    columns = [
        ("app", False),
        ("quote.current", False),
        ("quote.recommended", False),
        ("quote.add_ons", False),
        ("quote.per_month_column", True),
        ("quote.saving_month", True),
        ("quote.saving_year", True),
    ]
    head = "".join(f"<th{' class=num' if num else ''}>{esc(t(key, lang))}</th>" for key, num in columns)
    lines += ['<section class="changes">', "<table>", f"<thead><tr>{head}</tr></thead><tbody>"]
    for rec in recs:
        comparison, current, best = rec.comparison, rec.current, rec.recommended
        now = t("quote.none_named", lang) if current is None else choice_title(comparison, current, lang)
        if current is not None and not current.feasible:
            now += f" ({t('quote.cannot_be_bought', lang)})"
        if best is None:
            cells = [comparison.app.name, now, t("quote.cannot_be_bought", lang), "", "", "", ""]
        else:
            cells = [
                comparison.app.name,
                now,
                choice_title(comparison, best, lang),
                add_ons(rec, lang),
                money_human(best.total),
                _money(rec.saving),
                _money(rec.yearly_saving),
            ]
        row = "".join(
            f"<td{' class=num' if num else ''}>{esc(cell)}</td>" for cell, (_, num) in zip(cells, columns, strict=True)
        )
        lines.append(f"<tr>{row}</tr>")
    lines.append("</tbody></table></section>")
    discounted = _discounted(recs)
    for rec in recs:
        best = rec.recommended
        name = rec.comparison.app.name
        if best is None:
            lines.append(f"<section><h2>{esc(name)}</h2>")
            lines.append(f'<p class="problem">{esc(t("not_feasible_as_written", lang))}</p><ul class="problem">')
            lines += [f"<li>{esc(reason)}</li>" for reason in _unmet(rec, lang)]
            lines.append("</ul></section>")
        else:
            lines += items_table(best, f"{name}: {choice_title(rec.comparison, best, lang)}", lang, discounted)
        others = [why_rejected(r, lang, rec.comparison) for r in rec.rejected]
        if others:
            lines.append(f'<p class="desc">{esc(t("quote.other_editions", lang))}</p><ul class="desc">')
            lines += [f"<li>{esc(line)}</li>" for line in others]
            lines.append("</ul>")
    lines += _totals(recs, month, lang)
    lines += closing(quote, _prices(recs, lang), lang)
    return "\n".join(lines) + "\n"


def _unmet(rec: Recommendation, lang: str) -> list[str]:
    return [message(p, lang) for p in rec.unmet]


def _totals(recs: Sequence[Recommendation], month: str, lang: str) -> list[str]:
    """The recommended total a month and the savings, summed from the recommendations; none if an app can't be had."""
    chosen = [r.recommended for r in recs]
    if any(best is None for best in chosen):
        said = t("cannot_be_quoted", lang)
        return [f'<p class="total">{esc(t("total_for", lang, month=month))}{colon(lang)}{esc(said)}</p>']
    total = sum((best.total for best in chosen if best is not None), Decimal(0))
    currency = recs[0].comparison.book.currency
    lines = [
        f'<p class="total">{esc(t("quote.recommend_total", lang, amount=money_human(total), currency=currency))}</p>'
    ]
    savings = [r for r in recs if r.saving is not None]
    if savings:
        month_saving = sum((r.saving or Decimal(0) for r in savings), Decimal(0))
        year_saving = sum((r.yearly_saving or Decimal(0) for r in savings), Decimal(0))
        said = t("quote.recommend_saving", lang, saving=money_human(month_saving), yearly=money_human(year_saving))
        lines.append(f'<p class="saving">{esc(said)}</p>')
    return lines
