"""Which language output is in: --lang and IMCOST_LANG take locale names; the locale decides people's formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app
from imcost.language import Lang, from_locale, parse

from .conftest import SAMPLES

PLAN = str(SAMPLES / "pro-dau-overage.yaml")  # community-app, pro, 2026-12
ENGLISH_TITLE = "community-app: pro (专业版), 2026-12"
CHINESE_TITLE = "community-app：专业版，2026-12"


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("zh", Lang.zh),
        ("ZH", Lang.zh),
        ("zh_CN", Lang.zh),
        ("zh-CN", Lang.zh),
        ("zh_CN.UTF-8", Lang.zh),
        ("zh_TW.Big5", Lang.zh),
        ("zh_CN.UTF-8@pinyin", Lang.zh),
        ("en", Lang.en),
        ("en_US.UTF-8", Lang.en),
        ("en-GB", Lang.en),
    ],
)
def test_language_and_locale_names(text: str, lang: Lang) -> None:
    assert parse(text) is lang


@pytest.mark.parametrize("text", ["fr", "fr_FR.UTF-8", "", "zhx", "C"])
def test_other_names_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not one of en, zh"):
        parse(text)


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({"LANG": "zh_CN.UTF-8"}, Lang.zh),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Lang.zh),
        # LC_ALL wins over the others, as in POSIX: C is not Chinese.
        ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, None),
        ({"LC_ALL": "zh_CN.GB18030", "LANG": "C"}, Lang.zh),
        # An empty variable is as good as unset.
        ({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}, Lang.zh),
        ({"LANG": "fr_FR.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_locale_in_posix_order(environ: dict[str, str], lang: Lang | None) -> None:
    assert from_locale(environ) is lang


@pytest.mark.parametrize("given", ["zh_CN", "zh-CN", "zh_CN.UTF-8"])
def test_lang_flag_and_imcost_lang_take_locale_names(runner: CliRunner, given: str) -> None:
    assert CHINESE_TITLE in run(runner, "estimate", PLAN, "--lang", given)[1]
    assert CHINESE_TITLE in run(runner, "estimate", PLAN, env={"IMCOST_LANG": given})[1]
    assert ENGLISH_TITLE in run(runner, "estimate", PLAN, "--lang", "en_US.UTF-8", env={"IMCOST_LANG": given})[1]


def test_a_chinese_locale_makes_peoples_formats_chinese(runner: CliRunner) -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    assert CHINESE_TITLE in run(runner, "estimate", PLAN, env=env)[1]
    assert "# imcost 费用估算：2026-12" in run(runner, "estimate", PLAN, "-f", "markdown", env=env)[1]
    assert '<html lang="zh-CN">' in run(runner, "estimate", PLAN, "-f", "html", env=env)[1]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_chinese_locale_leaves_machine_formats_alone(runner: CliRunner, fmt: str) -> None:
    # A script's output must not change with the desktop it runs on: descriptions stay English too.
    english = run(runner, "estimate", PLAN, "-f", fmt)[1]
    assert run(runner, "estimate", PLAN, "-f", fmt, env={"LANG": "zh_CN.UTF-8"})[1] == english
    assert "15,000 over the free 10,000" in english


def test_an_explicit_choice_applies_to_every_format(runner: CliRunner) -> None:
    # IMCOST_LANG=zh says the CSV's descriptions in Chinese; its header stays the column ids.
    out = run(runner, "estimate", PLAN, "-f", "csv", env={"IMCOST_LANG": "zh_CN"})[1]
    assert out.splitlines()[0].startswith("app,edition,fee,description,")
    assert "超出免费额度 1万 的 15,000" in out


def test_lang_en_wins_over_a_chinese_locale(runner: CliRunner) -> None:
    assert ENGLISH_TITLE in run(runner, "estimate", PLAN, "--lang", "en", env={"LANG": "zh_CN.UTF-8"})[1]


def test_c_locale_all_wins_over_lang(runner: CliRunner) -> None:
    assert ENGLISH_TITLE in run(runner, "estimate", PLAN, env={"LC_ALL": "C", "LANG": "zh_CN.UTF-8"})[1]


def test_an_unknown_language_is_one_line(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", PLAN, "--lang", "fr_FR.UTF-8")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --lang: 'fr_FR.UTF-8' is not one of en, zh (see imcost estimate --help)\n"
    # A French desktop is not an error: it is simply not Chinese.
    assert run(runner, "estimate", PLAN, env={"LANG": "fr_FR.UTF-8"})[0] == 0


# --- --bom: a byte-order mark for Excel and WPS -----------------------------------------------------------------

BOM_COMMANDS = [
    ("estimate", PLAN),
    ("compare", "pro", "--dau", "25000"),
    ("recommend", PLAN),
    ("forecast", PLAN, "--months", "2"),
    ("schedule", str(SAMPLES / "growth.yaml"), "--months", "1"),
    ("prices",),
    ("limits",),
    ("diff", PLAN, PLAN),
]


@pytest.mark.parametrize("args", BOM_COMMANDS)
def test_bom_starts_the_csv_with_a_byte_order_mark(runner: CliRunner, args: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*args, "-f", "csv"])
    plain = result.stdout_bytes
    result = runner.invoke(app, [*args, "-f", "csv", "--bom"])
    assert result.stdout_bytes == b"\xef\xbb\xbf" + plain


def test_bom_goes_into_the_out_file_too(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    assert runner.invoke(app, ["estimate", PLAN, "-f", "csv", "--bom", "--out", str(path)]).exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfapp,edition,fee,")


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html"])
def test_bom_is_refused_for_other_formats(runner: CliRunner, fmt: str) -> None:
    code, out, err = run(runner, "estimate", PLAN, "-f", fmt, "--bom")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: --bom: a byte-order mark is for --format csv (Excel and WPS); "
        "other formats are written without one\n"
    )
