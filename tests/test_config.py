"""The user's config file: where it is looked for, how strictly it is read, and what overrides it.

conftest.py points HOME at an empty directory and unsets IMCOST_CONFIG and XDG_CONFIG_HOME for
every test, so no test reads the real user's config; these tests set them to files of their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.config import Config, find, load
from imcost.outschema import output_schema
from imcost.quote import Quote, QuoteFlags, resolve, resolve_customer

from .conftest import SAMPLES
from .schemacheck import check

SELLER = """\
# The seller's defaults
seller: Config Sales
contact: config@example.com
tax: Prices exclude VAT
valid_days: 14
"""

PLAN = """\
customer: Plan Corp
month: 2026-12
edition: pro
usage: {peak_dau: 25000}
"""

QUOTED_PLAN = """\
customer: Plan Corp
quote:
  seller: Plan Sales
  contact: plan@example.com
  number: Q-PLAN
  date: 2026-12-01
  valid_days: 20
  tax: Prices include VAT
  notes: From the plan
month: 2026-12
edition: pro
usage: {peak_dau: 25000}
"""

TODAY = date.today()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SELLER as $IMCOST_CONFIG."""
    path = write(tmp_path / "conf" / "imcost.yaml", SELLER)
    monkeypatch.setenv("IMCOST_CONFIG", str(path))
    return path


def quote_json(runner: CliRunner, *args: str) -> tuple[object, object]:
    code, out, err = run(runner, *args, "--format", "json")
    assert (code, err) == (0, ""), err
    data = json.loads(out)
    return data["customer"], data["quote"]


# --- where the file is looked for ------------------------------------------------------


def test_home_then_xdg_then_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    in_home = write(home / ".config" / "imcost" / "config.yaml", "seller: Home\n")
    monkeypatch.setenv("HOME", str(home))
    assert find()[0] == str(in_home)
    # XDG_CONFIG_HOME replaces ~/.config (the XDG rule): its file missing is no config, not ~/.config's.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    path, places = find()
    assert path is None
    assert [(p.name, p.state) for p in places] == [
        ("$IMCOST_CONFIG", "not set"),
        ("$XDG_CONFIG_HOME/imcost/config.yaml", "no such file"),
        ("~/.config/imcost/config.yaml", "not looked at: $XDG_CONFIG_HOME is set"),
    ]
    in_xdg = write(xdg / "imcost" / "config.yaml", "seller: XDG\n")
    assert find()[0] == str(in_xdg)
    given = write(tmp_path / "elsewhere.yaml", "seller: Given\n")
    monkeypatch.setenv("IMCOST_CONFIG", str(given))
    path, places = find()
    assert path == str(given)
    assert [p.state for p in places] == [
        "found",
        "not looked at: $IMCOST_CONFIG is set",
        "not looked at: $IMCOST_CONFIG is set",
    ]
    assert load(str(given)).seller == "Given"


