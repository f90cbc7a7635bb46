"""The shell every html quote page shares: head and print style, who quotes whom, the usage assumed, the close.

A page is its head (seller and contact, customer, quote number, issue date and
validity), a "usage assumed" block in the customer's words, the command's own
figures, the total, then the tax sentence, the notes and the price list it
comes from. The page is self-contained (inline style, no scripts, nothing to
fetch), prints to A4 without splitting rows, and is the same bytes for the same
input: no timestamps, no ids, every list in the plan's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from imcost.engine import AppEstimate
from imcost.i18n import DEFAULT, colon, edition_title, fee_label, phrase, say, t, word
from imcost.money import money_human
from imcost.plan import UNLIMITED, AppPlan
from imcost.pricebook import GROUP_TYPES, PriceBook
from imcost.quote import Quote
from imcost.render.common import description, discount_text, message, quantity_text, quote_fields
from imcost.textsafe import visible

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
       color: #1d2129; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #4e5969; margin: 0; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
table.items { table-layout: fixed; }
th, td { border-bottom: 1px solid #e5e6eb; padding: .4rem .6rem; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: #f2f3f5; }
td.num, th.num { text-align: right; white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 2px solid #1d2129; }
.desc { color: #86909c; font-size: .9em; }
.problem { color: #c9353f; }
.best { background: #e8ffea; }
.total { font-size: 1.3rem; font-weight: bold; margin-top: 2rem; }
.usage ul { margin: .25rem 0; padding-left: 1.2rem; }
footer { color: #86909c; font-size: .85rem; margin-top: 2rem; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  h1 { font-size: 14pt; }
  h2 { font-size: 11pt; margin-top: 1rem; break-after: avoid; page-break-after: avoid; }
  .total { font-size: 12pt; margin-top: 1rem; }
  footer { margin-top: 1rem; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr, li, .total, .tax { break-inside: avoid; page-break-inside: avoid; }
  td.num, th.num { white-space: normal; }
  th, td { padding: .25rem .4rem; }
}
""".strip()


def esc(text: str) -> str:
    """Text for the page: control and bidi characters made visible, then HTML's own syntax escaped."""
    return escape(visible(text))


def page_head(title: str, lang: str = DEFAULT) -> list[str]:
    """From the doctype to the opened body."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
    ]


def header(
    heading: str,
    quote: Quote | None,
    customer: str | None,
    lang: str = DEFAULT,
    extra: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """The heading, then the customer (None: not named, or named by the heading), ``extra`` (the month),
    the quote's details."""
    fields = list(extra)
    if customer is not None:
        fields.insert(0, (t("customer", lang), customer))
    fields += quote_fields(quote, lang)
    lines = [f"<header><h1>{esc(heading)}</h1>"]
    lines += [f'<p class="meta">{esc(label)}{colon(lang)}{esc(value)}</p>' for label, value in fields]
    lines.append("</header>")
    return lines


def _count(n: int, lang: str) -> str:
    return t("unlimited", lang) if n >= UNLIMITED else f"{n:,}"


def assumed(app: AppPlan, lang: str = DEFAULT) -> list[str]:
    """What the figures assume of ``app``, in the customer's words: ``peak DAU 25,000``, ``history 90 days``.

    Only what the plan or the flags set: zero usage and needs left to the edition are not said.
    """
    said: list[str] = []
    usage, needs = app.usage, app.needs
    if usage.peak_dau:
        said.append(t("quote.peak_dau", lang, n=f"{usage.peak_dau:,}"))
    if usage.peak_groups:
        said.append(t("quote.peak_groups", lang, n=f"{usage.peak_groups:,}"))
    for region, daily in usage.barrage_mbps.items():
        key = "quote.barrage_daily" if isinstance(daily, tuple) else "quote.barrage"
        peak = max(daily, default=Decimal(0)) if isinstance(daily, tuple) else daily
        if peak:
            said.append(t(key, lang, region=word(region, lang), n=f"{peak:,}"))
    for kind, amount in usage.moderation.items():
        if amount:
            said.append(t("quote.moderation", lang, kind=t(f"quote.moderation.{kind}", lang), n=f"{amount:,}"))
    for kind, minutes in usage.call_minutes.items():
        if minutes:
            said.append(t("quote.call_minutes", lang, kind=say(phrase(f"calling.{kind}"), lang), n=f"{minutes:,}"))
    if needs.history_days is not None:
        said.append(t("quote.history_days", lang, n=_count(needs.history_days, lang)))
    members_of = needs.group_members
    if set(members_of) == set(GROUP_TYPES) and len(set(members_of.values())) == 1:
        # ``group_members: 2000`` sets every type alike: said once, as the plan wrote it.
        said.append(t("quote.group_members_all", lang, n=_count(next(iter(members_of.values())), lang)))
        members_of = {}
    for kind, members in members_of.items():
        said.append(t("quote.group_members", lang, kind=t(f"quote.group.{kind}", lang), n=_count(members, lang)))
    for key in ("groups_per_user", "av_chatrooms", "friends_per_user", "users", "chatroom_history_days"):
        value: int | None = getattr(needs, key)
        if value is not None:
            said.append(t(f"quote.{key}", lang, n=_count(value, lang)))
    if needs.features:
        names = t("quote.list_separator", lang).join(say(phrase(f"feature.{f}"), lang) for f in needs.features)
        said.append(t("quote.features", lang, features=names))
    if app.security:
        said.append(t("quote.security", lang))
    if app.local_moderation:
        said.append(t("quote.local_moderation", lang))
    return said


