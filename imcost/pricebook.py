"""The price book: Tencent Cloud IM's price list as typed, dated data.

The shipped file (imcost/pricebooks/tencent-im.yaml) holds every number of the
price list with the section it comes from. Rules look values up here and hold
no prices of their own.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from imcost.errors import InputError, InputProblem, PriceBookError, raise_if
from imcost.fields import Fields, closest, describe
from imcost.infile import UnreadableFile, remember_input
from imcost.money import FEN, to_fen
from imcost.month import Month
from imcost.record import Record
from imcost.textsafe import cut, listed, quoted
from imcost.yamldoc import YamlDoc, load, load_file

GROUP_TYPES = ("private", "public", "chatroom")
# Tencent's edition ids; another vendor's book names its own (``free``, ``pro``, ``flagship``).
EDITION_IDS = ("trial", "pro", "flagship")
# What an edition id may look like: it is a JSON value and a --editions name.
EDITION_ID = re.compile(r"[a-z][a-z0-9_]{0,31}")
# The ids most books use: a key close to one of them that the book lacks is taken as its misspelling.
COMMON_EDITION_IDS = ("trial", "free", "pro", "flagship")
# The price books shipped in imcost/pricebooks/, by id: an app's SDKAppID lives in one data centre.
SHIPPED_BOOKS = {
    "tencent-im": "tencent-im.yaml",
    "tencent-im-overseas": "tencent-im-overseas.yaml",
    "easemob-im": "easemob-im.yaml",
}
DEFAULT_BOOK = "tencent-im"
SHIPPED = SHIPPED_BOOKS[DEFAULT_BOOK]
# What a price book file is called in messages.
KIND = "price book"

# How a fee is paid (计费方式): by cycle in advance, after the natural month, or not at all (trial).
BILLING = ("prepaid", "postpaid", "free")
# The day of the next month postpaid items are deducted on, unless a book says otherwise (Tencent: the 3rd).
POSTPAID_DAY = 3
# Features a plan may need (``needs.features``) and a book may sell per edition, included or priced.
FEATURES = ("presence", "reactions", "pre_send_callback", "callback_exception_cache", "request_monitoring")
# A feature's price that means "part of the edition, at no extra cost".
INCLUDED = "included"


@dataclass(init=False, repr=False, eq=False)
class Quotas(Record):
    """What an edition includes at no extra cost; ``None`` means unlimited."""

    __slots__ = (
        "users",
        "friends_per_user",
        "groups_per_user",
        "group_members",
        "av_chatrooms",
        "history_days",
        "free_dau",
        "free_peak_groups",
        "source",
        "chatroom_history_days",
    )

    users: int | None
    friends_per_user: int
    groups_per_user: int
    group_members: Mapping[str, int]
    av_chatrooms: int | None
    history_days: int
    free_dau: int
    free_peak_groups: int | None
    source: str
    # Chatroom message storage included (a book that states none: 0, every need is priced by its tiers).
    chatroom_history_days: int

    def __init__(
        self,
        users: int | None,
        friends_per_user: int,
        groups_per_user: int,
        group_members: Mapping[str, int],
        av_chatrooms: int | None,
        history_days: int,
        free_dau: int,
        free_peak_groups: int | None,
        source: str,
        chatroom_history_days: int = 0,
    ) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Package(Record):
    __slots__ = ("price", "billing", "source")

    price: Decimal
    billing: str
    source: str

    def __init__(self, price: Decimal, billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Step(Record):
    """Overage sold in started units: ``unit_price`` for each started ``unit_size``."""

    __slots__ = ("unit_size", "unit_price", "billing", "source")

    unit_size: int
    unit_price: Decimal
    billing: str
    source: str

    def __init__(self, unit_size: int, unit_price: Decimal, billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class CapacityAddon(Record):
    """A monthly add-on that raises a quota to ``raises_to`` (``None``: unlimited)."""

    __slots__ = ("raises_to", "price", "billing", "source")

    raises_to: int | None
    price: Decimal
    billing: str
    source: str

    def __init__(self, raises_to: int | None, price: Decimal, billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class HistoryTier(Record):
    __slots__ = ("days", "price")

    days: int
    price: Decimal

    def __init__(self, days: int, price: Decimal) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class HistoryStorage(Record):
    __slots__ = ("tiers", "billing", "source")

    tiers: tuple[HistoryTier, ...]
    billing: str
    source: str

    def __init__(self, tiers: tuple[HistoryTier, ...], billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Bandwidth(Record):
    __slots__ = ("per_mbps_day", "billing", "source")

    per_mbps_day: Mapping[str, Decimal]
    billing: str
    source: str

    def __init__(self, per_mbps_day: Mapping[str, Decimal], billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class FlatFee(Record):
    __slots__ = ("price", "billing", "source")

    price: Decimal
    billing: str
    source: str

    def __init__(self, price: Decimal, billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class FeatureFee(Record):
    """A feature sold with an edition: ``included`` in it (priced 0), or a flat monthly price."""

    __slots__ = ("price", "included", "billing", "source")

    price: Decimal
    included: bool
    billing: str
    source: str

    def __init__(self, price: Decimal, included: bool, billing: str, source: str) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Edition(Record):
    """One edition (套餐包) and everything sold with it."""

    __slots__ = (
        "id",
        "label",
        "names",
        "package",
        "quotas",
        "dau_overage",
        "group_overage",
        "av_chatrooms",
        "group_members",
        "groups_per_user",
        "history_storage",
        "barrage_bandwidth",
        "security",
        "chatroom_history_storage",
        "features",
    )

    id: str
    label: str
    names: tuple[str, ...]
    package: Package
    quotas: Quotas
    dau_overage: Step | None
    group_overage: Step | None
    av_chatrooms: CapacityAddon | None
    group_members: CapacityAddon | None
    groups_per_user: CapacityAddon | None
    history_storage: HistoryStorage | None
    barrage_bandwidth: Bandwidth | None
    security: FlatFee | None
    # Chatroom message storage tiers (Easemob's 聊天室消息存储); None: not sold with this edition.
    chatroom_history_storage: HistoryStorage | None
    # Features by id (FEATURES); a feature not here is not sold with this edition.
    features: Mapping[str, FeatureFee]

    def __init__(
        self,
        id: str,
        label: str,
        names: tuple[str, ...],
        package: Package,
        quotas: Quotas,
        dau_overage: Step | None,
        group_overage: Step | None,
        av_chatrooms: CapacityAddon | None,
        group_members: CapacityAddon | None,
        groups_per_user: CapacityAddon | None,
        history_storage: HistoryStorage | None,
        barrage_bandwidth: Bandwidth | None,
        security: FlatFee | None,
        chatroom_history_storage: HistoryStorage | None = None,
        features: Mapping[str, FeatureFee] | None = None,
    ) -> None:
        features = {} if features is None else features
        self._fill(locals())

    @property
    def title(self) -> str:
        """``pro (专业版)``: how an edition is named to people."""
        return f"{self.id} ({self.label})"


@dataclass(init=False, repr=False, eq=False)
class ModerationPack(Record):
    """A prepaid pack of cloud-moderation units: ``units`` for ``price``, valid a month or a year."""

    __slots__ = ("units", "price")

    units: int
    price: Decimal

    def __init__(self, units: int, price: Decimal) -> None:
        self._fill(locals())


# What cloud moderation counts, each weighed in deduction units (扣量单位).
MODERATION_KINDS = ("text", "images", "audio_minutes", "video_minutes")


@dataclass(init=False, repr=False, eq=False)
class CloudModeration(Record):
    """Cloud moderation (云端审核): usage weighed into units, postpaid per unit or covered by packs."""

    __slots__ = ("weights", "unit_price", "billing", "monthly_pack", "yearly_packs", "source")

    weights: Mapping[str, Decimal]
    unit_price: Decimal
    billing: str
    monthly_pack: ModerationPack
    yearly_packs: tuple[ModerationPack, ...]
    source: str

    def __init__(
        self,
        weights: Mapping[str, Decimal],
        unit_price: Decimal,
        billing: str,
        monthly_pack: ModerationPack,
        yearly_packs: tuple[ModerationPack, ...],
        source: str,
    ) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Moderation(Record):
    """IM content moderation (IM 内容审核), sold to the editions in ``editions``."""

    __slots__ = ("editions", "local", "cloud")

    editions: tuple[str, ...]
    local: FlatFee
    cloud: CloudModeration

    def __init__(self, editions: tuple[str, ...], local: FlatFee, cloud: CloudModeration) -> None:
        self._fill(locals())


# The calls a calling pack serves: one-to-one only, or group calls (and, as imcost reads it, one-to-one too).
CALL_KINDS = ("one_to_one", "group")


@dataclass(init=False, repr=False, eq=False)
class CallingPack(Record):
    __slots__ = ("kind", "minutes", "price")

    kind: str
    minutes: int
    price: Decimal

    def __init__(self, kind: str, minutes: int, price: Decimal) -> None:
        self._fill(locals())


@dataclass(init=False, repr=False, eq=False)
class Calling(Record):
    """Audio/video calling packs (音视频通话能力), monthly, sold to the editions in ``editions``."""

    __slots__ = ("editions", "packs", "billing", "marked", "source")

    editions: tuple[str, ...]
    packs: tuple[CallingPack, ...]
    billing: str
    # How the list marks these prices (限时折扣价), shown with every item.
    marked: str
    source: str

    def __init__(
        self, editions: tuple[str, ...], packs: tuple[CallingPack, ...], billing: str, marked: str, source: str
    ) -> None:
        self._fill(locals())


@dataclass(frozen=True)
class PriceBook:
    """One version of the price list, in force from ``effective``.

    ``effective`` is None where the source states no date (the seed's list): such a
    version is in force for every day until a later one, and ``updated`` is the day
    the source document was last updated, said instead of a date it never gave.
    """

    name: str
    currency: str
    effective: date | None
    source: str
    file: str
    editions: Mapping[str, Edition]
    # Services sold beside the editions (Tencent doc 269/81908); None: this book does not list them.
    moderation: Moderation | None = None
    calling: Calling | None = None
    # The price book's id: a shipped one (``tencent-im``) or the file as given.
    id: str = DEFAULT_BOOK
    updated: date | None = None
    vendor: str = ""
    region: str = ""
    # The day of the next month postpaid items are deducted on (Tencent: 3rd; Easemob: 1st).
    postpaid_day: int = POSTPAID_DAY

    @property
    def starts(self) -> date:
        """The first day this version is in force (the earliest day for an undated one)."""
        return date.min if self.effective is None else self.effective

    @property
    def date_note(self) -> str | None:
        """What is said instead of an effective date the source does not state."""
        if self.effective is not None:
            return None
        if self.updated is None:
            return "date not stated"
        return f"date not stated; document last updated {self.updated.isoformat()}"

    @property
    def effective_text(self) -> str:
        """``2027-01-01``, or the date note of an undated version."""
        return self.date_note or self.starts.isoformat()

    def edition(self, name: str) -> Edition | None:
        """Find an edition by id or any of its names, case-insensitively."""
        wanted = name.strip().casefold()
        for edition in self.editions.values():
            if wanted in (n.casefold() for n in edition.names):
                return edition
        return None

    def edition_names(self) -> list[str]:
        """Every accepted edition name, for error messages."""
        return [n for e in self.editions.values() for n in e.names]

    def unknown_edition_hint(self, name: str) -> str:
        """What to say after "unknown edition 'NAME'": the closest accepted name, then all of them."""
        names = {n.casefold(): n for n in self.edition_names()}
        guess = closest(name.strip().casefold(), names)
        valid = "valid editions: " + listed(self.edition_names())
        return f"did you mean {quoted(names[guess])}? {valid}" if guess else valid


_VERSION_KEYS = ("effective", "updated", "source", "editions")
_VERSION_REQUIRED = ("effective", "source", "editions")
# Services a version may list beside its editions; a book without them does not sell them.
_SERVICE_KEYS = ("moderation", "calling")
_EDITION_KEYS = ("names", "label", "package", "quotas", "overage", "addons", "features")
_EDITION_REQUIRED = ("names", "label", "package", "quotas", "overage", "addons")
_QUOTA_KEYS = (
    "source",
    "users",
    "friends_per_user",
    "groups_per_user",
    "group_members",
    "av_chatrooms",
    "history_days",
    "free_dau",
    "free_peak_groups",
    "chatroom_history_days",
)
# A book that lists no AV chatrooms or chatroom storage leaves their quotas out (none included).
_QUOTA_OPTIONAL = ("av_chatrooms", "chatroom_history_days")
_ADDON_KEYS = (
    "av_chatrooms",
    "group_members",
    "groups_per_user",
    "history_storage",
    "barrage_bandwidth",
    "security",
    "chatroom_history_storage",
)


class _Reader(Fields):
    """Reads a price book document into typed objects."""

    def __init__(self, doc: YamlDoc) -> None:
        super().__init__(doc)
        # Edition ids whose key was misspelt: already said once, not again where a service names them.
        self.misspelt: set[str] = set()

    def billing(self, value: Any, path: tuple[str | int, ...]) -> str:
        """How a fee is paid: ``prepaid`` (预付费, by cycle), ``postpaid`` (后付费, after the month) or ``free``."""
        if value not in BILLING:
            self.fail(path, f"expected one of {', '.join(BILLING)}, got {describe(value)}")
        return str(value)

    def money(self, value: Any, path: tuple[str | int, ...]) -> Decimal:
        """A price charged as it stands (times a whole number of units): whole fen only.

        999.995 would print as 1000.00 on the item yet add 999.995 to the total.
        """
        price = self.amount(value, path) or Decimal(0)
        if price != price.quantize(FEN):
            self.fail(
                path,
                f"{value} is finer than a fen (0.01)",
                f"prices are charged in whole fen: round it to {to_fen(price)}",
            )
            return Decimal(0)
        return price

    def rate(self, value: Any, path: tuple[str | int, ...]) -> Decimal:
        """A price per Mbps per day: it may be finer than a fen, as each day's amount is rounded to the fen."""
        return self.amount(value, path) or Decimal(0)

    def limit(self, value: Any, path: tuple[str | int, ...]) -> int | None:
        """A quota: a count, or null for unlimited."""
        return None if value is None else self.count(value, path)

    def package(self, value: Any, path: tuple[str | int, ...]) -> Package:
        m = self.mapping(value, path, ("price", "billing", "source"), ("price", "billing", "source"))
        return Package(
            self.money(m.get("price"), (*path, "price")),
            self.billing(m.get("billing"), (*path, "billing")),
            str(m.get("source")),
        )

    def quotas(self, value: Any, path: tuple[str | int, ...]) -> Quotas:
        required = [k for k in _QUOTA_KEYS if k not in _QUOTA_OPTIONAL]
        m = self.mapping(value, path, _QUOTA_KEYS, required)
        raw_members = m.get("group_members", {})
        if isinstance(raw_members, int) and not isinstance(raw_members, bool):
            # One cap for every group type (a vendor without private/public/chatroom caps).
            one = self.count(raw_members, (*path, "group_members")) or 0
            group_members = dict.fromkeys(GROUP_TYPES, one)
        else:
            members = self.mapping(raw_members, (*path, "group_members"), GROUP_TYPES, GROUP_TYPES)
            group_members = {t: self.count(members.get(t), (*path, "group_members", t)) or 0 for t in GROUP_TYPES}
        return Quotas(
            users=self.limit(m.get("users"), (*path, "users")),
            friends_per_user=self.count(m.get("friends_per_user"), (*path, "friends_per_user")) or 0,
            groups_per_user=self.count(m.get("groups_per_user"), (*path, "groups_per_user")) or 0,
            group_members=group_members,
            av_chatrooms=self.limit(m.get("av_chatrooms", 0), (*path, "av_chatrooms")),
            history_days=self.count(m.get("history_days"), (*path, "history_days")) or 0,
            free_dau=self.count(m.get("free_dau"), (*path, "free_dau")) or 0,
            free_peak_groups=self.limit(m.get("free_peak_groups"), (*path, "free_peak_groups")),
            source=str(m.get("source")),
            chatroom_history_days=self.count(m.get("chatroom_history_days", 0), (*path, "chatroom_history_days")) or 0,
        )

    def features(self, value: Any, path: tuple[str | int, ...]) -> dict[str, FeatureFee]:
        """``features: {presence: {price: included | "1000", billing, source}}``: what the edition sells."""
        if value is None:
            return {}
        found: dict[str, FeatureFee] = {}
        keys = ("price", "billing", "source")
        for feature, raw in self.mapping(value, path, FEATURES).items():
            p = (*path, feature)
            m = self.mapping(raw, p, keys, keys)
            included = m.get("price") == INCLUDED
            price = Decimal(0) if included or "price" not in m else self.money(m.get("price"), (*p, "price"))
            found[feature] = FeatureFee(
                price, included, self.billing(m.get("billing"), (*p, "billing")), str(m.get("source"))
            )
        return found

    def step(self, value: Any, path: tuple[str | int, ...]) -> Step | None:
        if value is None:
            return None
        keys = ("unit_size", "unit_price", "billing", "source")
        m = self.mapping(value, path, keys, keys)
        size = self.count(m.get("unit_size"), (*path, "unit_size")) or 0
        if size <= 0 and "unit_size" in m:
            self.fail((*path, "unit_size"), "expected a unit size of 1 or more")
        return Step(
            max(size, 1),
            self.money(m.get("unit_price"), (*path, "unit_price")),
            self.billing(m.get("billing"), (*path, "billing")),
            str(m.get("source")),
        )

    def capacity(self, value: Any, path: tuple[str | int, ...]) -> CapacityAddon | None:
        if value is None:
            return None
        keys = ("raises_to", "price", "billing", "source")
        m = self.mapping(value, path, keys, keys)
        return CapacityAddon(
            self.limit(m.get("raises_to"), (*path, "raises_to")),
            self.money(m.get("price"), (*path, "price")),
            self.billing(m.get("billing"), (*path, "billing")),
            str(m.get("source")),
        )

    def history(self, value: Any, path: tuple[str | int, ...]) -> HistoryStorage | None:
        if value is None:
            return None
        m = self.mapping(value, path, ("tiers", "billing", "source"), ("tiers", "billing", "source"))
        raw = m.get("tiers")
        tiers: list[HistoryTier] = []
        if not isinstance(raw, list) or not raw:
            self.fail((*path, "tiers"), "expected a list of {days, price} tiers")
        else:
            for i, item in enumerate(raw):
                t = self.mapping(item, (*path, "tiers", i), ("days", "price"), ("days", "price"))
                days = self.count(t.get("days"), (*path, "tiers", i, "days")) or 0
                tiers.append(HistoryTier(days, self.money(t.get("price"), (*path, "tiers", i, "price"))))
            if [t.days for t in tiers] != sorted({t.days for t in tiers}):
                self.fail((*path, "tiers"), "tiers must be listed by increasing days, each once")
        return HistoryStorage(tuple(tiers), self.billing(m.get("billing"), (*path, "billing")), str(m.get("source")))

    def bandwidth(self, value: Any, path: tuple[str | int, ...]) -> Bandwidth | None:
        if value is None:
            return None
        keys = ("per_mbps_day", "billing", "source")
        m = self.mapping(value, path, keys, keys)
        regions = ("domestic", "international")
        rates = self.mapping(m.get("per_mbps_day"), (*path, "per_mbps_day"), regions, regions)
        return Bandwidth(
            {r: self.rate(rates.get(r), (*path, "per_mbps_day", r)) for r in regions},
            self.billing(m.get("billing"), (*path, "billing")),
            str(m.get("source")),
        )

    def flat(self, value: Any, path: tuple[str | int, ...]) -> FlatFee | None:
        if value is None:
            return None
        keys = ("price", "billing", "source")
        m = self.mapping(value, path, keys, keys)
        return FlatFee(
            self.money(m.get("price"), (*path, "price")),
            self.billing(m.get("billing"), (*path, "billing")),
            str(m.get("source")),
        )

    def edition(self, edition_id: str, value: Any, path: tuple[str | int, ...]) -> Edition:
        m = self.mapping(value, path, _EDITION_KEYS, _EDITION_REQUIRED)
        names_raw = m.get("names")
        names = [str(n) for n in names_raw] if isinstance(names_raw, list) else []
        if not names:
            self.fail((*path, "names"), "expected a list of the names this edition is known by")
        overage = self.mapping(m.get("overage", {}), (*path, "overage"), ("dau", "peak_groups"))
        addons = self.mapping(m.get("addons", {}), (*path, "addons"), _ADDON_KEYS)
        a = (*path, "addons")
        chatroom = self.history(addons.get("chatroom_history_storage"), (*a, "chatroom_history_storage"))
        return Edition(
            id=edition_id,
            label=str(m.get("label", edition_id)),
            names=tuple(dict.fromkeys([edition_id, *names])),
            package=self.package(m.get("package"), (*path, "package")),
            quotas=self.quotas(m.get("quotas"), (*path, "quotas")),
            dau_overage=self.step(overage.get("dau"), (*path, "overage", "dau")),
            group_overage=self.step(overage.get("peak_groups"), (*path, "overage", "peak_groups")),
            av_chatrooms=self.capacity(addons.get("av_chatrooms"), (*a, "av_chatrooms")),
            group_members=self.capacity(addons.get("group_members"), (*a, "group_members")),
            groups_per_user=self.capacity(addons.get("groups_per_user"), (*a, "groups_per_user")),
            history_storage=self.history(addons.get("history_storage"), (*a, "history_storage")),
            barrage_bandwidth=self.bandwidth(addons.get("barrage_bandwidth"), (*a, "barrage_bandwidth")),
            security=self.flat(addons.get("security"), (*a, "security")),
            chatroom_history_storage=chatroom,
            features=self.features(m.get("features"), (*path, "features")),
        )

    def edition_ids(self, value: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
        """A version's editions by id: one or more, each id lower-case letters, digits and ``_``."""
        if value is None:
            return {}  # missing: said as a missing required key
        if not isinstance(value, dict) or not value:
            self.fail(path, f"expected a mapping of editions by id, got {describe(value)}", "e.g. {pro: {...}}")
            return {}
        found: dict[str, Any] = {}
        for key, raw in value.items():
            # A near miss of a usual id the book lacks ("por" for "pro") is a typo, not a new edition.
            guess = closest(key, COMMON_EDITION_IDS) if isinstance(key, str) else None
            if not isinstance(key, str) or not EDITION_ID.fullmatch(key):
                hint = "an edition id is lower-case letters, digits and _, starting with a letter, e.g. pro"
                shown = quoted(key) if isinstance(key, str) else describe(key)
                self.fail((*path, str(key)), f"invalid edition id {shown}", hint)
            elif key not in COMMON_EDITION_IDS and guess is not None and guess not in value:
                self.fail((*path, key), f"unknown key {quoted(key)}", f"did you mean {quoted(guess)}?")
                self.misspelt.add(guess)
            else:
                found[key] = raw
        return found

    def version(self, value: Any, path: tuple[str | int, ...], name: str, currency: str) -> PriceBook:
        m = self.mapping(value, path, (*_VERSION_KEYS, *_SERVICE_KEYS), _VERSION_REQUIRED)
        # ``effective: null``: the source states no date (say so, with ``updated:``, rather than invent one).
        raw = m.get("effective")
        effective = None if raw is None else self.day(raw, (*path, "effective"))
        updated = self.day(m["updated"], (*path, "updated")) if m.get("updated") is not None else None
        editions_raw = self.edition_ids(m.get("editions"), (*path, "editions"))
        editions = {eid: self.edition(eid, raw, (*path, "editions", eid)) for eid, raw in editions_raw.items()}
        owner: dict[str, str] = {}
        for eid, edition in editions.items():
            for n in edition.names:
                first = owner.setdefault(n.casefold(), eid)
                if first != eid:
                    message = f"the name {quoted(n)} is also one of {first}'s; a plan naming it would get {first}"
                    self.fail((*path, "editions", eid, "names"), message, "give each name to one edition")
        ids = tuple(editions)
        moderation = read_moderation(self, m.get("moderation"), (*path, "moderation"), ids)
        calling = read_calling(self, m.get("calling"), (*path, "calling"), ids)
        return PriceBook(
            name,
            currency,
            effective,
            str(m.get("source")),
            self.doc.file,
            editions,
            moderation,
            calling,
            updated=updated,
        )


def parse(doc: YamlDoc, book_id: str = "") -> list[PriceBook]:
    """Every version in a price book document, oldest first; raises PriceBookError.

    ``book_id`` names the book in outputs and messages (default: the file as given).
    """
    reader = _Reader(doc)
    if doc.data is None:
        hint = "a price book gives format, name, currency and dated versions; see imcost/pricebooks/" + SHIPPED
        raise PriceBookError([InputProblem(doc.file, None, (), "the file is empty", hint)])
    keys = ("format", "name", "vendor", "region", "currency", "versions")
    if isinstance(doc.data, dict) and not set(doc.data) & set(keys) and set(doc.data) & {"apps", "edition", "usage"}:
        message = "this is a plan file, not a price book"
        hint = "a price book looks like samples/pricebook-2027.yaml; a plan goes before the options"
        raise PriceBookError([InputProblem(doc.file, doc.line(()), (), message, hint)])
    top = reader.mapping(doc.data, (), (*keys, "postpaid_day"), ("name", "currency", "versions"))
    if top.get("format", 1) != 1:
        given = top.get("format")
        written = quoted(given) if isinstance(given, str) else cut(repr(given))
        reader.fail(("format",), f"unsupported price book format {written}; this imcost reads format 1")
    name = (reader.text(top["name"], ("name",)) if "name" in top else None) or ""
    currency = (reader.text(top["currency"], ("currency",)) if "currency" in top else None) or ""
    vendor = (reader.text(top["vendor"], ("vendor",)) if "vendor" in top else None) or ""
    region = (reader.text(top["region"], ("region",)) if "region" in top else None) or ""
    postpaid_day = POSTPAID_DAY
    if "postpaid_day" in top:
        # A day every month has: postpaid items are deducted on it in the next month.
        day = reader.count(top["postpaid_day"], ("postpaid_day",), 28)
        if day == 0:
            reader.fail(("postpaid_day",), "expected a day of the month from 1 to 28")
        postpaid_day = day or POSTPAID_DAY
    raw_versions = top.get("versions")
    books: list[PriceBook] = []
    if not isinstance(raw_versions, list) or not raw_versions:
        if "versions" in top:
            reader.fail(("versions",), "expected a list of dated versions")
    else:
        books = [reader.version(v, ("versions", i), name, currency) for i, v in enumerate(raw_versions)]
    dates = [b.starts for b in books]
    if len(set(dates)) != len(dates):
        reader.fail(("versions",), "two versions take effect on the same date")
    raise_if(reader.problems, PriceBookError)
    named = (replace(b, id=book_id or doc.file, vendor=vendor, region=region, postpaid_day=postpaid_day) for b in books)
    return sorted(named, key=lambda b: b.starts)


def in_force(books: Sequence[PriceBook], as_of: date, file: str, where: str = "--as-of") -> PriceBook:
    """The version in force on ``as_of``."""
    usable = [b for b in books if b.starts <= as_of]
    if not usable:
        first = min(b.starts for b in books)
        message = f"no version of {file} is in force on {as_of} (the first takes effect on {first})"
        raise PriceBookError([InputProblem(where, None, (), message, f"give a date on or after {first}")])
    return usable[-1]


@dataclass(frozen=True)
class Versions:
    """One price book with all its dated versions, oldest first.

    Each billing month is priced with the version in force on its first day (a
    prepaid cycle: on the cycle's first day), unless ``as_of`` pins one version
    for every month (``--as-of``).
    """

    id: str
    versions: tuple[PriceBook, ...]
    as_of: date | None = None

    @property
    def latest(self) -> PriceBook:
        """The version plans are read against: the pinned one, else the newest."""
        return self.on(self.as_of) if self.as_of is not None else self.versions[-1]

    def on(self, day: date) -> PriceBook:
        """The version in force on ``day`` (or on ``as_of`` when pinned)."""
        if self.as_of is not None:
            day = self.as_of
        usable = [b for b in self.versions if b.starts <= day]
        if not usable:
            first = self.versions[0].starts
            message = f"no version is in force on {day} (the first takes effect on {first})"
            # A month is priced with the version in force on its first day: a mid-month date starts the next.
            start = Month.of(first) if first.day == 1 else Month.of(first).plus(1)
            hint = f"price months from {start} on, or pin a version with --as-of"
            raise PriceBookError([InputProblem(self.id, None, (), message, hint)])
        return usable[-1]

    def for_month(self, month: Month) -> PriceBook:
        """The version a billing month is priced with: in force on its first day."""
        return self.on(month.first_day)


# Value-added services a book may leave out entirely (the overseas list: barrage bandwidth, security).
SERVICES = ("av_chatrooms", "group_members", "groups_per_user", "history_storage", "barrage_bandwidth", "security")


def not_listed(book: PriceBook) -> tuple[str, ...]:
    """The fee ids of services ``book`` does not sell: needing one makes an app unquotable with it."""
    fees = [f for f in SERVICES if all(getattr(e, f) is None for e in book.editions.values())]
    if book.moderation is None:
        fees += ["local_moderation", "cloud_moderation"]
    if book.calling is None:
        fees.append("calling")
    return tuple(fees)


def shipped_books() -> list[Versions]:
    """Every price book shipped with imcost, by id."""
    return [load_book(book_id) for book_id in SHIPPED_BOOKS]


def shipped_text(book_id: str) -> str:
    return resources.files("imcost.pricebooks").joinpath(SHIPPED_BOOKS[book_id]).read_text(encoding="utf-8")


def load_versions(path: Path | None = None, book_id: str = "") -> list[PriceBook]:
    """Load a price book file, or the shipped one when ``path`` is None (``book_id``, default tencent-im)."""
    if path is None:
        shipped = book_id or DEFAULT_BOOK
        name = SHIPPED_BOOKS[shipped]
        resource = resources.files("imcost.pricebooks").joinpath(name)
        text = resource.read_text(encoding="utf-8")
        if isinstance(resource, Path):
            # An installed imcost's own price book is an input too: --out must not replace it.
            remember_input(resource, f"imcost/pricebooks/{name}", KIND)
        return parse(load(text, f"imcost/pricebooks/{name}", KIND), shipped)
    try:
        return parse(load_file(path, kind=KIND), book_id or str(path))
    except (PriceBookError, UnreadableFile):
        raise
    except InputError as exc:
        raise PriceBookError(exc.problems) from None


def unknown_book(ref: str, shown: str | None = None) -> tuple[str, str]:
    """The message and suggestion for a ``--pricebook`` or ``pricebook:`` that is neither a shipped id nor a file.

    A reference that looks like a file (a path or a .yaml name) is a missing file; anything
    else is taken as a misspelt id and gets the closest shipped one suggested.
    """
    ids = ", ".join(SHIPPED_BOOKS)
    if "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")):
        return f"no such file {shown or ref!r}", f"or a shipped price book: {ids}"
    guess = closest(ref.strip(), SHIPPED_BOOKS)
    hint = f"did you mean {guess!r}? " if guess else ""
    return f"unknown price book {quoted(ref)}", f"{hint}shipped price books: {ids}; or give a price book file"


