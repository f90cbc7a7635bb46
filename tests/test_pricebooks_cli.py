"""--pricebook and --as-of pick a user's price book version; prices and limits print it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app

from .conftest import ROOT, SAMPLES

UNDATED = "date not stated; document last updated 2020-10-30"

BOOK = SAMPLES / "pricebook-2027.yaml"
NEGOTIATED = {
    "id": str(BOOK),
    "vendor": "",
    "name": "Example Corp negotiated list",
    "effective": "2027-01-01",
    "date_note": None,
    "source": "Example Corp contract EC-2027-014, schedule A (negotiated 2026-11)",
}


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "as_of,total,effective",
    [
        # 2026 version: the list prices, as the shipped book (flagship.yaml totals 12139).
        ("2026-01-01", "12139.00", "2026-01-01"),
        ("2026-12-31", "12139.00", "2026-01-01"),
        # 2027 version: package 2699 (-300) and DAU 800 per unit (4 units: -800): 11039.
        ("2027-01-01", "11039.00", "2027-01-01"),
        ("2030-06-15", "11039.00", "2027-01-01"),
    ],
)
def test_as_of_picks_the_version_in_force(runner: CliRunner, as_of: str, total: str, effective: str) -> None:
    args = ("estimate", str(SAMPLES / "flagship.yaml"), "--pricebook", str(BOOK), "--as-of", as_of, "-f", "json")
    code, out, err = run(runner, *args)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["total"], data["pricebook"]["effective"]) == (total, effective)
    assert data["pricebook"]["name"] == "Example Corp negotiated list"


def test_the_estimate_records_the_version_it_used(runner: CliRunner) -> None:
    code, out, _ = run(
        runner,
        "estimate",
        str(SAMPLES / "pro-dau-overage.yaml"),
        "--pricebook",
        str(BOOK),
        "--as-of",
        "2027-02-01",
        "-f",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["pricebook"] == NEGOTIATED
    # pro 899 + 2 DAU units x 800 = 2499
    assert [(i["fee"], i["amount"], i["source"]) for i in data["apps"][0]["items"]] == [
        ("package", "899.00", "EC-2027-014 schedule A: 专业版 899元/月"),
        ("dau_overage", "1600.00", "EC-2027-014 schedule A: DAU 800元/万/月，不足1万的部分按1万计算"),
    ]
    assert data["total"] == "2499.00"


def test_no_version_in_force_is_bad_input(runner: CliRunner) -> None:
    code, out, err = run(
        runner, "estimate", str(SAMPLES / "flagship.yaml"), "--pricebook", str(BOOK), "--as-of", "2025-12-31"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: --as-of: no version of {BOOK} is in force on 2025-12-31"
        " (the first takes effect on 2026-01-01) (give a date on or after 2026-01-01)\n"
    )


def test_bad_as_of(runner: CliRunner) -> None:
    code, out, err = run(runner, "prices", "--as-of", "2027-13-01")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --as-of: expected a date as YYYY-MM-DD, got '2027-13-01' (no such day)\n"


BAD_BOOKS = {
    "missing file": (None, "--pricebook: no such file 'nope.yaml'"),
    "invalid YAML": (
        "format: 1\nname: [x\n",
        "book.yaml:3: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts on line 2)",
    ),
    "not a mapping": ("- 1\n", "book.yaml:1: expected a mapping of keys, got a list"),
    "missing versions": (
        "format: 1\nname: X\ncurrency: CNY\n",
        "book.yaml:1: missing required key 'versions'",
    ),
    "a plan file": (
        "month: 2026-12\nedition: pro\n",
        "book.yaml:1: this is a plan file, not a price book (a price book looks like "
        "samples/pricebook-2027.yaml; a plan goes before the options)",
    ),
    "empty file": ("", "book.yaml: the file is empty; expected a price book (YAML) like samples/pricebook-2027.yaml"),
    "comments only": ("# prices to come\n", "book.yaml: the file is empty"),
    "two documents": (
        "format: 1\n---\nformat: 1\n",
        "book.yaml:2: invalid YAML: but found another document (a price book holds one YAML document; "
        "remove the '---' line)",
    ),
    "wrong format": (
        "format: 2\nname: X\ncurrency: CNY\nversions: []\n",
        "book.yaml:1: format: unsupported price book format 2; this imcost reads format 1",
    ),
}


@pytest.mark.parametrize("text,message", BAD_BOOKS.values(), ids=list(BAD_BOOKS))
def test_malformed_price_book_is_bad_input(text: str | None, message: str, tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / ("nope.yaml" if text is None else "book.yaml")
    if text is not None:
        path.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--pricebook", str(path))
    assert (code, out) == (2, "")
    assert "Traceback" not in err
    assert err.replace(str(tmp_path) + "/", "").splitlines()[0].startswith(f"imcost: error: {message}")


PRICE_BOOK_AS_PLAN = (
    "imcost: error: {file}:10: this is a price book, not a plan file "
    "(give it with --pricebook; a plan looks like samples/flagship.yaml)\n"
)
PLAN = str(SAMPLES / "flagship.yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", "{book}"],
        ["compare", "--plan", "{book}"],
        ["recommend", "{book}"],
        ["recommend", "--plan", "{book}"],
        ["forecast", "{book}"],
        ["schedule", "{book}"],
        ["diff", "{book}", PLAN],
        ["diff", PLAN, "{book}"],
    ],
    ids=lambda args: " ".join(a for a in args if a != PLAN),
)
def test_a_price_book_given_as_the_plan_is_one_message(args: list[str], runner: CliRunner) -> None:
    book = str(BOOK)
    code, out, err = run(runner, *(a.format(book=book) for a in args))
    assert (code, out, err) == (2, "", PRICE_BOOK_AS_PLAN.format(file=book))


def test_validate_reports_a_price_book_in_one_line_and_checks_the_rest(runner: CliRunner) -> None:
    book = str(BOOK)
    code, out, err = run(runner, "validate", PLAN, book)
    assert (code, out, err) == (2, f"{PLAN}: ok (1 app)\n", PRICE_BOOK_AS_PLAN.format(file=book))


def test_a_plan_with_a_price_book_key_is_still_read_as_a_plan(tmp_path: Path, runner: CliRunner) -> None:
    """Only a file with no plan key at all is taken for a price book; a plan's stray key is just unknown."""
    path = tmp_path / "plan.yaml"
    path.write_text("edition: pro\ncurrency: CNY\n", encoding="utf-8")
    code, out, err = run(runner, "validate", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"imcost: error: {path}:2: currency: unknown key 'currency' (valid keys: apps, changes, customer, "
        "discounts, edition, local_moderation, month, name, needs, pricebook, purchased_on, quote, security, usage)\n"
    )


