"""CSV: one row per charged item, with a header line, for spreadsheets."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from imcost.engine import AppEstimate, Estimate
from imcost.i18n import DEFAULT
from imcost.render.common import CHUNK, CSV_COLUMNS, item_data
from imcost.textsafe import csv_writer


def header() -> list[str]:
    """The column ids: a machine format's names are the same in every language (descriptions follow it)."""
    return list(CSV_COLUMNS)


def write_rows(writer: Any, estimate: Estimate, lang: str = DEFAULT) -> None:
    """One row per item of ``estimate``, its month in the last column."""
    month = str(estimate.month)
    for app in estimate.apps:
        _write_app(writer, app, month, lang)


def _write_app(writer: Any, app: AppEstimate, month: str, lang: str) -> None:
    for item in app.items:
        data = item_data(item, lang)
        writer.writerow([app.app.name, app.edition.id, *(data[c] for c in CSV_COLUMNS[2:-1]), month])


def render(estimate: Estimate, lang: str = DEFAULT) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header())
    write_rows(writer, estimate, lang)
    return out.getvalue()


def render_chunks(estimate: Estimate, lang: str = DEFAULT) -> Iterator[str]:
    """render's text in pieces of about CHUNK characters, app by app, so no whole document is held."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(header())
    month = str(estimate.month)
    for app in estimate.apps:
        _write_app(writer, app, month, lang)
        if out.tell() >= CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()