def is_book(ref: str, base: Path | None = None) -> bool:
    """Whether ``ref`` names a shipped price book or an existing file (relative to ``base``)."""
    if ref in SHIPPED_BOOKS:
        return True
    try:
        return (Path(ref) if base is None else base / ref).exists()
    except OSError:  # a name too long for the system is no book either
        return False


def load_book(ref: str | Path | None, as_of: date | None = None, base: Path | None = None) -> Versions:
    """A price book by shipped id (``tencent-im-overseas``) or file path; None is the default book.

    A relative path is read from ``base`` (a plan's directory) when given. Raises
    PriceBookError for an unknown id that is no file, or when ``as_of`` is before
    the book's first version.
    """
    text = DEFAULT_BOOK if ref is None else str(ref)
    if text in SHIPPED_BOOKS:
        versions = load_versions(None, text)
    else:
        path = Path(text) if base is None else base / text
        try:
            versions = load_versions(path, text)
        except UnreadableFile as exc:
            # Neither a shipped id nor a file: most likely a mistyped id.
            if exc.errno == errno.ENOENT:
                raise PriceBookError([InputProblem("--pricebook", None, (), *unknown_book(text))]) from None
            raise
    if as_of is not None:
        in_force(versions, as_of, text)
    return Versions(text, tuple(versions), as_of)


