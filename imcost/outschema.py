"""JSON Schemas (draft 2020-12) of each command's JSON output: the contract scripts read.

Each schema describes exactly what the renderer's data function emits (imcost.render.*): every key required,
no other key allowed, amounts as two-decimal strings, null only where a value can be absent. A test runs every
command's JSON through its schema, so a renderer that changes its shape without its schema fails.
"""

from __future__ import annotations

from typing import Any

from imcost.errors import InputError, InputProblem
from imcost.render.common import SCHEMA_VERSION

SCHEMA_ID = "https://imcost.invalid/output/{name}.schema.json"

_STRING: dict[str, Any] = {"type": "string"}
_OPT_STRING: dict[str, Any] = {"type": ["string", "null"]}
_BOOL: dict[str, Any] = {"type": "boolean"}
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
# Amounts: two-decimal strings in yuan (money_str); a difference may be negative.
_AMOUNT = r"^[0-9]+\.[0-9]{2}$"
_SIGNED = r"^-?[0-9]+\.[0-9]{2}$"
_MONEY: dict[str, Any] = {"type": "string", "pattern": _AMOUNT}
_OPT_MONEY: dict[str, Any] = {"type": ["string", "null"], "pattern": _AMOUNT}
_DELTA: dict[str, Any] = {"type": "string", "pattern": _SIGNED}
_OPT_DELTA: dict[str, Any] = {"type": ["string", "null"], "pattern": _SIGNED}
# Quantities and percents: plain decimal numbers without exponent or trailing zeros (number_str).
_NUMBER: dict[str, Any] = {"type": "string", "pattern": r"^[0-9]+(\.[0-9]*[1-9])?$"}
_MONTH: dict[str, Any] = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$"}
_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DATE: dict[str, Any] = {"type": "string", "pattern": f"^{_DAY}$"}
_CURRENCY: dict[str, Any] = {"type": "string", "pattern": r"^[A-Z]{3}$"}
_VERSION: dict[str, Any] = {"const": SCHEMA_VERSION, "description": "The shape's version: changes when it does"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _object(props: dict[str, Any], description: str | None = None) -> dict[str, Any]:
    """An object with exactly ``props``: each required, no other key."""
    found: dict[str, Any] = {"type": "object"}
    if description:
        found["description"] = description
    return {**found, "properties": props, "required": sorted(props), "additionalProperties": False}


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _map(values: dict[str, Any], description: str) -> dict[str, Any]:
    """An object keyed by names the input chose (apps, editions, quotas), each value of one shape."""
    return {"type": "object", "description": description, "additionalProperties": values}


_ITEM: dict[str, Any] = {
    "fee": _STRING,
    "description": _STRING,
    "quantity": _NUMBER,
    "unit": _STRING,
    "unit_price": _MONEY,
    "amount": {**_MONEY, "description": "Net of any discount"},
    "billing": _STRING,
    "source": _STRING,
    "list_amount": _MONEY,
    "discount_percent": _NUMBER,
    "discount": _MONEY,
}
_PROBLEM: dict[str, Any] = {"fee": _STRING, "message": _STRING}


def _defs() -> dict[str, Any]:
    """The pieces several outputs share."""
    return {
        "pricebook": _object(
            {
                "id": _STRING,
                "vendor": _STRING,
                "name": _STRING,
                "effective": {**_DATE, "type": ["string", "null"], "description": "null: the source states no date"},
                "date_note": _OPT_STRING,
                "source": _STRING,
            },
            "The price book version that priced it",
        ),
        "item": _object(_ITEM, "One charged fee: quantity x unit_price, less any discount, is amount"),
        "problem": _object(_PROBLEM, "Why it can't be bought as written; fee names the rule that found it"),
        "quote": {
            **_object(
                {
                    "seller": _OPT_STRING,
                    "contact": _OPT_STRING,
                    "number": _OPT_STRING,
                    "date": _DATE,
                    "valid_days": _COUNT,
                    "valid_until": _DATE,
                    "tax": _OPT_STRING,
                    "notes": _OPT_STRING,
                },
                "The quote's details: the config file's defaults, the plan's quote:, the flags; "
                "null when none gives any",
            ),
            "type": ["object", "null"],
        },
    }


# Every pricing command's JSON names the customer and the quote's details (imcost.quote.json_fields).
_QUOTED: dict[str, Any] = {
    "customer": {**_OPT_STRING, "description": "--customer, else the plan's customer; null when neither"},
    "quote": _ref("quote"),
}


def _document(name: str, title: str, props: dict[str, Any], defs: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name=name),
        "title": title,
        "$defs": {**_defs(), **(defs or {})},
        **_object({"schema_version": _VERSION, **props}),
    }


