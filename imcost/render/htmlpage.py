"""HTML: one standalone quote page to send (inline style, no scripts, no external assets)."""

from __future__ import annotations

from collections.abc import Iterator

from imcost.engine import Estimate
from imcost.i18n import DEFAULT, t
from imcost.render.columns import html_colgroup
from imcost.render.common import books_used, has_discounts, line_chunks, nearest_lines, prices_lines, total_text
from imcost.render.quotepage import app_heading, closing, esc, header, items_table, page_head, usage_block


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    return "\n".join(line for block in _blocks(estimate, lang) for line in block) + "\n"


def render_chunks(estimate: Estimate, lang: str = DEFAULT) -> Iterator[str]:
    """render's text in pieces, each app's section made only as it is written."""
    return line_chunks(_blocks(estimate, lang))


def _blocks(estimate: Estimate, lang: str) -> Iterator[list[str]]:
    """The page's lines: the head and the usage assumed, then a section per app, then the total and the close."""
    month = str(estimate.month)
    customer = estimate.customer
    heading = t("quote_for", lang, customer=customer) if customer else t("estimate_for", lang, month=month)
    title = f"{heading} ({month})" if customer else heading
    discounted = has_discounts(estimate)
    # The customer is already the heading ("Quote for ...").
    month_field = [(t("month_word", lang), month)]
    page = page_head(title, lang) + header(heading, estimate.quote, None, lang, month_field)
    page += usage_block([app.app for app in estimate.apps], lang)
    yield page
    colgroup = html_colgroup(estimate, lang, discounted)  # one for every app: the tables line up
    for app in estimate.apps:
        yield items_table(app, app_heading(app, lang), lang, discounted, colgroup)
    total = total_text(estimate, lang)
    if estimate.feasible:
        total += f" ({estimate.book.currency}){t('quote.per_month', lang)}"
    page = [f'<p class="total">{esc(total)}</p>']
    page += [f'<p class="nearest">{esc(line)}</p>' for line in nearest_lines(estimate, lang)]
    prices = [
        (priced, line) for (priced, _), line in zip(books_used(estimate), prices_lines(estimate, lang), strict=True)
    ]
    yield page + closing(estimate.quote, prices, lang)