def test_malformed_price_book_lists_every_problem_with_its_line(tmp_path: Path, runner: CliRunner) -> None:
    text = BOOK.read_text(encoding="utf-8")
    text = text.replace('price: "899"', 'price: "eight hundred"').replace("free_dau: 10000", "free_dua: 10000", 1)
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "prices", "--pricebook", str(path))
    assert (code, out) == (2, "")
    lines = err.replace(str(tmp_path) + "/", "").splitlines()
    price_line = text.splitlines().index('          price: "eight hundred"') + 1
    dau_line = next(i for i, line in enumerate(text.splitlines(), 1) if "free_dua" in line)
    assert (
        f"imcost: error: book.yaml:{dau_line}: versions[0].editions.pro.quotas.free_dua: unknown key 'free_dua' "
        "(did you mean 'free_dau'?)" in lines
    )
    assert (
        f"imcost: error: book.yaml:{price_line}: versions[1].editions.pro.package.price: "
        "expected a number, got the text 'eight hundred'" in lines
    )


def test_a_billing_word_outside_prepaid_postpaid_free_is_bad_input(tmp_path: Path, runner: CliRunner) -> None:
    text = BOOK.read_text(encoding="utf-8").replace("billing: postpaid", "billing: monthly", 1)
    path = tmp_path / "book.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "prices", "--pricebook", str(path))
    assert (code, out) == (2, "")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "billing: monthly" in t)
    assert err.replace(str(tmp_path) + "/", "").splitlines() == [
        f"imcost: error: book.yaml:{line}: versions[0].editions.pro.overage.dau.billing: "
        "expected one of prepaid, postpaid, free, got the text 'monthly'"
    ]


def test_one_mistake_in_a_price_book_is_one_message(tmp_path: Path, runner: CliRunner) -> None:
    """A missing or misspelt entry is not also reported as every value it lacks."""
    text = (ROOT / "imcost" / "pricebooks" / "tencent-im.yaml").read_text(encoding="utf-8")
    path = tmp_path / "book.yaml"
    mistakes = {
        "group_members: {private: 200, public: 200, chatroom: 200}": "group_members: [200, 200, 200]",
        'domestic: "2"': 'domestc: "2"',
        "          billing: postpaid\n": "",
    }
    for old, new in mistakes.items():
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        code, out, err = run(runner, "prices", "--pricebook", str(path))
        assert (code, out) == (2, "")
        assert len(err.splitlines()) == 1, err


