"""What every output format shares: fee labels and the JSON-ready shape of an estimate."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT, colon, edition_title, fee_label, rule_text, t, unit_text, word
from imcost.money import money_human, money_str, number_str
from imcost.month import Month
from imcost.pricebook import PriceBook
from imcost.quote import Quote, quote_data
from imcost.rules.base import LineItem, Problem
from imcost.textsafe import visible

SCHEMA_VERSION = 1

CSV_COLUMNS = (
    "app",
    "edition",
    "fee",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "amount",
    "billing",
    "list_amount",
    "discount_percent",
    "discount",
    # Last, so the columns before it are where they always were; a daily file's estimate fills it per month.
    "month",
)


def description(item: LineItem, lang: str = DEFAULT) -> str:
    """What the item is for, in ``lang``, for people: made visible (a price book's names are user text).

    Empty where it only repeats the fee's label (安全打击服务 under 安全打击服务): the label says it already.
    """
    said = visible(rule_text(item.description, item.phrase, lang))
    return "" if said == fee_label(item.fee, lang) else said


def message(problem: Problem, lang: str = DEFAULT) -> str:
    """Why the plan can't be bought, in ``lang``, for people: made visible."""
    return visible(rule_text(problem.message, problem.phrase, lang))


def messages(problems: tuple[Problem, ...], lang: str = DEFAULT) -> str:
    """Problems on one line: ``a; b`` (``a；b``)."""
    return t("problems_separator", lang).join(message(p, lang) for p in problems)


def item_data(item: LineItem, lang: str = DEFAULT) -> dict[str, str]:
    """An item as JSON carries it (the exact text); a CSV for people in another language says the description in it."""
    return {
        "fee": item.fee,
        "description": rule_text(item.description, item.phrase, lang),
        "quantity": number_str(item.quantity),
        "unit": item.unit,
        "unit_price": money_str(item.unit_price),
        "amount": money_str(item.amount),
        "billing": item.billing,
        "source": item.source,
        "list_amount": money_str(item.list_price),
        "discount_percent": number_str(item.discount_percent),
        "discount": money_str(item.discount),
    }


def problem_data(problem: Problem) -> dict[str, str]:
    return {"fee": problem.fee, "message": problem.message}


def app_data(app: AppEstimate, month: str) -> dict[str, Any]:
    return {
        "name": app.app.name,
        "edition": app.edition.id,
        "feasible": app.feasible,
        "problems": [{**problem_data(p), "month": month} for p in app.problems],
        "total": money_str(app.total),
        "items": [{**item_data(i), "month": month} for i in app.items],
        # The book that priced the app: a plan may mix books (tencent-im, tencent-im-overseas).
        "pricebook": pricebook_data(app.book),
        "notes": list(app.notes),
    }


def month_data(estimate: Estimate, many: Callable[[Iterator[Any]], Any] = list) -> dict[str, Any]:
    """One month of an estimate in JSON's ``months``: its total, whether it can be bought, and each app's
    edition, total and feasibility that month (the items are the apps', each naming its month).

    ``many`` makes the list of apps from their generator: ``list``, or imcost.render.jsonout's
    ``Stream`` to make each only as it is written.
    """
    return {
        "month": str(estimate.month),
        "total": money_str(estimate.total),
        "feasible": estimate.feasible,
        "apps": many(
            {"name": a.app.name, "edition": a.edition.id, "total": money_str(a.total), "feasible": a.feasible}
            for a in estimate.apps
        ),
    }


def pricebook_data(book: PriceBook) -> dict[str, str | None]:
    """Which price book version priced the output: JSON's ``pricebook``.

    ``effective`` is null where the source states no date; ``date_note`` then says so.
    ``vendor`` names whose list it is (a plan may price apps with several vendors' books).
    """
    effective = None if book.effective is None else book.effective.isoformat()
    return {
        "id": book.id,
        "vendor": book.vendor,
        "name": book.name,
        "effective": effective,
        "date_note": book.date_note,
        "source": book.source,
    }


def prices_line(book: PriceBook, lang: str = DEFAULT) -> str:
    """``Prices: Tencent Cloud IM, in force from 2027-01-01``, under a table for people.

    An undated version says so: ``Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30``.
    """
    if book.effective is not None:
        return t("prices_from", lang, name=book.name, effective=book.effective.isoformat())
    return t("prices_undated", lang, name=book.name, note=date_said(book, lang))


def date_said(book: PriceBook, lang: str = DEFAULT) -> str:
    """A version's effective date, or that the source states none, in ``lang``."""
    if book.effective is not None:
        return book.effective.isoformat()
    if book.updated is None:
        return t("date_not_stated", lang)
    return t("date_not_stated_updated", lang, updated=book.updated.isoformat())


def books_used(estimate: Estimate) -> list[tuple[PriceBook, list[str]]]:
    """Each price book version that priced an app of the estimate, with the apps it priced, in app order."""
    used: dict[tuple[str, str], tuple[PriceBook, list[str]]] = {}
    for app in estimate.apps:
        key = (app.book.id, app.book.effective_text)
        used.setdefault(key, (app.book, []))[1].append(app.app.name)
    return list(used.values()) or [(estimate.book, [])]


def _months_text(months: list[Month]) -> str:
    """``2026-11..2026-12, 2027-03``: runs of consecutive months."""
    runs: list[list[Month]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][-1].plus(1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs)


def period_prices(uses: Iterable[tuple[Month, str, PriceBook]], lang: str = DEFAULT) -> list[tuple[PriceBook, str]]:
    """The price book line under a forecast or schedule, with the book it names.

    ``uses`` are (month, app, version that priced it). One version: the usual line.
    Several (a version taking effect within the period, or a plan mixing books):
    one line per version, naming its months, and its apps where not all use it.
    """
    used: dict[tuple[str, str], tuple[PriceBook, list[Month], list[str]]] = {}
    apps: list[str] = []
    for month, app, book in uses:
        entry = used.setdefault((book.id, book.effective_text), (book, [], []))
        entry[1].append(month)
        entry[2].append(app)
        apps.append(app)
    if len(used) <= 1:
        return [(book, prices_line(book, lang)) for book, _, _ in used.values()]
    everyone = set(apps)
    lines = []
    for book, months, names in used.values():
        label = _months_text(months)
        if set(names) != everyone:
            label += " " + ", ".join(dict.fromkeys(names))
        lines.append((book, t("prices_apps", lang, apps=label, line=prices_line(book, lang))))
    return lines


def prices_lines(estimate: Estimate, lang: str = DEFAULT) -> list[str]:
    """The price book line under an estimate; one per book, naming its apps, where a plan mixes books."""
    used = books_used(estimate)
    if len(used) == 1:
        return [prices_line(used[0][0], lang)]
    return [t("prices_apps", lang, apps=", ".join(apps), line=prices_line(book, lang)) for book, apps in used]


def estimate_data(estimate: Estimate, many: Callable[[Iterator[Any]], Any] = list) -> dict[str, Any]:
    """The estimate as plain JSON-ready data: amounts are two-decimal strings.

    The shape is the same for one month and for a daily file's several (imcost.render.months): ``apps``
    with every item (each naming its ``month``) and ``months`` with each month's total. ``many`` makes
    the per-app lists, as in month_data.
    """
    book = estimate.book
    month = str(estimate.month)
    return {
        "schema_version": SCHEMA_VERSION,
        "customer": estimate.customer,
        "quote": quote_data(estimate.quote),
        "month": month,
        "currency": book.currency,
        "total": money_str(estimate.total),
        "feasible": estimate.feasible,
        "pricebook": pricebook_data(book),
        "apps": many(app_data(a, month) for a in estimate.apps),
        "months": [month_data(estimate, many)],
    }


def quantity_text(item: LineItem, lang: str = DEFAULT) -> str:
    """``4 × 10,000 DAU``, ``620 Mbps·day``, ``1 month``; ``4 × 1万 DAU`` in Chinese."""
    if item.unit[:1].isdigit():  # "10,000 DAU", "100,000 groups": the size, then the word
        return f"{number_str(item.quantity)} × {unit_text(item.unit, lang)}"
    # A count of months reads 1 个月 in Chinese (1 月 would be January).
    return f"{number_str(item.quantity)} {word('month_count' if item.unit == 'month' else item.unit, lang)}"


def has_discounts(estimate: Estimate) -> bool:
    """Whether any item is discounted: people's formats then show list price and discount."""
    return any(item.discount_percent for app in estimate.apps for item in app.items)


def discount_text(item: LineItem) -> str:
    """``-¥149.85 (15%)`` for a discounted item, empty otherwise."""
    if not item.discount_percent:
        return ""
    return f"-{money_human(item.discount)} ({number_str(item.discount_percent)}%)"


# Text written in pieces is handed on in pieces of about this many characters.
CHUNK = 1 << 20


def line_chunks(blocks: Iterable[list[str]]) -> Iterator[str]:
    """Blocks of lines as ``"\\n".join(every line) + "\\n"`` would write them, in pieces of about CHUNK characters.

    Each block is made only when the one before it has been taken, so a document of many
    apps, a block each, is never held whole.
    """
    lines: list[str] = []
    size = 0
    for block in blocks:
        lines += block
        size += sum(len(line) + 1 for line in block)
        if size >= CHUNK:
            yield "\n".join(lines) + "\n"
            lines = []
            size = 0
    if lines:
        yield "\n".join(lines) + "\n"


def total_text(estimate: Estimate, lang: str = DEFAULT) -> str:
    """The month's total line for people: the amount, or, when an app can't be bought, that it can't be quoted.

    A plan that can't be bought is never quoted at the price of its feasible part (often ¥0).
    """
    said = money_human(estimate.total) if estimate.feasible else t("cannot_be_quoted", lang)
    return f"{t('total_for', lang, month=str(estimate.month))}{colon(lang)}{said}"


def nearest_lines(estimate: Estimate, lang: str = DEFAULT) -> list[str]:
    """For each app that can't be bought: the cheapest edition that would make it possible, with its monthly total."""
    from imcost.compare import nearest_fits

    lines = []
    for app, best in nearest_fits(estimate):
        if best is None:
            said = t("none_fits", lang)
        else:
            said = t("nearest_fits", lang, edition=edition_title(best.edition, lang), amount=money_human(best.total))
        lines.append(f"{visible(app.app.name)}{colon(lang)}{said}")
    return lines


def quote_fields(quote: Quote | None, lang: str = DEFAULT) -> list[tuple[str, str]]:
    """The quote's details as (label, value) for a page's header, in order; notes and tax are said apart."""
    if quote is None:
        return []
    days = t("valid_days", lang, days=str(quote.valid_days))
    fields = [
        (t("seller", lang), quote.seller),
        (t("contact", lang), quote.contact),
        (t("quote_number", lang), quote.number),
        (t("quote_date", lang), quote.issued.isoformat()),
        (t("valid_until", lang), f"{quote.valid_until.isoformat()} ({days})"),
    ]
    return [(label, value) for label, value in fields if value is not None]
