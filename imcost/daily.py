"""Daily usage: the console's daily export as a CSV file, split by natural month.

Overage is settled on each natural month's highest day and barrage bandwidth on
every day's own peak, so a file of daily figures gives, per month, the peaks and
the per-day Mbps that the rules price. Every bad row is reported at once with
the CSV file and its line number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from dateutil.rrule import DAILY, MONTHLY, rrule

from imcost.errors import InputProblem, raise_if
from imcost.fields import MAX_COUNT, closest, ungrouped
from imcost.infile import display_name, not_csv, wrong_kind
from imcost.month import Month, NoSuchDay, parse_day
from imcost.numtext import digits_problem, fine_message, form_problem, too_fine
from imcost.record import Record
from imcost.textsafe import MAX_QUOTED, quoted
from imcost.yamldoc import read_text

# Largest bandwidth accepted, in Mbps (the same bound as a plan file's).
MAX_MBPS = 10**9

COUNT_COLUMNS = {"dau": "peak_dau", "groups": "peak_groups"}
MBPS_COLUMNS = {"barrage_domestic_mbps": "domestic", "barrage_international_mbps": "international"}
COLUMNS = ("date", *COUNT_COLUMNS, *MBPS_COLUMNS)


@dataclass(init=False, repr=False, eq=False)
class MonthSpan(Record):
    """The natural months from ``first`` to ``last``, counted without listing them."""

    __slots__ = ("first", "last")

    first: Month
    last: Month

    def __init__(self, first: Month, last: Month) -> None:
        self._fill(locals())

    @property
    def count(self) -> int:
        return self.first.until(self.last) + 1

    @property
    def months(self) -> tuple[Month, ...]:
        starts = rrule(MONTHLY, dtstart=self.first.first_day, until=self.last.first_day)
        return tuple(Month.of(d.date()) for d in starts)

    def __str__(self) -> str:
        return f"{self.count} months ({self.first} to {self.last})"


@dataclass(init=False, repr=False, eq=False)
class DailyFigures(Record):
    """One day's figures; a column the file leaves out is absent from the mappings."""

    __slots__ = ("day", "counts", "mbps")

    day: date
    counts: Mapping[str, int]
    mbps: Mapping[str, Decimal]

    def __init__(self, day: date, counts: Mapping[str, int], mbps: Mapping[str, Decimal]) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class DailyUsage(Record):
    """A whole daily file: its rows by date and the columns it gives."""

    __slots__ = ("file", "days", "columns")

    file: str
    days: Mapping[date, DailyFigures]
    columns: tuple[str, ...]

    def __init__(self, file: str, days: Mapping[date, DailyFigures], columns: tuple[str, ...]) -> None:
        self._fill(locals())

    @property
    def span(self) -> MonthSpan | None:
        """The natural months of the file's first and last day (None for a file with no rows)."""
        if not self.days:
            return None
        return MonthSpan(Month.of(min(self.days)), Month.of(max(self.days)))

    @property
    def months(self) -> tuple[Month, ...]:
        """Every natural month from the file's first day to its last, gaps included."""
        span = self.span
        return () if span is None else span.months

    def missing_days(self, month: Month) -> tuple[date, ...]:
        """Days of ``month`` the file has no row for."""
        every = rrule(DAILY, dtstart=month.first_day, count=month.days)
        return tuple(d.date() for d in every if d.date() not in self.days)


@dataclass(init=False, repr=False, eq=False)
class MonthFigures(Record):
    """What one natural month of a daily file gives the rules."""

    __slots__ = ("peak_dau", "peak_groups", "barrage_mbps", "missing")

    peak_dau: int
    peak_groups: int
    barrage_mbps: Mapping[str, tuple[Decimal, ...]]
    missing: tuple[date, ...]

    def __init__(
        self,
        peak_dau: int,
        peak_groups: int,
        barrage_mbps: Mapping[str, tuple[Decimal, ...]],
        missing: tuple[date, ...],
    ) -> None:
        self._fill(locals())


def month_figures(daily: DailyUsage, month: Month) -> MonthFigures:
    """The month's peaks and each day's Mbps; a day with no row counts as zero."""
    days = [d.date() for d in rrule(DAILY, dtstart=month.first_day, count=month.days)]
    rows = [daily.days[d] for d in days if d in daily.days]
    peaks = {column: max((r.counts.get(column, 0) for r in rows), default=0) for column in COUNT_COLUMNS}
    barrage = {
        region: tuple(daily.days[d].mbps.get(column, Decimal(0)) if d in daily.days else Decimal(0) for d in days)
        for column, region in MBPS_COLUMNS.items()
        if column in daily.columns
    }
    return MonthFigures(peaks["dau"], peaks["groups"], barrage, daily.missing_days(month))


