"""imcost.record: the price book's value classes behave as the frozen dataclasses they replaced."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from imcost.pricebook import Edition, FlatFee, HistoryStorage, HistoryTier, Package, Quotas, load_book


def test_equal_by_fields_and_hashed_by_them() -> None:
    fee = FlatFee(Decimal("100.00"), "prepaid", "doc 1")
    assert fee == FlatFee(Decimal("100.00"), "prepaid", "doc 1")
    assert fee != FlatFee(Decimal("100.01"), "prepaid", "doc 1")
    # Another class with the same fields is not equal, as with dataclasses.
    assert fee != Package(Decimal("100.00"), "prepaid", "doc 1")
    assert fee != (Decimal("100.00"), "prepaid", "doc 1")
    assert hash(fee) == hash((Decimal("100.00"), "prepaid", "doc 1"))
    assert len({fee, FlatFee(Decimal("100"), "prepaid", "doc 1")}) == 1


def test_repr_is_the_dataclass_repr() -> None:
    tier = HistoryTier(30, Decimal("300"))
    storage = HistoryStorage((tier,), "prepaid", "s")
    assert repr(storage) == (
        "HistoryStorage(tiers=(HistoryTier(days=30, price=Decimal('300')),), billing='prepaid', source='s')"
    )


def test_frozen() -> None:
    tier = HistoryTier(30, Decimal("300"))
    with pytest.raises(FrozenInstanceError, match="^cannot assign to field 'days'$"):
        tier.days = 60  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="^cannot delete field 'price'$"):
        del tier.price  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError, match="^cannot assign to field 'other'$"):
        tier.other = 1  # type: ignore[attr-defined]
    assert tier.days == 30


def test_defaults_and_a_fresh_mapping_each() -> None:
    quotas = Quotas(None, 0, 0, {}, None, 7, 100, None, "q")
    assert quotas.chatroom_history_days == 0
    package = Package(Decimal(0), "free", "p")
    first = Edition("trial", "体验版", ("trial",), package, quotas, None, None, None, None, None, None, None, None)
    second = Edition("trial", "体验版", ("trial",), package, quotas, None, None, None, None, None, None, None, None)
    assert first.features == {}
    assert first.features is not second.features
    assert first.chatroom_history_storage is None
    assert first.title == "trial (体验版)"
    assert first == second


def test_a_shipped_book_copies_and_pickles_equal() -> None:
    edition = load_book(None, None).latest.editions["pro"]
    assert copy.copy(edition) == edition
    assert copy.deepcopy(edition) == edition
    assert pickle.loads(pickle.dumps(edition)) == edition
    assert pickle.loads(pickle.dumps(edition)).quotas.free_dau == edition.quotas.free_dau
