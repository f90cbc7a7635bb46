"""Issue 13, points 6, 7 and 10: ``-`` reads the plan from standard input; a file of the wrong
kind is said in one short line; an infeasible plan's reasons are printed once on a terminal.

Standard input is tested both in a real process (``subprocess`` with ``input=``, a
pseudo-terminal) and through CliRunner(input=...). Terminals are faked in-process by
patching Rich's ``Console.is_terminal``, or are real pseudo-terminals (pty.openpty).
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from imcost.cli import app
from imcost.infile import MAX_FILE_BYTES

from .conftest import SAMPLES

FLAGSHIP = SAMPLES / "flagship.yaml"
TRIAL = SAMPLES / "trial-over-quota.yaml"
ENV = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "100"}
ENV.pop("IMCOST_LANG", None)
ENV.pop("LC_ALL", None)

# What each reader says it expects after what an input looks like (imcost.infile.expects).
PLAN = "estimate expects a plan file (YAML)"
BOOK = "expected a price book (YAML) like samples/pricebook-2027.yaml"
DAILY = "expected a CSV file of daily usage (date,dau,...)"

TRIAL_REASON = (
    "imcost: app 'prototype' can't be bought as written in 2026-12: DAU: peak 500 is over the 100 that "
    "trial (体验版) allows; overage is billed only on pro and flagship; the security service is sold only "
    "on pro and flagship, not on trial (体验版)\n"
)


def imcost(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """imcost as its own process, standard input given (or /dev/null)."""
    return subprocess.run(
        [sys.executable, "-m", "imcost", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        env=ENV,
        timeout=60,
        check=False,
    )


def invoke(runner: CliRunner, *args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


# --- point 7: "-" reads the plan from standard input ------------------------------------------------------------


def test_estimate_reads_a_plan_from_a_pipe_as_from_its_file() -> None:
    piped = imcost("estimate", "-", "--format", "json", stdin=FLAGSHIP.read_bytes())
    from_file = imcost("estimate", str(FLAGSHIP), "--format", "json")
    assert (piped.returncode, piped.stderr) == (0, b"")
    assert piped.stdout == from_file.stdout
    assert b'"total": "12139.00"' in piped.stdout


def test_an_error_names_the_input_stdin() -> None:
    done = imcost("estimate", "-", stdin=b"edition: pro\nusage:\n  peak_dua: 3\n")
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == (
        "imcost: error: <stdin>:3: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["forecast", "{}", "--months", "2"],
        ["schedule", "{}", "--months", "2"],
        ["compare", "--plan", "{}"],
        ["recommend", "--plan", "{}"],
        ["recommend", "{}"],
        ["diff", "{}", "samples/pro-dau-overage.yaml"],
        ["diff", "samples/pro-dau-overage.yaml", "{}"],
    ],
    ids=["forecast", "schedule", "compare --plan", "recommend --plan", "recommend PLAN", "diff OLD", "diff NEW"],
)
def test_every_command_that_takes_a_plan_takes_dash(
    args: list[str], runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    plan = SAMPLES / "growth.yaml"  # it has a purchase day, for schedule
    piped = invoke(runner, *[a.replace("{}", "-") for a in args], stdin=plan.read_text(encoding="utf-8"))
    from_file = invoke(runner, *[a.replace("{}", str(plan)) for a in args])
    assert piped[0] == from_file[0] == 0
    # diff names its sides; everything else is the same output.
    assert piped[1] == from_file[1].replace(str(plan), "<stdin>")
    assert piped[1]


def test_validate_names_stdin(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "validate", "-", str(TRIAL), stdin=FLAGSHIP.read_text(encoding="utf-8"))
    assert (code, err) == (0, "")
    assert out == f"<stdin>: ok (1 app)\n{TRIAL}: ok (1 app)\n"


def test_standard_input_is_read_once(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "diff", "-", "-", stdin=FLAGSHIP.read_text(encoding="utf-8"))
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: <stdin>: standard input is already read for another input; give '-' for one input only\n"
    )


def test_relative_paths_in_a_plan_on_stdin_resolve_against_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "books").mkdir()
    shutil.copy(SAMPLES / "daily-usage.csv", tmp_path / "figures" / "usage.csv")
    shutil.copy(SAMPLES / "pricebook-2027.yaml", tmp_path / "books" / "book.yaml")
    plan = b"pricebook: books/book.yaml\nedition: pro\nusage:\n  daily: figures/usage.csv\n"
    (tmp_path / "plan.yaml").write_bytes(plan)
    piped = imcost("estimate", "-", "--format", "json", stdin=plan, cwd=tmp_path)
    from_file = imcost("estimate", "plan.yaml", "--format", "json", cwd=tmp_path)
    assert (piped.returncode, piped.stderr) == (0, from_file.stderr)
    assert piped.stdout == from_file.stdout.replace(b'"plan.yaml"', b'"<stdin>"')
    saved = json.loads(piped.stdout)
    # Priced with the book and the two months of the daily file found from the working directory.
    assert saved["pricebook"]["id"] == "books/book.yaml"
    assert saved["pricebook"]["name"] == "Example Corp negotiated list"
    assert [m["month"] for m in saved["months"]] == ["2026-12", "2027-01"]
    # From another directory the same plan finds neither file, and says where it looked.
    elsewhere = tmp_path / "figures"
    done = imcost("estimate", "-", stdin=b"edition: pro\nusage:\n  daily: figures/usage.csv\n", cwd=elsewhere)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == (
        "imcost: error: <stdin>:3: usage.daily: no such file 'figures/usage.csv' "
        "(the plan is read from standard input: the path is relative to the working directory)\n"
    )


def test_standard_input_has_the_size_limit_of_a_file(runner: CliRunner) -> None:
    big = "edition: pro\n" + "#" * MAX_FILE_BYTES
    code, out, err = invoke(runner, "estimate", "-", stdin=big)
    assert (code, out) == (2, "")
    assert err == "imcost: error: <stdin>: is larger than 10 MB, too large for a plan file\n"


def test_out_never_conflicts_with_stdin(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(FLAGSHIP, plan)
    with plan.open("rb") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "imcost", "estimate", "-", "--format", "json", "--out", "plan.json"],
            stdin=stream,
            capture_output=True,
            cwd=tmp_path,
            env=ENV,
            timeout=60,
            check=False,
        )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")
    assert '"total": "12139.00"' in (tmp_path / "plan.json").read_text(encoding="utf-8")


def test_a_terminal_on_stdin_is_refused_with_a_hint() -> None:
    parent, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "imcost", "forecast", "-"],
            stdin=child,
            capture_output=True,
            env=ENV,
            timeout=60,
            check=False,
        )
    finally:
        os.close(child)
        os.close(parent)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode() == (
        "imcost: error: <stdin>: standard input is a terminal, not a plan file; "
        "pipe or redirect one: imcost forecast - < FILE\n"
    )


def test_empty_stdin(runner: CliRunner) -> None:
    code, out, err = invoke(runner, "estimate", "-", stdin="")
    assert (code, out) == (2, "")
    assert err == f"imcost: error: <stdin>: standard input is empty; {PLAN}; a plan needs at least `edition: pro`\n"


# --- point 10: a wrong kind of file gets one short line ---------------------------------------------------------

HUGE_CELL = "x" * 5000
PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n" * 30
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00" * 20


def _html_quote(tmp_path: Path) -> bytes:
    """imcost's own quote page: a likely file to give back to it by mistake."""
    done = imcost("estimate", str(FLAGSHIP), "--format", "html")
    assert done.returncode == 0
    return done.stdout


