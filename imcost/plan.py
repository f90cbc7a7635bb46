"""The plan-and-usage file: which edition each app is on, how it is used, what it needs.

A file describes one app at the top level, or several under ``apps:``. Every
problem in it is reported at once with file, line and key path; nothing is
estimated from a file that has any.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from imcost.daily import DailyUsage, load_daily
from imcost.discounts import Discounts, read_discounts
from imcost.errors import InputError, InputProblem, KeyPath, raise_if
from imcost.fields import MAX_COUNT, Fields, closest, describe
from imcost.infile import STDIN_NAME, UnreadableFile, empty, wrong_kind
from imcost.money import number_str
from imcost.month import Month
from imcost.numtext import ForeignDigits
from imcost.pricebook import (
    CALL_KINDS,
    FEATURES,
    GROUP_TYPES,
    MODERATION_KINDS,
    PriceBook,
    Versions,
    is_book,
    load_book,
    unknown_book,
)
from imcost.quote import Quote, QuoteFlags, SellerDefaults, read_quote, resolve, resolve_customer
from imcost.textsafe import listed, quoted
from imcost.yamldoc import YamlDoc, load_file

REGIONS = ("domestic", "international")
# Largest bandwidth accepted, in Mbps: far above any real AV chatroom's barrage.
MAX_MBPS = 10**9

APP_KEYS = (
    "name",
    "edition",
    "pricebook",
    "usage",
    "needs",
    "security",
    "local_moderation",
    "discounts",
    "purchased_on",
    "changes",
)
USAGE_KEYS = ("peak_dau", "peak_groups", "barrage_mbps", "daily", "moderation", "call_minutes")
# Usage a daily file replaces month by month; moderation and call minutes stay the plan's.
PEAK_KEYS = ("peak_dau", "peak_groups", "barrage_mbps")
# Audio and video minutes are counted in half minutes (Tencent's rule for moderation).
MODERATION_MINUTES = ("audio_minutes", "video_minutes")
HALF = Decimal("0.5")
CHANGE_KEYS = ("from", "edition", "needs", "security")
# Top-level keys that describe the whole plan rather than one app.
PLAN_KEYS = ("customer", "quote")
# Top-level keys of a price book that no plan has: such a file was given where a plan goes.
PRICE_BOOK_KEYS = frozenset({"format", "versions", "currency"})
NEED_KEYS = (
    "history_days",
    "group_members",
    "groups_per_user",
    "av_chatrooms",
    "friends_per_user",
    "users",
    "chatroom_history_days",
    "features",
)

PURCHASE_HINT = "the day the package was bought, e.g. 2027-01-31"

# Daily peak Mbps: one figure for every day of the month, or one per day.
DailyMbps = Decimal | tuple[Decimal, ...]


@dataclass(frozen=True)
class Usage:
    """How the app is used in the month; absent figures are zero."""

    peak_dau: int = 0
    peak_groups: int = 0
    barrage_mbps: Mapping[str, DailyMbps] = field(default_factory=dict)
    # Cloud moderation in the month: text, images, audio_minutes, video_minutes (absent: 0).
    moderation: Mapping[str, Decimal] = field(default_factory=dict)
    # Audio/video call minutes in the month: one_to_one, group (absent: 0).
    call_minutes: Mapping[str, int] = field(default_factory=dict)

    def mbps_days(self, region: str, month: Month) -> Decimal:
        """Sum over the month's days of that day's peak Mbps in ``region``."""
        daily = self.barrage_mbps.get(region, Decimal(0))
        if isinstance(daily, tuple):
            return sum(daily, Decimal(0))
        return daily * month.days

    def day_peaks(self, region: str, month: Month) -> dict[Decimal, int]:
        """Each distinct daily peak in ``region`` and on how many of the month's days it was reached."""
        daily = self.barrage_mbps.get(region, Decimal(0))
        if not isinstance(daily, tuple):
            return {daily: month.days}
        counts: dict[Decimal, int] = {}
        for peak in daily:
            counts[peak] = counts.get(peak, 0) + 1
        return counts


