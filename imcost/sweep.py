"""Cost curves: each edition's total as one usage or need runs over a range, and the break-even points.

A rule's cost changes only at the price list's step boundaries (DAU at
free + k * unit_size + 1, an add-on just over its quota, ...), which
imcost.variables reads from the price book. Between two boundaries an
edition's total is a straight line (flat for everything but barrage), so each
curve is priced by the engine once or twice per stretch and then read off in
constant time per value; the break-even points are found exactly at the
boundaries and where two lines cross, not only at the sampled values.

Rounding can bend a line: a plan's discounts round each net amount to the
fen, and barrage rounds each day's amount (按天结算; a user's price book may
have rates below the fen). Such an item is kept apart as a Term and rounded at each value
exactly as the engine does; where the rounding could decide which edition is
cheaper, the values near the crossing are priced one by one.
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
import itertools
import math
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, overload

from imcost.discounts import HUNDRED, net_amount
from imcost.engine import AppEstimate, estimate_app
from imcost.money import to_fen
from imcost.month import Month
from imcost.plan import AppPlan
from imcost.pricebook import Edition, PriceBook
from imcost.rules.base import Problem
from imcost.variables import Range, Variable

BARRAGE = "barrage_bandwidth"

# Rounding one amount to the fen moves it by at most half a fen.
HALF_FEN = Fraction(1, 200)


@dataclass(frozen=True)
class Term:
    """An item whose amount is ``times`` x (``a + b * x``, rounded to the fen when ``fen``), then ``percent`` off.

    Barrage rounds each day's amount and sums the ``times`` days (a + b * x being one day's);
    a discount rounds the net amount. Where neither rounding is the identity the item's amount
    is not a straight line, so it is worked out at each x.
    """

    a: Decimal
    b: Decimal
    percent: Decimal
    fen: bool
    times: int = 1

    def net(self, x: int) -> Decimal:
        amount = self.a + self.b * x
        if self.fen:
            amount = to_fen(amount)
        amount *= self.times
        return net_amount(amount, self.percent) if self.percent else amount

    @property
    def keep(self) -> Fraction:
        return Fraction(HUNDRED - self.percent) / 100

    def line(self) -> tuple[Fraction, Fraction]:
        """The amount before rounding, ``a' + b' * x``: :meth:`net` is within :attr:`noise` of it."""
        return Fraction(self.a) * self.times * self.keep, Fraction(self.b) * self.times * self.keep

    @property
    def noise(self) -> Fraction:
        return HALF_FEN * (self.fen * self.times + bool(self.percent))

    @property
    def straight(self) -> bool:
        """Whether no rounding ever moves the amount, so that it is exactly :meth:`line`."""
        if self.fen:
            return False
        a, b = self.line()
        return not self.percent or (a * 100).denominator == 1 == (b * 100).denominator

    @property
    def period(self) -> int:
        """The rounding repeats every ``period`` values of x."""
        return (Fraction(self.b) * 100).denominator * self.keep.denominator


@dataclass(frozen=True)
class Piece:
    """From ``lo`` up to the next piece, the total is ``a + b * value`` plus each rounded term's net amount."""

    lo: int
    a: Decimal
    b: Decimal
    feasible: bool
    rounded: tuple[Term, ...] = ()

    def at(self, value: int) -> Decimal:
        total = self.a + self.b * value
        for term in self.rounded:
            total += term.net(value)
        return total

    @property
    def sloped(self) -> bool:
        return self.b != 0 or any(t.b != 0 for t in self.rounded)


