"""HTML quote pages for forecast (the months and the period's total) and schedule (every charge by its date).

Both use the shell of imcost.render.quotepage: the quote's header, the usage
assumed, the figures, the total, the tax, the notes and the price list. Nothing is
priced here. forecast's page is made from the Summary the table and markdown read
(one row a month); schedule's is written month by month as the charges are made,
so neither holds more than the period's rows. A month or a period that can't be
bought is said so, with its reasons, never quoted at ¥0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import PurePath

from imcost.forecast import ForecastRun, percent
from imcost.i18n import DEFAULT, colon, edition_name, fee_label, t, word
from imcost.money import money_human, number_str
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.render.common import description, line_chunks
from imcost.render.forecast import MonthRow, Summary, fee_total, fees_charged, summary_lines
from imcost.render.forecast import problem_lines as forecast_problems
from imcost.render.months import period_text
from imcost.render.quotepage import assumed, closing, esc, header, page_head, said_block
from imcost.render.schedule import Seen, covers_text
from imcost.render.schedule import problem_lines as schedule_problems
from imcost.rules.base import Problem
from imcost.schedule import Charge, ScheduleRun


def _months(count: int, lang: str) -> str:
    return t("calendar.one_month", lang) if count == 1 else t("calendar.months", lang, n=str(count))


def _period_field(first: Month, last: Month, lang: str) -> tuple[str, str]:
    """``Period: 2027-01 to 2027-12 (12 months)``."""
    count = first.until(last) + 1
    return t("calendar.period", lang), f"{period_text(first, last, lang)} ({_months(count, lang)})"


def _assumed(app: AppPlan, lang: str) -> list[str]:
    """quotepage.assumed, and first where the app's usage comes day by day from a file: which file."""
    said = assumed(app, lang)
    if app.daily is not None:
        said.insert(0, t("calendar.daily", lang, file=PurePath(app.daily.file).name))
    return said


def grown_assumed(app: AppPlan, rates: Mapping[str, Fraction], start: Month, count: int, lang: str) -> list[str]:
    """What the figures assume of ``app``, its grown figures said with their rate and period:
    ``peak DAU 25,000 growing 8% a month from 2027-01 for 12 months``."""
    said = _assumed(app, lang)
    figures = {"dau": ("quote.peak_dau", app.usage.peak_dau), "groups": ("quote.peak_groups", app.usage.peak_groups)}
    for metric, rate in rates.items():
        key, figure = figures[metric]
        plain = t(key, lang, n=f"{figure:,}")
        growing = t(
            "calendar.growing", lang, what=plain, rate=percent(rate), start=str(start), months=_months(count, lang)
        )
        # assumed() says a figure only when it is not zero: zero grows to zero and is not said either.
        said = [growing if line == plain else line for line in said]
    return said


def _num(text: str, extra: str = "") -> str:
    return f'<td class="num{extra}">{esc(text)}</td>'


def _month_row(row: MonthRow, lang: str) -> str:
    cells = [f"<td>{esc(str(row.month))}</td>"]
    for name, edition in row.editions.items():
        dau, groups = row.usage[name]
        cells += [f"<td>{esc(edition_name(edition, lang))}</td>", _num(f"{dau:,}"), _num(f"{groups:,}")]
    if row.feasible:
        cells.append(_num(money_human(row.total)))
    else:
        cells.append(_num(t("calendar.cannot_be_quoted", lang), " problem"))
    return f"<tr{'' if row.feasible else ' class=problem'}>{''.join(cells)}</tr>"