def _saved_estimate(tmp_path: Path) -> bytes:
    done = imcost("estimate", str(FLAGSHIP), "--format", "json")
    assert done.returncode == 0
    return done.stdout


KINDS: dict[str, tuple[list[str], object, str]] = {
    "daily CSV as a plan": (
        ["estimate", "{}"],
        (SAMPLES / "daily-usage.csv").read_bytes(),
        f"this looks like a CSV file (daily usage?); {PLAN}; give a CSV with --daily or usage.daily",
    ),
    "daily CSV as forecast's plan": (
        ["forecast", "{}"],
        (SAMPLES / "daily-usage.csv").read_bytes(),
        "this looks like a CSV file (daily usage?); forecast expects a plan file (YAML); give a CSV as usage.daily",
    ),
    "other CSV with a huge cell": (
        ["estimate", "{}"],
        f"name,{HUGE_CELL}\nfirst,1\nsecond,2\n".encode(),
        f"this looks like a CSV file; {PLAN}",
    ),
    "quoted CSV YAML can't read": (
        ["estimate", "{}"],
        b'date,dau\n"2026-12-01",5\n"2026-12-02" ,7\n',
        f"this looks like a CSV file (daily usage?); {PLAN}; give a CSV with --daily or usage.daily",
    ),
    "passwd": (["estimate", "{}"], PASSWD.encode(), f"this looks like a plain text file; {PLAN}"),
    "binary": (["estimate", "{}"], PNG, f"this looks like binary data, not text; {PLAN}"),
    "UTF-16": (
        ["estimate", "{}"],
        "edition: pro\n".encode("utf-16"),
        f"this looks like UTF-16 text; {PLAN}; save it as UTF-8",
    ),
    "JSON that is no plan": (
        ["estimate", "{}"],
        b'{"customers": [{"id": 1, "note": "' + HUGE_CELL.encode() + b'"}]}\n',
        f"this looks like JSON that is not a plan; {PLAN}",
    ),
    "a JSON list": (
        ["schedule", "{}"],
        b"[1, 2, 3]\n",
        "this looks like JSON that is not a plan; schedule expects a plan file (YAML)",
    ),
    "JSON that is no estimate, to diff": (
        ["diff", "{}", str(FLAGSHIP)],
        b'{"total": "5.00"}\n',
        "this looks like JSON that is not a plan; diff expects a plan file (YAML) or a saved JSON estimate",
    ),
    "a saved estimate": (
        ["estimate", "{}"],
        _saved_estimate,
        f"this is a saved imcost estimate (JSON), not a plan; {PLAN}; diff compares saved estimates",
    ),
    "an HTML quote": (["estimate", "{}"], _html_quote, f"this looks like an HTML page; {PLAN}"),
    "an HTML page": (
        ["forecast", "{}"],
        b"<!-- saved -->\n<!DOCTYPE html>\n<html><body><p>price: none</p></body></html>\n",
        "this looks like an HTML page; forecast expects a plan file (YAML)",
    ),
    "empty": (["estimate", "{}"], b"", f"the file is empty; {PLAN}; a plan needs at least `edition: pro`"),
    "blank": (["estimate", "{}"], b"\n  \n", f"the file is empty; {PLAN}; a plan needs at least `edition: pro`"),
    "CSV as --pricebook": (
        ["estimate", str(FLAGSHIP), "--pricebook", "{}"],
        (SAMPLES / "daily-usage.csv").read_bytes(),
        f"this looks like a CSV file (daily usage?); {BOOK}",
    ),
    "text as --pricebook": (
        ["prices", "--pricebook", "{}"],
        PASSWD.encode(),
        f"this looks like a plain text file; {BOOK}",
    ),
    "binary as --pricebook": (["limits", "--pricebook", "{}"], PNG, f"this looks like binary data, not text; {BOOK}"),
    "plan as --daily": (
        ["estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--daily", "{}"],
        FLAGSHIP.read_bytes(),
        f"this looks like a YAML file (a plan?); {DAILY}",
    ),
    "JSON as --daily": (
        ["estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--daily", "{}"],
        b'[{"date": "2026-12-01", "dau": 5}]\n',
        f"this looks like JSON; {DAILY}",
    ),
    "text as --daily": (
        ["estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--daily", "{}"],
        b"peak days were the first week of December\nsee the console\n",
        f"this looks like a plain text file; {DAILY}",
    ),
    "tab-separated --daily": (
        ["estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--daily", "{}"],
        b"date\tdau\n2026-12-01\t5\n",
        f"this looks like a CSV file with cells separated by tabs, not commas; {DAILY}",
    ),
    "HTML as --daily": (
        ["estimate", str(SAMPLES / "pro-dau-overage.yaml"), "--daily", "{}"],
        b"<html>\n<body>date,dau</body></html>\n",
        f"this looks like an HTML page; {DAILY}",
    ),
}