def test_empty_or_relative_variables_count_as_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    in_home = write(home / ".config" / "imcost" / "config.yaml", "seller: Home\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("IMCOST_CONFIG", "")
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")
    assert find()[0] == str(in_home)


def test_a_missing_imcost_config_is_an_error_naming_it(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMCOST_CONFIG", "/nonexistent/imcost.yaml")
    expected = (
        "imcost: error: IMCOST_CONFIG: no such file '/nonexistent/imcost.yaml' "
        "(point it at a config file or unset it)\n"
    )
    for args in (["estimate", str(SAMPLES / "flagship.yaml")], ["compare", "pro"], ["prices"], ["config"]):
        assert run(runner, *args) == (2, "", expected), args
    # Help still works: the config is read only by a command that runs.
    assert run(runner, "estimate", "--help")[0] == 0


def test_the_variable_may_name_a_relative_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "my.yaml", "seller: Relative Sales\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMCOST_CONFIG", "my.yaml")
    _, quote = quote_json(runner, "compare", "pro")
    assert isinstance(quote, dict) and quote["seller"] == "Relative Sales"


def test_no_yaml_is_read_without_a_config_file(tmp_path: Path) -> None:
    """Start-up cost: finding no config stats three paths and imports no YAML reader."""
    code = (
        "import sys, imcost.config as c; c.current(); "
        "print(sorted(m for m in ('yaml', 'imcost.yamldoc', 'imcost.fields') if m in sys.modules))"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert found.stdout == "[]\n"


# --- strict reading ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("sellr: X\nnotes: hi\n", [
            "1: sellr: unknown key 'sellr' (did you mean 'seller'?)",
            "2: notes: unknown key 'notes' (valid keys: contact, lang, pricebook, seller, tax, valid_days)",
        ]),
        ("valid_days: 030\n", [
            "1: valid_days: '030' is not a plain decimal number (write 30; YAML 1.1 reads a leading 0 as octal, 24)"
        ]),
        ("valid_days: -1\n", ["1: valid_days: expected a whole number of 0 or more, got -1"]),
        ("valid_days: 3661\n", ["1: valid_days: 3661 is larger than imcost accepts (at most 3,660)"]),
        ("valid_days: two weeks\n", ["1: valid_days: expected a whole number, got the text 'two weeks'"]),
        ("seller: ''\ntax: [VAT]\n", [
            "1: seller: expected text, got an empty value",
            "2: tax: expected text, got a list",
        ]),
        ("lang: fr\n", ["1: lang: 'fr' is not one of en, zh (e.g. lang: zh)"]),
        ("pricebook: tencent-im-overseaz\n", [
            "1: pricebook: unknown price book 'tencent-im-overseaz' (did you mean 'tencent-im-overseas'? "
            "shipped price books: tencent-im, tencent-im-overseas, easemob-im; or give a price book file)"
        ]),
        ("- seller: X\n", ["1: expected a mapping of keys, got a list"]),
    ],
)  # fmt: skip
def test_strict_errors(runner: CliRunner, config: Path, text: str, errors: list[str]) -> None:
    config.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"))
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"imcost: error: {config}:{e}" for e in errors]
    # imcost config says the same.
    assert run(runner, "config")[2] == err


def test_a_missing_book_file_is_named_relative_to_the_config(runner: CliRunner, config: Path) -> None:
    config.write_text("pricebook: books/mine.yaml\n", encoding="utf-8")
    code, _, err = run(runner, "config")
    shown = repr(str(config.parent / "books" / "mine.yaml"))
    assert (code, err) == (
        2,
        f"imcost: error: {config}:1: pricebook: no such file {shown} "
        "(or a shipped price book: tencent-im, tencent-im-overseas, easemob-im)\n",
    )


def test_empty_file_and_comments_only(runner: CliRunner, config: Path) -> None:
    config.write_text("", encoding="utf-8")
    assert run(runner, "config") == (
        2,
        "",
        f"imcost: error: {config}: the file is empty; expected a config file; "
        "a config needs at least one key, e.g. seller: Example Sales\n",
    )
    config.write_text("# nothing yet\n", encoding="utf-8")
    assert load(str(config)) == Config(file=str(config))


# --- precedence: config < plan < flags -------------------------------------------------


def test_config_alone_fills_a_quote(runner: CliRunner, tmp_path: Path, config: Path) -> None:
    plan = write(tmp_path / "plan.yaml", PLAN)
    customer, quote = quote_json(runner, "estimate", str(plan))
    assert customer == "Plan Corp"
    assert quote == {
        "seller": "Config Sales",
        "contact": "config@example.com",
        "number": None,
        "date": TODAY.isoformat(),
        "valid_days": 14,
        "valid_until": (TODAY + timedelta(days=14)).isoformat(),
        "tax": "Prices exclude VAT",
        "notes": None,
    }
    code, out, _ = run(runner, "estimate", str(plan), "--format", "markdown", "--quote-date", "2026-12-01")
    assert code == 0
    assert out.startswith(
        "# imcost estimate for 2026-12\n"
        "\n"
        "**Customer:** Plan Corp\n"
        "\n"
        "- **Seller:** Config Sales\n"
        "- **Contact:** config@example.com\n"
        "- **Date:** 2026-12-01\n"
        "- **Valid until:** 2026-12-15 (14 days)\n"
        "\n"
        "Prices exclude VAT\n"
    )