@dataclass(frozen=True)
class Tail:
    """Overage: from ``start`` on, unit ``u`` of ``period`` values costs ``first + u * increment`` (+ rounded terms)."""

    start: int
    period: int
    first: Decimal
    increment: Decimal
    feasible: bool
    rounded: tuple[Term, ...] = ()

    def at(self, units: int) -> Decimal:
        total = self.first + units * self.increment
        for term in self.rounded:
            total += term.net(units)
        return total


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
            return Piece(tail.start + units * tail.period, tail.at(units), Decimal(0), tail.feasible)
        return self.pieces[bisect.bisect_right(self.los, value) - 1]

    def total(self, value: int) -> Decimal | None:
        """The edition's total at ``value``; ``None`` when the edition can't meet the needs there."""
        tail = self.tail
        if tail is not None and value >= tail.start:
            if not tail.feasible:
                return None
            units = (value - tail.start) // tail.period
            return tail.at(units) if tail.rounded else tail.first + units * tail.increment
        piece = self.pieces[bisect.bisect_right(self.los, value) - 1]
        if not piece.feasible:
            return None
        return piece.at(value) if piece.rounded else piece.a + piece.b * value

    def sloped(self, value: int) -> bool:
        """Whether the total changes from one value to the next on the stretch ``value`` falls on."""
        tail = self.tail
        if tail is not None and value >= tail.start:
            return False
        piece = self.pieces[bisect.bisect_right(self.los, value) - 1]
        return piece.feasible and piece.sloped

    def changes(self, lo: int, hi: int) -> Iterator[int]:
        """Values in ``lo < value <= hi`` where this curve starts a new piece, in order."""
        for piece in self.pieces:
            if lo < piece.lo <= hi:
                yield piece.lo
        tail = self.tail
        if tail is not None:
            first = tail.start if tail.start > lo else tail.start + ((lo - tail.start) // tail.period + 1) * tail.period
            yield from range(first, hi + 1, tail.period)


Sample = tuple[Decimal, Decimal, Decimal, Decimal]
_NONE: Sample = (Decimal(0), Decimal(0), Decimal(0), Decimal(0))


def _items(estimate: AppEstimate) -> dict[tuple[str, int], Sample]:
    """Each item's quantity x unit price, list amount, amount and percent off, by fee and place among its fee's."""
    found: dict[tuple[str, int], Sample] = {}
    seen: dict[str, int] = {}
    for item in estimate.items:
        place = seen[item.fee] = seen.get(item.fee, -1) + 1
        found[item.fee, place] = (item.quantity * item.unit_price, item.list_price, item.amount, item.discount_percent)
    return found


def _line(here: AppEstimate, there: AppEstimate, x: int, days: int) -> tuple[Decimal, Decimal, tuple[Term, ...]]:
    """The total through ``here`` (at ``x``) and ``there`` (at ``x + 1``), item by item.

    Returns ``a`` and ``b`` of the part that is exactly ``a + b * x`` and the items that are rounded
    differently at each x. An item's list amount is its quantity x unit price, or for barrage the
    sum of ``days`` days' amounts each rounded to the fen; one that is neither is taken as a
    straight line through its two amounts.
    """
    a = b = Decimal(0)
    rounded: list[Term] = []
    before, after = _items(here), _items(there)
    for key in dict.fromkeys([*before, *after]):
        raw0, list0, amount0, percent0 = before.get(key, _NONE)
        raw1, list1, _, percent1 = after.get(key, _NONE)
        if raw0 == raw1 and list0 == list1:
            a += amount0
            continue
        day0, day1 = raw0 / days, raw1 / days
        if key[0] == BARRAGE and list0 == to_fen(day0) * days and list1 == to_fen(day1) * days:
            # The swept Mbps is the same every day: each day's amount is rounded, then summed.
            slope = day1 - day0
            rounds = (list0, list1) != (raw0, raw1)
            term = Term(day0 - slope * x, slope, percent0 or percent1, rounds, days)
        else:
            priced = list0 in (raw0, to_fen(raw0)) and list1 in (raw1, to_fen(raw1))
            start, stop = (raw0, raw1) if priced else (list0, list1)
            slope = stop - start
            term = Term(start - slope * x, slope, percent0 or percent1, priced and (list0, list1) != (raw0, raw1))
        if term.straight:
            keep = (HUNDRED - term.percent) / HUNDRED
            a, b = a + term.a * term.times * keep, b + term.b * term.times * keep
        else:
            rounded.append(term)
    return a, b, tuple(rounded)


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
        first, increment, rounded = _line(here, after, units, month.days)
        tail = Tail(periodic.start, periodic.period, first, increment, here.feasible, rounded)
    pieces: list[Piece] = []
    if lo <= end:
        starts = [lo, *(c for c in variable.cuts(facts) if lo < c <= end)]
        for start, stop in zip(starts, [*starts[1:], end + 1], strict=True):
            here = priced(start)
            a, b, rounded = _line(here, priced(start + 1) if stop - start >= 2 else here, start, month.days)
            pieces.append(Piece(start, a, b, here.feasible, rounded))
    return Curve(edition, tuple(pieces), tail)


@dataclass(frozen=True)
class Row:
    value: int
    totals: tuple[Decimal | None, ...]
    cheapest: str | None


class Run(NamedTuple):
    """Consecutive rows whose totals (and so cheapest edition) are the same: see :meth:`Rows.runs`."""

    values: range
    totals: tuple[Decimal | None, ...]
    cheapest: str | None


@dataclass(frozen=True)
class BreakEven:
    """At ``at`` the cheapest edition that fits changes from ``before`` to ``after`` (``None``: none fits)."""

    at: int
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Steady:
    """Over the whole range ``edition`` costs exactly ``more`` than ``cheapest``: their difference never changes."""

    edition: str
    cheapest: str
    more: Decimal


@dataclass(frozen=True)
class Never:
    """``edition`` can't meet the needs at any value of the range; ``problems`` say why at its start."""

    edition: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class NoBreakEven:
    """Why a range has no break-even point: the one cheapest edition (``None``: none ever fits), the editions
    whose difference from it is constant, and the editions that never fit."""

    cheapest: str | None
    steady: tuple[Steady, ...]
    never: tuple[Never, ...]


class Rows(Sequence[Row]):
    """Every value's row, worked out from the curves when it is read: a range of a million values
    holds no million rows in memory, and an output writes them one at a time."""

    def __init__(self, curves: Sequence[Curve], editions: tuple[str, ...], values: range) -> None:
        self._curves = curves
        self._totals = [c.total for c in curves]
        self._editions = editions
        self._values = values

    def _priced(self, value: int) -> tuple[tuple[Decimal | None, ...], str | None]:
        """Each edition's total at ``value`` and the cheapest's name."""
        totals = tuple([total(value) for total in self._totals])
        return totals, _name(self._editions, _cheapest(totals))

    def _row(self, value: int) -> Row:
        return Row(value, *self._priced(value))

    def __len__(self) -> int:
        return len(self._values)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [self._row(v) for v in self._values[index]]
        return self._row(self._values[index])

    def __iter__(self) -> Iterator[Row]:
        row = self._row
        for value in self._values:
            yield row(value)

    @property
    def values(self) -> range:
        """The value of each row, in order."""
        return self._values

    def runs(self) -> Iterator[Run]:
        """The rows in order, as runs of consecutive values that share their totals.

        Between two values where some curve starts a new piece (or overage unit) every total is
        one straight line; where all of them are flat, the stretch is one run, priced once. A
        million-value range of DAU is then about a hundred runs, and an output writes each row's
        text from its run's; a sloped stretch (barrage) is one run per value.
        """
        values = self._values
        if not values:
            return
        first, last, step = values.start, values[-1], values.step
        curves, priced = self._curves, self._priced
        changes = heapq.merge(*(c.changes(first, last) for c in curves))
        starts = itertools.chain([first], (v for v, _ in itertools.groupby(changes)), [last + 1])
        start = next(starts)
        for stop in starts:  # the stretch start..stop - 1
            # The rows of values[i:j] are in the stretch.
            i, j = -(-(start - first) // step), -(-(stop - first) // step)
            if i < j:
                if any(c.sloped(start) for c in curves):
                    for value in values[i:j]:
                        yield Run(range(value, value + 1), *priced(value))
                else:
                    yield Run(values[i:j], *priced(start))
            start = stop


@dataclass(frozen=True)
class Sweep:
    variable: Variable
    month: Month
    book: PriceBook
    app: AppPlan
    editions: tuple[str, ...]
    rows: Rows
    break_even: tuple[BreakEven, ...]
    # Set when ``break_even`` is empty: why no edition overtakes another.
    none: NoBreakEven | None = None
    # Across vendors: each of ``editions`` (then ``BOOK:EDITION``) as (book version, edition id).
    choices: Mapping[str, tuple[PriceBook, str]] | None = None

    def book_of(self, key: str) -> PriceBook:
        """The price book version that prices ``key`` (one of ``editions``)."""
        return self.book if self.choices is None else self.choices[key][0]

    def edition(self, key: str) -> Edition:
        """The edition ``key`` names (one of ``editions``)."""
        if self.choices is None:
            return self.book.editions[key]
        book, edition = self.choices[key]
        return book.editions[edition]

    @property
    def books(self) -> tuple[PriceBook, ...]:
        """The price book versions of the sweep, in the order the editions name them."""
        if self.choices is None:
            return (self.book,)
        return tuple({b.id: b for b, _ in self.choices.values()}.values())


def _cheapest(totals: Sequence[Decimal | None]) -> int | None:
    """Index of the lowest total that fits; a tie goes to the edition listed first."""
    best: int | None = None
    for i, total in enumerate(totals):
        if total is not None and (best is None or total < totals[best]):  # type: ignore[operator]
            best = i
    return best


def _overtake(challenger: int, holder: int, pieces: Sequence[Piece], after: int, stop: int) -> int | None:
    """First value in ``after < value <= stop`` where ``challenger`` costs less than ``holder`` (ties: listed first).

    ``holder`` is the cheapest at ``after``. Their difference is a straight line ``gap + slope * value``
    give or take half a fen per rounded term the two don't share; only where the line is within that
    of zero are the values priced one by one.
    """
    c, h = pieces[challenger], pieces[holder]
    wins_tie = challenger < holder
    own, theirs = list(c.rounded), list(h.rounded)
    for term in c.rounded:  # the same item rounded the same way on both sides cancels out
        if term in theirs:
            own.remove(term)
            theirs.remove(term)
    gap, slope = Fraction(c.a - h.a), Fraction(c.b - h.b)
    for sign, terms in ((1, own), (-1, theirs)):
        for term in terms:
            a, b = term.line()
            gap, slope = gap + sign * a, slope + sign * b
    noise = sum((t.noise for t in own + theirs), Fraction(0))
    if not noise:
        if slope >= 0:
            return None
        crossing = gap / -slope
        first = math.ceil(crossing) if wins_tie else math.floor(crossing) + 1
        found = max(first, after + 1)
        return found if found <= stop else None

    def wins(value: int) -> bool:
        diff = c.at(value) - h.at(value)
        return diff < 0 or (diff == 0 and wins_tie)

    if slope < 0:
        # Sure to win once the line is below -noise; may win once it is below +noise.
        maybe = math.ceil((gap - noise) / -slope)
        sure = math.floor((gap + noise) / -slope) + 1
    elif slope > 0:
        # Can only win while the line is below +noise, which ends soon after ``after``.
        maybe, sure = after + 1, stop + 1
        stop = min(stop, math.floor((noise - gap) / slope))
    elif abs(gap) <= noise:
        # Parallel and within the rounding: the rounding repeats every ``period`` values.
        period = math.lcm(*(t.period for t in own + theirs))
        maybe, sure = after + 1, stop + 1
        stop = min(stop, after + period)
    else:
        return after + 1 if gap < 0 and after < stop else None
    for value in range(max(maybe, after + 1), min(sure - 1, stop) + 1):
        if wins(value):
            return value
    found = max(sure, after + 1)
    return found if found <= stop else None


def _break_even(curves: Sequence[Curve], editions: Sequence[str], lo: int, hi: int) -> list[BreakEven]:
    points = [lo, *sorted(set().union(*(c.changes(lo, hi) for c in curves)))]
    sloped = any(p.sloped for c in curves for p in c.pieces)
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
                for x in [_overtake(j, now, pieces, value, stop)]
                if x is not None
            ]
            if not nexts:
                break
            value = min(nexts)
    return found


def _name(editions: Sequence[str], index: int | None) -> str | None:
    return None if index is None else editions[index]


def _never_fits(curve: Curve) -> bool:
    return not any(p.feasible for p in curve.pieces) and (curve.tail is None or not curve.tail.feasible)


def _steady_gap(c: Curve, h: Curve, lo: int, hi: int) -> Decimal | None:
    """``c`` minus ``h`` where it is the same at every value of ``lo..hi``; ``None`` where it changes.

    Between two change points each total is a straight line plus its rounded terms, so the difference is
    constant when the lines are parallel at one height in every stretch and the rounded terms are the same
    items on both sides (they cancel); otherwise it is taken as changing.
    """
    gap: Decimal | None = None
    for start in [lo, *sorted({*c.changes(lo, hi), *h.changes(lo, hi)})]:
        pc, ph = c.piece(start), h.piece(start)
        if pc.b != ph.b or Counter(pc.rounded) != Counter(ph.rounded):
            return None
        here = pc.a - ph.a
        if gap is not None and here != gap:
            return None
        gap = here
    return gap


def _no_break_even(
    curves: Sequence[Curve],
    app: AppPlan,
    variable: Variable,
    lo: int,
    hi: int,
    month: Month,
    choices: Mapping[str, tuple[PriceBook, str]],
) -> NoBreakEven:
    """Why a range without a break-even point has none: see :class:`NoBreakEven`."""
    cheapest = _cheapest([c.total(lo) for c in curves])
    never: list[Never] = []
    steady: list[Steady] = []
    for curve in curves:
        if _never_fits(curve):
            book, edition = choices[curve.edition]
            priced = estimate_app(variable.apply(dataclasses.replace(app, edition=edition), lo), month, book)
            never.append(Never(curve.edition, priced.problems))
        elif cheapest is not None and curve is not curves[cheapest]:
            gap = _steady_gap(curve, curves[cheapest], lo, hi)
            if gap is not None:
                steady.append(Steady(curve.edition, curves[cheapest].edition, gap))
    holder = None if cheapest is None else curves[cheapest].edition
    return NoBreakEven(holder, tuple(steady), tuple(never))


def sweep(
    variable: Variable, values: Range, app: AppPlan, editions: Sequence[str], month: Month, book: PriceBook
) -> Sweep:
    """Each edition's total at every value of ``values``, and every break-even point from start to stop."""
    return sweep_choices(variable, values, app, [(book, e) for e in editions], month)


def sweep_choices(
    variable: Variable, values: Range, app: AppPlan, choices: Sequence[tuple[PriceBook, str]], month: Month
) -> Sweep:
    """:func:`sweep` over editions of one or several price books (book version, edition id): across
    vendors each is named ``BOOK:EDITION`` (``easemob-im:pro``), as compare's columns are."""
    lo, hi = values.start, values.stop
    mixed = len({b.id for b, _ in choices}) > 1
    names = tuple(f"{b.id}:{e}" if mixed else e for b, e in choices)
    by_name = dict(zip(names, choices, strict=True))
    curves = [
        dataclasses.replace(build_curve(variable, app, e, lo, hi, month, b), edition=name)
        for (b, e), name in zip(choices, names, strict=True)
    ]
    points = tuple(_break_even(curves, names, lo, hi))
    none = None if points else _no_break_even(curves, app, variable, lo, hi, month, by_name)
    book = choices[0][0]
    rows = Rows(curves, names, values.values())
    return Sweep(variable, month, book, app, names, rows, points, none, by_name if mixed else None)
