"""``imcost recommend`` output: per app the cheapest edition that fits, its items, the saving, the losers.

With a plan's discounts every edition is priced net of them; people's formats
then show each item's list price and discount, as an estimate does.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from imcost.compare import Comparison, Recommendation, Rejected
from imcost.errors import InputError, InputProblem
from imcost.i18n import DEFAULT, edition_name, t
from imcost.money import money_human, money_str
from imcost.pricebook import PriceBook
from imcost.quote import Quote, json_fields
from imcost.render.common import (
    CHUNK,
    SCHEMA_VERSION,
    item_data,
    messages,
    period_prices,
    pricebook_data,
    prices_line,
    problem_data,
)
from imcost.render.comparison import choice_title, discounted, discounts_text, short_name
from imcost.textsafe import csv_writer, visible

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from imcost.engine import AppEstimate


def _money(amount: Any) -> str | None:
    return None if amount is None else money_str(amount)


def why_rejected(rejected: Rejected, lang: str = DEFAULT, comparison: Comparison | None = None) -> str:
    """``trial: users: needs 1,000, ...`` or ``flagship: costs ¥900.00 more (¥2,999.00)``.

    Across vendors (``--pricebooks``) the edition is named with its vendor: ``Easemob pro``.
    """
    r = rejected.estimate
    edition = edition_name(r.edition, lang) if comparison is None else short_name(comparison, r, lang)
    if not r.feasible:
        return t("recommend.rejected_cannot", lang, edition=edition, reasons=messages(r.problems, lang))
    if rejected.extra == 0:
        return t("recommend.rejected_same", lang, edition=edition, total=money_human(r.total))
    extra = money_human(rejected.extra or Decimal(0))
    return t("recommend.rejected_more", lang, edition=edition, extra=extra, total=money_human(r.total))


def app_data(rec: Recommendation) -> dict[str, Any]:
    best, current = rec.recommended, rec.current
    return {
        "name": rec.comparison.app.name,
        # The book that priced the app: a plan may mix books (tencent-im, tencent-im-overseas).
        "pricebook": pricebook_data(rec.comparison.book),
        "current": current.edition.id if current else None,
        "current_total": money_str(current.total) if current and current.feasible else None,
        "current_problems": [problem_data(p) for p in current.problems] if current else [],
        "recommended": best.edition.id if best else None,
        "recommended_pricebook": best.book.id if best else None,
        "recommended_total": money_str(best.total) if best else None,
        "saving": _money(rec.saving),
        "yearly_saving": _money(rec.yearly_saving),
        "items": [item_data(i) for i in best.items] if best else [],
        "rejected": [
            {
                "edition": r.estimate.edition.id,
                "pricebook": r.estimate.book.id,
                "feasible": r.estimate.feasible,
                "total": money_str(r.estimate.total) if r.estimate.feasible else None,
                "extra": _money(r.extra),
                "reason": why_rejected(r, DEFAULT, rec.comparison),
            }
            for r in rec.rejected
        ],
        "unmet": [problem_data(p) for p in rec.unmet],
    }


def _prices(recs: Sequence[Recommendation], lang: str) -> list[tuple[PriceBook, str]]:
    """The price book line; one per book, naming its apps, where a plan mixes books."""
    first = recs[0].comparison
    if any(r.comparison.mixed for r in recs):
        # Across vendors (--pricebooks) each app is priced on every book given: a line per book, named by its id.
        books = {b.id: b for r in recs for b in r.comparison.books}
        return [(b, t("prices_apps", lang, apps=visible(b.id), line=prices_line(b, lang))) for b in books.values()]
    uses = [(r.comparison.month, r.comparison.app.name, b) for r in recs for b in r.comparison.books]
    return period_prices(uses, lang) or [(first.book, prices_line(first.book, lang))]


def data(recs: Sequence[Recommendation], customer: str | None = None, quote: Quote | None = None) -> dict[str, Any]:
    """JSON-ready; ``customer`` and ``quote``: the quote's details (imcost.quote.resolve), null when absent."""
    return _document(recs[0].comparison, [app_data(r) for r in recs], customer, quote)


