"""What every output format shares: fee labels and the JSON-ready shape of an estimate."""

from __future__ import annotations

from typing import Any

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT, rule_text, t, word
from imcost.money import money_human, money_str, number_str
from imcost.pricebook import PriceBook
from imcost.rules.base import LineItem, Problem

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
    """What the item is for, in ``lang`` (English: exactly as the rule wrote it, as JSON carries it)."""
    return rule_text(item.description, item.phrase, lang)


def message(problem: Problem, lang: str = DEFAULT) -> str:
    """Why the plan can't be bought, in ``lang`` (English: exactly as the rule wrote it)."""
    return rule_text(problem.message, problem.phrase, lang)


def messages(problems: tuple[Problem, ...], lang: str = DEFAULT) -> str:
    """Problems on one line: ``a; b`` (``a；b``)."""
    return t("problems_separator", lang).join(message(p, lang) for p in problems)


def item_data(item: LineItem, lang: str = DEFAULT) -> dict[str, str]:
    """An item as JSON carries it; a CSV for people in another language says the description in it."""
    return {
        "fee": item.fee,
        "description": description(item, lang),
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
    }


def month_data(estimate: Estimate) -> dict[str, Any]:
    """One month of an estimate in JSON's ``months``: its total, whether it can be bought, and each app's
    edition, total and feasibility that month (the items are the apps', each naming its month)."""
    return {
        "month": str(estimate.month),
        "total": money_str(estimate.total),
        "feasible": estimate.feasible,
        "apps": [
            {"name": a.app.name, "edition": a.edition.id, "total": money_str(a.total), "feasible": a.feasible}
            for a in estimate.apps
        ],
    }


def pricebook_data(book: PriceBook) -> dict[str, str]:
    """Which price book version priced the output: JSON's ``pricebook``."""
    return {"name": book.name, "effective": book.effective.isoformat(), "source": book.source}


def prices_line(book: PriceBook, lang: str = DEFAULT) -> str:
    """``Prices: Tencent Cloud IM, in force from 2000-01-01``, under a table for people."""
    return t("prices_from", lang, name=book.name, effective=book.effective.isoformat())


def estimate_data(estimate: Estimate) -> dict[str, Any]:
    """The estimate as plain JSON-ready data: amounts are two-decimal strings.

    The shape is the same for one month and for a daily file's several (imcost.render.months): ``apps``
    with every item (each naming its ``month``) and ``months`` with each month's total.
    """
    book = estimate.book
    month = str(estimate.month)
    return {
        "schema_version": SCHEMA_VERSION,
        "customer": estimate.customer,
        "month": month,
        "currency": book.currency,
        "total": money_str(estimate.total),
        "feasible": estimate.feasible,
        "pricebook": pricebook_data(book),
        "apps": [app_data(a, month) for a in estimate.apps],
        "months": [month_data(estimate)],
    }


def quantity_text(item: LineItem, lang: str = DEFAULT) -> str:
    """``4 × 10,000 DAU``, ``620 Mbps·day``, ``1 month``."""
    if item.unit[:1].isdigit():  # "10,000 DAU", "100,000 groups": the size, then the word
        size, _, what = item.unit.partition(" ")
        return f"{number_str(item.quantity)} × {size} {word(what, lang)}"
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
