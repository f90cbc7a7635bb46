"""Natural months: the period every fee of the price list is settled on."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from imcost.numtext import check_digits
from imcost.textsafe import quoted

# ASCII digits only: \d would take full-width and other Unicode digits (imcost.numtext).
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{1,2})$")
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class NoSuchDay(ValueError):
    """Written YYYY-MM-DD, but not a day of the calendar (2027-02-30)."""


def parse_day(text: str) -> date:
    """A day written exactly YYYY-MM-DD; raises NoSuchDay for 2027-02-30, ForeignDigits for
    ``２０２７-０１-３１``, ValueError for any other form.

    Checked by pattern first: date.fromisoformat takes other forms (20261201, 2027-W01-1) from Python 3.11 on.
    """
    check_digits(text)
    value = text.strip()
    if not _DAY.match(value):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {quoted(text)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise NoSuchDay(f"expected a date as YYYY-MM-DD, got {quoted(text)} (no such day)") from None


@dataclass(frozen=True, order=True)
class Month:
    """One natural month (自然月), e.g. 2026-12."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``; raises ValueError with a readable message (ForeignDigits for ``２０２６-１２``)."""
        check_digits(text)
        match = _MONTH.match(text.strip())
        if not match:
            raise ValueError(f"expected a month as YYYY-MM, got {quoted(text)}")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or year < 1:
            raise ValueError(f"expected a month as YYYY-MM, got {quoted(text)} (no such month)")
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def days(self) -> int:
        """Number of days in the month (February 2028 has 29)."""
        return calendar.monthrange(self.year, self.month)[1]

    def plus(self, months: int) -> Month:
        return Month.of(self.first_day + relativedelta(months=months))

    def until(self, later: Month) -> int:
        """How many natural months ``later`` is after this one (negative when earlier)."""
        return (later.year - self.year) * 12 + later.month - self.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


# The last month a date can fall in (Python's dates end on 9999-12-31).
LAST_MONTH = Month(9999, 12)
