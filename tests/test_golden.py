"""Output is byte for byte what tests/golden/ keeps, for every sample, command and format (see tests/golden.py).

A meant change of output: ``python -m tests.golden --update`` (or
``IMCOST_UPDATE_GOLDEN=1 pytest tests/test_golden.py``) and commit the files it rewrites.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from . import golden

CASES = golden.cases()
UPDATE = os.environ.get("IMCOST_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module", autouse=True)
def fixed_today() -> Iterator[None]:
    if UPDATE:
        golden.update()
    undo = golden.fix_today()
    yield
    golden.restore(undo)


def test_every_case_has_its_files_and_no_file_is_stale() -> None:
    kept = {p.relative_to(golden.GOLDEN).as_posix() for p in golden.GOLDEN.rglob("*") if p.is_file()}
    wanted = {case.name for case in CASES}
    assert wanted <= kept
    extras = {name.removesuffix(".stderr").removesuffix(".exit") for name in kept - wanted}
    assert extras <= wanted, sorted(extras - wanted)


def test_cases_cover_every_sample_command_and_format() -> None:
    samples = golden.plan_samples()
    assert len(samples) == 19
    per_sample = sum(len(formats) for formats in golden.FORMATS.values()) + 2
    assert per_sample == 25
    assert len(CASES) == 19 * 25 + 3 * 4
    assert golden.Case("flagship/estimate.html", ("estimate", "samples/flagship.yaml", "--format", "html")) in CASES
    assert golden.Case("growth/forecast.html", ("forecast", "samples/growth.yaml", "--format", "html")) in CASES
    assert golden.Case("growth/schedule.html", ("schedule", "samples/growth.yaml", "--format", "html")) in CASES


def test_today_is_fixed_for_imcost_and_dates_still_work() -> None:
    from imcost import plan

    assert plan.date.today() == golden.FIXED_TODAY
    made = plan.date(2027, 2, 28)
    assert isinstance(made, plan.date)
    assert type(made).__name__ == "date"
    assert made.isoformat() == "2027-02-28"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_output_is_byte_identical(case: golden.Case) -> None:
    found = golden.run(case)
    kept = golden.expected(case)
    assert found.exit_code == kept.exit_code
    assert found.stderr.decode() == kept.stderr.decode()
    assert found.stdout.decode() == kept.stdout.decode()
    assert found.stdout == kept.stdout
