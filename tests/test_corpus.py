"""The bad-input corpus: hostile or mistaken plan files and flag sets, run as a user would.

Each case runs ``imcost estimate`` in its own process and must exit 2 with a
message naming the file (or flag) and the place, print nothing on stdout, show
no traceback, finish well within the timeout and stay small in memory. The
files live in tests/corpus/ (bytes exactly as written: BOMs, CRLF, Latin-1);
the 50 MB file and the directory are made in tmp_path, not committed.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from imcost.yamldoc import MAX_FILE_BYTES

CORPUS = Path(__file__).resolve().parent / "corpus"
# "Within a second" on a quiet machine; generous so a loaded CI runner never flakes.
SLOW_SECONDS = 10.0
# Peak RSS of any child so far, in KB on Linux: imcost needs about 35 MB.
MEMORY_KB = 256 * 1024

# Every file in tests/corpus/ and how its first message goes on after "imcost: error: <file>".
FILES = {
    "alias-bomb.yaml": ":1: f[0][3][3][7][3][7]: aliases expand the document by more than 100,000 values (anchors",
    "alias-in-plan.yaml": ":2: usage.self: an alias refers to the anchor that contains it",
    "app-text.yaml": ":2: apps[0]: expected a mapping of keys, got the text 'pro'",
    "apps-empty.yaml": ":1: apps: expected a list of apps, got an empty list",
    "apps-mapping.yaml": ":1: apps: expected a list of apps, got a mapping",
    "barrage-list-of-lists.yaml": ":5: usage.barrage_mbps.domestic[27]: expected a number, got a list",
    "barrage-scalar.yaml": ":3: usage.barrage_mbps: expected a mapping of keys, got the number 20",
    "barrage-text.yaml": ":4: usage.barrage_mbps.domestic: expected a number, got the text 'fast'",
    "binary.yaml": ":1: is not UTF-8 text (byte 0x89 at offset 0)",
    "bom-crlf-duplicate.yaml": ":4: usage.peak_dau: duplicate key 'peak_dau' (first given on line 3)",
    "bom-misspelt-key.yaml": ":4: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
    "control-character.yaml": ":2: invalid YAML: control character #x0007 is not allowed in YAML",
    "crlf-negative.yaml": ":4: usage.peak_dau: expected a whole number of 0 or more, got -25000",
    "dau-5000-digits.yaml": ":3: usage.peak_dau: a number of 5,000 digits is larger than imcost accepts",
    "dau-bool.yaml": ":3: usage.peak_dau: expected a whole number, got true (a yes/no value)",
    "dau-exponent.yaml": ":3: usage.peak_dau: 1000000000000000000000000000000 is larger than imcost accepts (at most",
    "dau-float.yaml": ":3: usage.peak_dau: expected a whole number, got the fractional number 25000.5",
    "dau-huge.yaml": ":3: usage.peak_dau: 1000000000000000000000000000000 is larger than imcost accepts (at most",
    "dau-infinity.yaml": ":3: usage.peak_dau: expected a finite number, got '.inf'",
    "dau-mapping.yaml": ":3: usage.peak_dau: expected a whole number, got a mapping",
    "dau-nan.yaml": ":3: usage.peak_dau: expected a finite number, got '.nan'",
    "dau-null.yaml": ":3: usage.peak_dau: expected a whole number, got nothing (null)",
    "dau-text.yaml": ":3: usage.peak_dau: expected a whole number, got the text '25k'",
    "deep-nesting.yaml": ":2: usage[0][0][0]: values are nested more than 64 levels deep",
    "duplicate-app.yaml": ":4: apps[0].edition: duplicate key 'edition' (first given on line 3)",
    "duplicate-group-type.yaml": ":3: needs.group_members.private: duplicate key 'private' (first given on line 3)",
    "duplicate-in-second-app.yaml": ":6: apps[1].security: duplicate key 'security' (first given on line 5)",
    "duplicate-needs-key.yaml": ":4: needs.history_days: duplicate key 'history_days' (first given on line 3)",
    "duplicate-region.yaml": ":5: usage.barrage_mbps.domestic: duplicate key 'domestic' (first given on line 4)",
    "duplicate-top.yaml": ":3: month: duplicate key 'month' (first given on line 1)",
    "duplicate-usage-key.yaml": ":4: usage.peak_groups: duplicate key 'peak_groups' (first given on line 3)",
    "duplicate-usage.yaml": ":4: usage: duplicate key 'usage' (first given on line 2)",
    "edition-list.yaml": ":1: edition: expected an edition name, got a list (valid editions: trial",
    "edition-mapping.yaml": ":1: edition: expected an edition name, got a mapping (valid editions: trial",
    "edition-null.yaml": ":1: edition: expected an edition name, got nothing (null) (valid editions: trial",
    "edition-number.yaml": ":1: edition: expected an edition name, got the number 999 (valid editions: trial",
    "empty.yaml": ": the file is empty (a plan needs at least `edition: pro`)",
    "group-members-list.yaml": ":3: needs.group_members: expected a whole number, got a list",
    "groups-list.yaml": ":3: usage.peak_groups: expected a whole number, got a list",
    "history-date.yaml": ":3: needs.history_days: expected a whole number, got the date 2026-12-31",
    "history-mapping.yaml": ":3: needs.history_days: expected a whole number, got a mapping",
    "key-is-a-list.yaml": ":2: a key must be a plain word, not a list or mapping",
    "latin1.yaml": ":2: is not UTF-8 text (byte 0xe9 at offset 22)",
    "merge-key.yaml": ":3: apps[0]: merge keys (<<) are not supported; write the keys out",
    "misspelt-apps.yaml": ":2: sapps: unknown key 'sapps' (did you mean 'apps'?)",
    "misspelt-edition-key.yaml": ":1: editon: unknown key 'editon' (did you mean 'edition'?)",
    "misspelt-edition-name.yaml": ":1: edition: unknown edition 'flagshp' (valid editions: trial",
    "misspelt-group-type.yaml": ":4: needs.group_members.chatrom: unknown key 'chatrom' (did you mean 'chatroom'?)",
    "misspelt-needs-key.yaml": ":3: needs.history_day: unknown key 'history_day' (did you mean 'history_days'?)",
    "misspelt-peak-groups.yaml": ":3: usage.peak_group: unknown key 'peak_group' (did you mean 'peak_groups'?)",
    "misspelt-region.yaml": ":4: usage.barrage_mbps.internationl: unknown key 'internationl' (did you mean",
    "misspelt-security.yaml": ":2: securty: unknown key 'securty' (did you mean 'security'?)",
    "misspelt-usage.yaml": ":2: usag: unknown key 'usag' (did you mean 'usage'?)",
    "month-number.yaml": ":1: month: expected a month as YYYY-MM, got the number 202612",
    "name-list.yaml": ":2: name: expected text, got a list",
    "negative-barrage.yaml": ":4: usage.barrage_mbps.international: expected a number of 0 or more, got -0.5",
    "negative-groups.yaml": ":3: usage.peak_groups: expected a whole number of 0 or more, got -100000",
    "negative-history.yaml": ":3: needs.history_days: expected a whole number of 0 or more, got -90",
    "nul-byte.yaml": ":3: invalid YAML: control character #x0000 is not allowed in YAML",
    "only-comment.yaml": ": the file is empty (a plan needs at least `edition: pro`)",
    "only-whitespace.yaml": ": the file is empty (a plan needs at least `edition: pro`)",
    "python-tag.yaml": ":1: edition: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    "security-number.yaml": ":2: security: expected true or false, got the number 1",
    "security-text.yaml": ":2: security: expected true or false, got the text 'true'",
    "syntax-bad-indent.yaml": ":4: invalid YAML: mapping values are not allowed in this context",
    "syntax-key-without-colon.yaml": ":3: invalid YAML: could not find expected ':' (while scanning a simple key that",
    "syntax-stray-dash.yaml": ":2: invalid YAML: did not find expected key (while parsing a block mapping that starts",
    "syntax-two-documents.yaml": ":2: invalid YAML: but found another document (a plan file holds one YAML document;",
    "syntax-unclosed-list.yaml": ":2: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence",
    "syntax-unclosed-quote.yaml": ":4: invalid YAML: found unexpected end of stream (while scanning a quoted scalar",
    "tab-after-key.yaml": ":4: invalid YAML: found character that cannot start any token (YAML indents with spaces,",
    "tabs.yaml": ":3: invalid YAML: found character that cannot start any token (YAML indents with spaces, not tabs)",
    "top-level-number.yaml": ":1: expected a mapping of keys at the top level, got the number 42",
    "top-level-text.yaml": ":1: expected a mapping of keys at the top level, got the text 'pro'",
    "usage-list.yaml": ":2: usage: expected a mapping of keys, got a list",
    "usage-text.yaml": ":2: usage: expected a mapping of keys, got the text 'lots'",
    "users-text.yaml": ":3: needs.users: expected a whole number, got the text 'many'",
    "utf16.yaml": ":1: is not UTF-8 text (byte 0xff at offset 0)",
}

# Files whose mistake also leaves a required key missing: a second message says so.
TWO_MESSAGES = {"misspelt-apps.yaml"}

# Flag sets, run in tests/corpus/, with a fragment of the message that names the flag or file.
FLAGS = {
    "bad month flag": (["estimate", "empty.yaml", "--month", "2026-13"], "imcost: error: --month: expected a month"),
    "empty month flag": (["estimate", "empty.yaml", "--month", ""], "imcost: error: --month: expected a month"),
    "unknown format": (["estimate", "empty.yaml", "--format", "xml"], "Invalid value for '--format'"),
    "format without a value": (["estimate", "empty.yaml", "-f"], "Option '-f' requires an argument"),
    "missing plan": (["estimate", "--format", "json"], "Missing argument 'plan'"),
    "extra argument": (["estimate", "empty.yaml", "more.yaml"], "unexpected extra argument"),
    "unknown option": (["estimate", "empty.yaml", "--colour"], "No such option: --colour"),
    "misspelt command": (["estimat", "empty.yaml"], "No such command 'estimat'"),
    "missing file": (["estimate", "no-such-plan.yaml"], "imcost: error: no-such-plan.yaml: no such file"),
    "endless device": (["estimate", "/dev/zero"], "imcost: error: /dev/zero: is larger than 10 MB"),
}


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float


def run(args: list[str], cwd: Path = CORPUS) -> Outcome:
    """Run imcost in a fresh process, as a user's shell would."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "imcost", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return Outcome(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def checked(outcome: Outcome) -> tuple[int, str, str]:
    """What every case must keep: quick, small, no traceback."""
    assert outcome.seconds < SLOW_SECONDS
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < MEMORY_KB
    assert "Traceback" not in outcome.stderr
    return outcome.code, outcome.stdout, outcome.stderr


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    """Every corpus file and flag set, run a few processes at a time to keep the suite quick."""
    cases = {name: ["estimate", name, "--format", "json"] for name in FILES}
    cases |= {key: args for key, (args, _) in FLAGS.items()}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(run, args) for key, args in cases.items()}
        return {key: future.result() for key, future in futures.items()}


