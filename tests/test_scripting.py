"""Script and CI friendliness: validate, schema, init, --fail-over, --out, completion, python -m."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from imcost.cli import app
from imcost.plan import APP_KEYS, NEED_KEYS, USAGE_KEYS
from imcost.pricebook import PriceBook
from imcost.schema import plan_schema
from imcost.template import TEMPLATE

from .conftest import SAMPLES

PLAN_SAMPLES = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("pricebook"))


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- validate ---------------------------------------------------------------


def test_validate_good_files(runner: CliRunner) -> None:
    files = [str(SAMPLES / "flagship.yaml"), str(SAMPLES / "multi-app.yaml")]
    code, out, err = run(runner, "validate", *files)
    assert (code, err) == (0, "")
    assert out == f"{files[0]}: ok (1 app)\n{files[1]}: ok (3 apps)\n"


def test_validate_lists_every_problem_of_every_file(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "a.yaml").write_text("edition: premium\nusage:\n  peak_dua: 3\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("edition: pro\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("edition: pro\nneeds: {history_days: -1}\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.yaml", "b.yaml", "c.yaml", "missing.yaml")]
    code, out, err = run(runner, "validate", *paths)
    assert code == 2
    assert out == f"{paths[1]}: ok (1 app)\n"
    assert err.replace(str(tmp_path) + "/", "").splitlines() == [
        "imcost: error: a.yaml:1: edition: unknown edition 'premium' (valid editions: trial, 体验版, pro, "
        "professional, 专业版, flagship, ultimate, 旗舰版)",
        "imcost: error: a.yaml:3: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
        "imcost: error: c.yaml:2: needs.history_days: expected a whole number of 0 or more, got -1",
        "imcost: error: missing.yaml: no such file",
    ]


# --- schema -----------------------------------------------------------------


def _check(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "") -> list[str]:
    """A tiny JSON Schema validator for the subset imcost's schema uses."""
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return _check(value, target, root, path)
    if isinstance(value, date):
        value = value.isoformat()  # a YAML date is a string to JSON Schema tools
    errors: list[str] = []
    types = schema.get("type")
    if types is not None:
        kinds = {
            "object": dict,
            "array": list,
            "string": str,
            "boolean": bool,
            "integer": int,
            "number": (int, float),
            "null": type(None),
        }
        wanted = [types] if isinstance(types, str) else types
        ok = any(
            isinstance(value, kinds[t]) and not (t in ("integer", "number") and isinstance(value, bool)) for t in wanted
        )
        if not ok:
            return [f"{path}: {value!r} is not {types}"]
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            errors.append(f"{path}: {len(value)} items")
        for i, item in enumerate(value):
            errors += _check(item, schema.get("items", {}), root, f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in props:
                errors += _check(item, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key {key}")
    for keyword, needed in (("anyOf", None), ("oneOf", 1)):
        if keyword in schema:
            passing = sum(not _check(value, s, root, path) for s in schema[keyword])
            if (needed is None and passing == 0) or (needed is not None and passing != needed):
                errors.append(f"{path}: {passing} of {keyword} match")
    return errors


@pytest.fixture(scope="module")
def schema(book: PriceBook) -> dict[str, Any]:
    return plan_schema(book)


@pytest.mark.parametrize("path", PLAN_SAMPLES, ids=[p.name for p in PLAN_SAMPLES])
def test_every_sample_is_valid_against_the_schema(path: Path, schema: dict[str, Any]) -> None:
    assert _check(yaml.safe_load(path.read_text(encoding="utf-8")), schema, schema) == []


def test_the_init_template_is_valid_against_the_schema(schema: dict[str, Any]) -> None:
    assert _check(yaml.safe_load(TEMPLATE), schema, schema) == []


@pytest.mark.parametrize(
    "plan",
    [
        {"edition": "premium"},
        {"usage": {"peak_dau": 1}},
        {"edition": "pro", "usage": {"peak_dua": 1}},
        {"edition": "pro", "usage": {"peak_dau": -1}},
        {"edition": "pro", "discounts": {"package": "15"}},
        {"edition": "pro", "discounts": {"packge": "15%"}},
        {"edition": "pro", "discounts": {"all": "101%"}},
        {"month": "2026-13", "edition": "pro"},
        {"apps": [{"edition": "pro", "colour": "red"}]},
        {"apps": []},
        {"apps": [{"edition": "pro"}], "edition": "pro"},
    ],
)
def test_the_schema_rejects_what_imcost_rejects(plan: dict[str, Any], schema: dict[str, Any]) -> None:
    assert _check(plan, schema, schema) != []


def test_the_schema_accepts_any_case_and_chinese_edition_names(schema: dict[str, Any]) -> None:
    for name in ("pro", "PRO", "Flagship", "ultimate", "旗舰版", "体验版"):
        assert _check({"edition": name}, schema, schema) == [], name


def test_the_schema_knows_every_plan_key(schema: dict[str, Any]) -> None:
    app_props = schema["$defs"]["app"]["properties"]
    assert set(app_props) == set(APP_KEYS)
    assert set(app_props["usage"]["properties"]) == set(USAGE_KEYS)
    assert set(app_props["needs"]["properties"]) == set(NEED_KEYS)


def test_schema_command_prints_it(runner: CliRunner, schema: dict[str, Any]) -> None:
    code, out, _ = run(runner, "schema")
    assert code == 0
    assert json.loads(out) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


# --- init -------------------------------------------------------------------


def test_init_writes_a_template_that_estimates_as_is(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    code, out, err = run(runner, "init", str(path))
    assert (code, out) == (0, "")
    assert err == f"imcost: wrote {path}; estimate it with: imcost estimate {path}\n"
    assert path.read_text(encoding="utf-8") == TEMPLATE
    code, out, _ = run(runner, "estimate", str(path), "--format", "json", "--month", "2027-01")
    assert code == 0
    assert json.loads(out)["total"] == "999.00"  # one pro app, as the template's header says


def test_the_template_schedules_as_is(tmp_path: Path, runner: CliRunner) -> None:
    """The template names its purchase day, so schedule works on it unedited: one package a month from it."""
    path = tmp_path / "plan.yaml"
    assert run(runner, "init", str(path))[0] == 0
    code, out, err = run(runner, "schedule", str(path), "--months", "3", "--format", "csv")
    assert (code, err) == (0, "")
    assert [line.split(",")[:5] for line in out.splitlines()[1:]] == [
        ["2027-01-01", "my-app", "package", "pro (专业版)", "999.00"],
        ["2027-02-01", "my-app", "package", "pro (专业版)", "999.00"],
        ["2027-03-01", "my-app", "package", "pro (专业版)", "999.00"],
    ]
    # and it still estimates as-is, in its purchase month too
    code, out, _ = run(runner, "estimate", str(path), "--format", "json", "--month", "2027-01")
    assert (code, json.loads(out)["total"]) == (0, "999.00")


def test_init_refuses_to_overwrite(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("mine\n", encoding="utf-8")
    code, _, err = run(runner, "init", str(path))
    assert code == 2
    assert err == f"imcost: error: {path}: already exists; not overwritten (use --force to replace it)\n"
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert run(runner, "init", str(path), "--force")[0] == 0
    assert path.read_text(encoding="utf-8") == TEMPLATE


def test_init_without_file_prints_the_template(runner: CliRunner) -> None:
    assert run(runner, "init") == (0, TEMPLATE, "")


def test_the_templates_commented_options_estimate_when_uncommented(tmp_path: Path, runner: CliRunner) -> None:
    text = TEMPLATE.replace("# history_days: 90", "history_days: 90").replace(
        "# discounts: {package: 15%, all: 5%}", "discounts: {package: 15%, all: 5%}"
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(runner, "estimate", str(path), "-f", "json", "--month", "2027-01")
    assert code == 0
    # pro 999 - 15% = 849.15; history 90 days 1000 - 5% = 950.00
    assert json.loads(out)["total"] == "1799.15"


# --- --fail-over and --out ----------------------------------------------------


def test_fail_over_exits_3_and_leaves_stdout_unchanged(runner: CliRunner) -> None:
    plan = str(SAMPLES / "flagship.yaml")  # 12139.00
    _, plain, _ = run(runner, "estimate", plan, "-f", "json")
    code, out, err = run(runner, "estimate", plan, "-f", "json", "--fail-over", "12138.99")
    assert (code, out) == (3, plain)
    assert err == "imcost: the total ¥12,139.00 is over ¥12,138.99 (--fail-over)\n"


@pytest.mark.parametrize("budget", ["12139", "12,139.00", "¥20000"])
def test_at_or_under_the_budget_exits_0(runner: CliRunner, budget: str) -> None:
    code, _, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--fail-over", budget)
    assert (code, err) == (0, "")


def test_fail_over_with_a_bad_amount(runner: CliRunner) -> None:
    code, out, err = run(runner, "estimate", str(SAMPLES / "flagship.yaml"), "--fail-over", "lots")
    assert (code, out) == (2, "")
    assert err == "imcost: error: --fail-over: expected an amount in yuan like 10000 or 10,000.00, got 'lots'\n"


def test_infeasible_wins_over_fail_over(runner: CliRunner) -> None:
    code, _, err = run(runner, "estimate", str(SAMPLES / "trial-over-quota.yaml"), "--fail-over", "0")
    assert code == 1
    assert "can't be bought" in err


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html"])
def test_out_writes_the_same_output_to_a_file(tmp_path: Path, runner: CliRunner, fmt: str) -> None:
    plan = str(SAMPLES / "discounts.yaml")
    _, plain, _ = run(runner, "estimate", plan, "-f", fmt)
    path = tmp_path / f"quote.{fmt}"
    code, out, err = run(runner, "estimate", plan, "-f", fmt, "--out", str(path))
    assert (code, out, err) == (0, "", "")
    assert path.read_text(encoding="utf-8") == plain


def test_out_table_is_plain_text(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "quote.txt"
    assert run(runner, "estimate", str(SAMPLES / "security.yaml"), "-o", str(path))[0] == 0
    text = path.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert text.endswith(
        "Total for 2026-12: ¥1,999.00\nPrices: Tencent Cloud IM, date not stated; document last updated 2020-10-30\n"
    )


def test_out_to_an_unwritable_place(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "no" / "such" / "dir.json"
    code, out, err = run(runner, "estimate", str(SAMPLES / "security.yaml"), "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {target}: cannot write the output (No such file or directory)\n"


# --- completion, version, python -m -------------------------------------------


def test_shell_completion_script(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--show-completion", "bash"], prog_name="imcost")
    assert result.exit_code == 0
    assert "_IMCOST_COMPLETE=complete_bash" in result.stdout


def test_python_dash_m(tmp_path: Path) -> None:
    from imcost import __version__

    done = subprocess.run(
        [sys.executable, "-m", "imcost", "--version"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert (done.returncode, done.stdout) == (0, f"imcost {__version__}\n")
