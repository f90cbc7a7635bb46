"""A plan's ``quote:`` details: read strictly, shown on the html page and markdown, carried in JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from imcost.cli import app
from imcost.fields import Fields
from imcost.outschema import output_schema
from imcost.quote import Quote, read_quote
from imcost.yamldoc import load

from .schemacheck import check

PLAN = """\
customer: Example Corp
quote:
  seller: Example Sales Ltd
  contact: sales@example.com
  number: Q-2026-042
  date: 2026-12-01
  tax: Prices exclude VAT
  notes: |
    Prices hold for the month quoted.
    Call us <anytime> & ask.
month: 2026-12
edition: pro
usage: {peak_dau: 25000}
"""


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _plan(tmp_path: Path, text: str = PLAN) -> str:
    path = tmp_path / "quote.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_date_defaults_to_today_and_validity_to_30_days() -> None:
    doc = load("quote: {seller: Example Sales}\n", "q.yaml")
    reader = Fields(doc)
    found = read_quote(reader, doc.data["quote"], ("quote",), date(2026, 11, 15))
    assert reader.problems == []
    assert found == Quote(date(2026, 11, 15), date(2026, 12, 15), seller="Example Sales")
    assert found.valid_days == 30


def test_json_carries_the_quote(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = run(runner, "estimate", _plan(tmp_path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["quote"] == {
        "seller": "Example Sales Ltd",
        "contact": "sales@example.com",
        "number": "Q-2026-042",
        "date": "2026-12-01",
        "valid_days": 30,
        "valid_until": "2026-12-31",  # 2026-12-01 + 30 days
        "tax": "Prices exclude VAT",
        "notes": "Prices hold for the month quoted.\nCall us <anytime> & ask.",
    }
    schema = output_schema("estimate")
    assert check(json.loads(out), schema, schema) == []


def test_valid_until_instead_of_days(runner: CliRunner, tmp_path: Path) -> None:
    text = PLAN.replace("  date: 2026-12-01\n", "  date: 2026-12-01\n  valid_until: 2027-01-15\n")
    code, out, _ = run(runner, "estimate", _plan(tmp_path, text), "--format", "json")
    assert code == 0
    quote = json.loads(out)["quote"]
    assert (quote["valid_until"], quote["valid_days"]) == ("2027-01-15", 45)  # 30 days of December + 15


def test_markdown_header(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(runner, "estimate", _plan(tmp_path), "--format", "markdown")
    assert code == 0
    assert out.startswith(
        "# imcost estimate for 2026-12\n"
        "\n"
        "**Customer:** Example Corp\n"
        "\n"
        "- **Seller:** Example Sales Ltd\n"
        "- **Contact:** sales@example.com\n"
        "- **Quote number:** Q-2026-042\n"
        "- **Date:** 2026-12-01\n"
        "- **Valid until:** 2026-12-31 (30 days)\n"
        "\n"
        "Prices exclude VAT\n"
        "\n"
        "**Notes:**\n"
        "\n"
        "Prices hold for the month quoted.  \n"
        "Call us <anytime> & ask.\n"
        "\n"
        "## app: pro (专业版)\n"
    )


def test_html_page_in_chinese(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(runner, "estimate", _plan(tmp_path), "--format", "html", "--lang", "zh")
    assert code == 0
    for expected in (
        '<p class="meta">报价方：Example Sales Ltd</p>\n'
        '<p class="meta">联系方式：sales@example.com</p>\n'
        '<p class="meta">报价单号：Q-2026-042</p>\n'
        '<p class="meta">报价日期：2026-12-01</p>\n'
        '<p class="meta">有效期至：2026-12-31 (30 天)</p>\n'
        "</header>",
        '<p class="tax">Prices exclude VAT</p>\n'
        '<section class="notes"><h2>备注</h2><p>Prices hold for the month quoted.<br>'
        "Call us &lt;anytime&gt; &amp; ask.</p></section>\n<footer>",
    ):
        assert expected in out


def test_without_quote_nothing_is_added(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", "samples/flagship.yaml", "--format", "html")
    assert code == 0
    assert 'class="tax"' not in out and "Seller" not in out and "Valid until" not in out


def test_every_problem_is_said_at_once(runner: CliRunner, tmp_path: Path) -> None:
    text = (
        "month: 2026-12\nedition: pro\nquote:\n  sellr: Example Sales\n  date: 1 Dec 2026\n"
        "  valid_days: ３０\n  tax: [VAT]\n  notes: ''\n"
    )
    path = _plan(tmp_path, text)
    code, out, err = run(runner, "estimate", path)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"imcost: error: {path}:4: quote.sellr: unknown key 'sellr' (did you mean 'seller'?)",
        f"imcost: error: {path}:7: quote.tax: expected text, got a list",
        f"imcost: error: {path}:8: quote.notes: expected text, got an empty value",
        f"imcost: error: {path}:5: quote.date: expected a date as YYYY-MM-DD, got the text '1 Dec 2026' "
        "(the day the quote is issued, e.g. 2026-12-01)",
        f"imcost: error: {path}:6: quote.valid_days: '３０' has full-width digits (write 30)",
    ]


def test_validity_mistakes(runner: CliRunner, tmp_path: Path) -> None:
    cases = {
        "  date: 2026-12-01\n  valid_days: 30\n  valid_until: 2026-12-31\n": (
            "6: quote.valid_until: give valid_days or valid_until, not both (valid_until is the date plus valid_days)"
        ),
        "  date: 2026-12-01\n  valid_until: 2026-11-30\n": (
            "5: quote.valid_until: valid until 2026-11-30, before the quote's date 2026-12-01"
        ),
        "  valid_days: -1\n": "4: quote.valid_days: expected a whole number of 0 or more, got -1",
        "  valid_days: 3661\n": "4: quote.valid_days: 3661 is larger than imcost accepts (at most 3,660)",
        "  valid_days: 1,000\n": "4: quote.valid_days: expected a whole number, got the text '1,000' (write 1000)",
    }
    for body, message in cases.items():
        path = _plan(tmp_path, f"month: 2026-12\nedition: pro\nquote:\n{body}")
        code, _, err = run(runner, "estimate", path)
        assert (code, err) == (2, f"imcost: error: {path}:{message}\n"), body
    path = _plan(tmp_path, "month: 2026-12\nedition: pro\nquote: Q-1\n")
    code, _, err = run(runner, "estimate", path)
    assert (code, err) == (2, f"imcost: error: {path}:3: quote: expected a mapping of keys, got the text 'Q-1'\n")


def test_same_day_is_valid_and_a_number_reads_as_text(runner: CliRunner, tmp_path: Path) -> None:
    text = "month: 2026-12\nedition: pro\nquote:\n  number: 42\n  date: 2026-12-01\n  valid_until: 2026-12-01\n"
    code, out, _ = run(runner, "estimate", _plan(tmp_path, text), "--format", "json")
    assert code == 0
    quote = json.loads(out)["quote"]
    assert (quote["number"], quote["valid_days"], quote["seller"]) == ("42", 0, None)
    code, out, _ = run(
        runner,
        "estimate",
        _plan(tmp_path, text.replace("valid_until: 2026-12-01", "valid_days: 0")),
        "-o",
        str(tmp_path / "q.json"),
    )
    assert (code, out) == (0, "")
    assert json.loads((tmp_path / "q.json").read_text())["quote"]["valid_until"] == "2026-12-01"
