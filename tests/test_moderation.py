"""Content moderation and calling packs (Tencent doc 269/81908): choices, items, notes and mistakes.

Amounts in rule_cases.yaml; here what the items say and how they are billed, the
choice against every option enumerated independently, and the CLI's words.
"""

from __future__ import annotations

import json
import math
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imcost.cli import app
from imcost.pricebook import PriceBook

from .conftest import SAMPLES, estimate_one

FEN = Decimal("0.01")


def _items(plan: dict[str, object], book: PriceBook) -> list[tuple[str, Decimal, str, Decimal, str]]:
    """(fee, quantity, unit, amount, billing) of the moderation and calling items."""
    return [
        (i.fee, i.quantity, i.unit, i.amount, i.billing)
        for i in estimate_one(plan, book).items
        if i.fee in ("local_moderation", "cloud_moderation", "calling")
    ]


def test_two_million_texts_are_a_prepaid_pack_and_a_postpaid_rest(book: PriceBook) -> None:
    # 2,000,000 units: 1 pack (1,100,000 units, 1050) + 900,000 x 0.0010 = 900 postpaid = 1950,
    # cheaper than 2000 all postpaid and 2100 in two packs.
    assert _items({"edition": "pro", "usage": {"moderation": {"text": 2000000}}}, book) == [
        ("cloud_moderation", Decimal(1), "1,100,000 units", Decimal(1050), "prepaid"),
        ("cloud_moderation", Decimal(900), "1,000 units", Decimal(900), "postpaid"),
    ]


def test_tencents_example_is_54_units(book: PriceBook) -> None:
    # 10 texts x 1 + 10 images x 0.65 + 2.5 audio minutes x 15 = 10 + 6.5 + 37.5 = 54 units
    # = 0.054元, rounded half-up to 0.05; shown as 0.054 thousand units at 1.00元 a thousand.
    usage = {"moderation": {"text": 10, "images": 10, "audio_minutes": Decimal("2.5")}}
    assert _items({"edition": "trial", "usage": usage}, book) == [
        ("cloud_moderation", Decimal("0.054"), "1,000 units", Decimal("0.05"), "postpaid"),
    ]


def test_a_tie_keeps_postpaid_and_half_a_fen_more_buys_the_pack(book: PriceBook) -> None:
    # 1,050,000 units postpaid = 1050.00 = one pack: postpaid wins the tie.
    tie = _items({"edition": "pro", "usage": {"moderation": {"text": 1050000}}}, book)
    assert tie == [("cloud_moderation", Decimal(1050), "1,000 units", Decimal(1050), "postpaid")]
    # 1,050,005 units = 1050.005 -> 1050.01 postpaid: the pack (1050.00) is cheaper.
    over = _items({"edition": "pro", "usage": {"moderation": {"text": 1050005}}}, book)
    assert over == [("cloud_moderation", Decimal(1), "1,100,000 units", Decimal(1050), "prepaid")]


def test_local_moderation_on_trial_is_prepaid(book: PriceBook) -> None:
    assert _items({"edition": "trial", "local_moderation": True}, book) == [
        ("local_moderation", Decimal(1), "month", Decimal(1000), "prepaid"),
    ]


def test_calling_packs(book: PriceBook) -> None:
    assert _items({"edition": "pro", "usage": {"call_minutes": {"one_to_one": 100000}}}, book) == [
        ("calling", Decimal(1), "month", Decimal(500), "prepaid"),
    ]
    assert _items({"edition": "flagship", "usage": {"call_minutes": {"group": 200000}}}, book) == [
        ("calling", Decimal(1), "month", Decimal(1500), "prepaid"),
    ]


def test_minutes_beyond_the_largest_pack_are_a_note_and_the_app_stays_quotable(
    tmp_path: Path, runner: CliRunner
) -> None:
    plan = tmp_path / "calls.yaml"
    plan.write_text("month: 2026-12\nname: calls\nedition: pro\nusage: {call_minutes: {group: 2000000}}\n")
    result = runner.invoke(app, ["estimate", str(plan), "-f", "json"])
    note = (
        "600,000 call minutes beyond the largest calling pack (1,400,000 minutes) are billed by TRTC's own "
        "postpaid list, which imcost does not price"
    )
    assert result.exit_code == 0
    assert result.stderr == f"imcost: note: app 'calls' in 2026-12: {note}\n"
    data = json.loads(result.stdout)
    # 999 + 5000 (the 1,400,000-minute group pack); the 600,000 more minutes are not priced.
    assert (data["total"], data["feasible"], data["apps"][0]["notes"]) == ("5999.00", True, [note])