def test_the_table_lists_every_file_in_the_corpus() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(FILES)
    assert len(FILES) + len(FLAGS) >= 40


@pytest.mark.parametrize("name", sorted(FILES))
def test_corpus_file(name: str, outcomes: dict[str, Outcome]) -> None:
    code, out, err = checked(outcomes[name])
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == (2 if name in TWO_MESSAGES else 1), err
    assert all(line.startswith(f"imcost: error: {name}") for line in lines), err
    assert lines[0].startswith(f"imcost: error: {name}{FILES[name]}"), err


@pytest.mark.parametrize("case", list(FLAGS))
def test_corpus_flags(case: str, outcomes: dict[str, Outcome]) -> None:
    code, out, err = checked(outcomes[case])
    fragment = FLAGS[case][1]
    assert (code, out) == (2, "")
    assert fragment in err


def test_a_directory(tmp_path: Path) -> None:
    (tmp_path / "plans.yaml").mkdir()
    code, out, err = checked(run(["estimate", "plans.yaml"], cwd=tmp_path))
    assert (code, out, err) == (2, "", "imcost: error: plans.yaml: is a directory, expected a YAML file\n")


def test_a_50_mb_file_is_refused_unread(tmp_path: Path) -> None:
    """Generated here, not committed: a valid plan padded with comments to 50 MB."""
    plan = tmp_path / "huge.yaml"
    with plan.open("w", encoding="utf-8") as out:
        out.write("edition: pro\n")
        line = "# " + "x" * 1021 + "\n"
        for _ in range(50 * 1024):
            out.write(line)
    assert plan.stat().st_size > 50 * 1024 * 1024 > MAX_FILE_BYTES
    code, out, err = checked(run(["estimate", "huge.yaml"], cwd=tmp_path))
    assert (code, out, err) == (2, "", "imcost: error: huge.yaml: is larger than 10 MB, too large for a plan file\n")
