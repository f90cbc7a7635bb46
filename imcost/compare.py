"""Editions side by side and the cheapest one that fits.

Both run the engine on the same app once per edition (the app with only its
edition replaced), so compare, recommend and estimate agree by construction.

An app on an edition has what that edition includes. A need the plan leaves
out is therefore what the app's own edition gives it (``kept_needs``), so a
cheaper edition is recommended only when it keeps all of it: a flagship app
with no needs written keeps 30 days of history and 2,000-member public groups
on pro too, at the add-ons' price.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from imcost.engine import AppEstimate, Estimate, estimate_app
from imcost.errors import InputError, InputProblem
from imcost.fields import closest
from imcost.month import Month
from imcost.plan import UNLIMITED, AppPlan, Plan
from imcost.pricebook import PriceBook, Quotas
from imcost.rules.base import Problem
from imcost.textsafe import listed, quoted

MONTHS_PER_YEAR = 12


def cheapest(estimates: Sequence[AppEstimate], prefer: str = "", prefer_book: str = "") -> AppEstimate | None:
    """The feasible estimate with the lowest total; a tie goes to ``prefer`` (of ``prefer_book``), then the first."""
    feasible = [e for e in estimates if e.feasible]
    if not feasible:
        return None
    return min(
        feasible, key=lambda e: (e.total, e.edition.id != prefer or (bool(prefer_book) and e.book.id != prefer_book))
    )


@dataclass(frozen=True)
class Comparison:
    """One app priced on each of several editions in one month (of one or several price books)."""

    month: Month
    book: PriceBook
    app: AppPlan
    results: tuple[AppEstimate, ...]

    @property
    def cheapest(self) -> AppEstimate | None:
        return cheapest(self.results)

    @property
    def books(self) -> tuple[PriceBook, ...]:
        """The price book versions the editions come from, first seen first."""
        return tuple({(r.book.id, r.book.starts): r.book for r in self.results}.values()) or (self.book,)

    @property
    def mixed(self) -> bool:
        """Whether editions of several price books (vendors) are compared: outputs then name each book."""
        return len({r.book.id for r in self.results}) > 1


# An edition of a named price book: ``easemob-im:pro`` (the last colon splits, so a file path may hold one).
BOOK_SEPARATOR = ":"


def split_choice(name: str) -> tuple[str | None, str]:
    """``easemob-im:pro`` -> (``easemob-im``, ``pro``); a bare ``pro`` -> (None, ``pro``)."""
    book, sep, edition = name.rpartition(BOOK_SEPARATOR)
    return (book, edition) if sep and book else (None, name)


def resolve_choices(
    names: Sequence[str], book: PriceBook, load: Callable[[str], PriceBook]
) -> tuple[tuple[PriceBook, str], ...]:
    """(book version, edition id) for each name: ``BOOK:EDITION`` or a bare edition of ``book``.

    ``load`` gives the version of a named book (shipped id or file) in force for the month
    compared; none given: every edition of ``book``.
    """
    if not names:
        return tuple((book, e) for e in book.editions)
    found: list[tuple[PriceBook, str]] = []
    problems: list[InputProblem] = []
    for name in names:
        ref, edition_name = split_choice(name)
        try:
            chosen = book if ref is None else load(ref)
        except InputError as exc:
            # An unknown book is said where it was given: the editions, not --pricebook.
            problems.extend(
                dataclasses.replace(p, file="EDITIONS") if p.file == "--pricebook" else p for p in exc.problems
            )
            continue
        edition = chosen.edition(edition_name)
        if edition is None:
            hint = chosen.unknown_edition_hint(edition_name)
            problems.append(InputProblem("EDITIONS", None, (), f"unknown edition {quoted(name)}", hint))
        elif all((b.id, e) != (chosen.id, edition.id) for b, e in found):
            found.append((chosen, edition.id))
    if problems:
        raise InputError(problems)
    return tuple(found)


# The needs an edition's quotas stand for, and how a note names each.
_KEPT = {
    "history_days": "{:,} days of history",
    "groups_per_user": "{:,} groups per user",
    "av_chatrooms": "{:,} AV chatrooms",
    "friends_per_user": "{:,} friends",
    "users": "{:,} users",
}


def _quota(quotas: Quotas, key: str) -> int:
    value: int | None = getattr(quotas, key)
    return UNLIMITED if value is None else value


def _kept_text(key: str, value: int) -> str:
    if value >= UNLIMITED:
        return "unlimited " + _KEPT[key].removeprefix("{:,} ")
    return _KEPT[key].format(value)


def kept_needs(app: AppPlan, book: PriceBook) -> tuple[AppPlan, str | None]:
    """``app`` with each need it leaves out taken from its own edition's quotas, and a note saying which.

    The note names only what some other edition includes less of (what a cheaper edition would
    have to keep); an app on no edition (flags only, or a plan without ``edition``) is returned as it is.
    """
    edition = book.edition(app.edition) if app.edition else None
    if edition is None:
        return app, None
    quotas, needs = edition.quotas, app.needs
    taken: dict[str, Any] = {key: _quota(quotas, key) for key in _KEPT if getattr(needs, key) is None}
    members = {t: n for t, n in quotas.group_members.items() if t not in needs.group_members}
    if not taken and not members:
        return app, None
    kept = dataclasses.replace(needs, group_members={**members, **needs.group_members}, **taken)
    others = [e.quotas for e in book.editions.values() if e is not edition]
    said = [_kept_text(k, v) for k, v in taken.items() if any(_quota(q, k) < v for q in others)]
    short = {t: n for t, n in members.items() if any(q.group_members[t] < n for q in others)}
    if short:
        same = len(set(short.values())) == 1
        sizes = f"{next(iter(short.values())):,}" if same else "/".join(f"{n:,}" for n in short.values())
        kinds = "" if same and len(short) == len(quotas.group_members) else " " + "/".join(short)
        said.append(f"{sizes} members a{kinds} group")
    note = None
    if said:
        note = (
            f"app {quoted(app.name)} keeps what {edition.id} includes where the plan names no need "
            f"({', '.join(said)}); write lower needs to price smaller editions"
        )
    return dataclasses.replace(app, needs=kept), note


def compare_app(app: AppPlan, editions: Sequence[str], month: Month, book: PriceBook) -> Comparison:
    """Price ``app`` on each edition in ``editions`` (ids, at least one) of ``book``, in that order."""
    return compare_choices(app, [(book, e) for e in editions], month)


def compare_choices(app: AppPlan, choices: Sequence[tuple[PriceBook, str]], month: Month) -> Comparison:
    """Price ``app`` on each (book, edition) in ``choices``, in that order: editions of several vendors."""
    results = tuple(estimate_app(dataclasses.replace(app, edition=e), month, b) for b, e in choices)
    return Comparison(month, choices[0][0], app, results)


@dataclass(frozen=True)
class Rejected:
    """An edition that loses: it can't meet the needs, or it costs ``extra`` more."""

    estimate: AppEstimate
    extra: Decimal | None