def test_a_book_without_moderation_makes_the_app_not_quotable(runner: CliRunner, tmp_path: Path) -> None:
    """samples/pricebook-2027.yaml (a user's book) lists no moderation: never priced at zero."""
    plan = tmp_path / "moderated.yaml"
    plan.write_text("month: 2027-02\nname: m\nedition: pro\nlocal_moderation: true\nusage: {moderation: {text: 5}}\n")
    book = str(SAMPLES / "pricebook-2027.yaml")
    result = runner.invoke(app, ["estimate", str(plan), "--pricebook", book, "--as-of", "2027-02-01", "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["apps"][0]["problems"] == [
        {
            "fee": "local_moderation",
            "message": f"content moderation is not listed by price book {book}",
            "month": "2027-02",
        },
        {
            "fee": "cloud_moderation",
            "message": f"content moderation is not listed by price book {book}",
            "month": "2027-02",
        },
    ]
    assert [i["fee"] for i in data["apps"][0]["items"]] == ["package"]


def test_minutes_must_be_half_minutes(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("edition: pro\nusage:\n  moderation: {audio_minutes: 2.3, video_minutes: -1, text: 1.5}\n")
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"imcost: error: {plan}:3: usage.moderation.audio_minutes: 2.3 minutes is not a whole number of half "
        "minutes (Tencent counts moderated minutes in half minutes: write 2 or 2.5)",
        f"imcost: error: {plan}:3: usage.moderation.video_minutes: expected a number of 0 or more, got -1",
        f"imcost: error: {plan}:3: usage.moderation.text: expected a whole number, got the fractional number 1.5",
    ]


def test_call_minutes_are_whole_and_named(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("edition: pro\nusage:\n  call_minutes: {one_to_on: 5}\n")
    result = runner.invoke(app, ["validate", str(plan)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"imcost: error: {plan}:3: usage.call_minutes.one_to_on: unknown key 'one_to_on' (did you mean 'one_to_one'?)\n"
    )


def _every_option(units: Decimal) -> list[Decimal]:
    """Every way imcost knows to pay a month's units, worked without imcost: k monthly packs
    (1050元 per 1,100,000 units) for every k from 0 to ceil(units / 1,100,000), the rest at
    0.0010元 a unit rounded half-up to the fen."""
    options = []
    for k in range(math.ceil(units / 1100000) + 1):
        rest = max(Decimal(0), units - 1100000 * k)
        options.append(1050 * k + (rest * Decimal("0.0010")).quantize(FEN, rounding=ROUND_HALF_UP))
    return options


@settings(max_examples=40, deadline=None)
@given(
    text=st.integers(0, 12_000_000),
    images=st.integers(0, 3_000_000),
    audio_halves=st.integers(0, 200_000),
    video_halves=st.integers(0, 60_000),
)
def test_the_chosen_option_is_never_dearer_than_any_other(
    book: PriceBook, text: int, images: int, audio_halves: int, video_halves: int
) -> None:
    audio, video = Decimal(audio_halves) / 2, Decimal(video_halves) / 2
    usage = {"text": text, "images": images, "audio_minutes": audio, "video_minutes": video}
    units = text + images * Decimal("0.65") + audio * 15 + video * 56
    charged = sum(
        (
            i.amount
            for i in estimate_one({"edition": "pro", "usage": {"moderation": usage}}, book).items
            if i.fee == "cloud_moderation"
        ),
        Decimal(0),
    )
    options = _every_option(units)
    assert charged == min(options) if units else charged == 0


# --- yearly packs over a forecast or schedule of 12 months or more --------------------------------------


def _forecast_moderation(text: int, months: int, book: PriceBook) -> list[list[tuple[str, Decimal, Decimal]]]:
    """Each month's cloud-moderation items as (billing, quantity, amount)."""
    from imcost.forecast import forecast

    from .conftest import DECEMBER, plan_from

    plan = plan_from({"edition": "pro", "usage": {"moderation": {"text": text}}}, book)
    return [
        [(i.billing, i.quantity, i.amount) for i in m.estimate.apps[0].items if i.fee == "cloud_moderation"]
        for m in forecast(plan, book, DECEMBER, months, {}).months
    ]


def test_twelve_months_of_a_million_take_a_yearly_pack(book: PriceBook) -> None:
    # 12 x 1,000,000 = 12,000,000 units. Month by month each is 1000 postpaid (a pack: 1050): 12,000.
    # One 10,000,000 yearly pack (9500) covers months 1-10 (units carry over within the year);
    # months 11 and 12 are 1,000,000 postpaid each (1000 < a 1050 pack): 9500 + 2000 = 11,500.
    # Two yearly packs: 19,000; a 70,000,000 pack: 49,000.
    months = _forecast_moderation(1000000, 12, book)
    assert months[0] == [("prepaid", Decimal(1), Decimal(9500))]
    assert months[1:10] == [[]] * 9
    assert months[10:] == [[("postpaid", Decimal(1000), Decimal(1000))]] * 2


def test_twelve_months_of_two_million_mix_all_three(book: PriceBook) -> None:
    # 12 x 2,000,000 = 24,000,000 units; month by month 12 x 1950 = 23,400.
    # Two 10M yearly packs (19,000) leave 4,000,000: 3 monthly packs (3150) + 700,000 postpaid (700)
    # = 22,850. Units go to a month's own pack first, then the yearly pool, in month order: months
    # 1-9 take 18,000,000 from the pool; months 10-12 each take a pack and 900,000 more, of which
    # the pool's last 2,000,000 covers all but 700,000 in month 12. Others: 1 yearly + 12 monthly
    # packs + 800,000 = 22,900; 2 yearly + 2 packs + 1,800,000 = 22,900; 2 yearly + 4 packs = 23,200.
    months = _forecast_moderation(2000000, 12, book)
    assert months[0] == [("prepaid", Decimal(2), Decimal(19000))]
    assert months[1:9] == [[]] * 8
    assert months[9] == months[10] == [("prepaid", Decimal(1), Decimal(1050))]
    assert months[11] == [("prepaid", Decimal(1), Decimal(1050)), ("postpaid", Decimal(700), Decimal(700))]
    assert sum(a for m in months for _, _, a in m) == 22850


def test_a_hundred_and_twenty_million_take_the_largest_pack(book: PriceBook) -> None:
    # 12 x 10,000,000 = 120,000,000: one 125,000,000 pack (72,000) against 70M + 5 x 10M (96,500)
    # or month by month 12 x (9 packs + 100,000 postpaid = 9550) = 114,600.
    months = _forecast_moderation(10000000, 12, book)
    assert months[0] == [("prepaid", Decimal(1), Decimal(72000))]
    assert months[1:] == [[]] * 11


def test_eleven_months_and_a_trailing_part_year_are_priced_month_by_month(book: PriceBook) -> None:
    # 11 months: no yearly pack (it would run past the period): 11 x 1000.
    assert _forecast_moderation(1000000, 11, book) == [[("postpaid", Decimal(1000), Decimal(1000))]] * 11
    # 13 months: the first 12 as above (11,500), the 13th month by month (1000).
    months = _forecast_moderation(1000000, 13, book)
    assert months[12] == [("postpaid", Decimal(1000), Decimal(1000))]
    assert sum(a for m in months for _, _, a in m) == 12500


def test_schedule_dates_the_yearly_pack_and_daily_settled_postpaid(book: PriceBook) -> None:
    from datetime import date

    from imcost.schedule import schedule

    from .conftest import DECEMBER, plan_from

    data = {"edition": "pro", "purchased_on": "2026-12-15", "usage": {"moderation": {"text": 1000000}}}
    charges = [c for c in schedule(plan_from(data, book), book, DECEMBER, 12).charges if c.fee == "cloud_moderation"]
    # The yearly pack on the first cycle day, valid 12 months; postpaid moderation is settled day by
    # day, so a month's is dated the 1st of the next (when its last day is settled), not the 3rd.
    assert [(c.day, c.covers, c.amount) for c in charges] == [
        (date(2026, 12, 15), (date(2026, 12, 15), date(2027, 12, 14)), Decimal(9500)),
        (date(2027, 11, 1), (date(2027, 10, 1), date(2027, 10, 31)), Decimal(1000)),
        (date(2027, 12, 1), (date(2027, 11, 1), date(2027, 11, 30)), Decimal(1000)),
    ]


def _cheapest_by_search(units: list[Decimal]) -> Decimal:
    """The least a year's units can cost, searched without imcost: every count of each yearly pack
    up to what covers the year alone, and month by month every count of monthly packs, units
    deducted from the month's packs, then the yearly pool (carried over), then postpaid."""
    total = sum(units, Decimal(0))
    best: Decimal | None = None
    sizes = ((10_000_000, 9500), (70_000_000, 49000), (125_000_000, 72000))
    limits = [math.ceil(total / size) for size, _ in sizes]
    for a in range(limits[0] + 1):
        for b in range(limits[1] + 1):
            for c in range(limits[2] + 1):
                pool = Decimal(a * 10_000_000 + b * 70_000_000 + c * 125_000_000)
                states = {pool: Decimal(9500 * a + 49000 * b + 72000 * c)}
                for used in units:
                    after: dict[Decimal, Decimal] = {}
                    for left, cost in states.items():
                        for k in range(math.ceil(used / 1100000) + 1):
                            rest = max(Decimal(0), used - 1100000 * k)
                            taken = min(left, rest)
                            paid = ((rest - taken) * Decimal("0.0010")).quantize(FEN, rounding=ROUND_HALF_UP)
                            new = cost + 1050 * k + paid
                            if new < after.get(left - taken, new + 1):
                                after[left - taken] = new
                    states = after
                cheapest = min(states.values())
                best = cheapest if best is None else min(best, cheapest)
    assert best is not None
    return best


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 2_500_000), min_size=12, max_size=12), st.booleans())
def test_a_years_choice_is_never_dearer_than_any_other(book: PriceBook, texts: list[int], halves: bool) -> None:
    from imcost.moderation import cheapest_year

    assert book.moderation is not None
    units = [Decimal(t) + (Decimal("0.65") if halves else 0) for t in texts]
    assert cheapest_year(units, book.moderation.cloud).cost == _cheapest_by_search(units)