def test_the_plan_overrides_the_config(runner: CliRunner, tmp_path: Path, config: Path) -> None:
    plan = write(tmp_path / "plan.yaml", QUOTED_PLAN)
    _, quote = quote_json(runner, "estimate", str(plan))
    assert quote == {
        "seller": "Plan Sales",
        "contact": "plan@example.com",
        "number": "Q-PLAN",
        "date": "2026-12-01",
        "valid_days": 20,
        "valid_until": "2026-12-21",
        "tax": "Prices include VAT",
        "notes": "From the plan",
    }
    # Keys the plan leaves out come from the config: valid_days 14 from 2026-12-01.
    partial = write(tmp_path / "partial.yaml", PLAN + "quote: {number: Q-7, date: 2026-12-01}\n")
    _, quote = quote_json(runner, "estimate", str(partial))
    assert quote == {
        "seller": "Config Sales",
        "contact": "config@example.com",
        "number": "Q-7",
        "date": "2026-12-01",
        "valid_days": 14,
        "valid_until": "2026-12-15",
        "tax": "Prices exclude VAT",
        "notes": None,
    }
    # The plan's valid_until wins over the config's valid_days.
    until = write(tmp_path / "until.yaml", PLAN + "quote: {date: 2026-12-01, valid_until: 2027-01-10}\n")
    _, quote = quote_json(runner, "estimate", str(until))
    assert isinstance(quote, dict) and (quote["valid_days"], quote["valid_until"]) == (40, "2027-01-10")


def test_flags_override_the_plan_and_the_config(runner: CliRunner, tmp_path: Path, config: Path) -> None:
    plan = write(tmp_path / "plan.yaml", QUOTED_PLAN)
    flags = ("--customer", "Flag Corp", "--seller", "Flag Sales", "--quote-number", "Q-FLAG")
    customer, quote = quote_json(runner, "estimate", str(plan), *flags, "--quote-date", "2027-01-05")
    assert customer == "Flag Corp"
    # The plan's 20 days count from the flag's date; contact, tax and notes stay the plan's.
    assert quote == {
        "seller": "Flag Sales",
        "contact": "plan@example.com",
        "number": "Q-FLAG",
        "date": "2027-01-05",
        "valid_days": 20,
        "valid_until": "2027-01-25",
        "tax": "Prices include VAT",
        "notes": "From the plan",
    }


def test_a_quote_date_after_the_plans_valid_until(runner: CliRunner, tmp_path: Path) -> None:
    plan = write(tmp_path / "until.yaml", PLAN + "quote: {date: 2026-12-01, valid_until: 2026-12-10}\n")
    assert run(runner, "estimate", str(plan), "--quote-date", "2026-12-10")[0] == 0  # the last day still holds
    assert run(runner, "estimate", str(plan), "--quote-date", "2026-12-11") == (
        2,
        "",
        "imcost: error: --quote-date: 2026-12-11 is after the plan's quote.valid_until 2026-12-10 "
        "(give a date on or before it)\n",
    )


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--quote-date", "2026-13-01", "expected a date as YYYY-MM-DD, got '2026-13-01' (no such day)"),
        ("--quote-date", "1 Dec 2026", "expected a date as YYYY-MM-DD, got '1 Dec 2026'"),
        ("--quote-date", "２０２６-１２-０１", "'２０２６-１２-０１' has full-width digits (write 2026-12-01)"),
    ],
)
def test_bad_quote_dates(runner: CliRunner, flag: str, value: str, message: str) -> None:
    expected = f"imcost: error: {flag}: {message} (the day the quote is issued, e.g. 2026-12-01)\n"
    for args in (["compare", "pro"], ["estimate", str(SAMPLES / "flagship.yaml")]):
        assert run(runner, *args, flag, value) == (2, "", expected)


def test_blank_text_flags(runner: CliRunner) -> None:
    code, out, err = run(runner, "compare", "pro", "--customer", " ", "--quote-number", "")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "imcost: error: --customer: expected text, got an empty value",
        "imcost: error: --quote-number: expected text, got an empty value",
    ]