def _estimate() -> dict[str, Any]:
    app = _object(
        {
            "name": _STRING,
            "edition": {**_STRING, "description": "The edition (a daily file's: its first month's)"},
            "feasible": _BOOL,
            "problems": _list(_object({**_PROBLEM, "month": _MONTH})),
            "total": _MONEY,
            "items": _list(_object({**_ITEM, "month": _MONTH})),
            "pricebook": _ref("pricebook"),
            "notes": _list(_STRING),
        }
    )
    month = _object(
        {
            "month": _MONTH,
            "total": _MONEY,
            "feasible": _BOOL,
            "apps": _list(_object({"name": _STRING, "edition": _STRING, "total": _MONEY, "feasible": _BOOL})),
        }
    )
    return _document(
        "estimate",
        "imcost estimate --format json: one month, or a daily file's several months, in the same shape",
        {
            **_QUOTED,
            "month": {**_MONTH, "type": ["string", "null"], "description": "null: several months (a daily file)"},
            "currency": _CURRENCY,
            "total": _MONEY,
            "feasible": _BOOL,
            "pricebook": _ref("pricebook"),
            "apps": _list(app),
            "months": {**_list(month), "minItems": 1},
        },
    )


def _comparison() -> dict[str, Any]:
    result = _object(
        {
            "edition": _STRING,
            "pricebook": _ref("pricebook"),
            "feasible": _BOOL,
            "total": {**_OPT_MONEY, "description": "null: the edition can't meet the needs"},
            "items": _list(_ref("item")),
            "problems": _list(_ref("problem")),
        }
    )
    return _object(
        {
            "schema_version": _VERSION,
            **_QUOTED,
            "month": _MONTH,
            "currency": _CURRENCY,
            "pricebook": _ref("pricebook"),
            "app": _STRING,
            "results": _list(result),
            "cheapest": _OPT_STRING,
            "cheapest_pricebook": {**_OPT_STRING, "description": "The id of the cheapest edition's price book"},
        },
        "Editions compared at one set of figures",
    )


def _curve() -> dict[str, Any]:
    row = _object(
        {
            "value": {"type": "integer"},
            "totals": _map(_OPT_MONEY, "Edition id -> its total at the value; null: it can't meet the needs"),
            "cheapest": _OPT_STRING,
        }
    )
    none = _object(
        {
            "cheapest": _OPT_STRING,
            "steady": _list(_object({"edition": _STRING, "more": _MONEY})),
            "never": _list(_object({"edition": _STRING, "reason": _STRING})),
        },
        "Why there is no break-even point",
    )
    return _object(
        {
            "schema_version": _VERSION,
            **_QUOTED,
            "month": _MONTH,
            "currency": _CURRENCY,
            "pricebook": _ref("pricebook"),
            "app": _STRING,
            "variable": _STRING,
            "editions": _list(_STRING),
            "rows": _list(row),
            "break_even": _list(_object({"at": {"type": "integer"}, "from": _OPT_STRING, "to": _OPT_STRING})),
            "no_break_even": {"anyOf": [{"type": "null"}, none]},
            "pricebooks": _map(_ref("pricebook"), "Edition (BOOK:EDITION across vendors) -> its price book version"),
        },
        "Editions compared over a range of one figure (compare --dau 0:100000:1000): a curve",
    )


