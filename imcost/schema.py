"""A JSON Schema of the plan file, so editors can autocomplete and check plans.

Built from the plan reader's key lists and the price book's edition names, so
it can't drift from what ``imcost estimate`` accepts. imcost itself never
validates with it: the plan reader's own checks (with file:line) stay the rule.
"""

from __future__ import annotations

from typing import Any

from imcost.discounts import discount_keys
from imcost.fields import MAX_COUNT
from imcost.numtext import MAX_DECIMALS
from imcost.plan import APP_KEYS, MAX_MBPS, MODERATION_MINUTES, NEED_KEYS, PLAN_KEYS, REGIONS, USAGE_KEYS
from imcost.pricebook import CALL_KINDS, FEATURES, GROUP_TYPES, MODERATION_KINDS, PriceBook
from imcost.quote import MAX_VALID_DAYS

SCHEMA_ID = "https://imcost.invalid/plan.schema.json"

# Digits are written [0-9], never \d: imcost takes ASCII digits only (imcost.numtext), and \d
# is any Unicode digit in some regex engines. JSON Schema sees values, not how they were
# written, so the description says which forms imcost refuses (0100, 0x1F, 1:30, 1_000).
_FORMS = (
    "a plain decimal number in ASCII digits 0-9 (not 0100, 0x1F, 0o17, 0b101, 1:30 or 1_000, "
    f"which YAML readers take differently), at most {MAX_DECIMALS} decimal places"
)
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}
_NUMBER: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "minimum": 0, "maximum": MAX_MBPS},
        {"type": "string", "pattern": r"^\s*\+?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$"},
    ]
}
_MONTH: dict[str, Any] = {"type": "string", "pattern": r"^\s*[0-9]{4}-(0?[1-9]|1[0-2])\s*$"}
_DAY: dict[str, Any] = {"type": "string", "pattern": r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$"}
_PERCENT = r"^\s*(100(\.0{1,40})?|[1-9]?[0-9](\.[0-9]{1,40})?)\s*%\s*$"


def _any_case(word: str) -> str:
    """A regex matching ``word`` in any case (JSON Schema regexes have no ``(?i)``)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.lower() != c.upper() else _escape(c) for c in word)


def _escape(c: str) -> str:
    return "\\" + c if c in r".^$*+?()[]{}|\/-" else c


def _descriptions() -> dict[str, str]:
    return {
        "name": "App (SDKAppID) name; default app-1, app-2, ...",
        "edition": "Edition: trial, pro or flagship (any case), or 体验版, 专业版, 旗舰版",
        "usage": "How the app is used in the month; absent figures are zero",
        "needs": "Capacities the app needs; absent: the edition's defaults",
        "security": "The security service (安全打击服务)",
        "local_moderation": "Local content moderation (本地审核), 1000元 a month on any edition",
        "moderation": "Cloud content moderation (云端审核) in the month: text items, images, and audio and video "
        "minutes counted in half minutes; priced the cheapest way (postpaid units or monthly packs)",
        "call_minutes": "Audio/video call minutes in the month, one-to-one and group; the cheapest calling pack "
        "that covers them (pro and flagship)",
        "discounts": "Percent off list price per fee id; `all` for every fee not named",
        "peak_dau": "Highest daily active users in the month",
        "peak_groups": "Highest group count in the month",
        "barrage_mbps": "AV-chatroom barrage bandwidth, daily peak Mbps per region",
        "customer": "Customer name shown on quotes",
        "quote": "Quote details shown on the html page and markdown: seller, contact, number, date, "
        "valid_days or valid_until, tax, notes",
        "month": "Natural month to estimate, YYYY-MM; default the current month",
        "apps": "Several apps, each priced on its own",
        "daily": "CSV file of daily figures (date,dau,groups,barrage_domestic_mbps,barrage_international_mbps), "
        "relative to the plan file; replaces the peaks month by month",
        "purchased_on": "Purchase day T, YYYY-MM-DD: prepaid cycles run from day T to day T-1 of the next month",
        "changes": "Dated changes of edition, needs or security, each from a natural month",
        "pricebook": "Price book: a shipped id (tencent-im, tencent-im-overseas) or a price book file "
        "relative to the plan file; an app's own wins over the plan's",
    }


def plan_schema(book: PriceBook) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a plan file for the editions of ``book``."""
    d = _descriptions()
    names = sorted({n for e in book.editions.values() for n in e.names})
    edition = {
        "type": "string",
        "pattern": "^\\s*(" + "|".join(_any_case(n) for n in names) + ")\\s*$",
        "description": d["edition"],
    }
    daily: dict[str, Any] = {"anyOf": [_NUMBER, {"type": "array", "items": _NUMBER, "minItems": 28, "maxItems": 31}]}
    usage_props: dict[str, Any] = {
        "peak_dau": {**_COUNT, "description": d["peak_dau"]},
        "peak_groups": {**_COUNT, "description": d["peak_groups"]},
        "barrage_mbps": {
            "type": ["object", "null"],
            "description": d["barrage_mbps"],
            "properties": dict.fromkeys(REGIONS, daily),
            "additionalProperties": False,
        },
        "daily": {"type": "string", "description": d["daily"]},
        "moderation": {
            "type": ["object", "null"],
            "description": d["moderation"],
            "properties": {
                kind: {**_NUMBER, "multipleOf": 0.5} if kind in MODERATION_MINUTES else _COUNT
                for kind in MODERATION_KINDS
            },
            "additionalProperties": False,
        },
        "call_minutes": {
            "type": ["object", "null"],
            "description": d["call_minutes"],
            "properties": dict.fromkeys(CALL_KINDS, _COUNT),
            "additionalProperties": False,
        },
    }
    group_members = {
        "anyOf": [
            _COUNT,
            {"type": "object", "properties": dict.fromkeys(GROUP_TYPES, _COUNT), "additionalProperties": False},
        ]
    }
    needs_props: dict[str, Any] = dict.fromkeys(NEED_KEYS, _COUNT)
    needs_props["group_members"] = group_members
    needs_props["features"] = {"type": ["array", "null"], "items": {"enum": list(FEATURES)}}
    discounts = {
        "type": ["object", "null"],
        "description": d["discounts"],
        "properties": {fee: {"type": "string", "pattern": _PERCENT} for fee in discount_keys()},
        "additionalProperties": False,
    }
    app_props: dict[str, Any] = {
        "name": {"type": ["string", "integer"], "description": d["name"]},
        "edition": edition,
        "pricebook": {"type": "string", "description": d["pricebook"]},
        "usage": {
            "type": ["object", "null"],
            "description": d["usage"],
            "properties": usage_props,
            "additionalProperties": False,
        },
        "needs": {
            "type": ["object", "null"],
            "description": d["needs"],
            "properties": needs_props,
            "additionalProperties": False,
        },
        "security": {"type": "boolean", "description": d["security"]},
        "local_moderation": {"type": "boolean", "description": d["local_moderation"]},
        "discounts": {"$ref": "#/$defs/discounts"},
        "purchased_on": {**_DAY, "description": d["purchased_on"]},
        "changes": {
            "type": ["array", "null"],
            "description": d["changes"],
            "items": {
                "type": "object",
                "properties": {
                    "from": _MONTH,
                    "edition": edition,
                    "needs": {"type": ["object", "null"], "properties": needs_props, "additionalProperties": False},
                    "security": {"type": "boolean"},
                },
                "required": ["from"],
                "additionalProperties": False,
            },
        },
    }
    assert set(app_props) == set(APP_KEYS) and set(usage_props) == set(USAGE_KEYS)
    plan_props: dict[str, Any] = {
        "month": {**_MONTH, "description": d["month"]},
        "customer": {"type": ["string", "integer"], "description": d["customer"]},
        "quote": {
            "type": "object",
            "description": d["quote"],
            "properties": {
                "seller": {"type": ["string", "integer"]},
                "contact": {"type": ["string", "integer"]},
                "number": {"type": ["string", "integer"]},
                "date": {**_DAY, "description": "Issue date, YYYY-MM-DD; default today"},
                "valid_days": {**_COUNT, "maximum": MAX_VALID_DAYS, "description": "Default 30"},
                "valid_until": {**_DAY, "description": "Last day the quote holds (instead of valid_days)"},
                "tax": {"type": ["string", "integer"], "description": "A sentence such as 'Prices exclude VAT'"},
                "notes": {"type": ["string", "integer"]},
            },
            "additionalProperties": False,
        },
    }
    assert set(plan_props) == {"month", *PLAN_KEYS}
    app = {"type": "object", "properties": app_props, "required": ["edition"], "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "imcost plan file",
        "description": "Apps on Tencent Cloud IM, their usage and needs, for `imcost estimate`. "
        f"Every count and amount is {_FORMS}.",
        "$defs": {"app": app, "discounts": discounts},
        "type": "object",
        "oneOf": [
            {
                "description": "Several apps under `apps:`",
                "properties": {
                    **plan_props,
                    "discounts": {"$ref": "#/$defs/discounts"},
                    "purchased_on": {**_DAY, "description": d["purchased_on"]},
                    "pricebook": {"type": "string", "description": d["pricebook"]},
                    "apps": {
                        "type": "array",
                        "minItems": 1,
                        "description": d["apps"],
                        "items": {"$ref": "#/$defs/app"},
                    },
                },
                "required": ["apps"],
                "additionalProperties": False,
            },
            {
                "description": "One app at the top level",
                "properties": {**app_props, **plan_props},
                "required": ["edition"],
                "additionalProperties": False,
            },
        ],
    }
