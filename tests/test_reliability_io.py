"""Nothing lost, nothing raw: --out, inputs, signals, standard streams and encodings under hostile conditions.

Each case runs imcost as its own process: the message cases in one batch
through tests/forkrun.py, the ones that need a pipe, a signal, a closed or full
stderr, a resource limit or another encoding with subprocess.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .conftest import SAMPLES
from .forkrun import Outcome

TESTS = Path(__file__).resolve().parent
IMCOST = [sys.executable, "-m", "imcost"]
LONG = "x" * 300 + ".yaml"
REFUSED = "; it is not overwritten (write the output to another file)"
# A single-app plan with daily figures for one day of 2026-12: imcost notes the 30 days missing on stderr.
NOTED_PLAN = "name: live\nedition: pro\nusage:\n  daily: u.csv\n"
NOTED_CSV = "date,dau\n2026-12-01,5\n"
NOTE = "imcost: note: u.csv: 2026-12 has no row for 30 days (2026-12-02..2026-12-31)\n"


def _workspace(directory: Path) -> Path:
    """Plans, daily files, a price book and the odd files the cases name, in ``directory``."""
    shutil.copy(SAMPLES / "flagship.yaml", directory / "plan.yaml")
    shutil.copy(SAMPLES / "pro-dau-overage.yaml", directory / "plan2.yaml")
    shutil.copy(SAMPLES / "daily-usage.csv", directory / "daily.csv")
    shutil.copy(SAMPLES / "pricebook-2027.yaml", directory / "book.yaml")
    (directory / "dplan.yaml").write_text(NOTED_PLAN, encoding="utf-8")
    (directory / "u.csv").write_text(NOTED_CSV, encoding="utf-8")
    os.link(directory / "plan.yaml", directory / "hard.yaml")
    (directory / "link.yaml").symlink_to("plan.yaml")
    (directory / "booklink.yaml").symlink_to("book.yaml")
    (directory / "loop").symlink_to("loop")
    for name, daily in (("longdaily.yaml", LONG), ("sockdaily.yaml", "sock"), ("zerodaily.yaml", "/dev/zero")):
        (directory / name).write_text(f"name: live\nedition: pro\nusage:\n  daily: {daily}\n", encoding="utf-8")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(directory / "sock"))  # a socket file: open() gives ENXIO, even to root
    listener.close()
    return directory


def _batch(cases: dict[str, list[str]], cwd: Path) -> dict[str, Outcome]:
    payload = {key: {"args": args, "cwd": str(cwd)} for key, args in cases.items()}
    done = subprocess.run(
        [sys.executable, str(TESTS / "forkrun.py")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return {key: Outcome(**fields) for key, fields in json.loads(done.stdout).items()}


# --- class 4: an OS error on an input is said against that input, with the OS's reason ---------------------------

OS_ERRORS = {
    "plan: name too long": (["estimate", LONG], f"{LONG}: cannot read the file (File name too long)"),
    "plan: under a file": (["estimate", "plan.yaml/x"], "plan.yaml/x: cannot read the file (Not a directory)"),
    "plan: link loop": (["estimate", "loop"], "loop: cannot read the file (Too many levels of symbolic links)"),
    "plan: a socket": (["estimate", "sock"], "sock: cannot read the file (No such device or address)"),
    "--daily: name too long": (
        ["estimate", "plan.yaml", "--daily", LONG],
        f"{LONG}: cannot read the file (File name too long)",
    ),
    "--daily: a socket": (
        ["estimate", "plan.yaml", "--daily", "sock"],
        "sock: cannot read the file (No such device or address)",
    ),
    "--pricebook: name too long": (
        ["prices", "--pricebook", LONG],
        f"{LONG}: cannot read the file (File name too long)",
    ),
    "--pricebook: link loop": (
        ["limits", "--pricebook", "loop"],
        "loop: cannot read the file (Too many levels of symbolic links)",
    ),
    "usage.daily: name too long": (
        ["estimate", "longdaily.yaml"],
        f"longdaily.yaml:4: usage.daily: cannot read '{LONG}' (File name too long)",
    ),
    "usage.daily: a socket": (
        ["forecast", "sockdaily.yaml"],
        "sockdaily.yaml:4: usage.daily: cannot read 'sock' (No such device or address)",
    ),
    "usage.daily: /dev/zero": (
        ["estimate", "zerodaily.yaml"],
        "/dev/zero: is larger than 10 MB, too large for a daily file",
    ),
    "diff: old side too long": (["diff", LONG, "plan.yaml"], f"{LONG}: cannot read the file (File name too long)"),
    "diff: new side a socket": (
        ["diff", "plan.yaml", "sock"],
        "sock: cannot read the file (No such device or address)",
    ),
    "compare --plan: name too long": (
        ["compare", "--plan", LONG],
        f"{LONG}: cannot read the file (File name too long)",
    ),
    "recommend: link loop": (["recommend", "loop"], "loop: cannot read the file (Too many levels of symbolic links)"),
    "forecast: name too long": (["forecast", LONG], f"{LONG}: cannot read the file (File name too long)"),
    "schedule: a socket": (["schedule", "sock"], "sock: cannot read the file (No such device or address)"),
}

# --- class 1: --out never names an input of the same command --------------------------------------------------------

OUT_IS_INPUT = {
    "the plan": (
        ["estimate", "plan.yaml", "--out", "plan.yaml"],
        "'plan.yaml' is the plan file this command reads",
    ),
    "the plan by a hard link": (
        ["estimate", "plan.yaml", "-o", "hard.yaml"],
        "'hard.yaml' is the plan file 'plan.yaml' this command reads",
    ),
    "the plan by a symbolic link": (
        ["estimate", "plan.yaml", "-o", "link.yaml"],
        "'link.yaml' is the plan file 'plan.yaml' this command reads",
    ),
    "the plan read through a link": (
        ["estimate", "link.yaml", "-o", "plan.yaml"],
        "'plan.yaml' is the plan file 'link.yaml' this command reads",
    ),
    "the plan by another spelling": (
        ["estimate", "plan.yaml", "-o", "nowhere/../plan.yaml"],
        "'nowhere/../plan.yaml' is the plan file 'plan.yaml' this command reads",
    ),
    "--daily": (
        ["estimate", "plan.yaml", "--daily", "daily.csv", "-o", "daily.csv"],
        "'daily.csv' is the daily file this command reads",
    ),
    "--pricebook": (
        ["prices", "--pricebook", "book.yaml", "--as-of", "2027-02-01", "-o", "book.yaml"],
        "'book.yaml' is the price book this command reads",
    ),
    "--pricebook by a link, schema": (
        ["schema", "--pricebook", "book.yaml", "--as-of", "2027-02-01", "-o", "booklink.yaml"],
        "'booklink.yaml' is the price book 'book.yaml' this command reads",
    ),
    "diff OLD": (
        ["diff", "plan.yaml", "plan2.yaml", "-o", "plan.yaml"],
        "'plan.yaml' is the plan file this command reads",
    ),
    "diff NEW": (
        ["diff", "plan.yaml", "plan2.yaml", "-o", "plan2.yaml"],
        "'plan2.yaml' is the plan file this command reads",
    ),
    "a plan's usage.daily": (["estimate", "dplan.yaml", "-o", "u.csv"], "'u.csv' is the daily file this command reads"),
    "forecast's usage.daily": (
        ["forecast", "dplan.yaml", "--months", "1", "-o", "u.csv"],
        "'u.csv' is the daily file this command reads",
    ),
    "compare --plan": (
        ["compare", "--plan", "plan.yaml", "-o", "plan.yaml"],
        "'plan.yaml' is the plan file this command reads",
    ),
    "recommend --plan": (
        ["recommend", "--plan", "plan.yaml", "-o", "hard.yaml"],
        "'hard.yaml' is the plan file 'plan.yaml' this command reads",
    ),
    "recommend PLAN": (
        ["recommend", "plan2.yaml", "-o", "plan2.yaml"],
        "'plan2.yaml' is the plan file this command reads",
    ),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, Outcome]]:
    """Every message case above in one forkrun batch; the files' bytes before it."""
    directory = _workspace(tmp_path_factory.mktemp("io"))
    before = {p.name: p.read_bytes() for p in directory.iterdir() if p.is_file() and not p.is_symlink()}
    cases = {key: args for key, (args, _) in OS_ERRORS.items()}
    cases.update({f"out: {key}": args for key, (args, _) in OUT_IS_INPUT.items()})
    cases["out: beside the inputs"] = ["estimate", "plan.yaml", "--daily", "daily.csv", "-o", "out.txt"]
    return directory, before, _batch(cases, directory)