@pytest.mark.parametrize("args,content,message", KINDS.values(), ids=list(KINDS))
def test_a_wrong_kind_of_file_is_one_short_line(
    args: list[str], content: object, message: str, tmp_path: Path, runner: CliRunner
) -> None:
    data = content(tmp_path) if callable(content) else content
    assert isinstance(data, bytes)
    path = tmp_path / "given"
    path.write_bytes(data)
    code, out, err = invoke(runner, *[str(path) if a == "{}" else a for a in args])
    assert (code, out) == (2, "")
    assert err == f"imcost: error: {path}: {message}\n"
    line = err.replace(str(path), "given").rstrip("\n")
    assert len(line) <= 200
    # Nothing of the input is quoted: not the huge cell, not a line of the text.
    assert "xxxxx" not in line and "root" not in line


def test_the_csv_from_the_issue(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SAMPLES.parent)
    code, out, err = invoke(runner, "estimate", "samples/daily-usage.csv")
    assert (code, out) == (2, "")
    assert err == (
        "imcost: error: samples/daily-usage.csv: this looks like a CSV file (daily usage?); "
        "estimate expects a plan file (YAML); give a CSV with --daily or usage.daily\n"
    )


def test_a_plan_written_as_json_is_still_a_plan_and_a_price_book_where_a_plan_goes_keeps_its_message(
    runner: CliRunner,
) -> None:
    code, out, err = invoke(runner, "estimate", "-", "-f", "csv", stdin='{"edition": "pro", "month": "2026-12"}\n')
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "app,pro,package,pro (专业版),1,month,999.00,999.00,prepaid,999.00,0,0.00,2026-12"
    book = (SAMPLES / "pricebook-2027.yaml").read_text(encoding="utf-8")
    code, out, err = invoke(runner, "estimate", "-", stdin=book)
    assert (code, out) == (2, "")
    assert err.startswith("imcost: error: <stdin>:")
    assert err.endswith(
        ": this is a price book, not a plan file (give it with --pricebook; a plan looks like samples/flagship.yaml)\n"
    )


