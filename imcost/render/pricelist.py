"""``imcost prices`` and ``imcost limits``: the price book version in force, as listings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from imcost.i18n import DEFAULT, colon, edition_title, fee_label, quota_label, rule_text, t, unit_text, word
from imcost.money import money_str
from imcost.pricebook import PriceBook, Versions, not_listed
from imcost.pricelist import price_rows, quota_keys, quota_table
from imcost.render.common import SCHEMA_VERSION, date_said, pricebook_data, prices_line
from imcost.render.listing import Column, Listing

PRICE_COLUMNS = ("edition", "fee", "description", "unit", "price", "billing", "source")


def book_data(book: PriceBook) -> dict[str, str | None]:
    return pricebook_data(book)


def notes(book: PriceBook, lang: str = DEFAULT) -> list[str]:
    said = [
        prices_line(book, lang),
        f"{t('source', lang)}{colon(lang)}{book.source} ({book.file})",
    ]
    missing = not_listed(book)
    if missing:
        said.append(t("not_listed", lang, fees=", ".join(fee_label(f, lang) for f in missing)))
    return said


def books_listing(books: Sequence[Versions], lang: str = DEFAULT) -> Listing:
    """``imcost pricebooks`` for people: one row per shipped book."""
    columns = [Column(t(c, lang), no_wrap=c == "book_id") for c in ("book_id", "vendor", "region", "versions")]
    # Sources are long and mostly Chinese: a note per book reads better than a folded column.
    sources = [f"{t('source', lang)}{colon(lang)}{b.id}{colon(lang)}{_book_row(b)[4]}" for b in books]
    return Listing(t("price_books", lang), columns, [_book_row(b, lang)[:4] for b in books], sources)


def books_csv_rows(books: Sequence[Versions]) -> Listing:
    columns = [Column(c) for c in ("id", "vendor", "region", "versions", "sources")]
    return Listing("", columns, [_book_row(b) for b in books])


def _book_row(book: Versions, lang: str = DEFAULT) -> tuple[str, str, str, str, str]:
    newest = book.versions[-1]
    versions = ", ".join(date_said(v, lang) for v in book.versions)
    sources = "; ".join(dict.fromkeys(v.source for v in book.versions))
    return (book.id, newest.vendor, newest.region, versions, sources)


def books_data(books: Sequence[Versions]) -> dict[str, Any]:
    """Every shipped book with its versions: JSON of ``imcost pricebooks``."""
    listed = [
        {
            "id": b.id,
            "name": b.versions[-1].name,
            "vendor": b.versions[-1].vendor,
            "region": b.versions[-1].region,
            "currency": b.versions[-1].currency,
            "not_listed": list(not_listed(b.versions[-1])),
            "versions": [pricebook_data(v) for v in b.versions],
        }
        for b in books
    ]
    return {"schema_version": SCHEMA_VERSION, "pricebooks": listed}


def _item(fee: str, said: str, lang: str) -> str:
    """``DAU overage: over the free quota, ...``; the label alone for a package or where the text only repeats it."""
    label = fee_label(fee, lang)
    return label if fee == "package" or said == label else f"{label}{colon(lang)}{said}"


def prices_listing(book: PriceBook, lang: str = DEFAULT) -> Listing:
    editions = book.editions
    rows = [
        (
            editions[r.edition].label if lang == "zh" else r.edition,
            _item(r.fee, rule_text(r.description, r.phrase, lang), lang),
            unit_text(r.unit, lang),
            r.price,
            word(r.billing, lang),
        )
        for r in price_rows(book)
    ]
    columns = [Column(t(c, lang), numeric=c == "price") for c in ("edition", "item", "unit", "price", "billing")]
    return Listing(f"{t('price_list', lang)}{colon(lang)}{book.name}", columns, rows, notes(book, lang))


def prices_csv_rows(book: PriceBook) -> Listing:
    """Machine rows: ids, plain amounts and each price's source section."""
    rows = [(r.edition, r.fee, r.description, r.unit, r.price, r.billing, r.source) for r in price_rows(book)]
    return Listing("", [Column(c) for c in PRICE_COLUMNS], rows)


def prices_data(book: PriceBook) -> dict[str, Any]:
    rows = [
        {
            "edition": r.edition,
            "fee": r.fee,
            "description": r.description,
            "unit": r.unit,
            "price": money_str(r.price),
            "billing": r.billing,
            "source": r.source,
        }
        for r in price_rows(book)
    ]
    return {"schema_version": SCHEMA_VERSION, "currency": book.currency, "pricebook": book_data(book), "prices": rows}


def limits_listing(book: PriceBook, lang: str = DEFAULT) -> Listing:
    table = quota_table(book)
    editions = list(book.editions.values())
    columns = [Column(t("limit", lang)), *(Column(edition_title(e, lang), numeric=True) for e in editions)]
    rows = [(quota_label(q, lang), *(table[q][e.id] for e in editions)) for q in quota_keys(book)]
    return Listing(f"{t('quota_table', lang)}{colon(lang)}{book.name}", columns, rows, notes(book, lang))


def limits_csv_rows(book: PriceBook) -> Listing:
    table = quota_table(book)
    rows = [(q, *(table[q][e] for e in book.editions)) for q in quota_keys(book)]
    return Listing("", [Column("quota"), *(Column(e) for e in book.editions)], rows)


def limits_data(book: PriceBook) -> dict[str, Any]:
    """Edition id -> quota id -> limit (``null``: unlimited)."""
    table = quota_table(book)
    limits = {e: {q: table[q][e] for q in quota_keys(book)} for e in book.editions}
    return {"schema_version": SCHEMA_VERSION, "pricebook": book_data(book), "limits": limits}
