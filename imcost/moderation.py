"""Cloud moderation (云端审核): usage weighed into units, and the cheapest way to pay for them.

Tencent doc 269/81908 (国内计费说明, IM 内容审核): 0.0010元 per deduction unit
postpaid, or prepaid packs of units: a monthly pack (1050元 for 1,100,000 units,
valid a month) and yearly packs (valid a year). A month is priced with the
cheapest of all postpaid or k monthly packs with the rest postpaid; a period of
whole years may also buy yearly packs (``cheapest_year``). Amounts are rounded
to the fen, half-up, on each month's postpaid total.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from imcost.money import ZERO, to_fen
from imcost.pricebook import CloudModeration


def weighed_units(usage: Mapping[str, Decimal], cloud: CloudModeration) -> Decimal:
    """Deduction units: text x 1 + images x 0.65 + audio minutes x 15 + video minutes x 56 (weights from the book)."""
    return sum((usage.get(kind, ZERO) * weight for kind, weight in cloud.weights.items()), ZERO)


def postpaid(units: Decimal, cloud: CloudModeration) -> Decimal:
    """``units`` paid per unit, rounded to the fen half-up (on the month's total, not day by day)."""
    return to_fen(units * cloud.unit_price)


@dataclass(frozen=True)
class MonthlyOption:
    """``packs`` monthly packs and ``rest`` units postpaid: ``cost`` in all."""

    packs: int
    rest: Decimal
    pack_cost: Decimal
    rest_cost: Decimal

    @property
    def cost(self) -> Decimal:
        return self.pack_cost + self.rest_cost


def monthly_option(units: Decimal, packs: int, cloud: CloudModeration) -> MonthlyOption:
    """What ``units`` cost with ``packs`` monthly packs, the units beyond them postpaid."""
    pack = cloud.monthly_pack
    rest = max(ZERO, units - pack.units * packs)
    return MonthlyOption(packs, rest, pack.price * packs, postpaid(rest, cloud))


def monthly_options(units: Decimal, cloud: CloudModeration) -> tuple[MonthlyOption, ...]:
    """The options worth comparing for ``units`` in a month: all postpaid, n packs + the rest, n + 1 packs.

    n is the number of whole packs the units fill. Every k from 0 to n + 1 is a way
    to pay, but only these can be the cheapest: below n, each further pack replaces a
    whole pack's units postpaid (1,100,000 x 0.0010 = 1100.00元, whole fen, so the
    rounding moves by exactly that) for its price (1050元), so the cost falls or rises
    steadily from 0 to n and its least is at 0 or n; above n + 1 a pack covers nothing.
    n + 1 packs is named only when the n packs leave units postpaid.
    """
    n = int(units // cloud.monthly_pack.units)
    counts = [0, n] + ([n + 1] if units > n * cloud.monthly_pack.units else [])
    return tuple(monthly_option(units, k, cloud) for k in dict.fromkeys(counts))


def cheapest_month(units: Decimal, cloud: CloudModeration) -> tuple[MonthlyOption, tuple[MonthlyOption, ...]]:
    """The cheapest option for a month's units and the others named beside it.

    On a tie the fewer packs win: postpaid pays only for what is used, and a pack
    bought in advance is money spent before the usage is known.
    """
    options = monthly_options(units, cloud)
    best = min(options, key=lambda o: (o.cost, o.packs))
    return best, tuple(o for o in options if o is not best)


@dataclass(frozen=True)
class YearMonth:
    """One month of a year with yearly packs: its monthly packs, units from the yearly packs, the rest postpaid."""

    packs: int
    from_yearly: Decimal
    rest: Decimal
    pack_cost: Decimal
    rest_cost: Decimal


@dataclass(frozen=True)
class YearPlan:
    """Yearly packs bought on the first day of a 12-month block, and each month's charges."""

    yearly: tuple[int, ...]
    yearly_cost: Decimal
    months: tuple[YearMonth, ...]

    @property
    def cost(self) -> Decimal:
        return self.yearly_cost + sum((m.pack_cost + m.rest_cost for m in self.months), ZERO)


def year_with(
    units: Sequence[Decimal], yearly: tuple[int, ...], packs: Sequence[int], cloud: CloudModeration
) -> YearPlan:
    """The year's charges with these yearly packs and these monthly packs per month.

    Units are deducted month by month from the pack that lapses first: the month's
    monthly packs, then what is left of the yearly packs (their units carry from
    month to month within the year), then postpaid.
    """
    pool = Decimal(sum(n * p.units for n, p in zip(yearly, cloud.yearly_packs, strict=True)))
    months: list[YearMonth] = []
    for used, k in zip(units, packs, strict=True):
        left = max(ZERO, used - cloud.monthly_pack.units * k)
        taken = min(pool, left)
        pool -= taken
        rest = left - taken
        months.append(YearMonth(k, taken, rest, cloud.monthly_pack.price * k, postpaid(rest, cloud)))
    cost = sum((n * p.price for n, p in zip(yearly, cloud.yearly_packs, strict=True)), ZERO)
    return YearPlan(yearly, cost, tuple(months))


def _monthly_packs(units: Sequence[Decimal], pool: int, cloud: CloudModeration) -> list[list[int]]:
    """For each month j, the cheapest monthly packs if j is the first month that pays postpaid.

    Before that month nothing is postpaid, so the pool only has to last: the units
    left after the months' own packs add up to no more than the pool, whatever their
    order, and k packs leave the most pool for month j when they are the k largest
    reductions (a whole pack's units while a month has that many, then each month's
    remainder, largest first). From month j on the pool is spent and every later month
    is on its own, at its cheapest. Month j pays its packs and what the pool leaves
    postpaid, rounded once. Over whole packs that cost falls by 1100 - 1050 per pack
    while the month pays postpaid and rises after, so only the pack counts where its
    postpaid runs out (for each pack count of month j), the fewest that make the pool
    last, all whole packs and every count of remainders are priced. The last choice
    (j = 12) is a year the pool covers.
    """
    size = cloud.monthly_pack.units
    price = cloud.monthly_pack.price
    rate = cloud.unit_price
    count = len(units)
    whole = [int(u // size) for u in units]
    alone = [cheapest_month(u, cloud)[0] for u in units]
    after = [sum((a.cost for a in alone[j + 1 :]), ZERO) for j in range(count)]
    choices: list[list[int]] = []
    for j in range(count + 1):
        before = units[:j]
        full = sum(whole[:j])
        spare = sorted(
            ((u - size * w, i) for i, (u, w) in enumerate(zip(before, whole, strict=False)) if u > size * w),
            reverse=True,
        )
        need = sum(before, ZERO) - pool

        def reduced(k: int, full: int = full, spare: list[tuple[Decimal, int]] = spare) -> Decimal:
            return size * min(k, full) + sum((r for r, _ in spare[: max(0, k - full)]), ZERO)

        most = full + len(spare)
        fewest = next((k for k in _reach(need, full, spare, size) if reduced(k) >= need), None)
        if fewest is None:
            continue
        if j == count:
            best_k, best_kj = fewest, 0
        else:
            used = units[j]
            own = sorted({0, whole[j], whole[j] + 1})
            ks = {fewest, full, most, *range(full, most + 1)}
            for kj in own:
                over = max(ZERO, used - size * kj) - (pool - sum(before, ZERO))
                at = int(max(ZERO, over) // size)
                ks.update((at, at + 1))
            best: tuple[Decimal, int, int] | None = None
            for k in sorted(x for x in ks if fewest <= x <= most):
                pooled = pool - sum(before, ZERO) + reduced(k)
                for kj in own:
                    paid = to_fen(max(ZERO, max(ZERO, units[j] - size * kj) - pooled) * rate)
                    cost = price * (k + kj) + paid + after[j]
                    if best is None or cost < best[0]:
                        best = (cost, k, kj)
            if best is None:
                continue
            _, best_k, best_kj = best
        packs = [0] * count
        to_give = min(best_k, full)
        for i in reversed(range(j)):
            packs[i] = min(whole[i], to_give)
            to_give -= packs[i]
        for _, i in spare[: max(0, best_k - full)]:
            packs[i] += 1
        if j < count:
            packs[j] = best_kj
            for i in range(j + 1, count):
                packs[i] = alone[i].packs
        choices.append(packs)
    return choices


def _reach(need: Decimal, full: int, spare: list[tuple[Decimal, int]], size: int) -> list[int]:
    """Pack counts to try for the fewest whose reductions reach ``need``: whole packs first, then remainders."""
    if need <= 0:
        return [0]
    whole = _up(need, size)
    if whole <= full:
        return [whole]
    return list(range(full, full + len(spare) + 1))


def _up(amount: Decimal | int, size: Decimal | int) -> int:
    """How many ``size`` it takes to reach ``amount``: the ceiling of the quotient (Decimal's // truncates)."""
    return math.ceil(Decimal(amount) / Decimal(size))


def _yearly_counts(total: Decimal, cloud: CloudModeration) -> list[tuple[int, ...]]:
    """The yearly-pack combinations worth pricing for ``total`` units in a year.

    Bounded by dominance: with ``best`` the pack of the lowest price per unit, m
    packs of another kind that give at least ``best``'s units for at least its price
    are never better than one ``best`` pack, so fewer than m of each other kind are
    bought; more ``best`` packs than cover the year alone are waste; and fewer than
    cover all but one ``best`` pack, a monthly pack and the other kinds' most would
    leave more than a ``best`` pack's units to monthly packs and postpaid, which cost
    more per unit.
    """
    packs = cloud.yearly_packs
    if not packs or total <= 0:
        return [tuple(0 for _ in packs)]
    best = min(range(len(packs)), key=lambda i: (packs[i].price / packs[i].units, -packs[i].units))
    top = packs[best]
    limits: list[range] = []
    others_most = 0
    for i, pack in enumerate(packs):
        if i == best:
            limits.append(range(0))
            continue
        m = max(_up(top.units, pack.units), _up(top.price, pack.price) if pack.price else 1)
        most = min(m - 1, _up(total, pack.units))
        limits.append(range(most + 1))
        others_most += most * pack.units
    cheapest_rate = min(cloud.unit_price, cloud.monthly_pack.price / cloud.monthly_pack.units)
    enough = _up(total, top.units)
    if top.units * cheapest_rate > top.price:
        fewest = max(0, int((total - top.units - cloud.monthly_pack.units - others_most) // top.units))
    else:
        fewest = 0
    limits[best] = range(fewest, enough + 1)
    combos: list[tuple[int, ...]] = [()]
    for span in limits:
        combos = [(*c, n) for c in combos for n in span]
    return combos


def cheapest_year(units: Sequence[Decimal], cloud: CloudModeration) -> YearPlan:
    """The cheapest mix of yearly packs, monthly packs and postpaid units for 12 months' ``units``.

    Ties keep the plan with fewer yearly packs, then fewer monthly packs (the
    month-by-month choice when no yearly pack is cheaper).
    """
    # Each month on its own, as estimate prices it: never beaten by a worse plan below.
    alone = [cheapest_month(u, cloud)[0].packs for u in units]
    plans = [year_with(units, tuple(0 for _ in cloud.yearly_packs), alone, cloud)]
    for yearly in _yearly_counts(sum(units, ZERO), cloud):
        pool = sum(n * p.units for n, p in zip(yearly, cloud.yearly_packs, strict=True))
        plans.extend(year_with(units, yearly, packs, cloud) for packs in _monthly_packs(units, pool, cloud))
    return min(plans, key=lambda p: (p.cost, sum(p.yearly), sum(m.packs for m in p.months)))
