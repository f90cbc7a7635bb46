"""The estimate command end to end: exact outputs in every format, streams and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.engine import estimate_plan
from imcost.plan import load_plan
from imcost.pricebook import PriceBook
from imcost.render import table

from .conftest import SAMPLES


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# The shipped price list as JSON records it: the seed states no effective date (issue 15).
SHIPPED = {
    "name": "Tencent Cloud IM",
    "id": "tencent-im",
    "vendor": "Tencent Cloud",
    "effective": None,
    "date_note": "date not stated; document last updated 2020-10-30",
    "source": "腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)",
}


def test_json_is_exact(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "schema_version": 1,
        "customer": None,
        "quote": None,
        "month": "2026-12",
        "currency": "CNY",
        "total": "2999.00",
        "feasible": True,
        "pricebook": SHIPPED,
        "apps": [
            {
                "name": "community-app",
                "edition": "pro",
                "feasible": True,
                "problems": [],
                "total": "2999.00",
                "items": [
                    {
                        "fee": "package",
                        "description": "pro (专业版)",
                        "quantity": "1",
                        "unit": "month",
                        "unit_price": "999.00",
                        "amount": "999.00",
                        "billing": "prepaid",
                        "source": "套餐包价格详情: 专业版 999元/月, 有效期 T日 - 次月T-1日",
                        "list_amount": "999.00",
                        "discount_percent": "0",
                        "discount": "0.00",
                        "month": "2026-12",
                    },
                    {
                        "fee": "dau_overage",
                        "description": "15,000 over the free 10,000",
                        "quantity": "2",
                        "unit": "10,000 DAU",
                        "unit_price": "1000.00",
                        "amount": "2000.00",
                        "billing": "postpaid",
                        "source": "套餐外超量费用: DAU 1000元/万/月，不足1万的部分按1万计算",
                        "list_amount": "2000.00",
                        "discount_percent": "0",
                        "discount": "0.00",
                        "month": "2026-12",
                    },
                ],
                # each app's book: one plan may mix tencent-im and tencent-im-overseas
                "pricebook": SHIPPED,
                "notes": [],
            }
        ],
        "months": [
            {
                "month": "2026-12",
                "total": "2999.00",
                "feasible": True,
                "apps": [{"name": "community-app", "edition": "pro", "total": "2999.00", "feasible": True}],
            }
        ],
    }
    # Sorted keys, so scripts and diffs see a stable document.
    assert list(json.loads(out)) == sorted(json.loads(out))


def test_json_key_set_is_pinned(runner: CliRunner) -> None:
    """The JSON contract: adding or dropping a key is a deliberate, versioned change."""
    _, out, _ = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--format", "json")
    data = json.loads(out)
    top = {
        "schema_version",
        "customer",
        "quote",
        "month",
        "currency",
        "total",
        "feasible",
        "pricebook",
        "apps",
        "months",
    }
    assert set(data) == top
    assert set(data["apps"][0]) == {"name", "edition", "feasible", "problems", "total", "items", "pricebook", "notes"}
    keys = {"fee", "description", "quantity", "unit", "unit_price", "amount", "billing", "source"}
    keys |= {"list_amount", "discount_percent", "discount", "month"}
    assert data["months"] == [
        {
            "month": "2026-12",
            "total": "12139.00",
            "feasible": True,
            "apps": [{"name": "chat-prod", "edition": "flagship", "total": "12139.00", "feasible": True}],
        }
    ]
    assert all(set(item) == keys for item in data["apps"][0]["items"])
    assert [i["fee"] for i in data["apps"][0]["items"]] == [
        "package",
        "dau_overage",
        "group_overage",
        "history_storage",
        "group_members",
        "groups_per_user",
        "barrage_bandwidth",
        "security",
    ]
    assert data["total"] == "12139.00"


def test_csv_is_exact(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "multi-app.yaml"), "--format", "csv")
    assert code == 0
    assert out == (
        "app,edition,fee,description,quantity,unit,unit_price,amount,billing,list_amount,discount_percent,discount,"
        "month\n"
        "staging,trial,package,trial (体验版),1,month,0.00,0.00,free,0.00,0,0.00,2027-01\n"
        "support,pro,package,pro (专业版),1,month,999.00,999.00,prepaid,999.00,0,0.00,2027-01\n"
        'support,pro,dau_overage,"2,000 over the free 10,000",1,"10,000 DAU",1000.00,1000.00,postpaid,1000.00,0,0.00,'
        "2027-01\n"
        "chat-prod,flagship,package,flagship (旗舰版),1,month,2999.00,2999.00,prepaid,2999.00,0,0.00,2027-01\n"
        "chat-prod,flagship,history_storage,kept 90 days,1,month,500.00,500.00,postpaid,500.00,0,0.00,2027-01\n"
    )


def test_markdown_is_exact(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--format", "markdown")
    assert code == 0
    assert out == (
        "# imcost estimate for 2026-12\n"
        "\n"
        "## moderated-chat: pro (专业版)\n"
        "\n"
        # Cells padded to the page's column widths (a Chinese character is 2 wide), amounts to the right.
        "| Fee              | Description  | Quantity | Unit price |        Amount | Billing |\n"
        "|------------------|--------------|---------:|-----------:|--------------:|---------|\n"
        "| Package          | pro (专业版) |  1 month |    ¥999.00 |       ¥999.00 | prepaid |\n"
        "| Security service | 安全打击服务 |  1 month |  ¥1,000.00 |     ¥1,000.00 | prepaid |\n"
        "| **Total**        |              |          |            | **¥1,999.00** |         |\n"
        "\n"
        "**Total for 2026-12: ¥1,999.00** (CNY)\n"
        "\n"
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
        " (腾讯云即时通信 IM 资费构成 (Tencent Cloud IM price list)).\n"
    )


def _table_text(path: Path, book: PriceBook) -> str:
    console = Console(record=True, width=100, color_system=None)
    console.print(table.render(estimate_plan(load_plan(path, book), book)))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def test_table_is_exact(book: PriceBook) -> None:
    assert _table_text(SAMPLES / "pro-dau-overage.yaml", book) == (
        "community-app: pro (专业版), 2026-12\n"
        "\n"
        "  Fee                                                 Quantity   Unit price      Amount   Billing\n"
        " " + "─" * 98 + "\n"
        "  Package                                              1 month      ¥999.00     ¥999.00   prepaid\n"
        "  pro (专业版)\n"
        "  DAU overage                                   2 × 10,000 DAU    ¥1,000.00   ¥2,000.00   postpaid\n"
        "  15,000 over the free 10,000\n"
        "\n"
        "  Total                                                                       ¥2,999.00\n"
        "\n"
        "\n"
        "Total for 2026-12: ¥2,999.00\n"
        "Prices: Tencent Cloud IM, date not stated; document last updated 2020-10-30"
    )


def test_table_says_why_infeasible(book: PriceBook) -> None:
    text = _table_text(SAMPLES / "trial-over-quota.yaml", book)
    assert "✗ not feasible: the security service is sold only on pro and flagship, not on trial (体验版)" in text
    assert "✗ not feasible: DAU: peak 500 is over the 100 that trial (体验版) allows" in text


def test_table_through_cli_has_no_colour_when_piped(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "security.yaml"))
    assert (code, err) == (0, "")
    assert "\x1b[" not in out
    assert "Total for 2026-12: ¥1,999.00" in out


def test_no_color_env_is_respected(runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", str(SAMPLES / "security.yaml")], env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def test_infeasible_exits_1_with_output_on_stdout_and_reason_on_stderr(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["feasible"] is False
    assert data["apps"][0]["feasible"] is False
    assert [p["fee"] for p in data["apps"][0]["problems"]] == ["dau_overage", "security"]
    # Why, on stderr too: csv has no column for it, and a script reading stdout may not look.
    assert err == (
        "imcost: app 'prototype' can't be bought as written in 2026-12: DAU: peak 500 is over the 100 that "
        "trial (体验版) allows; overage is billed only on pro and flagship; the security service is sold only on "
        "pro and flagship, not on trial (体验版)\n"
    )


def test_month_flag_overrides_the_file(runner: CliRunner) -> None:
    # 20 Mbps domestic: 31 days in December, 28 in February 2027.
    code, out, _ = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--month", "2027-02", "-f", "json")
    assert code == 0
    data = json.loads(out)
    bandwidth = [i for i in data["apps"][0]["items"] if i["fee"] == "barrage_bandwidth"]
    assert [(i["quantity"], i["amount"]) for i in bandwidth] == [("560", "1120.00")]
    assert data["month"] == "2027-02"
    assert data["total"] == "12019.00"


def test_bad_month_flag(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--month", "2027-13")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --month: expected a month as YYYY-MM, got '2027-13' (no such month)\n"


def test_format_is_case_insensitive(runner: CliRunner) -> None:
    code, out, _ = run(runner, "estimate", str(SAMPLES / "security.yaml"), "--format", "JSON")
    assert code == 0
    assert json.loads(out)["total"] == "1999.00"


def test_version(runner: CliRunner) -> None:
    from imcost import __version__

    code, out, _ = run(runner, "--version")
    assert (code, out) == (0, f"imcost {__version__}\n")


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert "estimate" in names
    for name in names:
        code, out, _ = run(runner, name, "--help")
        assert code == 0
        assert "Example:" in out and f"imcost {name}" in out, name