def _months_table(summary: Summary, lang: str) -> list[str]:
    """A row a month: each app's edition and usage as priced, and the month's total."""
    apps = list(summary.rows[0].usage)
    per_app = [("edition", False), ("usage.peak_dau", True), ("usage.peak_groups", True)]
    labels = "".join(f"<th{' class=num' if num else ''}>{esc(t(key, lang))}</th>" for key, num in per_app)
    month, total = esc(t("month_word", lang)), esc(t("total", lang))
    if len(apps) == 1:
        head = [f"<tr><th>{month}</th>{labels}<th class=num>{total}</th></tr>"]
    else:  # each app's name over its three columns
        names = "".join(f"<th colspan=3>{esc(name)}</th>" for name in apps)
        head = [
            f"<tr><th rowspan=2>{month}</th>{names}<th rowspan=2 class=num>{total}</th></tr>",
            f"<tr>{labels * len(apps)}</tr>",
        ]
    out = [f'<section class="months"><h2>{esc(t("calendar.months_heading", lang))}</h2>', "<table>"]
    out += ["<thead>", *head, "</thead><tbody>"]
    out += [_month_row(row, lang) for row in summary.rows]
    said = money_human(summary.total) if summary.feasible else t("calendar.cannot_be_quoted", lang)
    span = 1 + 3 * len(apps)
    out.append(
        f"</tbody><tfoot><tr><td colspan={span}>{esc(t('total', lang))}</td>"
        f"{_num(said, '' if summary.feasible else ' problem')}</tr></tfoot></table>"
    )
    out.append("</section>")
    return out


def _fees_table(summary: Summary, lang: str) -> list[str]:
    """What each fee comes to over the period: the months' figures itemised."""
    out = [f'<section class="fees"><h2>{esc(t("calendar.fees_heading", lang))}</h2>', "<table>"]
    out.append(
        f"<thead><tr><th>{esc(t('fee', lang))}</th><th class=num>{esc(t('amount', lang))}</th></tr></thead><tbody>"
    )
    for fee in fees_charged(summary):
        out.append(f"<tr><td>{esc(fee_label(fee, lang))}</td>{_num(money_human(fee_total(summary, fee)))}</tr>")
    said = money_human(summary.total) if summary.feasible else t("calendar.cannot_be_quoted", lang)
    out.append(
        f"</tbody><tfoot><tr><td>{esc(t('total', lang))}</td>{_num(said, '' if summary.feasible else ' problem')}"
        "</tr></tfoot></table></section>"
    )
    return out


def _problems(lines: list[str], lang: str) -> list[str]:
    if not lines:
        return []
    out = [f'<p class="problem">{esc(t("not_feasible_as_written", lang))}</p><ul class="problem">']
    out += [f"<li>{esc(line)}</li>" for line in lines]
    out.append("</ul>")
    return out


def _total(label: str, amount: Decimal, feasible: bool, currency: str, per: str, lang: str) -> str:
    """``Total for the period 2027-01 to 2027-12: ¥1,234.00 (CNY)``, or that it cannot be quoted."""
    said = f"{money_human(amount)} ({currency}){per}" if feasible else t("cannot_be_quoted", lang)
    return f'<p class="total">{esc(label)}{colon(lang)}{esc(said)}</p>'


def forecast_page(run: ForecastRun, summary: Summary, lang: str = DEFAULT) -> Iterator[str]:
    """The forecast as a quote page: ``summary`` is ``run`` read through (Summary.read)."""
    return line_chunks(_forecast_blocks(run, summary, lang))


def _forecast_blocks(run: ForecastRun, summary: Summary, lang: str) -> Iterator[list[str]]:
    plan = run.plan
    first, last = summary.rows[0].month, summary.rows[-1].month
    period = period_text(first, last, lang)
    title = t("forecast_title", lang, period=period)
    extra = [_period_field(first, last, lang)]
    yield page_head(title, lang) + header(title, plan.quote, plan.customer, lang, extra)
    lines = [(app.name, grown_assumed(app, run.rates, run.start, run.count, lang)) for app in plan.apps]
    yield said_block(lines, lang)
    yield _months_table(summary, lang)
    yield _fees_table(summary, lang)
    said = summary_lines(summary, lang)
    block = [f'<section class="editions"><h2>{esc(t("calendar.editions_heading", lang))}</h2>']
    block += [f"<p>{esc(line)}</p>" for line in said]
    block.append("</section>")
    yield block
    page = _problems(forecast_problems(summary, lang), lang)
    label = t("calendar.period_total", lang, period=period)
    page.append(_total(label, summary.total, summary.feasible, summary.book.currency, "", lang))
    yield page + closing(plan.quote, summary.prices(lang), lang)