def missing_note(daily: DailyUsage, month: Month, missing: tuple[date, ...]) -> str:
    """A one-line note naming the days a month lacks, compressed into ranges.

    A month with no rows at all is still estimated: the file spans it.
    """
    ranges: list[str] = []
    start = prev = missing[0]
    for day in (*missing[1:], None):
        if day is not None and (day - prev).days == 1:
            prev = day
            continue
        ranges.append(start.isoformat() if start == prev else f"{start.isoformat()}..{prev.isoformat()}")
        if day is not None:
            start = prev = day
    count = len(missing)
    plural = "day" if count == 1 else "days"
    note = f"{daily.file}: {month} has no row for {count} {plural} ({', '.join(ranges)})"
    if any(c in daily.columns for c in MBPS_COLUMNS):
        note += "; their bandwidth counts as zero"
    return note


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[InputProblem] = []

    def fail(self, line: int | None, column: str | None, message: str, suggestion: str | None = None) -> None:
        self.problems.append(InputProblem(self.file, line, (column,) if column else (), message, suggestion))

    def header(self, row: list[str]) -> list[str]:
        names = [c.strip().lower() for c in row]
        for name in names:
            if name not in COLUMNS:
                guess = closest(name, COLUMNS)
                hint = f"did you mean {quoted(guess)}?" if guess else "columns: " + ",".join(COLUMNS)
                self.fail(1, None, f"unknown column {quoted(name)}", hint)
        for name in sorted({n for n in names if names.count(n) > 1}):
            self.fail(1, None, f"column {quoted(name)} is given twice")
        if "date" not in names:
            self.fail(
                1, None, "missing the 'date' column", "the first line must name the columns: " + ",".join(COLUMNS)
            )
        return names

    def day(self, text: str, line: int) -> date | None:
        value = text.strip()
        digits = digits_problem(value)
        if digits is not None:
            self.fail(line, "date", *digits)
            return None
        try:
            return parse_day(value)
        except NoSuchDay:
            self.fail(line, "date", f"expected a date as YYYY-MM-DD, got {quoted(value)} (no such day)")
        except ValueError:
            self.fail(line, "date", f"expected a date as YYYY-MM-DD, got {quoted(value)}")
        return None

    def count(self, text: str, line: int, column: str) -> int | None:
        value = text.strip()
        if not self.plain(value, line, column):
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            plain = ungrouped(value)
            hint = f"write {plain}" if plain else "write 0 for a day with none"
            self.fail(line, column, f"expected a whole number, got {quoted(value)}", hint)
            return None
        if number != number.to_integral_value():
            self.fail(line, column, f"expected a whole number, got {quoted(value)}", "round it to a whole number")
            return None
        if not self.bounded(number, value, line, column, MAX_COUNT):
            return None
        # Bounded first: int() of a count written 9e9999 would build a 10,000-digit number.
        return int(number)

    def mbps(self, text: str, line: int, column: str) -> Decimal | None:
        value = text.strip()
        if not self.plain(value, line, column):
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            self.fail(line, column, f"expected a number of Mbps, got {quoted(value)}", "write 0 for a day with none")
            return None
        if not self.bounded(number, value, line, column, MAX_MBPS):
            return None
        if too_fine(number):
            self.fail(line, column, *fine_message(quoted(value)))
            return None
        return number

    def plain(self, value: str, line: int, column: str) -> bool:
        """Whether a cell is no number or a plain decimal one (``0x1F``, ``0100``, ``１２３`` are refused)."""
        form = form_problem(value)
        if form is not None:
            self.fail(line, column, *form)
        return form is None

    def bounded(self, number: Decimal, text: str, line: int, column: str, maximum: int) -> bool:
        """Whether ``number`` is from 0 to ``maximum``; messages give the cell as written, shortened if long."""
        written = text if len(text) <= MAX_QUOTED else quoted(text)
        if number < 0:
            self.fail(line, column, f"expected a number of 0 or more, got {written}")
            return False
        if number > maximum:
            self.fail(line, column, f"{written} is larger than imcost accepts (at most {maximum:,})")
            return False
        return True

    def read(self, text: str) -> DailyUsage:
        looks = not_csv(text, COLUMNS)
        if looks is not None:
            # A plan or other text given as the daily file: one line, not a list of unknown columns.
            raise wrong_kind(self.file, "daily file", looks)
        reader = csv.reader(io.StringIO(text))
        try:
            rows = [(reader.line_num, row) for row in reader]
        except csv.Error as exc:
            self.fail(reader.line_num, None, f"invalid CSV: {exc}")
            raise_if(self.problems)
        if not rows or not any(c.strip() for c in rows[0][1]):
            self.fail(1, None, "the file is empty", "the first line must name the columns: " + ",".join(COLUMNS))
            raise_if(self.problems)
        names = self.header(rows[0][1])
        raise_if(self.problems)
        days: dict[date, DailyFigures] = {}
        first_line: dict[date, int] = {}
        for line, row in rows[1:]:
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(names):
                header = ",".join(names)
                self.fail(
                    line,
                    None,
                    f"expected {len(names)} values like the header, got {len(row)}",
                    f"the header is {header}",
                )
                continue
            cells = dict(zip(names, row, strict=True))
            day = self.day(cells["date"], line)
            counts = {c: self.count(cells[c], line, c) for c in COUNT_COLUMNS if c in cells}
            mbps = {c: self.mbps(cells[c], line, c) for c in MBPS_COLUMNS if c in cells}
            if day is None:
                continue
            if day in days:
                self.fail(line, "date", f"{day.isoformat()} is given twice (first on line {first_line[day]})")
                continue
            first_line[day] = line
            days[day] = DailyFigures(
                day,
                {c: v for c, v in counts.items() if v is not None},
                {c: v for c, v in mbps.items() if v is not None},
            )
        if not days and not self.problems:
            self.fail(1, None, "has a header but no rows of figures", "add a line per day under it")
        raise_if(self.problems)
        return DailyUsage(self.file, dict(sorted(days.items())), tuple(names))


def parse_daily(text: str, display: str) -> DailyUsage:
    """Parse a daily CSV; raises InputError listing every bad row with its line."""
    return _Reader(display).read(text)


def load_daily(path: Path, display: str | None = None) -> DailyUsage:
    """Read and parse a daily CSV file of at most MAX_FILE_BYTES."""
    name = display if display is not None else display_name(path)
    return parse_daily(read_text(path, name, "daily file", "a CSV file"), name)
