"""The shipped price book holds the price list's numbers; malformed price books are refused clearly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import resources

import pytest
import yaml

from imcost.errors import PriceBookError
from imcost.pricebook import PriceBook, in_force, parse
from imcost.yamldoc import load


def test_package_prices(book: PriceBook) -> None:
    """套餐包价格详情: 体验版 免费, 专业版 999元/月, 旗舰版 2999元/月."""
    prices = {e.id: e.package.price for e in book.editions.values()}
    assert prices == {"trial": Decimal(0), "pro": Decimal(999), "flagship": Decimal(2999)}
    assert all(isinstance(p, Decimal) for p in prices.values())


def test_quotas(book: PriceBook) -> None:
    """套餐包简介, column by column."""
    q = {e.id: e.quotas for e in book.editions.values()}
    assert [(x.users, x.friends_per_user, x.groups_per_user, x.av_chatrooms, x.history_days) for x in q.values()] == [
        (100, 20, 50, 10, 7),
        (None, 3000, 500, 50, 7),
        (None, 3000, 1000, None, 30),
    ]
    assert [dict(x.group_members) for x in q.values()] == [
        {"private": 20, "public": 20, "chatroom": 20},
        {"private": 200, "public": 200, "chatroom": 200},
        {"private": 200, "public": 2000, "chatroom": 2000},
    ]
    assert [(x.free_dau, x.free_peak_groups) for x in q.values()] == [(100, 100000), (10000, 100000), (10000, 100000)]


def test_overage_and_addons(book: PriceBook) -> None:
    trial, pro, flagship = (book.editions[e] for e in ("trial", "pro", "flagship"))
    assert trial.dau_overage is None and trial.group_overage is None
    for edition in (pro, flagship):
        assert edition.dau_overage is not None and edition.group_overage is not None
        assert (edition.dau_overage.unit_size, edition.dau_overage.unit_price) == (10000, Decimal(1000))
        assert (edition.group_overage.unit_size, edition.group_overage.unit_price) == (100000, Decimal(1000))
        assert edition.barrage_bandwidth is not None
        assert dict(edition.barrage_bandwidth.per_mbps_day) == {"domestic": Decimal(2), "international": Decimal(4)}
        assert edition.security is not None and edition.security.price == Decimal(1000)
    assert pro.av_chatrooms is not None and (pro.av_chatrooms.raises_to, pro.av_chatrooms.price) == (None, 1000)
    assert flagship.av_chatrooms is None
    assert pro.group_members is not None and (pro.group_members.raises_to, pro.group_members.price) == (2000, 500)
    assert flagship.group_members is not None
    assert (flagship.group_members.raises_to, flagship.group_members.price) == (6000, 500)
    assert pro.groups_per_user is not None and (pro.groups_per_user.raises_to, pro.groups_per_user.price) == (
        1000,
        1100,
    )
    assert flagship.groups_per_user is not None
    assert (flagship.groups_per_user.raises_to, flagship.groups_per_user.price) == (3000, 900)
    assert pro.history_storage is not None and flagship.history_storage is not None
    assert [(t.days, t.price) for t in pro.history_storage.tiers] == [(30, 500), (90, 1000), (180, 1500), (360, 2500)]
    assert [(t.days, t.price) for t in flagship.history_storage.tiers] == [(30, 0), (90, 500), (180, 1000), (360, 2000)]
    assert all(
        getattr(trial, a) is None
        for a in (
            "av_chatrooms",
            "group_members",
            "groups_per_user",
            "history_storage",
            "barrage_bandwidth",
            "security",
        )
    )


def test_every_entry_names_its_source(book: PriceBook) -> None:
    for edition in book.editions.values():
        assert edition.package.source.startswith("套餐包价格详情")
        assert edition.quotas.source == "套餐包简介"
        for attr in ("dau_overage", "group_overage", "av_chatrooms", "group_members", "groups_per_user", "security"):
            entry = getattr(edition, attr)
            assert entry is None or entry.source


def test_edition_lookup(book: PriceBook) -> None:
    found = {name: book.edition(name) for name in ("pro", "PRO", " 专业版 ", "旗舰版", "体验版", "premium")}
    assert {k: (v.id if v else None) for k, v in found.items()} == {
        "pro": "pro",
        "PRO": "pro",
        " 专业版 ": "pro",
        "旗舰版": "flagship",
        "体验版": "trial",
        "premium": None,
    }


def _shipped() -> dict[str, object]:
    text = resources.files("imcost.pricebooks").joinpath("tencent-im.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_dated_versions_pick_the_one_in_force() -> None:
    data = _shipped()
    newer = yaml.safe_load(yaml.safe_dump(data["versions"][0]))  # type: ignore[index]
    newer["effective"] = "2027-01-01"
    newer["editions"]["pro"]["package"]["price"] = "1099"
    data["versions"].append(newer)  # type: ignore[attr-defined]
    books = parse(load(yaml.safe_dump(data, allow_unicode=True), "book.yaml"))
    assert in_force(books, date(2026, 12, 31), "book.yaml").editions["pro"].package.price == Decimal(999)
    assert in_force(books, date(2027, 1, 1), "book.yaml").editions["pro"].package.price == Decimal(1099)
    # The shipped version states no date: it is in force on any day before the dated one.
    assert in_force(books, date(1999, 12, 31), "book.yaml").editions["pro"].package.price == Decimal(999)
    assert [b.effective for b in books] == [None, date(2027, 1, 1)]
    dated = parse(load(yaml.safe_dump({**data, "versions": [newer]}, allow_unicode=True), "book.yaml"))
    with pytest.raises(PriceBookError, match="no version of book.yaml is in force on 2026-12-31"):
        in_force(dated, date(2026, 12, 31), "book.yaml")


def test_malformed_price_book_reports_every_problem() -> None:
    data = _shipped()
    pro = data["versions"][0]["editions"]["pro"]  # type: ignore[index]
    pro["package"]["price"] = "nine"
    pro["quotas"]["groups_per_user"] = -1
    pro["addons"]["securty"] = pro["addons"].pop("security")
    with pytest.raises(PriceBookError) as caught:
        parse(load(yaml.safe_dump(data, allow_unicode=True), "book.yaml"))
    messages = [f"{'.'.join(str(p) for p in problem.path)}: {problem.message}" for problem in caught.value.problems]
    assert messages == [
        "versions.0.editions.pro.addons.securty: unknown key 'securty'",
        "versions.0.editions.pro.package.price: expected a number, got the text 'nine'",
        "versions.0.editions.pro.quotas.groups_per_user: expected a whole number of 0 or more, got -1",
    ]
    assert all(p.file == "book.yaml" and p.line is not None for p in caught.value.problems)