def _compare() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(name="compare"),
        "title": "imcost compare --format json: editions at one set of figures, or a curve over a range",
        "$defs": {**_defs(), "editions": _comparison(), "curve": _curve()},
        "oneOf": [_ref("editions"), _ref("curve")],
    }


def _recommend() -> dict[str, Any]:
    rejected = _object(
        {
            "edition": _STRING,
            "pricebook": {**_STRING, "description": "The id of the edition's price book"},
            "feasible": _BOOL,
            "total": _OPT_MONEY,
            "extra": {**_OPT_MONEY, "description": "How much more than the recommended edition; null: can't be bought"},
            "reason": _STRING,
        }
    )
    app = _object(
        {
            "name": _STRING,
            "pricebook": _ref("pricebook"),
            "current": _OPT_STRING,
            "current_total": _OPT_MONEY,
            "current_problems": _list(_ref("problem")),
            "recommended": _OPT_STRING,
            "recommended_pricebook": {**_OPT_STRING, "description": "The id of the recommended edition's price book"},
            "recommended_total": _OPT_MONEY,
            "saving": _OPT_DELTA,
            "yearly_saving": _OPT_DELTA,
            "items": _list(_ref("item")),
            "rejected": _list(rejected),
            "unmet": _list(_ref("problem")),
        }
    )
    return _document(
        "recommend",
        "imcost recommend --format json: the cheapest edition per app",
        {**_QUOTED, "month": _MONTH, "currency": _CURRENCY, "pricebook": _ref("pricebook"), "apps": _list(app)},
    )


def _forecast() -> dict[str, Any]:
    month = _object(
        {
            "month": _MONTH,
            "total": _MONEY,
            "feasible": _BOOL,
            "recommended": _map(_OPT_STRING, "App -> the cheapest edition that month; null: none fits"),
            "pricebooks": _map(_ref("pricebook"), "App -> the price book version that priced it that month"),
            "usage": _map(
                _object({"peak_dau": _COUNT, "peak_groups": _COUNT}), "App -> the usage it grew to that month"
            ),
            "items": _list(_object({**_ITEM, "app": _STRING, "edition": _STRING})),
            "problems": _list(_object({**_PROBLEM, "app": _STRING})),
        }
    )
    switch = _object({"app": _STRING, "month": _MONTH, "from": _OPT_STRING, "to": _OPT_STRING})
    return _document(
        "forecast",
        "imcost forecast --format json: the cost month by month as usage grows",
        {
            **_QUOTED,
            "currency": _CURRENCY,
            "pricebook": _ref("pricebook"),
            "feasible": _BOOL,
            "total": _MONEY,
            "edition_switches": _list(switch),
            "months": _list(month),
        },
    )


def _schedule() -> dict[str, Any]:
    charge = _object(
        {
            "date": _DATE,
            "app": _STRING,
            "fee": _STRING,
            "description": _STRING,
            "amount": _MONEY,
            "billing": _STRING,
            "covers": {"type": "string", "pattern": f"^{_DAY}\\.\\.{_DAY}$", "description": "First..last day"},
            "month": _MONTH,
            "list_amount": _MONEY,
            "discount_percent": _NUMBER,
            "discount": _MONEY,
            "pricebook": _ref("pricebook"),
        }
    )
    return _document(
        "schedule",
        "imcost schedule --format json: each charge on the day it is billed",
        {
            **_QUOTED,
            "currency": _CURRENCY,
            "pricebook": _ref("pricebook"),
            "months": _list(_MONTH),
            "feasible": _BOOL,
            "problems": _list(_object({**_PROBLEM, "app": _STRING, "month": _MONTH})),
            "charges": _list(charge),
            "total": _MONEY,
        },
    )