def test_discounts_know_the_new_fee_ids(book: PriceBook) -> None:
    # 10% off cloud moderation: the pack 1050 -> 945.00, the 900 postpaid -> 810.00; 5% off calling:
    # 500 -> 475.00; local moderation falls under all: 1000 x 0.98 = 980.00.
    plan = {
        "edition": "pro",
        "local_moderation": True,
        "usage": {"moderation": {"text": 2000000}, "call_minutes": {"one_to_one": 100000}},
        "discounts": {"cloud_moderation": "10%", "calling": "5%", "all": "2%"},
    }
    assert [(fee, amount) for fee, _, _, amount, _ in _items(plan, book)] == [
        ("local_moderation", Decimal("980.00")),
        ("cloud_moderation", Decimal("945.00")),
        ("cloud_moderation", Decimal("810.00")),
        ("calling", Decimal("475.00")),
    ]


def test_the_schema_knows_the_new_keys(book: PriceBook) -> None:
    from imcost.schema import plan_schema

    app = plan_schema(book)["$defs"]["app"]["properties"]
    assert app["local_moderation"]["type"] == "boolean"
    usage = app["usage"]["properties"]
    assert set(usage["moderation"]["properties"]) == {"text", "images", "audio_minutes", "video_minutes"}
    assert usage["moderation"]["properties"]["audio_minutes"]["multipleOf"] == 0.5
    assert set(usage["call_minutes"]["properties"]) == {"one_to_one", "group"}