def test_compare_and_recommend_without_a_plan(runner: CliRunner, config: Path) -> None:
    flags = ("--customer", "Acme", "--quote-number", "Q-1", "--quote-date", "2026-12-01")
    expected = {
        "seller": "Config Sales",
        "contact": "config@example.com",
        "number": "Q-1",
        "date": "2026-12-01",
        "valid_days": 14,
        "valid_until": "2026-12-15",
        "tax": "Prices exclude VAT",
        "notes": None,
    }
    for args in (
        ("compare", "pro", "flagship", "--dau", "25000"),
        ("compare", "pro", "flagship", "--dau", "0:20000:10000"),
        ("recommend", "--dau", "25000"),
    ):
        code, out, err = run(runner, *args, *flags, "--format", "json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert (data["customer"], data["quote"]) == ("Acme", expected), args
        schema = output_schema(args[0])
        assert check(data, schema, schema) == []


def test_compare_recommend_forecast_and_schedule_take_the_plans_quote(
    runner: CliRunner, tmp_path: Path, config: Path
) -> None:
    plan = write(
        tmp_path / "plan.yaml", QUOTED_PLAN.replace("month: 2026-12\n", "month: 2026-12\npurchased_on: 2026-12-01\n")
    )
    for args in (
        ("compare", "--plan", str(plan)),
        ("recommend", str(plan)),
        ("forecast", str(plan), "--months", "2"),
        ("schedule", str(plan), "--months", "2"),
    ):
        code, out, err = run(runner, *args, "--seller", "Flag Sales", "--format", "json", "--quiet")
        assert (code, err) == (0, ""), err
        data = json.loads(out)
        assert data["customer"] == "Plan Corp"
        assert data["quote"]["seller"] == "Flag Sales"
        assert (data["quote"]["number"], data["quote"]["valid_until"]) == ("Q-PLAN", "2026-12-21")
        schema = output_schema(args[0])
        assert check(data, schema, schema) == [], args


def test_lang_flag_then_variable_then_config_then_locale(
    runner: CliRunner, tmp_path: Path, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def title() -> str:
        return runner.invoke(app, ["limits"]).stdout.splitlines()[0]

    english, chinese = title(), None
    config.write_text("lang: zh_CN\n", encoding="utf-8")
    chinese = title()
    assert english != chinese
    assert runner.invoke(app, ["limits", "--lang", "en"]).stdout.splitlines()[0] == english
    monkeypatch.setenv("IMCOST_LANG", "en")
    assert title() == english
    monkeypatch.delenv("IMCOST_LANG")
    # The config comes before the locale: LANG=zh_CN does not beat lang: en.
    config.write_text("lang: en\n", encoding="utf-8")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert title() == english
    # JSON and CSV stay English with a config's lang, as with the locale.
    config.write_text("lang: zh\n", encoding="utf-8")
    assert run(runner, "limits", "-f", "csv")[1] == run(runner, "limits", "-f", "csv", "--lang", "en")[1]


def test_pricebook_config_then_plan_then_flag(runner: CliRunner, tmp_path: Path, config: Path) -> None:
    def book(*args: str) -> str:
        code, out, err = run(runner, *args, "--format", "json")
        assert (code, err) == (0, ""), err
        return str(json.loads(out)["pricebook"]["id"])

    plan = write(tmp_path / "plan.yaml", PLAN)
    assert book("estimate", str(plan)) == "tencent-im"
    config.write_text("pricebook: tencent-im-overseas\n", encoding="utf-8")
    assert book("estimate", str(plan)) == "tencent-im-overseas"
    assert book("prices") == "tencent-im-overseas"
    assert book("estimate", str(plan), "--pricebook", "tencent-im") == "tencent-im"
    named = write(tmp_path / "named.yaml", "pricebook: tencent-im\n" + PLAN)
    assert book("estimate", str(named)) == "tencent-im"
    # A file, relative to the config file's directory.
    (config.parent / "books").mkdir()
    (config.parent / "books" / "2027.yaml").write_bytes((SAMPLES / "pricebook-2027.yaml").read_bytes())
    config.write_text("pricebook: books/2027.yaml\n", encoding="utf-8")
    assert book("prices") == str(config.parent / "books" / "2027.yaml")


def test_an_absent_config_changes_nothing(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ("compare", "pro", "flagship", "--dau", "25000", "--month", "2026-12")
    before = {fmt: run(runner, *args, "--format", fmt) for fmt in ("table", "json", "markdown")}
    estimate = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--format", "markdown")
    assert json.loads(before["json"][1])["quote"] is None
    # A config of comments only sets nothing either.
    monkeypatch.setenv("IMCOST_CONFIG", str(write(tmp_path / "c.yaml", "# seller: later\n")))
    assert {fmt: run(runner, *args, "--format", fmt) for fmt in before} == before
    assert run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--format", "markdown") == estimate


# --- the resolver quote-pages uses -----------------------------------------------------


def test_resolve_directly() -> None:
    day = date(2026, 12, 1)
    assert resolve(None, None, QuoteFlags(), day) is None
    assert resolve(Config(), None, QuoteFlags(customer="Acme"), day) is None  # a customer alone is no quote
    assert resolve_customer(None, QuoteFlags(customer="Acme")) == "Acme"
    assert resolve_customer("Plan Corp", QuoteFlags()) == "Plan Corp"
    found = resolve(Config(seller="S", valid_days=0), None, QuoteFlags(number="N"), day)
    assert found == Quote(day, day, seller="S", number="N")


# --- imcost config -----------------------------------------------------------------------


def test_config_command_without_a_file(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/nonexistent-home")
    code, out, err = run(runner, "config")
    assert (code, err) == (0, "")
    assert out == (
        "No config file found\n"
        "\n"
        "  key          value        from\n"
        " ───────────────────────────────────\n"
        "  seller       -            default\n"
        "  contact      -            default\n"
        "  tax          -            default\n"
        "  valid_days   30           default\n"
        "  lang         -            default\n"
        "  pricebook    tencent-im   default\n"
        "\n"
        "Looked for, in order:\n"
        "1. $IMCOST_CONFIG: not set\n"
        "2. $XDG_CONFIG_HOME/imcost/config.yaml: not set\n"
        "3. ~/.config/imcost/config.yaml (/nonexistent-home/.config/imcost/config.yaml): no such file\n"
        "Flags override a plan's quote: and pricebook:, which override this file; lang: --lang, then\n"
        "IMCOST_LANG, then this file, then the locale (json and csv stay English).\n"
    )


def test_config_command_with_a_file(runner: CliRunner, config: Path) -> None:
    config.write_text(SELLER + "lang: zh\n", encoding="utf-8")
    code, out, err = run(runner, "config", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == {
        "schema_version": 1,
        "file": str(config),
        "searched": [
            {"place": "$IMCOST_CONFIG", "path": str(config), "state": "found"},
            {
                "place": "$XDG_CONFIG_HOME/imcost/config.yaml",
                "path": None,
                "state": "not looked at: $IMCOST_CONFIG is set",
            },
            {
                "place": "~/.config/imcost/config.yaml",
                "path": data["searched"][2]["path"],
                "state": "not looked at: $IMCOST_CONFIG is set",
            },
        ],
        "values": {
            "seller": {"value": "Config Sales", "source": "config"},
            "contact": {"value": "config@example.com", "source": "config"},
            "tax": {"value": "Prices exclude VAT", "source": "config"},
            "valid_days": {"value": 14, "source": "config"},
            "lang": {"value": "zh", "source": "config"},
            "pricebook": {"value": "tencent-im", "source": "default"},
        },
    }
    schema = output_schema("config")
    assert check(data, schema, schema) == []
    code, out, _ = run(runner, "config")
    assert code == 0
    lines = out.splitlines()
    assert lines[:9] == [
        "Config file in use",
        "",
        "  key          value                from",
        " ───────────────────────────────────────────",
        "  seller       Config Sales         config",
        "  contact      config@example.com   config",
        "  tax          Prices exclude VAT   config",
        "  valid_days   14                   config",
        "  lang         zh                   config",
    ]
    assert f"File: {config} Looked for, in order:" in " ".join(lines)