def _diff() -> dict[str, Any]:
    change = _object(
        {
            "change": {"enum": ["added", "removed", "changed", "unchanged"]},
            "app": _STRING,
            "fee": _STRING,
            "old": _OPT_MONEY,
            "new": _OPT_MONEY,
            "delta": _DELTA,
        }
    )
    return _document(
        "diff",
        "imcost diff --format json: what changed between two plans or saved estimates",
        {
            "old": _STRING,
            "new": _STRING,
            "month_old": _OPT_STRING,
            "month_new": _OPT_STRING,
            "editions": _list(_object({"app": _STRING, "old": _OPT_STRING, "new": _OPT_STRING})),
            "total_old": _MONEY,
            "total_new": _MONEY,
            "delta": _DELTA,
            "delta_percent": {**_OPT_DELTA, "description": "null: the old total is 0"},
            "changes": _list(change),
        },
    )


def _prices() -> dict[str, Any]:
    price = _object(
        {
            "edition": _STRING,
            "fee": _STRING,
            "description": _STRING,
            "unit": _STRING,
            "price": _MONEY,
            "billing": _STRING,
            "source": _STRING,
        }
    )
    return _document(
        "prices",
        "imcost prices --format json: the price list in force",
        {"currency": _CURRENCY, "pricebook": _ref("pricebook"), "prices": _list(price)},
    )


def _limits() -> dict[str, Any]:
    limit = {"type": ["integer", "null"], "minimum": 0, "description": "null: unlimited"}
    return _document(
        "limits",
        "imcost limits --format json: each edition's quotas",
        {
            "pricebook": _ref("pricebook"),
            "limits": _map(_map(limit, "Quota id -> its limit"), "Edition id -> its quotas"),
        },
    )


def _pricebooks() -> dict[str, Any]:
    book = _object(
        {
            "id": _STRING,
            "name": _STRING,
            "vendor": _STRING,
            "region": _STRING,
            "currency": _CURRENCY,
            "not_listed": _list(_STRING),
            "versions": {**_list(_ref("pricebook")), "minItems": 1},
        }
    )
    return _document(
        "pricebooks", "imcost pricebooks --format json: every shipped price book", {"pricebooks": _list(book)}
    )


def _config() -> dict[str, Any]:
    place = _object(
        {
            "place": {**_STRING, "description": "$IMCOST_CONFIG, $XDG_CONFIG_HOME/imcost/config.yaml or ~/.config/..."},
            "path": {**_OPT_STRING, "description": "null: its variable is not set"},
            "state": {**_STRING, "description": "found, no such file, not set, or not looked at: why"},
        }
    )
    source = {"enum": ["config", "default"]}

    def value(kind: dict[str, Any]) -> dict[str, Any]:
        return _object({"value": kind, "source": source})

    values = _object(
        {
            "seller": value(_OPT_STRING),
            "contact": value(_OPT_STRING),
            "tax": value(_OPT_STRING),
            "valid_days": value(_COUNT),
            "lang": value({"enum": ["en", "zh", None], "description": "null: --lang, IMCOST_LANG or the locale"}),
            "pricebook": value({**_STRING, "description": "A shipped id, or a file's path"}),
        }
    )
    return _document(
        "config",
        "imcost config --format json: the config file in use and each value with where it came from",
        {
            "file": {**_OPT_STRING, "description": "The config file in use; null: none was found"},
            "searched": _list(place),
            "values": values,
        },
    )


_SCHEMAS = {
    "estimate": _estimate,
    "compare": _compare,
    "recommend": _recommend,
    "forecast": _forecast,
    "schedule": _schedule,
    "diff": _diff,
    "prices": _prices,
    "limits": _limits,
    "pricebooks": _pricebooks,
    "config": _config,
}
OUTPUTS = tuple(_SCHEMAS)


def output_schema(command: str) -> dict[str, Any]:
    """The JSON Schema of ``imcost COMMAND --format json``; an unknown name is bad input (with a guess)."""
    build = _SCHEMAS.get(command.strip().lower())
    if build is None:
        from imcost.fields import closest
        from imcost.textsafe import quoted

        guess = closest(command, OUTPUTS)
        hint = f"did you mean {quoted(guess)}?" if guess else "commands with JSON output: " + ", ".join(OUTPUTS)
        message = f"no command {quoted(command)} has a JSON output"
        raise InputError([InputProblem("--output", None, (), message, hint)])
    return build()