@pytest.mark.parametrize("key", OS_ERRORS)
def test_an_os_error_on_an_input_names_the_input_and_the_reason(
    key: str, batch: tuple[Path, dict[str, bytes], dict[str, Outcome]]
) -> None:
    _, _, outcomes = batch
    done = outcomes[key]
    assert (done.code, done.stdout, done.stderr) == (2, "", f"imcost: error: {OS_ERRORS[key][1]}\n")


@pytest.mark.parametrize("key", OUT_IS_INPUT)
def test_out_naming_an_input_is_refused_and_the_input_kept(
    key: str, batch: tuple[Path, dict[str, bytes], dict[str, Outcome]]
) -> None:
    directory, before, outcomes = batch
    done = outcomes[f"out: {key}"]
    assert (done.code, done.stdout, done.stderr) == (2, "", f"imcost: error: --out: {OUT_IS_INPUT[key][1]}{REFUSED}\n")
    after = {p.name: p.read_bytes() for p in directory.iterdir() if p.name in before}
    assert after == before


def test_out_beside_the_inputs_is_written(batch: tuple[Path, dict[str, bytes], dict[str, Outcome]]) -> None:
    directory, _, outcomes = batch
    done = outcomes["out: beside the inputs"]
    assert (done.code, done.stdout, done.stderr) == (0, "", "")
    written = (directory / "out.txt").read_text(encoding="utf-8")
    assert written.startswith("chat-prod: flagship (旗舰版), 2026-12\n")
    assert written.endswith("\nTotal for 2026-12 to 2027-01: ¥17,086.00\n")


