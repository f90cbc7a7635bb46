"""Bad input: one clear message per problem with file, line and key path; exit 2; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imcost.cli import app


def estimate(tmp_path: Path, runner: CliRunner, text: str | bytes, name: str = "plan.yaml") -> tuple[int, str, str]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["estimate", str(path), "--format", "json"])
    return result.exit_code, result.stdout, result.stderr.replace(str(tmp_path) + "/", "")


# What estimate says it expects after a file of the wrong kind (imcost.infile.expects).
_EXPECTS = "estimate expects a plan file (YAML)"

CASES = {
    "unknown edition lists the valid ones": (
        "edition: premium\n",
        "plan.yaml:1: edition: unknown edition 'premium' (valid editions: trial, 体验版, pro, professional, "
        "专业版, flagship, ultimate, 旗舰版)",
    ),
    "misspelt edition suggests the closest name": (
        "edition: profesional\n",
        "plan.yaml:1: edition: unknown edition 'profesional' (did you mean 'professional'? valid editions: trial, "
        "体验版, pro, professional, 专业版, flagship, ultimate, 旗舰版)",
    ),
    "misspelt edition in any case": (
        "edition: Flagshp\n",
        "plan.yaml:1: edition: unknown edition 'Flagshp' (did you mean 'flagship'? valid editions: trial, "
        "体验版, pro, professional, 专业版, flagship, ultimate, 旗舰版)",
    ),
    "edition is required": ("usage: {peak_dau: 5}\n", "plan.yaml:1: missing required key 'edition'"),
    "misspelt key suggests the closest": (
        "edition: pro\nusage:\n  peak_dua: 3\n",
        "plan.yaml:3: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
    ),
    "unknown key with no close match lists valid keys": (
        "edition: pro\nneeds:\n  colour: red\n",
        "plan.yaml:3: needs.colour: unknown key 'colour' (valid keys: av_chatrooms, chatroom_history_days, "
        "features, friends_per_user, group_members, groups_per_user, history_days, users)",
    ),
    "negative count": (
        "edition: pro\nusage:\n  peak_dau: -5\n",
        "plan.yaml:3: usage.peak_dau: expected a whole number of 0 or more, got -5",
    ),
    "fractional count": (
        "edition: pro\nusage:\n  peak_groups: 2.5\n",
        "plan.yaml:3: usage.peak_groups: expected a whole number, got the fractional number 2.5",
    ),
    "text for a count": (
        "edition: pro\nneeds:\n  history_days: ninety\n",
        "plan.yaml:3: needs.history_days: expected a whole number, got the text 'ninety'",
    ),
    "thousands separators in a count": (
        "edition: pro\nusage:\n  peak_dau: 25,000\n",
        "plan.yaml:3: usage.peak_dau: expected a whole number, got the text '25,000' (write 25000)",
    ),
    "bool for a count": (
        "edition: pro\nneeds:\n  av_chatrooms: true\n",
        "plan.yaml:3: needs.av_chatrooms: expected a whole number, got true (a yes/no value)",
    ),
    "huge count": (
        "edition: pro\nusage:\n  peak_dau: 1000000000000000000000000000000\n",
        "plan.yaml:3: usage.peak_dau: 1000000000000000000000000000000 is larger than imcost accepts "
        "(at most 1,000,000,000,000)",
    ),
    "huge exponent is reported, not expanded": (
        "edition: pro\nusage:\n  peak_dau: 1.0e+999999999\n",
        "plan.yaml:3: usage.peak_dau: 1.0E+999999999 is larger than imcost accepts (at most 1,000,000,000,000)",
    ),
    "negative huge exponent": (
        "edition: pro\nneeds:\n  users: -1.0e+5000\n",
        "plan.yaml:3: needs.users: expected a whole number of 0 or more, got -1.0E+5000",
    ),
    "a 4,000-digit count is measured, not printed": (
        "edition: pro\nusage:\n  peak_groups: " + "7" * 4000 + "\n",
        "plan.yaml:3: usage.peak_groups: a number of 4,000 digits is larger than imcost accepts "
        "(at most 1,000,000,000,000)",
    ),
    "security not a bool": (
        "edition: pro\nsecurity: maybe\n",
        "plan.yaml:2: security: expected true or false, got the text 'maybe'",
    ),
    "duplicate key at the top": (
        "edition: pro\nedition: flagship\n",
        "plan.yaml:2: edition: duplicate key 'edition' (first given on line 1)",
    ),
    "duplicate key nested in an app": (
        "apps:\n  - edition: pro\n    usage:\n      peak_dau: 1\n      peak_dau: 2\n",
        "plan.yaml:5: apps[0].usage.peak_dau: duplicate key 'peak_dau' (first given on line 4)",
    ),
    "bad month": (
        "month: 2026-13\nedition: pro\n",
        "plan.yaml:1: month: expected a month as YYYY-MM, got '2026-13' (no such month)",
    ),
    "month as a date": (
        "month: 2026-12-01\nedition: pro\n",
        "plan.yaml:1: month: expected a month as YYYY-MM, got the date 2026-12-01 (write 2026-12)",
    ),
    "daily list of the wrong length": (
        "month: 2027-02\nedition: pro\nusage:\n  barrage_mbps:\n    domestic: [1, 2, 3]\n",
        "plan.yaml:5: usage.barrage_mbps.domestic: expected one value per day of 2027-02 (28 values), got 3 "
        "(or give one number for every day)",
    ),
    "negative bandwidth in a daily list": (
        "month: 2027-02\nedition: pro\nusage:\n  barrage_mbps:\n    domestic: [" + ", ".join(["1"] * 27) + ", -1]\n",
        "plan.yaml:5: usage.barrage_mbps.domestic[27]: expected a number of 0 or more, got -1",
    ),
    "unknown barrage region": (
        "edition: pro\nusage:\n  barrage_mbps:\n    domestc: 3\n",
        "plan.yaml:4: usage.barrage_mbps.domestc: unknown key 'domestc' (did you mean 'domestic'?)",
    ),
    "unknown group type": (
        "edition: flagship\nneeds:\n  group_members: {privat: 300}\n",
        "plan.yaml:3: needs.group_members.privat: unknown key 'privat' (did you mean 'private'?)",
    ),
    "apps not a list": ("apps: pro\n", "plan.yaml:1: apps: expected a list of apps, got the text 'pro'"),
    "duplicate app names": (
        "apps:\n  - {name: a, edition: pro}\n  - {name: a, edition: pro}\n",
        "plan.yaml:3: apps[1].name: app name 'a' is already used by apps[0]",
    ),
    "top level is a list": ("- edition: pro\n", "plan.yaml:1: expected a mapping of keys at the top level, got a list"),
    "empty file": ("", f"plan.yaml: the file is empty; {_EXPECTS}; a plan needs at least `edition: pro`"),
    "only a comment": (
        "# nothing here\n",
        f"plan.yaml: the file is empty; {_EXPECTS}; a plan needs at least `edition: pro`",
    ),
    "invalid YAML": (
        "edition: [pro\n",
        "plan.yaml:2: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts on line 1)",
    ),
    "tab indentation": (
        "edition: pro\nusage:\n\tpeak_dau: 3\n",
        "plan.yaml:3: invalid YAML: found character that cannot start any token (YAML indents with spaces, not tabs)",
    ),
    "merge keys": (
        "base: &b {edition: pro}\napps:\n  - <<: *b\n",
        "plan.yaml:3: apps[0]: merge keys (<<) are not supported; write the keys out",
    ),
    "python tags are refused": (
        "edition: !!python/object:os.system pro\n",
        "plan.yaml:1: edition: unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'",
    ),
}


@pytest.mark.parametrize("text,message", CASES.values(), ids=list(CASES))
def test_bad_plan(text: str, message: str, tmp_path: Path, runner: CliRunner) -> None:
    code, out, err = estimate(tmp_path, runner, text)
    assert code == 2
    assert out == ""
    assert f"imcost: error: {message}\n" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "names,message",
    [
        (["pro", "flagshp"], "unknown edition 'flagshp' (did you mean 'flagship'? valid editions: "),
        (["旗舰"], "unknown edition '旗舰' (did you mean '旗舰版'? valid editions: "),
        (["premium"], "unknown edition 'premium' (valid editions: "),
    ],
)
def test_compare_suggests_the_closest_edition(names: list[str], message: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["compare", *names])
    assert (result.exit_code, result.stdout) == (2, "")
    everything = "trial, 体验版, pro, professional, 专业版, flagship, ultimate, 旗舰版"
    assert result.stderr == f"imcost: error: EDITIONS: {message}{everything})\n"


def test_every_problem_is_reported_at_once(tmp_path: Path, runner: CliRunner) -> None:
    text = "edition: premium\nusage:\n  peak_dau: -5\n  peak_dua: 3\nsecurity: maybe\n"
    code, out, err = estimate(tmp_path, runner, text)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "imcost: error: plan.yaml:1: edition: unknown edition 'premium' (valid editions: trial, 体验版, pro, "
        "professional, 专业版, flagship, ultimate, 旗舰版)",
        "imcost: error: plan.yaml:4: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
        "imcost: error: plan.yaml:3: usage.peak_dau: expected a whole number of 0 or more, got -5",
        "imcost: error: plan.yaml:5: security: expected true or false, got the text 'maybe'",
    ]


def test_a_misspelt_required_key_is_one_message(tmp_path: Path, runner: CliRunner) -> None:
    """The "did you mean" names the key, so it is not also said to be missing."""
    code, out, err = estimate(tmp_path, runner, "editon: pro\nusage: {peak_dau: 5}\n")
    assert (code, out) == (2, "")
    assert err == "imcost: error: plan.yaml:1: editon: unknown key 'editon' (did you mean 'edition'?)\n"
    code, out, err = estimate(tmp_path, runner, "apps:\n  - editon: pro\n  - name: b\n")
    assert err.splitlines() == [
        "imcost: error: plan.yaml:2: apps[0].editon: unknown key 'editon' (did you mean 'edition'?)",
        "imcost: error: plan.yaml:3: apps[1]: missing required key 'edition'",
    ]


def test_missing_file(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", str(tmp_path / "nope.yaml")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"imcost: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_directory(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["estimate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"imcost: error: {tmp_path}: is a directory, expected a YAML file\n"


def test_not_utf8(tmp_path: Path, runner: CliRunner) -> None:
    code, _, err = estimate(tmp_path, runner, b"edition: pro\nname: caf\xe9\n")
    assert code == 2
    assert err == "imcost: error: plan.yaml:2: is not UTF-8 text (byte 0xe9 at offset 22)\n"


def test_alias_bomb_is_stopped(tmp_path: Path, runner: CliRunner) -> None:
    lines = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    code, out, err = estimate(tmp_path, runner, "\n".join(lines) + "\n")
    assert (code, out) == (2, "")
    assert "aliases expand the document by more than 100,000 values" in err


def test_bom_and_windows_line_endings_are_read(tmp_path: Path, runner: CliRunner) -> None:
    """Files saved by Windows editors estimate like any other."""
    code, out, _ = estimate(tmp_path, runner, "\ufeffmonth: 2026-12\r\nedition: pro\r\nusage:\r\n  peak_dau: 10001\r\n")
    assert code == 0
    assert '"total": "1999.00"' in out
