"""CSV: one row per charged item, with a header line, for spreadsheets."""

from __future__ import annotations

import io

from imcost.engine import Estimate
from imcost.i18n import DEFAULT, t
from imcost.render.common import CSV_COLUMNS, item_data
from imcost.textsafe import csv_writer

# Header labels in Chinese; the English header is the column ids themselves.
_ZH_HEADER = {"app": "应用", "discount_percent": "折扣率"}


def header(lang: str = DEFAULT) -> list[str]:
    if lang == DEFAULT:
        return list(CSV_COLUMNS)
    return [_ZH_HEADER.get(c) or t(c, lang) for c in CSV_COLUMNS]


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header(lang))
    for app in estimate.apps:
        for item in app.items:
            data = item_data(item, lang)
            writer.writerow([app.app.name, app.edition.id, *(data[c] for c in CSV_COLUMNS[2:])])
    return out.getvalue()
