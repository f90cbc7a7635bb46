"""Cost curves: each edition's total as one usage or need runs over a range, and the break-even points.

A rule's cost changes only at the price list's step boundaries (DAU at
free + k * unit_size + 1, an add-on just over its quota, ...), which
imcost.variables reads from the price book. Between two boundaries an
edition's total is a straight line (flat for everything but barrage), so each
curve is priced by the engine once or twice per stretch and then read off in
constant time per value; the break-even points are found exactly at the
boundaries and where two lines cross, not only at the sampled values.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from imcost.engine import AppEstimate, estimate_app
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import PriceBook
from imcost.variables import Range, Variable


@dataclass(frozen=True)
class Piece:
    """From ``lo`` up to the next piece, the total is ``a + b * value``."""

    lo: int
    a: Decimal
    b: Decimal
    feasible: bool


@dataclass(frozen=True)
class Tail:
    """Overage: from ``start`` on, the total rises by ``increment`` every ``period`` values."""

    start: int
    period: int
    first: Decimal
    increment: Decimal
    feasible: bool


@dataclass(frozen=True)
class Curve:
    """One edition's total over ``lo..hi`` of a variable."""

    edition: str
    pieces: tuple[Piece, ...]
    tail: Tail | None
    los: tuple[int, ...] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "los", tuple(p.lo for p in self.pieces))

    def piece(self, value: int) -> Piece:
        """The straight stretch ``value`` falls on (a tail unit is a flat piece)."""
        tail = self.tail
        if tail is not None and value >= tail.start:
            units = (value - tail.start) // tail.period
            return Piece(
                tail.start + units * tail.period, tail.first + units * tail.increment, Decimal(0), tail.feasible
            )
        return self.pieces[bisect.bisect_right(self.los, value) - 1]

    def total(self, value: int) -> Decimal | None:
        """The edition's total at ``value``; ``None`` when the edition can't meet the needs there."""
        tail = self.tail
        if tail is not None and value >= tail.start:
            return tail.first + ((value - tail.start) // tail.period) * tail.increment if tail.feasible else None
        piece = self.pieces[bisect.bisect_right(self.los, value) - 1]
        return piece.a + piece.b * value if piece.feasible else None

    def changes(self, lo: int, hi: int) -> Iterator[int]:
        """Values in ``lo < value <= hi`` where this curve starts a new piece, in order."""
        for piece in self.pieces:
            if lo < piece.lo <= hi:
                yield piece.lo
        tail = self.tail
        if tail is not None:
            first = tail.start if tail.start > lo else tail.start + ((lo - tail.start) // tail.period + 1) * tail.period
            yield from range(first, hi + 1, tail.period)


def build_curve(
    variable: Variable, app: AppPlan, edition: str, lo: int, hi: int, month: Month, book: PriceBook
) -> Curve:
    """Price ``app`` on ``edition`` at each stretch's start (and next value, for its slope) from ``lo`` to ``hi``."""
    base = dataclasses.replace(app, edition=edition)
    facts = book.editions[edition]

    def priced(value: int) -> AppEstimate:
        return estimate_app(variable.apply(base, value), month, book)

    periodic = variable.periodic(facts)
    tail: Tail | None = None
    end = hi
    if periodic is not None and periodic.start <= hi:
        end = periodic.start - 1
        units = max(0, (lo - periodic.start) // periodic.period)
        here = priced(periodic.start + units * periodic.period)
        after = priced(periodic.start + (units + 1) * periodic.period)
        increment = after.total - here.total
        tail = Tail(periodic.start, periodic.period, here.total - units * increment, increment, here.feasible)
    pieces: list[Piece] = []
    if lo <= end:
        starts = [lo, *(c for c in variable.cuts(facts) if lo < c <= end)]
        for start, stop in zip(starts, [*starts[1:], end + 1], strict=True):
            here = priced(start)
            slope = priced(start + 1).total - here.total if stop - start >= 2 else Decimal(0)
            pieces.append(Piece(start, here.total - slope * start, slope, here.feasible))
    return Curve(edition, tuple(pieces), tail)


@dataclass(frozen=True)
class Row:
    value: int
    totals: tuple[Decimal | None, ...]
    cheapest: str | None


@dataclass(frozen=True)
class BreakEven:
    """At ``at`` the cheapest edition that fits changes from ``before`` to ``after`` (``None``: none fits)."""

    at: int
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Sweep:
    variable: Variable
    month: Month
    book: PriceBook
    app: AppPlan
    editions: tuple[str, ...]
    rows: tuple[Row, ...]
    break_even: tuple[BreakEven, ...]


def _cheapest(totals: Sequence[Decimal | None]) -> int | None:
    """Index of the lowest total that fits; a tie goes to the edition listed first."""
    best: int | None = None
    for i, total in enumerate(totals):
        if total is not None and (best is None or total < totals[best]):  # type: ignore[operator]
            best = i
    return best


def _overtake(challenger: int, holder: int, pieces: Sequence[Piece], after: int) -> int | None:
    """First value over ``after`` where ``challenger``'s line undercuts ``holder``'s (ties: listed first wins)."""
    c, h = pieces[challenger], pieces[holder]
    if c.b >= h.b:
        return None
    crossing = Fraction(c.a - h.a) / Fraction(h.b - c.b)
    first = math.ceil(crossing) if challenger < holder else math.floor(crossing) + 1
    return max(first, after + 1)


def _break_even(curves: Sequence[Curve], editions: Sequence[str], lo: int, hi: int) -> list[BreakEven]:
    points = [lo, *sorted(set().union(*(c.changes(lo, hi) for c in curves)))]
    sloped = any(p.b != 0 for c in curves for p in c.pieces)
    found: list[BreakEven] = []
    holder: int | None = None
    for i, start in enumerate(points):
        stop = points[i + 1] - 1 if i + 1 < len(points) else hi
        value = start
        while True:
            now = _cheapest([c.total(value) for c in curves])
            if now != holder and value != lo:
                found.append(BreakEven(value, _name(editions, holder), _name(editions, now)))
            holder = now
            if now is None or not sloped:
                break
            # Within a stretch only lines with different slopes can cross.
            pieces = [c.piece(value) for c in curves]
            nexts = [
                x
                for j, p in enumerate(pieces)
                if j != now and p.feasible
                for x in [_overtake(j, now, pieces, value)]
                if x is not None and x <= stop
            ]
            if not nexts:
                break
            value = min(nexts)
    return found


def _name(editions: Sequence[str], index: int | None) -> str | None:
    return None if index is None else editions[index]


def sweep(
    variable: Variable, values: Range, app: AppPlan, editions: Sequence[str], month: Month, book: PriceBook
) -> Sweep:
    """Each edition's total at every value of ``values``, and every break-even point from start to stop."""
    lo, hi = values.start, values.stop
    curves = [build_curve(variable, app, e, lo, hi, month, book) for e in editions]
    totals_at = [c.total for c in curves]
    names = tuple(editions)
    rows: list[Row] = []
    for value in values.values():
        totals = tuple([total(value) for total in totals_at])
        rows.append(Row(value, totals, _name(names, _cheapest(totals))))
    return Sweep(variable, month, book, app, names, tuple(rows), tuple(_break_even(curves, names, lo, hi)))