def usage_block(apps: Sequence[AppPlan], lang: str = DEFAULT) -> list[str]:
    """The "usage assumed" block: one line per app, in the plan's order."""
    return said_block([(app.name, assumed(app, lang)) for app in apps], lang)


def said_block(lines: Sequence[tuple[str, list[str]]], lang: str = DEFAULT) -> list[str]:
    """The "usage assumed" block for lines already said: (app, what its figures assume; empty: nothing)."""
    out = [f'<section class="usage"><h2>{esc(t("quote.usage_assumed", lang))}</h2><ul>']
    for name, said in lines:
        text = t("quote.list_separator", lang).join(said or [t("quote.assumed_none", lang)])
        out.append(f"<li><strong>{esc(name)}</strong>{colon(lang)}{esc(text)}</li>")
    out.append("</ul></section>")
    return out


def items_table(
    app: AppEstimate, heading: str, lang: str = DEFAULT, discounted: bool = False, colgroup: str = ""
) -> list[str]:
    """One app's itemised figures under ``heading``: fee, quantity, unit price, amounts, billing; its problems.

    ``colgroup`` (imcost.render.columns.html_colgroup) gives every app's table of a page the same
    column widths, so they line up; without it the browser sizes the columns.
    """
    money = ["list_amount", "discount", "amount"] if discounted else ["amount"]
    columns = [
        ("fee", False),
        ("quantity", True),
        ("unit_price", True),
        *((m, True) for m in money),
        ("billing", False),
    ]
    head = "".join(f"<th{' class=num' if num else ''}>{esc(t(key, lang))}</th>" for key, num in columns)
    table = f'<table class="items">{colgroup}' if colgroup else "<table>"
    out = [f"<section><h2>{esc(heading)}</h2>", table]
    out.append(f"<thead><tr>{head}</tr></thead><tbody>")
    for item in app.items:
        said = description(item, lang)
        below = f'<br><span class="desc">{esc(said)}</span>' if said else ""
        cells = [
            f"<td>{esc(fee_label(item.fee, lang))}{below}</td>",
            f"<td class=num>{esc(quantity_text(item, lang))}</td>",
            f"<td class=num>{esc(money_human(item.unit_price))}</td>",
        ]
        if discounted:
            cells.append(f"<td class=num>{esc(money_human(item.list_price))}</td>")
            cells.append(f"<td class=num>{esc(discount_text(item))}</td>")
        cells.append(f"<td class=num>{esc(money_human(item.amount))}</td>")
        cells.append(f"<td>{esc(word(item.billing, lang))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    span = len(columns) - 2
    # An app that can't be bought has no total to quote, only the items priced so far.
    total = money_human(app.total) if app.feasible else t("quote.cannot_be_bought", lang)
    out.append(
        f"</tbody><tfoot><tr><td colspan={span}>{esc(t('total', lang))}</td>"
        f"<td class=num>{esc(total)}</td><td></td></tr></tfoot></table>"
    )
    if app.problems:
        out.append(f'<p class="problem">{esc(t("not_feasible_as_written", lang))}</p><ul class="problem">')
        out += [f"<li>{esc(message(p, lang))}</li>" for p in app.problems]
        out.append("</ul>")
    out.append("</section>")
    return out


def app_heading(app: AppEstimate, lang: str = DEFAULT) -> str:
    """``chat-prod: flagship (旗舰版)``."""
    return f"{app.app.name}: {edition_title(app.edition, lang)}"


def closing(quote: Quote | None, prices: Sequence[tuple[PriceBook, str]], lang: str = DEFAULT) -> list[str]:
    """The tax sentence, the notes, the footer naming each price list (name, version date, source); the end."""
    lines: list[str] = []
    if quote is not None and quote.tax is not None:
        lines.append(f'<p class="tax">{esc(quote.tax)}</p>')
    if quote is not None and quote.notes is not None:
        notes = "<br>".join(esc(line) for line in quote.notes.splitlines())
        lines.append(f'<section class="notes"><h2>{esc(t("notes", lang))}</h2><p>{notes}</p></section>')
    footer = [
        f"<p>{esc(line)}</p><p>{esc(t('source', lang))}{colon(lang)}{esc(book.source)}</p>" for book, line in prices
    ]
    lines.append(f"<footer>{''.join(footer)}</footer>")
    lines += ["</body>", "</html>"]
    return lines
