"""Shell completion of values: edition names for compare's EDITION arguments, shipped ids for --pricebook.

Typer calls these with what has been typed of the word (``incomplete``); they
answer the accepted values that start with it, case-insensitively, in the
price book's order. A file given to --pricebook is completed by the shell.
"""

from __future__ import annotations

import typer

from imcost.errors import ImcostError
from imcost.pricebook import SHIPPED_BOOKS, load_book


def pricebook_ids(incomplete: str) -> list[str]:
    """The shipped price-book ids that start with ``incomplete``."""
    return [book_id for book_id in SHIPPED_BOOKS if book_id.casefold().startswith(incomplete.casefold())]


def edition_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Every name an edition goes by (``pro``, ``professional``, ``专业版``) that starts with ``incomplete``.

    The names are those of the book ``--pricebook`` names when it was typed
    before (and can be read), else of the default book's latest version.
    """
    ref = ctx.params.get("pricebook")
    try:
        book = load_book(ref).latest
    except ImcostError:
        book = load_book(None).latest
    wanted = incomplete.casefold()
    return [name for name in book.edition_names() if name.casefold().startswith(wanted)]


def output_names(incomplete: str) -> list[str]:
    """The commands with a JSON output (``imcost schema --output COMMAND``) that start with ``incomplete``."""
    from imcost.outschema import OUTPUTS

    return [name for name in OUTPUTS if name.startswith(incomplete.casefold())]
