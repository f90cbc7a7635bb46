"""HTML: one standalone quote page to send (inline style, no scripts, no external assets)."""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT, colon, edition_title, fee_label, t, word
from imcost.money import money_human
from imcost.render.columns import html_colgroup
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

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
       color: #1d2129; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #4e5969; margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid #e5e6eb; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #f2f3f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 2px solid #1d2129; }
.desc { color: #86909c; font-size: .9em; }
.problem { color: #c9353f; }
.total { font-size: 1.3rem; font-weight: bold; margin-top: 2rem; }
footer { color: #86909c; font-size: .85rem; margin-top: 2rem; }
""".strip()


def _escape(text: str) -> str:
    """Text for the page: control and bidi characters made visible, then HTML's own syntax escaped."""
    return escape(visible(text))


def _app_section(app: AppEstimate, lang: str, discounted: bool, colgroup: str = "") -> list[str]:
    e = _escape
    money = ["list_amount", "discount", "amount"] if discounted else ["amount"]
    columns = [
        ("fee", False),
        ("quantity", True),
        ("unit_price", True),
        *((m, True) for m in money),
        ("billing", False),
    ]
    head = "".join(f"<th{' class=num' if num else ''}>{e(t(key, lang))}</th>" for key, num in columns)
    out = [f"<section><h2>{e(app.app.name)}: {e(edition_title(app.edition, lang))}</h2>", f"<table>{colgroup}"]
    out.append(f"<thead><tr>{head}</tr></thead><tbody>")
    for item in app.items:
        said = description(item, lang)
        below = f'<br><span class="desc">{e(said)}</span>' if said else ""
        cells = [
            f"<td>{e(fee_label(item.fee, lang))}{below}</td>",
            f"<td class=num>{e(quantity_text(item, lang))}</td>",
            f"<td class=num>{e(money_human(item.unit_price))}</td>",
        ]
        if discounted:
            cells.append(f"<td class=num>{e(money_human(item.list_price))}</td>")
            cells.append(f"<td class=num>{e(discount_text(item))}</td>")
        cells.append(f"<td class=num>{e(money_human(item.amount))}</td>")
        cells.append(f"<td>{e(word(item.billing, lang))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    span = len(columns) - 2
    out.append(
        f"</tbody><tfoot><tr><td colspan={span}>{e(t('total', lang))}</td>"
        f"<td class=num>{e(money_human(app.total))}</td><td></td></tr></tfoot></table>"
    )
    if app.problems:
        out.append(f'<p class="problem">{e(t("not_feasible_as_written", lang))}</p><ul class="problem">')
        out += [f"<li>{e(message(p, lang))}</li>" for p in app.problems]
        out.append("</ul>")
    out.append("</section>")
    return out


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    return "\n".join(line for block in _blocks(estimate, lang) for line in block) + "\n"


def render_chunks(estimate: Estimate, lang: str = DEFAULT) -> Iterator[str]:
    """render's text in pieces, each app's section made only as it is written."""
    return line_chunks(_blocks(estimate, lang))


def _blocks(estimate: Estimate, lang: str) -> Iterator[list[str]]:
    """The page's lines: the head, then a section per app, then the total and the footer."""
    e = _escape
    month = str(estimate.month)
    book = estimate.book
    heading = (
        t("quote_for", lang, customer=estimate.customer) if estimate.customer else t("estimate_for", lang, month=month)
    )
    title = f"{heading} ({month})" if estimate.customer else heading
    discounted = has_discounts(estimate)
    page = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>\n{_STYLE}\n</style>",
        "</head>",
        "<body>",
        f"<header><h1>{e(heading)}</h1>",
        f'<p class="meta">{e(t("month_word", lang))}{colon(lang)}{e(month)}</p>',
    ]
    # The customer is already the heading ("Quote for ...").
    fields = quote_fields(estimate.quote, lang)
    page += [f'<p class="meta">{e(label)}{colon(lang)}{e(value)}</p>' for label, value in fields]
    page.append("</header>")
    yield page
    colgroup = html_colgroup(estimate, lang, discounted)  # one for every app: the tables line up
    for app in estimate.apps:
        yield _app_section(app, lang, discounted, colgroup)
    page = []
    total = total_text(estimate, lang) + (f" ({book.currency})" if estimate.feasible else "")
    page.append(f'<p class="total">{e(total)}</p>')
    page += [f'<p class="nearest">{e(line)}</p>' for line in nearest_lines(estimate, lang)]
    quote = estimate.quote
    if quote is not None and quote.tax is not None:
        page.append(f'<p class="tax">{e(quote.tax)}</p>')
    if quote is not None and quote.notes is not None:
        notes = "<br>".join(e(line) for line in quote.notes.splitlines())
        page.append(f'<section class="notes"><h2>{e(t("notes", lang))}</h2><p>{notes}</p></section>')
    footer = [
        f"<p>{e(line)}</p><p>{e(t('source', lang))}{colon(lang)}{e(priced.source)}</p>"
        for (priced, _), line in zip(books_used(estimate), prices_lines(estimate, lang), strict=True)
    ]
    page.append(f"<footer>{''.join(footer)}</footer>")
    page += ["</body>", "</html>"]
    yield page
