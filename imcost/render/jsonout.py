"""JSON: one document, sorted keys, amounts as strings; a stable interface for scripts."""

from __future__ import annotations

import json
from typing import Any

from imcost.engine import Estimate
from imcost.render.common import estimate_data


def dumps(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def render(estimate: Estimate) -> str:
    return dumps(estimate_data(estimate))