# A need taken from a quota with no limit (pro's users, flagship's AV chatrooms): more than
# any count a plan may give, so only an edition (or add-on) without a limit meets it.
UNLIMITED = MAX_COUNT + 1


@dataclass(frozen=True)
class Needs:
    """Capacities the app needs; ``None`` (or a missing group type) means the edition's default."""

    history_days: int | None = None
    group_members: Mapping[str, int] = field(default_factory=dict)
    groups_per_user: int | None = None
    av_chatrooms: int | None = None
    friends_per_user: int | None = None
    users: int | None = None
    # Chatroom message storage (Easemob sells it; a book that does not list it can't quote the app).
    chatroom_history_days: int | None = None
    # Features the app needs, ids from imcost.pricebook.FEATURES, in that order.
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """From ``start`` on, the app is on another edition or needs other things.

    Only what the change names is replaced: ``needs_given`` lists the needs keys it sets.
    """

    start: Month
    edition: str | None = None
    needs: Needs = Needs()
    needs_given: frozenset[str] = frozenset()
    security: bool | None = None


@dataclass(frozen=True)
class AppPlan:
    """One app (SDKAppID): priced on its own."""

    name: str
    edition: str
    usage: Usage = Usage()
    needs: Needs = Needs()
    security: bool = False
    local_moderation: bool = False
    # Daily figures (``usage: {daily: file.csv}``) replace ``usage`` month by month.
    daily: DailyUsage | None = None
    purchased_on: date | None = None
    changes: tuple[Change, ...] = ()
    # Percent off list price by fee id (or "all"); see imcost.discounts.
    discounts: Mapping[str, Decimal] = field(default_factory=dict)
    # Where the app is in the plan file (``("apps", 1)``; ``()`` for a one-app file).
    path: KeyPath = ()
    # The price book the plan names for the app (its own ``pricebook:`` or the plan's);
    # None: the one given on the command line, else the default (tencent-im).
    book: Versions | None = None


@dataclass(frozen=True)
class Plan:
    file: str
    month: Month
    apps: tuple[AppPlan, ...]
    customer: str | None = None
    # Line of every key path in the file, so problems found later (by forecast,
    # schedule) can still say where.
    lines: Mapping[KeyPath, int] = field(default_factory=dict, compare=False, repr=False)
    # The plan's top-level ``pricebook:``, if any (its apps that name none use it).
    book: Versions | None = None
    # The plan's ``quote:`` details (imcost.quote), if any.
    quote: Quote | None = None

    def problem(self, path: KeyPath, message: str, suggestion: str | None = None) -> InputProblem:
        """A problem at ``path`` of the plan file, with the line of it (or of its nearest ancestor)."""
        at = path
        while at and at not in self.lines:
            at = at[:-1]
        # The top level is the whole file: no one line to point at.
        return InputProblem(self.file, self.lines[at] if at else None, path, message, suggestion)