def test_prices_json_lists_every_price_with_its_source(runner: CliRunner) -> None:
    code, out, _ = run(runner, "prices", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["pricebook"]["effective"], data["pricebook"]["date_note"]) == (None, UNDATED)
    rows = [(p["edition"], p["fee"], p["description"], p["price"]) for p in data["prices"]]
    # trial 1, pro 13, flagship 12; moderation on each edition 6 (local, per unit, monthly, 3 yearly);
    # calling on pro and flagship 3.
    assert len(rows) == 26 + 3 * 6 + 2 * 3
    assert [r[2:] for r in rows if r[:2] == ("trial", "cloud_moderation")] == [
        ("per unit: text ×1, image ×0.65, audio minute ×15, video minute ×56; settled daily", "1.00"),
        ("monthly pack, valid a month", "1050.00"),
        ("yearly pack, valid a year", "9500.00"),
        ("yearly pack, valid a year", "49000.00"),
        ("yearly pack, valid a year", "72000.00"),
    ]
    assert [r[3] for r in rows if r[1] == "local_moderation"] == ["1000.00"] * 3
    assert [(r[0], r[3]) for r in rows if r[1] == "calling"] == [
        ("pro", "500.00"),
        ("pro", "1500.00"),
        ("pro", "5000.00"),
        ("flagship", "500.00"),
        ("flagship", "1500.00"),
        ("flagship", "5000.00"),
    ]
    assert ("pro", "package", "pro (专业版)", "999.00") in rows
    assert ("flagship", "package", "flagship (旗舰版)", "2999.00") in rows
    assert [r[3] for r in rows if r[:2] == ("pro", "history_storage")] == ["500.00", "1000.00", "1500.00", "2500.00"]
    assert [r[3] for r in rows if r[:2] == ("flagship", "history_storage")] == ["0.00", "500.00", "1000.00", "2000.00"]
    assert [r[2:] for r in rows if r[:2] == ("pro", "barrage_bandwidth")] == [
        ("domestic", "2.00"),
        ("international", "4.00"),
    ]
    assert [r[3] for r in rows if r[1] == "groups_per_user"] == ["1100.00", "900.00"]
    assert not [r for r in rows if r[0] == "flagship" and r[1] == "av_chatrooms"]
    assert all(p["source"] for p in data["prices"])


def test_prices_table_shows_source_and_date(runner: CliRunner) -> None:
    code, out, _ = run(runner, "prices", "--pricebook", str(BOOK), "--as-of", "2027-01-01", "--format", "markdown")
    assert code == 0
    assert "| pro | Package | month | ¥899.00 | prepaid |" in out
    assert "| flagship | Package | month | ¥2,699.00 | prepaid |" in out
    assert "Prices: Example Corp negotiated list, in force from 2027-01-01  \n" in out
    assert f"Source: Example Corp contract EC-2027-014, schedule A (negotiated 2026-11) ({BOOK})  \n" in out
    # The negotiated book names no moderation or calling: a plan needing them can't be quoted with it.
    assert out.endswith(
        "Not listed by this price book (an app that needs it can't be quoted with it): "
        "Local moderation, Cloud moderation, Calling pack\n"
    )


def test_limits_csv_is_the_quota_table(runner: CliRunner) -> None:
    code, out, _ = run(runner, "limits", "--format", "csv")
    assert code == 0
    assert out == (
        "quota,trial,pro,flagship\n"
        "users,100,unlimited,unlimited\n"
        "friends_per_user,20,3000,3000\n"
        "groups_per_user,50,500,1000\n"
        "group_members.private,20,200,200\n"
        "group_members.public,20,200,2000\n"
        "group_members.chatroom,20,200,2000\n"
        "av_chatrooms,10,50,unlimited\n"
        "history_days,7,7,30\n"
        "free_dau,100,10000,10000\n"
        "free_peak_groups,100000,100000,100000\n"
        "call_minutes_in_pack,0,1400000,1400000\n"
    )


def test_limits_json_uses_null_for_unlimited(runner: CliRunner) -> None:
    code, out, _ = run(runner, "limits", "-f", "json")
    assert code == 0
    limits = json.loads(out)["limits"]
    assert (limits["trial"]["users"], limits["pro"]["users"], limits["flagship"]["av_chatrooms"]) == (100, None, None)
    assert limits["flagship"]["group_members.public"] == 2000


def test_limits_table_has_people_numbers(runner: CliRunner) -> None:
    code, out, _ = run(runner, "limits")
    assert code == 0
    row = next(line for line in out.splitlines() if "Free peak groups" in line).split()
    assert row[-3:] == ["100,000", "100,000", "100,000"]
    assert "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30" in out


def test_prices_csv_has_plain_amounts(runner: CliRunner) -> None:
    code, out, _ = run(runner, "prices", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r for r in rows if r["edition"] == "pro"][1] == {
        "edition": "pro",
        "fee": "dau_overage",
        "description": "over the free quota, per started unit",
        "unit": "10,000 DAU",
        "price": "1000.00",
        "billing": "postpaid",
        "source": "套餐外超量费用: DAU 1000元/万/月，不足1万的部分按1万计算",
    }


@pytest.mark.parametrize(
    "text,message",
    [
        ("20270101", "expected a date as YYYY-MM-DD, got '20270101'"),
        ("2027-W01-1", "expected a date as YYYY-MM-DD, got '2027-W01-1'"),
        ("2027-1-1", "expected a date as YYYY-MM-DD, got '2027-1-1'"),
        ("2027-02-29", "expected a date as YYYY-MM-DD, got '2027-02-29' (no such day)"),
    ],
)
def test_as_of_is_written_yyyy_mm_dd_on_every_python(text: str, message: str, runner: CliRunner) -> None:
    # date.fromisoformat alone takes 20270101 and ISO week dates from Python 3.11 on.
    code, out, err = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--as-of", text)
    assert (code, out, err) == (2, "", f"imcost: error: --as-of: {message}\n")


def test_as_of_on_a_leap_day(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--as-of", "2028-02-29", "-f", "json")
    assert (code, json.loads(out)["total"]) == (0, "1999.00")
