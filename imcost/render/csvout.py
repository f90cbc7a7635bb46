"""CSV: one row per charged item, with a header line, for spreadsheets."""

from __future__ import annotations

import csv
import io

from imcost.engine import Estimate
from imcost.render.common import CSV_COLUMNS, item_data


def render(estimate: Estimate) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for app in estimate.apps:
        for item in app.items:
            data = item_data(item)
            writer.writerow([app.app.name, app.edition.id, *(data[c] for c in CSV_COLUMNS[2:])])
    return out.getvalue()