class _PlanReader(Fields):
    def __init__(self, doc: YamlDoc, book: PriceBook | Versions, edition_required: bool = True) -> None:
        super().__init__(doc)
        # Editions are read against the version of the app's own book (``self.book`` while reading it).
        self.default = book if isinstance(book, PriceBook) else book.latest
        self.book = self.default
        self.as_of = None if isinstance(book, PriceBook) else book.as_of
        self.loaded: dict[str, Versions | None] = {}
        self.edition_required = edition_required
        # The plan's top-level ``pricebook:``: the book of its apps that name none.
        self.plan_book: Versions | None = None

    def pricebook(self, value: Any, path: KeyPath) -> Versions | None:
        """``pricebook: tencent-im-overseas`` (a shipped id) or a price book file, relative to the plan file."""
        ref = self.text(value, path)
        if ref is None:
            return None
        if ref not in self.loaded:
            base = self.base()
            if not is_book(ref, base):
                self.fail(path, *unknown_book(ref, repr(str(base / ref))))
                self.loaded[ref] = None
            else:
                try:
                    self.loaded[ref] = load_book(ref, self.as_of, base)
                except InputError as exc:
                    self.problems.extend(exc.problems)
                    self.loaded[ref] = None
        return self.loaded[ref]

    def base(self) -> Path:
        """The directory a relative path in the plan is read from: the plan file's, or the working one for stdin."""
        return Path() if self.doc.file == STDIN_NAME else Path(self.doc.file).parent

    def relative_to(self) -> str:
        """Where a relative path in the plan is read from, in words."""
        if self.doc.file == STDIN_NAME:
            return "the plan is read from standard input: the path is relative to the working directory"
        return "the path is relative to the plan file"

    def edition(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str):
            self.fail(path, f"expected an edition name, got {describe(value)}", self.valid_editions())
            return ""
        found = self.book.edition(value)
        if found is None:
            self.fail(path, f"unknown edition {quoted(value)}", self.book.unknown_edition_hint(value))
            return ""
        return found.id

    def valid_editions(self) -> str:
        return "valid editions: " + listed(self.book.edition_names())

    def daily_mbps(self, value: Any, path: KeyPath, month: Month | None) -> DailyMbps:
        if isinstance(value, list):
            if month is not None and len(value) != month.days:
                self.fail(
                    path,
                    f"expected one value per day of {month} ({month.days} values), got {len(value)}",
                    "or give one number for every day",
                )
            values = (self.amount(v, (*path, i), MAX_MBPS) for i, v in enumerate(value))
            return tuple(v if v is not None else Decimal(0) for v in values)
        return self.amount(value, path, MAX_MBPS) or Decimal(0)

    def daily(self, value: Any, path: KeyPath) -> DailyUsage | None:
        """``usage: {daily: file.csv}``: the file is read relative to the plan file."""
        if not isinstance(value, dict) or "daily" not in value:
            return None
        others = sorted(k for k in value if k in PEAK_KEYS)
        if others:
            self.fail((*path, others[0]), "daily figures replace the peaks", "give `daily:` or the peaks, not both")
        name = self.text(value["daily"], (*path, "daily"))
        if name is None:
            return None
        where = self.base() / name
        try:
            return load_daily(where, str(where))
        except UnreadableFile as exc:
            # Said at the plan's line: the file may not be where the plan's writer meant.
            at = (*path, "daily")
            if exc.errno == errno.ENOENT:
                self.fail(at, f"no such file {str(where)!r}", self.relative_to())
            elif exc.errno == errno.EISDIR:
                self.fail(at, f"{str(where)!r} is a directory, expected a CSV file")
            else:
                self.fail(at, f"cannot read {str(where)!r} ({exc.reason})")
            return None
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None

    def change(self, value: Any, path: KeyPath) -> Change | None:
        m = self.mapping(value, path, CHANGE_KEYS, ("from",))
        start = self.month(m["from"], (*path, "from")) if "from" in m else None
        # A misspelt key is reported on its own; "needs more than from" would only repeat it.
        if isinstance(value, dict) and len(value) == 1 and start is not None:
            self.fail(path, "a change needs `edition`, `needs` or `security` besides `from`")
        needs = self.needs(m.get("needs"), (*path, "needs"))
        given = m.get("needs")
        security = m.get("security")
        if start is None:
            return None
        return Change(
            start=start,
            edition=self.edition(m["edition"], (*path, "edition")) if "edition" in m else None,
            needs=needs,
            needs_given=frozenset(k for k in given if k in NEED_KEYS) if isinstance(given, dict) else frozenset(),
            security=None if security is None else self.flag(security, (*path, "security")),
        )

    def changes(self, value: Any, path: KeyPath) -> tuple[Change, ...]:
        """Dated changes, in month order; two changes for one month are a mistake."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(
                path, f"expected a list of changes, got {describe(value)}", "e.g. [{from: 2027-06, edition: flagship}]"
            )
            return ()
        found: dict[Month, int] = {}
        changes: list[Change] = []
        for i, item in enumerate(value):
            change = self.change(item, (*path, i))
            if change is None:
                continue
            if change.start in found:
                self.fail(
                    (*path, i, "from"),
                    f"{change.start} already has a change (item {found[change.start]})",
                    "merge the two into one change",
                )
                continue
            found[change.start] = i
            changes.append(change)
        return tuple(sorted(changes, key=lambda c: c.start))

    def usage(self, value: Any, path: KeyPath, month: Month | None) -> Usage:
        if value is None:
            return Usage()
        m = self.mapping(value, path, USAGE_KEYS)
        barrage: dict[str, DailyMbps] = {}
        if "barrage_mbps" in m and m["barrage_mbps"] is not None:
            b = (*path, "barrage_mbps")
            regions = self.mapping(m["barrage_mbps"], b, REGIONS)
            barrage = {r: self.daily_mbps(v, (*b, r), month) for r, v in regions.items()}
        return Usage(
            peak_dau=self.count(m.get("peak_dau", 0), (*path, "peak_dau")) or 0,
            peak_groups=self.count(m.get("peak_groups", 0), (*path, "peak_groups")) or 0,
            barrage_mbps=barrage,
            moderation=self.moderation(m.get("moderation"), (*path, "moderation")),
            call_minutes=self.call_minutes(m.get("call_minutes"), (*path, "call_minutes")),
        )

    def moderation(self, value: Any, path: KeyPath) -> dict[str, Decimal]:
        """``{text: N, images: N, audio_minutes: M, video_minutes: M}``: counts, and minutes in half minutes."""
        if value is None:
            return {}
        found: dict[str, Decimal] = {}
        for kind, raw in self.mapping(value, path, MODERATION_KINDS).items():
            if kind not in MODERATION_MINUTES:
                count = self.count(raw, (*path, kind))
                if count is not None:
                    found[kind] = Decimal(count)
                continue
            minutes = self.amount(raw, (*path, kind)) if not isinstance(raw, str) else None
            if isinstance(raw, str):
                self.fail((*path, kind), f"expected a number of minutes, got {describe(raw)}")
            if minutes is None:
                continue
            if minutes % HALF:
                down = (minutes // HALF) * HALF
                either = f"{number_str(down)} or {number_str(down + HALF)}"
                self.fail(
                    (*path, kind),
                    f"{minutes} minutes is not a whole number of half minutes",
                    f"Tencent counts moderated minutes in half minutes: write {either}",
                )
                continue
            found[kind] = minutes
        return found

    def call_minutes(self, value: Any, path: KeyPath) -> dict[str, int]:
        """``{one_to_one: N, group: N}``: whole call minutes in the month."""
        if value is None:
            return {}
        counts = {k: self.count(v, (*path, k)) for k, v in self.mapping(value, path, CALL_KINDS).items()}
        return {k: c for k, c in counts.items() if c is not None}

    def optional_count(self, m: dict[str, Any], key: str, path: KeyPath) -> int | None:
        if m.get(key) is None:
            return None
        return self.count(m[key], (*path, key))

    def group_members(self, value: Any, path: KeyPath) -> dict[str, int]:
        if value is None:
            return {}
        if isinstance(value, dict):
            m = self.mapping(value, path, GROUP_TYPES)
            counts = {t: self.count(v, (*path, t)) for t, v in m.items() if v is not None}
            return {t: c for t, c in counts.items() if c is not None}
        count = self.count(value, path)
        return {} if count is None else dict.fromkeys(GROUP_TYPES, count)

    def features(self, value: Any, path: KeyPath) -> tuple[str, ...]:
        """``features: [presence, reactions]``: ids a book prices per edition (included, sold or not listed)."""
        if value is None:
            return ()
        valid = "valid features: " + ", ".join(FEATURES)
        if not isinstance(value, list):
            self.fail(path, f"expected a list of features, got {describe(value)}", "e.g. [presence, reactions]")
            return ()
        found: set[str] = set()
        for i, item in enumerate(value):
            if isinstance(item, str) and item in FEATURES:
                found.add(item)
                continue
            guess = closest(item, FEATURES) if isinstance(item, str) else None
            hint = f"did you mean {quoted(guess)}? {valid}" if guess else valid
            shown = quoted(item) if isinstance(item, str) else describe(item)
            self.fail((*path, i), f"unknown feature {shown}", hint)
        return tuple(f for f in FEATURES if f in found)

    def needs(self, value: Any, path: KeyPath) -> Needs:
        if value is None:
            return Needs()
        m = self.mapping(value, path, NEED_KEYS)
        return Needs(
            history_days=self.optional_count(m, "history_days", path),
            group_members=self.group_members(m.get("group_members"), (*path, "group_members")),
            groups_per_user=self.optional_count(m, "groups_per_user", path),
            av_chatrooms=self.optional_count(m, "av_chatrooms", path),
            friends_per_user=self.optional_count(m, "friends_per_user", path),
            users=self.optional_count(m, "users", path),
            chatroom_history_days=self.optional_count(m, "chatroom_history_days", path),
            features=self.features(m.get("features"), (*path, "features")),
        )

    def app(
        self,
        value: Any,
        path: KeyPath,
        month: Month | None,
        default_name: str,
        purchased_on: date | None = None,
        plan_discounts: Discounts | None = None,
    ) -> AppPlan:
        m = self.mapping(value, path, APP_KEYS, ("edition",) if self.edition_required else ())
        name = self.text(m["name"], (*path, "name")) if "name" in m else default_name
        book = self.pricebook(m["pricebook"], (*path, "pricebook")) if "pricebook" in m else self.plan_book
        self.book = self.default if book is None else book.latest
        security = m.get("security")
        local = m.get("local_moderation")
        if m.get("purchased_on") is not None:
            purchased_on = self.day(m["purchased_on"], (*path, "purchased_on"), PURCHASE_HINT)
        return AppPlan(
            name=name or default_name,
            edition=self.edition(m["edition"], (*path, "edition")) if "edition" in m else "",
            usage=self.usage(m.get("usage"), (*path, "usage"), month),
            needs=self.needs(m.get("needs"), (*path, "needs")),
            security=bool(security) if security is None else bool(self.flag(security, (*path, "security"))),
            local_moderation=local is not None and bool(self.flag(local, (*path, "local_moderation"))),
            daily=self.daily(m.get("usage"), (*path, "usage")),
            purchased_on=purchased_on,
            changes=self.changes(m.get("changes"), (*path, "changes")),
            discounts=read_discounts(self, m["discounts"], (*path, "discounts"))
            if "discounts" in m
            else plan_discounts or {},
            path=path,
            book=book,
        )

    def month(self, value: Any, path: KeyPath) -> Month | None:
        """The month, or None (with a problem recorded) when it is not a valid YYYY-MM."""
        if isinstance(value, str):
            try:
                return Month.parse(value)
            except ForeignDigits as exc:
                self.fail(path, exc.message, exc.suggestion)
            except ValueError as exc:
                self.fail(path, str(exc))
        elif isinstance(value, date):
            self.fail(path, f"expected a month as YYYY-MM, got {describe(value)}", f"write {Month.of(value)}")
        else:
            self.fail(path, f"expected a month as YYYY-MM, got {describe(value)}")
        return None

    def plan(self, month_override: Month | None) -> Plan:
        data = self.doc.data
        if data is None:
            raise wrong_kind(self.doc.file, "plan file", empty(self.doc.file), "a plan needs at least `edition: pro`")
        if self.doc.flow and isinstance(data, dict) and "schema_version" in data:
            # imcost's own JSON output (it has ``apps`` too): one line, not a list of unknown keys.
            looks = "this is a saved imcost estimate (JSON), not a plan"
            raise wrong_kind(self.doc.file, "plan file", looks, "diff compares saved estimates")
        if self.doc.flow and (not isinstance(data, dict) or not set(data) & {"month", "apps", *APP_KEYS, *PLAN_KEYS}):
            # JSON (or a YAML {...}) with no key of a plan.
            raise wrong_kind(self.doc.file, "plan file", "this looks like JSON that is not a plan")
        if not isinstance(data, dict):
            self.fail((), f"expected a mapping of keys at the top level, got {describe(data)}")
            raise_if(self.problems)
        if _is_price_book(data):
            # One message, not a list of every price-book key the plan reader doesn't know.
            message = "this is a price book, not a plan file"
            hint = "give it with --pricebook; a plan looks like samples/flagship.yaml"
            raise InputError([InputProblem(self.doc.file, self.doc.line(()), (), message, hint)])
        if "apps" in data:
            top = self.mapping(data, (), ("month", "apps", "purchased_on", "discounts", "pricebook", *PLAN_KEYS))
            if "pricebook" in top:
                self.plan_book = self.pricebook(top["pricebook"], ("pricebook",))
        else:
            # "apps" is valid here too, so a misspelt "apps" gets it suggested.
            top = self.mapping(data, (), ("month", "apps", *APP_KEYS, *PLAN_KEYS))
        customer = self.text(top["customer"], ("customer",)) if "customer" in top else None
        quote = read_quote(self, top["quote"], ("quote",), date.today()) if "quote" in top else None
        month = month_override or (self.month(top["month"], ("month",)) if "month" in top else Month.of(date.today()))
        apps: list[AppPlan] = []
        if "apps" in top:
            raw = top["apps"]
            if not isinstance(raw, list) or not raw:
                got = "an empty list" if raw == [] else describe(raw)
                self.fail(("apps",), f"expected a list of apps, got {got}")
            else:
                bought = None
                if "purchased_on" in top:
                    bought = self.day(top["purchased_on"], ("purchased_on",), PURCHASE_HINT)
                shared = read_discounts(self, top.get("discounts"), ("discounts",))
                apps = [self.app(a, ("apps", i), month, f"app-{i + 1}", bought, shared) for i, a in enumerate(raw)]
        else:
            apps = [self.app({k: v for k, v in top.items() if k not in ("month", *PLAN_KEYS)}, (), month, "app")]
        seen: dict[str, int] = {}
        for i, app in enumerate(apps):
            if app.name in seen:
                self.fail(("apps", i, "name"), f"app name {quoted(app.name)} is already used by apps[{seen[app.name]}]")
            seen.setdefault(app.name, i)
        raise_if(self.problems)
        assert month is not None  # a bad month was recorded as a problem above
        plan_book = self.plan_book if "apps" in top else apps[0].book if apps else None
        return Plan(self.doc.file, month, tuple(apps), customer, self.doc.lines, plan_book, quote)


def book_notes(plan: Plan, given: str | None) -> tuple[str, ...]:
    """Where ``--pricebook`` was given but the plan names another book for an app: the plan's wins (said per app)."""
    if given is None:
        return ()
    return tuple(
        f"app {app.name!r} names price book {app.book.id}; --pricebook {given} prices only apps that name none"
        for app in plan.apps
        if app.book is not None and app.book.id != given
    )