def test_the_shipped_price_book_is_an_input_too() -> None:
    """Checked in-process: a run that got it wrong would replace the worktree's own price book."""
    from imcost.errors import InputError
    from imcost.infile import forget_inputs, inputs_read
    from imcost.outfile import check_not_input
    from imcost.pricebook import load_pricebook

    shipped = TESTS.parent / "imcost" / "pricebooks" / "tencent-im.yaml"
    forget_inputs()
    load_pricebook()
    with pytest.raises(InputError) as refused:
        check_not_input(shipped, inputs_read())
    assert str(refused.value) == (
        f"--out: {str(shipped)!r} is the price book 'imcost/pricebooks/tencent-im.yaml' this command reads; "
        "it is not overwritten (write the output to another file)"
    )
    forget_inputs()


def test_validate_reports_an_unreadable_file_and_checks_the_rest(tmp_path: Path) -> None:
    _workspace(tmp_path)
    done = _run(["validate", "plan.yaml", LONG, "sock", "plan2.yaml"], cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "plan.yaml: ok (1 app)\nplan2.yaml: ok (1 app)\n")
    assert done.stderr == (
        f"imcost: error: {LONG}: cannot read the file (File name too long)\n"
        "imcost: error: sock: cannot read the file (No such device or address)\n"
    )