# --- point 6: an infeasible plan's reasons, once on a terminal --------------------------------------------------


@pytest.mark.parametrize(
    "command", [["estimate"], ["forecast", "--months", "1"], ["schedule", "--months", "1"]], ids=lambda c: c[0]
)
def test_reasons_are_printed_once_on_a_terminal(
    command: list[str], runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    args = [command[0], str(TRIAL), *command[1:]]
    # Not a terminal (a pipe, a file): the output and stderr, as before.
    code, out, err = invoke(runner, *args)
    assert code == 1 and "not feasible" in out
    assert err == TRIAL_REASON
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    # On a terminal, in a format for people: the table says it; stderr does not repeat it.
    for fmt in ("table", "markdown"):
        code, out, err = invoke(runner, *args, "--format", fmt)
        assert (code, err) == (1, "")
        assert "DAU: peak 500 is over the 100" in out
    # JSON and CSV have no place for reasons; --out sends the table elsewhere: stderr says them.
    for extra in (["--format", "json"], ["--format", "csv"], ["--out", str(tmp_path / "out.txt")]):
        code, _, err = invoke(runner, *args, *extra)
        assert (code, err) == (1, TRIAL_REASON)


def test_estimate_html_on_a_terminal_says_its_reasons_once(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    code, out, err = invoke(runner, "estimate", str(TRIAL), "--format", "html")
    assert (code, err) == (1, "")
    assert "<li>the security service is sold only on pro and flagship, not on trial (体验版)</li>" in out


def test_reasons_once_in_a_real_pseudo_terminal() -> None:
    parent, child = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "imcost", "estimate", str(TRIAL)],
            stdin=subprocess.DEVNULL,
            stdout=child,
            stderr=subprocess.PIPE,
            env=ENV,
        )
        os.close(child)
        screen = b""
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            screen += chunk
        _, err = process.communicate(timeout=60)
    finally:
        os.close(parent)
    assert process.returncode == 1
    assert err == b""
    assert "not feasible: the security service is sold only on pro and flagship" in screen.decode()