def test_forecast_says_a_note_once_with_its_months(tmp_path: Path, runner: CliRunner) -> None:
    plan = tmp_path / "calls.yaml"
    plan.write_text("month: 2026-12\nname: calls\nedition: pro\nusage: {call_minutes: {group: 1500000}}\n")
    result = runner.invoke(app, ["forecast", str(plan), "--months", "3", "-f", "csv"])
    assert result.exit_code == 0
    # 1,500,000 - 1,400,000 = 100,000 minutes beyond the largest pack, every month of the three.
    assert result.stderr == (
        "imcost: note: app 'calls' in 2026-12 to 2027-02: 100,000 call minutes beyond the largest calling pack "
        "(1,400,000 minutes) are billed by TRTC's own postpaid list, which imcost does not price\n"
    )
    # 999 + 5000 a month (no DAU or groups: the usage columns say 0, 0).
    assert result.stdout.splitlines()[1:] == [
        "2026-12,0,0,999.00,5000.00,5999.00",
        "2027-01,0,0,999.00,5000.00,5999.00",
        "2027-02,0,0,999.00,5000.00,5999.00",
    ]


def test_prices_in_chinese_say_the_new_fees(runner: CliRunner) -> None:
    result = runner.invoke(app, ["prices", "--lang", "zh", "--format", "markdown"])
    assert result.exit_code == 0
    # Local moderation is named once; sizes that are whole numbers of 万 read in 万.
    assert "| 体验版 | 本地审核 | 月 | ¥1,000.00 | 预付费 |" in result.stdout
    assert "| 体验版 | 云端审核：月包，有效期 1 个月 | 110万 扣量单位 | ¥1,050.00 | 预付费 |" in result.stdout
    assert "| 专业版 | 音视频通话能力：1v1 通话套餐 11万 分钟，限时折扣价 | 月 | ¥500.00 | 预付费 |" in result.stdout