def _document(first: Comparison, apps: Any, customer: str | None, quote: Quote | None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        **json_fields(customer, quote),
        "month": str(first.month),
        "currency": first.book.currency,
        "pricebook": pricebook_data(first.book),
        "apps": apps,
    }


def json_chunks(
    recs: Iterable[Recommendation], customer: str | None = None, quote: Quote | None = None
) -> Iterator[str]:
    """data()'s document as jsonout.dumps writes it, in pieces, each app's recommendation made as it is
    written: an 85,000-app plan's every edition of every app held at once took about 2.5 GB."""
    from imcost.render.jsonout import Stream, chunks

    apps = iter(recs)
    first = next(apps)
    made = (app_data(r) for r in itertools.chain([first], apps))
    yield from chunks(_document(first.comparison, Stream(made), customer, quote))


class Outcome:
    """What recommend's exit code and stderr need of each app, gathered as the recommendations go by
    (``watch``), so none is held: the headlines of the apps no edition fits and the recommended total."""

    def __init__(self) -> None:
        self.unfit: list[str] = []
        self.total = Decimal(0)

    def watch(self, recs: Iterable[Recommendation]) -> Iterator[Recommendation]:
        for rec in recs:
            self.add(rec)
            yield rec

    def add(self, rec: Recommendation) -> None:
        if rec.recommended is None:
            self.unfit.append(headline(rec))
        else:
            self.total += rec.recommended.total


def summary(rec: Recommendation, lang: str = DEFAULT) -> list[str]:
    """The lines under an app's items: current edition and saving, one line per losing edition, the discounts."""
    lines: list[str] = []
    current = rec.current
    if current is not None:
        edition, amount = choice_title(rec.comparison, current, lang), money_human(current.total)
        if not current.feasible:
            lines.append(t("recommend.current_cannot", lang, edition=edition))
        elif current is rec.recommended:
            lines.append(t("recommend.current_cheapest", lang, edition=edition, amount=amount))
        elif rec.saving is not None:
            saving, yearly = money_human(rec.saving), money_human(rec.yearly_saving or Decimal(0))
            lines.append(
                t("recommend.current_saving", lang, edition=edition, amount=amount, saving=saving, yearly=yearly)
            )
    lines += [f"✗ {why_rejected(r, lang, rec.comparison)}" for r in rec.rejected]
    discounts = rec.comparison.app.discounts
    if discounts:
        lines.append(t("compare.net_of", lang, discounts=discounts_text(discounts)))
    return lines


def headline(rec: Recommendation, lang: str = DEFAULT) -> str:
    name = rec.comparison.app.name
    best = rec.recommended
    if best is None:
        return t("recommend.none", lang, app=name, reasons=messages(rec.unmet, lang))
    return t(
        "recommend.headline",
        lang,
        app=name,
        edition=choice_title(rec.comparison, best, lang),
        amount=money_human(best.total),
    )


def _discounted(recs: Sequence[Recommendation]) -> bool:
    """Whether any recommended edition's items carry a discount."""
    return discounted(tuple(r.recommended for r in recs if r.recommended is not None))


def table(recs: Sequence[Recommendation], lang: str = DEFAULT) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    from imcost.render.fit import prose
    from imcost.render.table import app_table

    parts: list[RenderableType] = []
    with_discounts = _discounted(recs)
    peers: list[Table] = []  # one layout for every app
    for rec in recs:
        parts.append(prose(headline(rec, lang), lang, "bold"))
        if rec.recommended is not None:
            parts.append(app_table(rec.recommended, str(rec.comparison.month), lang, with_discounts, peers))
        for line in summary(rec, lang):
            parts.append(prose(line, lang, "dim" if line.startswith("✗") else ""))
        parts.append(Text(""))
    parts.extend(prose(line, lang, "dim") for _, line in _prices(recs, lang))
    return Group(*parts)


CSV_COLUMNS = ("app", "current", "current_total", "recommended", "recommended_total", "saving", "yearly_saving")


def csv_header() -> list[str]:
    """The column ids, in every language: CSV is for scripts and spreadsheets."""
    return list(CSV_COLUMNS)