def _without_file_permission_override() -> None:
    """In the child: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so root meets EACCES."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_permission_denied_is_said_against_the_input(tmp_path: Path) -> None:
    """A directory the user can't search: the plan in it, and a plan's daily file in it (root loses its override)."""
    _workspace(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(tmp_path / "plan.yaml", locked / "plan.yaml")
    shutil.copy(tmp_path / "u.csv", locked / "u.csv")
    (tmp_path / "p.yaml").write_text(NOTED_PLAN.replace("u.csv", "locked/u.csv"), encoding="utf-8")
    locked.chmod(0)
    preexec = _without_file_permission_override if os.geteuid() == 0 else None
    try:
        plan = _run(["estimate", "locked/plan.yaml"], cwd=tmp_path, preexec_fn=preexec)
        daily = _run(["estimate", "p.yaml"], cwd=tmp_path, preexec_fn=preexec)
        out = _run(["limits", "-o", "locked/limits.txt"], cwd=tmp_path, preexec_fn=preexec)
    finally:
        locked.chmod(0o755)
    assert (plan.returncode, plan.stdout) == (2, "")
    assert plan.stderr == "imcost: error: locked/plan.yaml: cannot read the file (Permission denied)\n"
    assert (daily.returncode, daily.stdout) == (2, "")
    assert daily.stderr == "imcost: error: p.yaml:4: usage.daily: cannot read 'locked/u.csv' (Permission denied)\n"
    assert (out.returncode, out.stderr) == (
        2,
        "imcost: error: locked/limits.txt: cannot write the output (Permission denied)\n",
    )
    assert sorted(p.name for p in locked.iterdir()) == ["plan.yaml", "u.csv"]


# --- class 5: whatever a reader can read --------------------------------------------------------------------------


def _run(
    args: list[str],
    cwd: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
    pass_fds: tuple[int, ...] = (),
    stderr: int | None = subprocess.PIPE,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*IMCOST, *args],
        cwd=cwd,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env=env,
        preexec_fn=preexec_fn,
        pass_fds=pass_fds,
        timeout=60,
        check=False,
    )


def _pipe_of(data: bytes) -> int:
    """The read end of a pipe holding ``data`` (and closed for writing): what ``<(cat file)`` gives."""
    read_end, write_end = os.pipe()
    assert len(data) < 60_000  # fits the pipe's buffer, so no writer is needed
    os.write(write_end, data)
    os.close(write_end)
    return read_end


def test_process_substitution_works_for_every_input(tmp_path: Path) -> None:
    _workspace(tmp_path)
    expected = {
        "estimate": _run(["estimate", "plan.yaml", "--daily", "daily.csv", "-f", "json"], cwd=tmp_path).stdout,
        "prices": _run(
            ["prices", "--pricebook", "book.yaml", "--as-of", "2027-02-01", "-f", "csv"], cwd=tmp_path
        ).stdout,
        "diff": _run(["diff", "plan.yaml", "plan2.yaml", "-f", "json"], cwd=tmp_path).stdout,
    }
    fds = [_pipe_of((tmp_path / name).read_bytes()) for name in ("plan.yaml", "daily.csv", "book.yaml")]
    fds += [_pipe_of((tmp_path / name).read_bytes()) for name in ("plan.yaml", "plan2.yaml", "plan2.yaml")]
    plan, daily, book, old, new, checked = (f"/dev/fd/{fd}" for fd in fds)
    try:
        done = {
            "estimate": _run(["estimate", plan, "--daily", daily, "-f", "json"], tmp_path, pass_fds=tuple(fds[:2])),
            "prices": _run(
                ["prices", "--pricebook", book, "--as-of", "2027-02-01", "-f", "csv"], tmp_path, pass_fds=(fds[2],)
            ),
            "diff": _run(["diff", old, new, "-f", "json"], tmp_path, pass_fds=tuple(fds[3:5])),
            "validate": _run(["validate", checked], tmp_path, pass_fds=(fds[5],)),
        }
    finally:
        for fd in fds:
            os.close(fd)
    assert {k: (d.returncode, d.stderr) for k, d in done.items()} == dict.fromkeys(done, (0, ""))
    assert {k: done[k].stdout for k in expected} == {
        "estimate": expected["estimate"],
        "prices": expected["prices"],
        # The sides are named as given.
        "diff": expected["diff"].replace('"plan.yaml"', f'"{old}"').replace('"plan2.yaml"', f'"{new}"'),
    }
    assert done["validate"].stdout == f"{checked}: ok (1 app)\n"


def test_a_plans_daily_file_may_be_stdin_as_daily_is(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(NOTED_PLAN.replace("u.csv", "/dev/stdin"), encoding="utf-8")
    (tmp_path / "flag.yaml").write_text("name: live\nedition: pro\n", encoding="utf-8")
    in_plan = _run(["estimate", "plan.yaml", "-f", "csv"], tmp_path, stdin=NOTED_CSV)
    by_flag = _run(["estimate", "flag.yaml", "--daily", "/dev/stdin", "-f", "csv"], tmp_path, stdin=NOTED_CSV)
    note = "imcost: note: /dev/stdin: 2026-12 has no row for 30 days (2026-12-02..2026-12-31)\n"
    assert (in_plan.returncode, in_plan.stderr) == (by_flag.returncode, by_flag.stderr) == (0, note)
    assert in_plan.stdout == by_flag.stdout
    row = in_plan.stdout.splitlines()[1]
    assert row.startswith("live,pro,package,pro (专业版),1,month,999.00,999.00,") and row.endswith(",2026-12")


def test_a_named_pipe_plan_is_read_and_ctrl_c_while_waiting_exits_130(tmp_path: Path) -> None:
    """A FIFO plan: read when its writer writes; Ctrl-C while imcost waits on it exits 130 with one line."""
    _workspace(tmp_path)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    child = subprocess.Popen(
        [*IMCOST, "estimate", str(fifo), "-f", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    with open(fifo, "wb") as writer:  # returns once imcost has opened the pipe
        writer.write((tmp_path / "plan.yaml").read_bytes())
    out, err = child.communicate(timeout=60)
    assert (child.returncode, err) == (0, b"")
    assert json.loads(out)["total"] == "12139.00"

    waiting = subprocess.Popen([*IMCOST, "estimate", str(fifo)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with open(fifo, "wb"):  # imcost has the pipe open and now waits in read()
        time.sleep(0.2)
        waiting.send_signal(signal.SIGINT)
        out, err = waiting.communicate(timeout=60)
    assert (waiting.returncode, out, err) == (130, b"", b"imcost: interrupted\n")


# --- class 1: --out is written whole or not at all ------------------------------------------------------------------

HOOK = textwrap.dedent(
    """
    import os, runpy, signal, sys
    action, sys.argv = sys.argv[1], ["imcost", *sys.argv[2:]]
    real_fsync = os.fsync

    def fsync(fd):
        # The output is written but not yet renamed: the moment a failure would leave half a file.
        if action == "error":
            raise OSError(5, "Input/output error")
        os.kill(os.getpid(), getattr(signal, action))
        return real_fsync(fd)

    os.fsync = fsync
    runpy.run_module("imcost", run_name="__main__")
    """
)


@pytest.fixture
def old_output(tmp_path: Path) -> Iterator[Path]:
    """An earlier output, mode 0640, that a failed write must leave as it is."""
    target = tmp_path / "quote.csv"
    target.write_text("the previous quote\n", encoding="utf-8")
    target.chmod(0o640)
    yield target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quote.csv"], "a temporary file was left behind"
    assert target.read_text(encoding="utf-8") == "the previous quote\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("action", "code", "stderr"),
    [
        ("SIGINT", 130, "imcost: interrupted\n"),
        ("SIGTERM", -signal.SIGTERM, ""),
        ("SIGHUP", -signal.SIGHUP, ""),
        ("error", 2, "imcost: error: {target}: cannot write the output (Input/output error)\n"),
    ],
)
def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(
    old_output: Path, action: str, code: int, stderr: str
) -> None:
    args = ["compare", "--dau", "0:2000:1", "-f", "csv", "--out", str(old_output)]
    done = subprocess.run(
        [sys.executable, "-c", HOOK, action, *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, "", stderr.format(target=old_output))


def _file_size_limit(limit: int) -> Callable[[], None]:
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


def test_a_full_disk_leaves_the_old_file(old_output: Path) -> None:
    """A 64 kB file-size limit (as ulimit -f) and a 250 kB output: File too large, the old file kept."""
    done = _run(
        ["compare", "--dau", "0:10000:1", "-f", "csv", "--out", str(old_output)],
        old_output.parent,
        preexec_fn=_file_size_limit(64 * 1024),
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"imcost: error: {old_output}: cannot write the output (File too large)\n"


def test_init_force_over_a_full_disk_leaves_the_old_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("mine\n", encoding="utf-8")
    done = _run(["init", "plan.yaml", "--force"], tmp_path, preexec_fn=_file_size_limit(512))
    assert (done.returncode, done.stderr) == (2, "imcost: error: plan.yaml: cannot write the output (File too large)\n")
    assert (plan.read_text(encoding="utf-8"), [p.name for p in tmp_path.iterdir()]) == ("mine\n", ["plan.yaml"])


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o604)

    def umask_027() -> None:
        os.umask(0o027)

    assert _run(["limits", "-o", "kept.txt"], tmp_path, preexec_fn=umask_027).returncode == 0
    assert _run(["limits", "-o", "new.txt"], tmp_path, preexec_fn=umask_027).returncode == 0
    assert _run(["init", "plan.yaml"], tmp_path, preexec_fn=umask_027).returncode == 0
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
    assert modes == {"kept.txt": 0o604, "new.txt": 0o640, "plan.yaml": 0o640}
    assert kept.read_text(encoding="utf-8").startswith("Quotas per edition")


def test_out_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to("real.txt")
    done = _run(["limits", "-f", "json", "-o", "link.txt"], tmp_path)
    assert (done.returncode, done.stderr, (tmp_path / "link.txt").is_symlink()) == (0, "", True)
    assert json.loads((tmp_path / "real.txt").read_text(encoding="utf-8"))["limits"]["flagship"]["history_days"] == 30


def test_out_to_a_device_writes_in_place(tmp_path: Path) -> None:
    done = _run(["limits", "-f", "json", "-o", "/dev/stdout"], tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["limits"]["flagship"]["history_days"] == 30
    assert _run(["limits", "-o", "/dev/null"], tmp_path).returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    """Four imcost processes write two different 120 kB outputs to one file; a reader polls it all along."""
    target = tmp_path / "curve.csv"
    commands = [["compare", "--dau", "0:5000:1", "-f", "csv"], ["compare", "--groups", "0:5000:1", "-f", "csv"]]
    wholes = {_run(command, tmp_path).stdout for command in commands}
    target.write_text("start\n", encoding="utf-8")
    writers = [
        subprocess.Popen([*IMCOST, *command, "--out", str(target)], stderr=subprocess.PIPE) for command in commands * 2
    ]
    seen = set()
    while any(w.poll() is None for w in writers):
        seen.add(target.read_text(encoding="utf-8"))
    seen.add(target.read_text(encoding="utf-8"))
    assert [(w.wait(), w.stderr.read() if w.stderr else b"") for w in writers] == [(0, b"")] * 4
    for writer in writers:
        assert writer.stderr is not None
        writer.stderr.close()
    assert seen <= wholes | {"start\n"}
    assert target.read_text(encoding="utf-8") in wholes
    assert [p.name for p in tmp_path.iterdir()] == ["curve.csv"]


# --- class 3: Ctrl-C at any moment -----------------------------------------------------------------------------------

EARLY_INTERRUPT = textwrap.dedent(
    """
    import os, runpy, signal, sys

    class Interrupt:
        # Ctrl-C while the command line interface imports its libraries.
        def find_spec(self, name, path=None, target=None):
            if name == module:
                sys.meta_path.remove(self)
                os.kill(os.getpid(), signal.SIGINT)
            return None

    module, sys.argv = sys.argv[1], ["imcost", *sys.argv[2:]]
    sys.meta_path.insert(0, Interrupt())
    runpy.run_module("imcost", run_name="__main__")
    """
)


@pytest.mark.parametrize("module", ["typer", "yaml", "rich"])
def test_ctrl_c_during_imports_exits_130_quietly(module: str) -> None:
    args = ["estimate", str(SAMPLES / "flagship.yaml")]
    done = subprocess.run(
        [sys.executable, "-c", EARLY_INTERRUPT, module, *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "imcost: interrupted\n")


# --- class 9: stdout carries only the result, whatever happened to stderr -------------------------------------------


def _close_stderr() -> None:
    os.close(2)


@pytest.fixture
def noted(tmp_path: Path) -> Path:
    (tmp_path / "plan.yaml").write_text(NOTED_PLAN, encoding="utf-8")
    (tmp_path / "u.csv").write_text(NOTED_CSV, encoding="utf-8")
    return tmp_path


def test_a_note_with_stderr_closed_never_reaches_stdout(noted: Path) -> None:
    done = _run(["estimate", "plan.yaml", "-f", "json"], noted, preexec_fn=_close_stderr, stderr=None)
    assert (done.returncode, done.stdout[:1], json.loads(done.stdout)["total"]) == (0, "{", "999.00")


def test_an_error_with_stderr_closed_never_reaches_stdout(noted: Path) -> None:
    done = _run(["estimate", "plan.yaml", "--month", "2026-13"], noted, preexec_fn=_close_stderr, stderr=None)
    assert (done.returncode, done.stdout) == (2, "")
    validated = _run(["validate", "plan.yaml", "nope.yaml"], noted, preexec_fn=_close_stderr, stderr=None)
    assert (validated.returncode, validated.stdout) == (2, "plan.yaml: ok (1 app)\n")


def test_out_with_stderr_closed_writes_only_the_result(noted: Path) -> None:
    """With fd 2 closed, the first file imcost opens would become fd 2; it must never receive a message."""
    done = _run(["estimate", "plan.yaml", "-f", "json", "-o", "out.json"], noted, preexec_fn=_close_stderr, stderr=None)
    assert (done.returncode, done.stdout) == (0, "")
    assert json.loads((noted / "out.json").read_text(encoding="utf-8"))["total"] == "999.00"
    assert (noted / "plan.yaml").read_text(encoding="utf-8") == NOTED_PLAN


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("args", "code", "total"),
    [
        (["estimate", "plan.yaml", "-f", "json"], 0, "999.00"),
        (["estimate", "plan.yaml", "-f", "json", "--fail-over", "10"], 3, "999.00"),
        (["estimate", "plan.yaml", "--month", "2026-13"], 2, None),
        (["estimate", str(SAMPLES / "trial-over-quota.yaml"), "-f", "json"], 1, "0.00"),
        ([], 2, None),
    ],
    ids=["note", "over budget", "bad input", "infeasible", "help"],
)
def test_a_full_stderr_changes_neither_the_result_nor_the_exit_code(
    noted: Path, args: list[str], code: int, total: str | None
) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*IMCOST, *args], cwd=noted, stdout=subprocess.PIPE, stderr=full, text=True, timeout=60, check=False
        )
    assert (done.returncode, json.loads(done.stdout)["total"] if total else done.stdout) == (code, total or "")


# --- class 3: stdout that is not UTF-8 -------------------------------------------------------------------------------

ASCII = {**os.environ, "PYTHONIOENCODING": "ascii"}
C_LOCALE = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LANG", "LC_CTYPE")}


def test_an_ascii_stdout_gets_a_table_with_stand_ins_of_the_same_width() -> None:
    done = _run(["estimate", "flagship.yaml"], SAMPLES, env=ASCII)
    lines = done.stdout.splitlines()
    assert (done.returncode, done.stderr, done.stdout.isascii()) == (0, "", True)
    assert lines[:7] == [
        "chat-prod: flagship (??????), 2026-12",
        "+" + "-" * 98 + "+",
        "| Fee                                    |           Quantity | Unit price |     Amount | Billing  |",
        "|----------------------------------------+--------------------+------------+------------+----------|",
        "| Package                                |            1 month |  ?2,999.00 |  ?2,999.00 | prepaid  |",
        "| flagship (??????)                      |                    |            |            |          |",
        "| DAU overage                            |     4 x 10,000 DAU |  ?1,000.00 |  ?4,000.00 | postpaid |",
    ]


@pytest.mark.parametrize(
    "env",
    [ASCII, {**C_LOCALE, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
    ids=["PYTHONIOENCODING=ascii", "LC_ALL=C"],
)
def test_json_on_a_non_utf8_stdout_is_the_same_data_escaped(env: dict[str, str]) -> None:
    utf8 = _run(["estimate", "flagship.yaml", "-f", "json", "--lang", "zh"], SAMPLES)
    done = _run(["estimate", "flagship.yaml", "-f", "json", "--lang", "zh"], SAMPLES, env=env)
    assert (done.returncode, done.stderr, done.stdout.isascii()) == (0, "", True)
    assert '"description": "flagship (\\u65d7\\u8230\\u7248)"' in done.stdout
    assert json.loads(done.stdout) == json.loads(utf8.stdout)


def test_html_and_chinese_markdown_on_an_ascii_stdout() -> None:
    html = _run(["estimate", "flagship.yaml", "-f", "html"], SAMPLES, env=ASCII)
    assert (html.returncode, html.stderr, html.stdout.isascii()) == (0, "", True)
    assert "<h2>chat-prod: flagship (&#26071;&#33328;&#29256;)</h2>" in html.stdout
    markdown = _run(["estimate", "flagship.yaml", "-f", "markdown", "--lang", "zh"], SAMPLES, env=ASCII)
    assert (markdown.returncode, markdown.stderr, markdown.stdout.isascii()) == (0, "", True)
    assert "4 x 1?? DAU" in markdown.stdout  # 1万: a wide character's stand-in is two wide, as it was


def test_an_error_on_an_ascii_terminal_is_escaped_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("name: a\nedition: 旗舰\n", encoding="utf-8")
    done = _run(["estimate", "plan.yaml"], tmp_path, env=ASCII)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("imcost: error: plan.yaml:2: edition: unknown edition '\\u65d7\\u8230' (did you mean")


def test_a_validated_file_name_on_an_ascii_stdout(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "flagship.yaml", tmp_path / "报价.yaml")
    done = _run(["validate", "报价.yaml"], tmp_path, env=ASCII)
    assert (done.returncode, done.stdout, done.stderr) == (0, "????.yaml: ok (1 app)\n", "")