def _is_price_book(data: dict[Any, Any]) -> bool:
    """Price-book keys at the top and none that only a plan has (``name`` is both's)."""
    plan_only = {"month", "apps", *APP_KEYS, *PLAN_KEYS} - {"name"}
    keys = set(data)
    return bool(keys & PRICE_BOOK_KEYS) and not keys & plan_only


def parse_plan(
    doc: YamlDoc, book: PriceBook | Versions, month: Month | None = None, edition_required: bool = True
) -> Plan:
    """Validate a loaded document as a plan; raises InputError listing every problem.

    ``edition_required=False`` lets apps leave out ``edition`` (it is then ``""``):
    compare and recommend choose editions themselves. ``book`` is the price book
    of apps whose plan names none; each app's edition is read against its own book.
    """
    return _PlanReader(doc, book, edition_required).plan(month)


def load_plan(
    path: Path,
    book: PriceBook | Versions,
    month: Month | None = None,
    display: str | None = None,
    edition_required: bool = True,
) -> Plan:
    """Read, parse and validate a plan file. ``month`` overrides the file's month."""
    doc = load_file(path, display)
    return parse_plan(doc, book, month, edition_required)


__all__ = ["AppPlan", "Change", "InputError", "Needs", "Plan", "Usage", "load_plan", "parse_plan"]


def with_quote(plan: Plan, config: SellerDefaults | None, flags: QuoteFlags, today: date) -> Plan:
    """The plan with its ``customer`` and ``quote`` resolved from the config and the flags (imcost.quote)."""
    customer = resolve_customer(plan.customer, flags)
    return replace(plan, customer=customer, quote=resolve(config, plan.quote, flags, today))