def load_pricebook(path: Path | None = None, as_of: date | None = None) -> PriceBook:
    """The price book version in force on ``as_of`` (default: the newest)."""
    books = load_versions(path)
    if as_of is None:
        return books[-1]
    return in_force(books, as_of, str(path) if path else SHIPPED)


def _service_editions(
    reader: _Reader, value: Any, path: tuple[str | int, ...], editions: tuple[str, ...]
) -> tuple[str, ...]:
    """The edition ids a service is sold to: ids of the version's own editions."""
    if not isinstance(value, list) or not value:
        reader.fail(path, "expected a list of the edition ids that can buy it, e.g. [pro, flagship]")
        return ()
    found: list[str] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item in reader.misspelt:
            continue
        if not isinstance(item, str) or item not in editions:
            reader.fail((*path, i), f"unknown edition {describe(item)}", "valid editions: " + ", ".join(editions))
        else:
            found.append(str(item))
    return tuple(dict.fromkeys(found))


def _pack(reader: _Reader, value: Any, path: tuple[str | int, ...]) -> ModerationPack:
    m = reader.mapping(value, path, ("units", "price"), ("units", "price"))
    units = reader.count(m.get("units"), (*path, "units")) or 0
    if units <= 0 and "units" in m:
        reader.fail((*path, "units"), "expected a pack of 1 unit or more")
    return ModerationPack(max(units, 1), reader.money(m.get("price"), (*path, "price")))


