"""CSV: one row per charged item, with a header line, for spreadsheets."""

from __future__ import annotations

import io
from typing import Any

from imcost.engine import Estimate
from imcost.i18n import DEFAULT
from imcost.render.common import CSV_COLUMNS, item_data
from imcost.textsafe import csv_writer


def header() -> list[str]:
    """The column ids: a machine format's names are the same in every language (descriptions follow it)."""
    return list(CSV_COLUMNS)


def write_rows(writer: Any, estimate: Estimate, lang: str = DEFAULT) -> None:
    """One row per item of ``estimate``, its month in the last column."""
    month = str(estimate.month)
    for app in estimate.apps:
        for item in app.items:
            data = item_data(item, lang)
            writer.writerow([app.app.name, app.edition.id, *(data[c] for c in CSV_COLUMNS[2:-1]), month])


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header())
    write_rows(writer, estimate, lang)
    return out.getvalue()