class _Group:
    """One month's charges (by the month of their date), gathered until the next month's first charge."""

    def __init__(self, month: Month) -> None:
        self.month = month
        self.charges: list[Charge] = []
        self.total = Decimal(0)


def schedule_page(run: ScheduleRun, lang: str = DEFAULT) -> Iterator[str]:
    """The schedule as a quote page, a section per month of charge dates, written as the charges are made."""
    return line_chunks(_schedule_blocks(run, lang))


def _schedule_blocks(run: ScheduleRun, lang: str) -> Iterator[list[str]]:
    plan = run.plan
    first, last = run.months[0], run.months[-1]
    period = period_text(first, last, lang)
    title = t("schedule_title", lang, period=period)
    yield page_head(title, lang) + header(title, plan.quote, plan.customer, lang, [_period_field(first, last, lang)])
    yield said_block([(app.name, _assumed(app, lang)) for app in plan.apps], lang)
    several = len(run.apps) > 1
    # What the footer names, gathered with each version's months and apps, not each charge's.
    seen = Seen(run.book)
    group: _Group | None = None
    for charge in run.charges():
        seen.add(charge)
        month = Month.of(charge.day)
        if group is not None and group.month != month:
            yield _charges_table(group, run.problems, several, lang)
            group = None
        group = group or _Group(month)
        group.charges.append(charge)
        group.total += charge.amount
    if group is not None:
        yield _charges_table(group, run.problems, several, lang)
    page = _problems(schedule_problems(run, lang), lang)
    page += [f"<p>{esc(said)}</p>" for said in seen.discount_lines(lang)]
    label = t("charged_for", lang, period=period)
    page.append(_total(label, run.total, run.feasible, run.book.currency, t("calendar.per_charge_date", lang), lang))
    yield page + closing(plan.quote, seen.prices(lang), lang)


def _charges_table(group: _Group, problems: list[tuple[str, Month, Problem]], several: bool, lang: str) -> list[str]:
    """A month's charges: date, app, fee, what it covers, billing, amount; the month's total.

    The total is not quoted where an app can't be bought in the month or the month before:
    what it would need then is missing from the charges taken in the month.
    """
    columns = [("date", False), *([("app", False)] if several else []), ("fee", False)]
    columns += [("covers", False), ("billing", False), ("amount", True)]
    head = "".join(f"<th{' class=num' if num else ''}>{esc(t(key, lang))}</th>" for key, num in columns)
    heading = t("calendar.charged_in", lang, month=str(group.month))
    out = [f'<section class="charges"><h2>{esc(heading)}</h2>', "<table>", f"<thead><tr>{head}</tr></thead><tbody>"]
    for c in group.charges:
        cells = [f"<td>{esc(c.day.isoformat())}</td>"]
        if several:
            cells.append(f"<td>{esc(c.app)}</td>")
        fee = f'{esc(fee_label(c.fee, lang))}<br><span class="desc">{esc(description(c.item, lang))}</span>'
        cells += [f"<td>{fee}</td>", f"<td>{esc(covers_text(c, lang))}</td>", f"<td>{esc(word(c.billing, lang))}</td>"]
        amount = esc(money_human(c.amount))
        if c.item.discount_percent:  # under the net amount, the percentage taken off
            amount += f'<br><span class="desc">-{esc(number_str(c.item.discount_percent))}%</span>'
        cells.append(f"<td class=num>{amount}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    # The month's prepaid cycles and the month before's postpaid items are charged in it.
    quoted = not any(month in (group.month, group.month.plus(-1)) for _, month, _ in problems)
    said = money_human(group.total) if quoted else t("calendar.cannot_be_quoted", lang)
    out.append(
        f"</tbody><tfoot><tr><td colspan={len(columns) - 1}>{esc(t('total', lang))}</td>"
        f"{_num(said, '' if quoted else ' problem')}</tr></tfoot></table></section>"
    )
    return out
