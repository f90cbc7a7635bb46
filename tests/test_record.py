"""imcost.record: the price book's value classes behave as the frozen dataclasses they replaced."""

from __future__ import annotations

import copy
import dataclasses
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


def test_a_dataclass_to_replace_fields_and_asdict() -> None:
    fee = FlatFee(Decimal("100.00"), "prepaid", "doc 1")
    assert dataclasses.is_dataclass(fee)
    assert dataclasses.replace(fee, price=Decimal("120.00")) == FlatFee(Decimal("120.00"), "prepaid", "doc 1")
    assert fee.price == Decimal("100.00")
    assert [f.name for f in dataclasses.fields(fee)] == ["price", "billing", "source"]
    assert dataclasses.asdict(HistoryStorage((HistoryTier(7, Decimal(0)),), "free", "s")) == {
        "tiers": ({"days": 7, "price": Decimal(0)},),
        "billing": "free",
        "source": "s",
    }
    quotas = Quotas(None, 0, 0, {}, None, 7, 100, None, "q")
    package = Package(Decimal(0), "free", "p")
    edition = Edition("trial", "体验版", ("trial",), package, quotas, None, None, None, None, None, None, None, None)
    # Every field's value is kept, the defaults' too: a replaced edition is equal but for what changed.
    dearer = dataclasses.replace(edition, package=dataclasses.replace(package, price=Decimal(1)))
    assert dearer.features == {} and dearer.quotas is quotas
    assert dearer != edition
    assert dataclasses.replace(dearer, package=package) == edition


def test_every_record_lists_its_init_in_order() -> None:
    """``__slots__`` is ``__init__``'s order: copy, pickle and ``__eq__`` rely on it."""
    import inspect

    from imcost import daily, pricebook
    from imcost.record import Record

    found = {
        c for m in (pricebook, daily) for c in vars(m).values() if isinstance(c, type) and c.__bases__ == (Record,)
    }
    assert len(found) == 19
    for cls in found:
        assert list(inspect.signature(cls.__init__).parameters)[1:] == list(cls.__slots__), cls
        assert [f.name for f in dataclasses.fields(cls)] == list(cls.__slots__), cls
