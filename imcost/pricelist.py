"""The price book as lists people can read: every price, and the quota table.

``imcost prices`` and ``imcost limits`` show these; the values are read from
the price book version in force, never written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from imcost.i18n import Phrase, phrase, say
from imcost.pricebook import Edition, PriceBook

# A cell: money (Decimal), a count (int), unlimited (None) or text.
Cell = Decimal | int | str | None


@dataclass(frozen=True)
class PriceRow:
    """One thing the price list sells: an edition's package, an overage unit or an add-on tier."""

    edition: str
    fee: str
    description: str
    unit: str
    price: Decimal
    billing: str
    source: str
    # The description as a phrase (imcost.i18n.RULE_TEXT), for people's formats in other languages.
    phrase: Phrase | None = None


def _row(edition: str, fee: str, said: Phrase, unit: str, price: Decimal, billing: str, source: str) -> PriceRow:
    """A row described by ``said``: its English is the row's ``description``."""
    return PriceRow(edition, fee, say(said), unit, price, billing, source, said)


def _edition_prices(edition: Edition) -> list[PriceRow]:
    e = edition.id
    p = edition.package
    rows = [PriceRow(e, "package", edition.title, "month", p.price, p.billing, p.source)]
    for fee, what, step in (
        ("dau_overage", "DAU", edition.dau_overage),
        ("group_overage", "peak groups", edition.group_overage),
    ):
        if step is not None:
            unit = f"{step.unit_size:,} {what}"
            rows.append(_row(e, fee, phrase("price.overage"), unit, step.unit_price, step.billing, step.source))
    if edition.history_storage is not None:
        h = edition.history_storage
        rows += [
            _row(e, "history_storage", phrase("history.kept", days=tier.days), "month", tier.price, h.billing, h.source)
            for tier in h.tiers
        ]
    if edition.chatroom_history_storage is not None:
        c = edition.chatroom_history_storage
        rows += [
            _row(
                e,
                "chatroom_history_storage",
                phrase("chatroom.kept", days=t.days),
                "month",
                t.price,
                c.billing,
                c.source,
            )
            for t in c.tiers
        ]
    for fee in ("av_chatrooms", "group_members", "groups_per_user"):
        addon = getattr(edition, fee)
        if addon is not None:
            limit = addon.raises_to
            raised = phrase("raised_to.unlimited") if limit is None else phrase("raised_to", limit=limit)
            rows.append(_row(e, fee, raised, "month", addon.price, addon.billing, addon.source))
    if edition.barrage_bandwidth is not None:
        b = edition.barrage_bandwidth
        rows += [
            _row(e, "barrage_bandwidth", phrase(f"region.{region}"), "Mbps·day", rate, b.billing, b.source)
            for region, rate in b.per_mbps_day.items()
        ]
    if edition.security is not None:
        s = edition.security
        rows.append(_row(e, "security", phrase("security"), "month", s.price, s.billing, s.source))
    for feature, f in edition.features.items():
        said = phrase("feature.included" if f.included else "feature.sold", feature=phrase(f"feature.{feature}"))
        rows.append(_row(e, "features", said, "month", f.price, f.billing, f.source))
    return rows


def _service_prices(edition: Edition, book: PriceBook) -> list[PriceRow]:
    """Content moderation and calling packs, where the book sells them to ``edition``."""
    e = edition.id
    rows: list[PriceRow] = []
    moderation = book.moderation
    if moderation is not None and e in moderation.editions:
        local = moderation.local
        said = phrase("moderation.local")
        rows.append(_row(e, "local_moderation", said, "month", local.price, local.billing, local.source))
        cloud = moderation.cloud
        weights = {k: f"{w.normalize():f}" for k, w in cloud.weights.items()}
        units = phrase("price.moderation.units", **weights)
        per = Decimal(1000)
        rows.append(
            _row(e, "cloud_moderation", units, "1,000 units", cloud.unit_price * per, cloud.billing, cloud.source)
        )
        packs = [
            ("price.moderation.monthly", cloud.monthly_pack),
            *(("price.moderation.yearly", p) for p in cloud.yearly_packs),
        ]
        rows += [
            _row(e, "cloud_moderation", phrase(key), f"{pack.units:,} units", pack.price, "prepaid", cloud.source)
            for key, pack in packs
        ]
    calling = book.calling
    if calling is not None and e in calling.editions:
        for pack in calling.packs:
            said = phrase(
                "calling.pack", kind=phrase(f"calling.{pack.kind}"), minutes=pack.minutes, marked=calling.marked
            )
            rows.append(_row(e, "calling", said, "month", pack.price, calling.billing, calling.source))
    return rows


def price_rows(book: PriceBook) -> list[PriceRow]:
    """Every price of the version, edition by edition, in the estimate's fee order."""
    return [
        row
        for edition in book.editions.values()
        for row in (*_edition_prices(edition), *_service_prices(edition, book))
    ]


# The quota table's rows, in the order of 套餐包简介 (labels are in imcost.i18n).
QUOTAS = (
    "users",
    "friends_per_user",
    "groups_per_user",
    "group_members.private",
    "group_members.public",
    "group_members.chatroom",
    "av_chatrooms",
    "history_days",
    "free_dau",
    "free_peak_groups",
)


# Call minutes the largest calling pack covers (0 where none is sold); beyond it TRTC's own list bills.
CALL_MINUTES = "call_minutes_in_pack"


def quota_keys(book: PriceBook) -> tuple[str, ...]:
    """The quota table's rows: the editions' quotas, then the calling packs' minutes where the book lists them.

    A book that lists no AV chatrooms at all (no quota, no add-on: Easemob's) has no row for them.
    """
    keys: tuple[str, ...] = QUOTAS
    if all(e.quotas.av_chatrooms == 0 and e.av_chatrooms is None for e in book.editions.values()):
        keys = tuple(k for k in keys if k != "av_chatrooms")
    return (*keys, CALL_MINUTES) if book.calling is not None else keys


def quota_table(book: PriceBook) -> dict[str, dict[str, int | None]]:
    """Quota id -> edition id -> limit (``None``: unlimited)."""
    table: dict[str, dict[str, int | None]] = {}
    calling = book.calling
    if calling is not None:
        most = max((p.minutes for p in calling.packs), default=0)
        table[CALL_MINUTES] = {e: most if e in calling.editions else 0 for e in book.editions}
    for key in quota_keys(book):
        if key == CALL_MINUTES:
            continue
        row: dict[str, int | None] = {}
        for edition in book.editions.values():
            q = edition.quotas
            if key.startswith("group_members."):
                row[edition.id] = q.group_members[key.split(".", 1)[1]]
            else:
                row[edition.id] = getattr(q, key)
        table[key] = row
    return {key: table[key] for key in quota_keys(book)}