def read_moderation(
    reader: _Reader, value: Any, path: tuple[str | int, ...], ids: tuple[str, ...] = EDITION_IDS
) -> Moderation | None:
    """A version's ``moderation:`` section (local and cloud moderation); absent: not listed."""
    if value is None:
        return None
    m = reader.mapping(value, path, ("editions", "local", "cloud"), ("editions", "local", "cloud"))
    keys = ("weights", "unit_price", "billing", "monthly_pack", "yearly_packs", "source")
    c = (*path, "cloud")
    cloud = reader.mapping(m.get("cloud"), c, keys, keys)
    raw_weights = reader.mapping(cloud.get("weights"), (*c, "weights"), MODERATION_KINDS, MODERATION_KINDS)
    weights = {k: reader.rate(raw_weights.get(k), (*c, "weights", k)) for k in MODERATION_KINDS}
    raw_yearly = cloud.get("yearly_packs")
    yearly: list[ModerationPack] = []
    if not isinstance(raw_yearly, list):
        if "yearly_packs" in cloud:
            reader.fail((*c, "yearly_packs"), "expected a list of {units, price} packs (an empty list: none sold)")
    else:
        yearly = [_pack(reader, p, (*c, "yearly_packs", i)) for i, p in enumerate(raw_yearly)]
    local = reader.flat(m.get("local"), (*path, "local")) or FlatFee(Decimal(0), "prepaid", "")
    return Moderation(
        editions=_service_editions(reader, m.get("editions"), (*path, "editions"), ids),
        local=local,
        cloud=CloudModeration(
            weights=weights,
            unit_price=reader.rate(cloud.get("unit_price"), (*c, "unit_price")),
            billing=reader.billing(cloud.get("billing"), (*c, "billing")),
            monthly_pack=_pack(reader, cloud.get("monthly_pack"), (*c, "monthly_pack")),
            yearly_packs=tuple(yearly),
            source=str(cloud.get("source")),
        ),
    )