@dataclass(frozen=True)
class Recommendation:
    """For one app: the cheapest edition that fits, against the edition the plan names."""

    comparison: Comparison
    current: AppEstimate | None
    recommended: AppEstimate | None
    rejected: tuple[Rejected, ...]

    @property
    def saving(self) -> Decimal | None:
        """Monthly saving of the recommendation over the current edition, when both can be bought."""
        if self.current is None or self.recommended is None or not self.current.feasible:
            return None
        return self.current.total - self.recommended.total

    @property
    def yearly_saving(self) -> Decimal | None:
        saving = self.saving
        return None if saving is None else saving * MONTHS_PER_YEAR

    @property
    def unmet(self) -> tuple[Problem, ...]:
        """When no edition fits: the needs no edition meets (each said by the last edition to fail it).

        If every edition fails for a different reason, every edition's problems.
        """
        if self.recommended is not None:
            return ()
        results = self.comparison.results
        common = set.intersection(*({p.fee for p in r.problems} for r in results)) if results else set()
        if not common:
            return tuple(p for r in results for p in r.problems)
        last = results[-1]
        return tuple(p for p in last.problems if p.fee in common)


def recommend_app(app: AppPlan, month: Month, book: PriceBook, others: Sequence[PriceBook] = ()) -> Recommendation:
    """Price ``app`` on every edition and pick the cheapest that fits; a tie keeps the current edition.

    ``others``: more price books (other vendors) whose editions compete too; the current
    edition is the app's own book's.
    """
    choices = [(book, e) for e in book.editions]
    seen = {book.id}
    for other in others:
        if other.id not in seen:
            seen.add(other.id)
            choices += [(other, e) for e in other.editions]
    comparison = compare_choices(app, choices, month)
    results = comparison.results
    current = next((r for r in results if r.edition.id == app.edition and r.book.id == book.id), None)
    best = cheapest(results, prefer=app.edition, prefer_book=book.id)
    rejected = tuple(
        Rejected(r, None if not r.feasible or best is None else r.total - best.total) for r in results if r is not best
    )
    return Recommendation(comparison, current, best, rejected)


def nearest_fits(estimate: Estimate) -> tuple[tuple[AppEstimate, AppEstimate | None], ...]:
    """Each app of ``estimate`` that can't be bought, with the cheapest edition of its price book that can (or None)."""
    return tuple(
        (app, recommend_app(app.app, estimate.month, app.book).recommended) for app in estimate.apps if not app.feasible
    )


def recommend_plan(plan: Plan, book: PriceBook) -> tuple[Recommendation, ...]:
    return tuple(recommend_app(app, plan.month, book) for app in plan.apps)


def pick_app(plan: Plan, name: str | None) -> AppPlan:
    """The app named ``name`` in ``plan``; without a name, its only app."""
    names = [a.name for a in plan.apps]
    if name is None:
        if len(plan.apps) == 1:
            return plan.apps[0]
        message = f"{plan.file} has {len(names)} apps; pick one with --app"
        raise InputError([InputProblem("--app", None, (), message, "apps: " + listed(names))])
    for app in plan.apps:
        if app.name == name:
            return app
    guess = closest(name, names)
    hint = f"did you mean {quoted(guess)}?" if guess else "apps: " + listed(names)
    raise InputError([InputProblem("--app", None, (), f"no app named {quoted(name)} in {plan.file}", hint)])