def csv_chunks(recs: Iterable[Recommendation], lang: str = DEFAULT) -> Iterator[str]:
    """One row per app, blank cells where there is nothing to say (no current edition, none fits), in
    pieces of about CHUNK characters, each app's row made as it is written."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_header())
    for rec in recs:
        row = app_data(rec)
        writer.writerow([row["name"], *("" if row[c] is None else row[c] for c in CSV_COLUMNS[1:])])
        if out.tell() >= CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def markdown(recs: Sequence[Recommendation], lang: str = DEFAULT) -> str:
    from imcost.i18n import fee_label
    from imcost.render.columns import column_widths
    from imcost.render.common import description, discount_text, quantity_text
    from imcost.render.markdown import rule_row, table_row

    with_discounts = _discounted(recs)
    money_columns = ["list_amount", "discount", "amount"] if with_discounts else ["amount"]
    columns = ["fee", "description", "quantity", *money_columns]
    right = [False, False, *[True] * (len(columns) - 2)]
    head = [t(c, lang) for c in columns]

    def rows(best: AppEstimate) -> list[list[str]]:
        out = []
        for item in best.items:
            money = [money_human(item.list_price), discount_text(item)] if with_discounts else []
            cells = (fee_label(item.fee, lang), description(item, lang), quantity_text(item, lang), *money)
            out.append([c.replace("|", "\\|") for c in (*cells, money_human(item.amount))])
        blanks = [""] * (len(columns) - 2)
        return [*out, [f"**{t('total', lang)}**", *blanks, f"**{money_human(best.total)}**"]]

    # Every app's table has the same column widths, so the page's tables line up.
    widths = column_widths([head, *(row for rec in recs if rec.recommended for row in rows(rec.recommended))])
    lines = [f"# {t('recommend.title', lang, month=str(recs[0].comparison.month))}", ""]
    for rec in recs:
        lines += [f"## {headline(rec, lang)}".replace("|", "\\|"), ""]
        best = rec.recommended
        if best is not None:
            lines += [table_row(head, widths, right), rule_row(widths, right)]
            lines += [table_row(row, widths, right) for row in rows(best)]
            lines.append("")
        lines += [f"- {line}".replace("|", "\\|") for line in summary(rec, lang)]
        lines.append("")
    lines += [f"{line} ({visible(book.source)}).  " for book, line in _prices(recs, lang)]
    lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"


# The most apps recommend lays out in a table, markdown or html page, which hold every app's
# recommendation (each edition priced, with its items) until the last is made: about 18.5 KB an app
# as a table, so 85,709 apps peaked at 1.9 GB. json and csv are written app by app, with no limit.
HELD_APPS = 30_000


def check_held(apps: int, fmt: str) -> None:
    """Refuse more than HELD_APPS apps in a format that lays every app out together (not json or csv)."""
    if fmt not in ("json", "csv") and apps > HELD_APPS:
        message = f"recommend's {fmt} shows at most {HELD_APPS:,} apps, not {apps:,}"
        raise InputError([InputProblem("--format", None, (), message, "use --format json or csv")])


def streamed(
    recs: Iterable[Recommendation],
    fmt: str,
    lang: str = DEFAULT,
    quote: Quote | None = None,
    customer: str | None = None,
) -> Iterator[str] | None:
    """The recommendations in ``fmt`` in pieces, each app's made as it is written, where ``fmt`` writes
    the apps in turn (json, csv); else None: the other formats lay out every app together (render)."""
    if fmt == "json":
        return json_chunks(recs, customer, quote)
    if fmt == "csv":
        return csv_chunks(recs, lang)
    return None


def render(
    recs: Sequence[Recommendation],
    fmt: str,
    lang: str = DEFAULT,
    quote: Quote | None = None,
    customer: str | None = None,
) -> str | RenderableType:
    """The recommendations as a table or markdown, made from them all (JSON and CSV are streamed();
    the html page is imcost.render.offerpage's; imcost.render.pages chooses)."""
    if fmt == "table":
        return table(recs, lang)
    return markdown(recs, lang)