def read_calling(
    reader: _Reader, value: Any, path: tuple[str | int, ...], ids: tuple[str, ...] = EDITION_IDS
) -> Calling | None:
    """A version's ``calling:`` section (audio/video calling packs); absent: not listed."""
    if value is None:
        return None
    keys = ("editions", "packs", "billing", "marked", "source")
    m = reader.mapping(value, path, keys, ("editions", "packs", "billing", "source"))
    raw = m.get("packs")
    packs: list[CallingPack] = []
    if not isinstance(raw, list) or not raw:
        reader.fail((*path, "packs"), "expected a list of {kind, minutes, price} packs")
    else:
        for i, item in enumerate(raw):
            p = (*path, "packs", i)
            pack = reader.mapping(item, p, ("kind", "minutes", "price"), ("kind", "minutes", "price"))
            kind = pack.get("kind")
            if "kind" in pack and kind not in CALL_KINDS:
                reader.fail((*p, "kind"), f"expected one of {', '.join(CALL_KINDS)}, got {describe(kind)}")
            minutes = reader.count(pack.get("minutes"), (*p, "minutes")) or 0
            packs.append(CallingPack(str(kind), minutes, reader.money(pack.get("price"), (*p, "price"))))
    return Calling(
        editions=_service_editions(reader, m.get("editions"), (*path, "editions"), ids),
        packs=tuple(sorted(packs, key=lambda p: (p.minutes, p.price))),
        billing=reader.billing(m.get("billing"), (*path, "billing")),
        marked=str(m.get("marked", "")),
        source=str(m.get("source")),
    )
