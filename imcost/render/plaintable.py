"""Tables for a pipe or a file written as plain text directly: the same text Rich would print, without its layout.

Rich lays out each small table in about 3 ms (measuring every cell through its
renderables), which is most of the time of a 10,000-app estimate printed as a
table. Where the output is not a terminal there are no colours to draw, so the
tables imcost prints (render.fit.Fitted: one ratio column of words, the others
no-wrap; the SIMPLE_HEAD box; a header, a footer and a title) are laid out here
by the same rules Rich follows:

- the no-wrap columns take their widest cell (at least their ``min_width``), the
  ratio column what is left of the width (Rich's ``expand`` with a ratio);
- whether a table fits, or is printed as blocks, is render.fit.fits's answer,
  given here from the cells' widths (every table of an estimate alike);
- the ratio column's cells wrap as render.fit.Words does, and a unit wider than
  the column is cut as Rich's fold cuts it (rich.cells.chop_cells).

Anything else (another box, a title that wraps, blocks, an encoding without
UTF-8, control characters) is left to Rich: ``table_text`` returns None and the
caller prints the renderable as before. Lines of text between the tables that need no
wrapping are written as they are. tests/test_plaintable.py and the golden
test hold the two to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Group, RenderableType
from rich.table import Column, Table
from rich.text import Text

from imcost.render.columns import width as _cells  # cells a line takes, ASCII one each
from imcost.render.fit import Fitted, Words, units

# Characters Rich would treat differently from plain text (tabs expand, others are control codes).
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f]")

# The last answer of _all_fit: (peers list, width, answer); an estimate's tables share one peers list.
_fit_memo: list[tuple[list[Table], int, Layout | None]] = []

# render.fit lines up the columns of tables printed together (render.fit.aligned): each no-wrap column as
# wide as the widest of its peers', where that fits the width. The writer does the same; a test turns it off
# with render.fit.aligned to compare against tables laid out each on its own.
_ALIGNED = True


def _plain(cell: RenderableType) -> str | None:
    """A cell's text, or None for a renderable this writer does not lay out."""
    if isinstance(cell, Words):
        return cell.text.plain
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return cell
    return None


def _safe(text: str) -> bool:
    return _UNSAFE.search(text) is None


def _column_texts(column: Column, table: Table) -> list[str] | None:
    """Header, cells and footer of a column as text (None where one is not plain text)."""
    texts = [_plain(column.header), *(_plain(cell) for cell in column.cells), _plain(column.footer)]
    if any(text is None or not _safe(text) for text in texts):
        return None
    return [text for text in texts if text is not None]


def _widest(text: str) -> int:
    if "\n" not in text:
        return _cells(text)
    return max(_cells(line) for line in text.split("\n"))


def _least(cell: RenderableType, text: str) -> int:
    """The narrowest a cell of the ratio column goes, as Rich measures it (Words: its longest unit)."""
    if isinstance(cell, Words):
        return max((_cells(line[a:b]) for line in text.split("\n") for a, b in units(line)), default=0)
    words = text.split()
    return max((_cells(word) for word in words), default=_widest(text))


def _shape(table: Table) -> bool:
    """Whether the table is one this writer lays out exactly as Rich does."""
    columns = table.columns
    return bool(
        table.box is box.SIMPLE_HEAD
        and table.expand
        and table.show_header
        and table.show_footer
        and table.show_edge
        and not table.show_lines
        and not table.leading
        and table.padding == (0, 1, 0, 1)
        and table.pad_edge
        and not table.collapse_padding
        and table.width is None
        and table.min_width is None
        and table.caption is None
        and table.title_justify == "left"
        and isinstance(table.title, str)
        and columns
        and columns[0].ratio == 1
        and all(c.ratio is None and c.no_wrap for c in columns[1:])
        and all(c.width is None and c.max_width is None and c.vertical == "top" for c in columns)
        and columns[0].min_width is None
        and columns[0].overflow == "fold"
        and all(c.justify in ("left", "right") for c in columns)
        and not any(row.end_section for row in table.rows)
    )


# A table's columns as text (header, cells, footer), the no-wrap columns' natural widths, the ratio column's
# narrowest.
Measured = tuple[list[list[str]], list[int], int]


@dataclass(frozen=True)
class Layout:
    """Tables printed together all fit the width; ``shared``: their no-wrap columns' common widths, if any."""

    shared: list[int] | None


# What _all_fit measured of each table, by id, until table_text writes it (the tables are alive till then).
_measured: dict[int, Measured] = {}


def _measure(table: Table) -> Measured | None:
    """The table's text and widths, or None where a cell is not plain text."""
    columns: list[list[str]] = []
    naturals: list[int] = []
    least = 0
    for index, column in enumerate(table.columns):
        texts = _column_texts(column, table)
        if texts is None:
            return None
        if index == 0:
            cells = [column.header, *column.cells, column.footer]
            least = max(_least(cell, text) for cell, text in zip(cells, texts, strict=True))
        elif any("\n" in text for text in texts):
            return None
        else:
            naturals.append(max(_widest(text) for text in texts))
        columns.append(texts)
    return columns, naturals, least


def _fits(table: Table, width: int) -> bool | None:
    """render.fit.fits for a table of this shape: its no-wrap columns whole and the ratio column's longest word.

    None where the table is not one this writer lays out.
    """
    if not _shape(table):
        return None
    found = _measure(table)
    if found is None:
        return None
    _measured[id(table)] = found
    _, naturals, least = found
    count = len(table.columns)
    room = width - (count + 1) - 2 * count
    return sum(naturals) + least <= room


def _shared(peers: list[Table], width: int) -> list[int] | None:
    """The no-wrap columns' widths shared by tables printed together (render.fit.aligned), or None: each its own."""
    found = [_measured[id(peer)] for peer in peers]
    if not _ALIGNED or len(found) < 2 or len({len(naturals) for _, naturals, _ in found}) != 1:
        return None
    shared = [max(column) for column in zip(*(naturals for _, naturals, _ in found), strict=True)]
    flexible = max(least for _, _, least in found)
    count = len(shared) + 1
    if sum(shared) + flexible > width - (count + 1) - 2 * count:
        return None
    return shared


def _all_fit(peers: list[Table], width: int) -> Layout | None:
    """Whether every table printed together fits, and the widths they share; None where one of them is not for
    this writer, or they are blocks. Remembered for the next table of the same peers.
    """
    if _fit_memo and _fit_memo[0][0] is peers and _fit_memo[0][1] == width:
        return _fit_memo[0][2]
    fitting: bool | None = True
    for peer in peers:
        fitting = _fits(peer, width)
        if not fitting:
            break
    answer = Layout(_shared(peers, width)) if fitting else None
    if answer is None:
        for peer in peers:
            _measured.pop(id(peer), None)
    _fit_memo[:] = [(peers, width, answer)]
    return answer


def _wrap(text: str, width: int) -> list[str] | None:
    """A ratio-column cell's lines at ``width``, as render.fit.Words.wrapped and Rich's fold make them."""
    lines: list[str] = []
    for line in text.split("\n"):
        pieces: list[str] = []
        start = used = end = 0
        for a, b in units(line):
            gap = _cells(line[end:a])
            size = _cells(line[a:b])
            if end and used + gap + size > width:
                pieces.append(line[start:end])
                start, used = a, size
            else:
                used += gap + size
            end = b
        pieces.append(line[start:end])
        for piece in pieces:
            if _cells(piece) <= width:
                lines.append(piece)
            elif " " in piece:
                return None  # an indent before a long word: Rich's word wrap, not a plain fold
            else:
                lines += chop_cells(piece, width)
    return lines


def _pad(text: str, width: int, justify: str) -> str:
    space = " " * (width - _cells(text))
    return text + space if justify == "left" else space + text


def _line_text(part: Text | Words, width: int) -> str | None:
    """A line that needs no wrapping, as Rich prints it: as it is (a blank line too)."""
    line = part if isinstance(part, Text) else part.text
    if line.justify not in (None, "default", "left") or line.end != "\n":
        return None
    text = line.plain
    if "\n" in text or not _safe(text) or _cells(text) > width:
        return None
    return text.rstrip() + "\n"


def plain_text(part: RenderableType, width: int, encoding: str, layout: Layout | None = None) -> str | None:
    """The text Rich prints for ``part`` at ``width`` with no colour (lines without trailing blanks, each ending
    in a newline), or None where this writer does not lay it out and Rich must.

    It lays out the tables of render.fit.Fitted and a line of text that fits the width
    (the blank lines and notes between an estimate's tables). ``layout``: the tables'
    layout worked out ahead (in_turn), else from the table's peers.
    """
    if not _utf(encoding):
        return None  # Rich draws ASCII boxes there
    if type(part) is Text or type(part) is Words:
        return _line_text(part, width)
    if not isinstance(part, Fitted):
        return None
    table = part.table
    if layout is None:
        layout = _all_fit(part.peers, width)
        if layout is None:
            return None  # blocks, or a table of another shape: Rich prints them
    if not _title_fits(table, width):
        return None
    found = _measured.pop(id(table), None) or _measure(table)
    if found is None:
        return None
    texts, naturals, _ = found
    columns = table.columns
    widths = _widths(table, naturals, layout.shared, width)
    if widths is None:
        return None
    justify = [column.justify for column in columns]

    rows = [[text[i] for text in texts] for i in range(len(table.rows) + 2)]
    out = [str(table.title), ""]
    for index, row in enumerate(rows):
        first = _wrap(row[0], widths[0])
        if first is None:
            return None
        cells = [first, *([cell] for cell in row[1:])]
        height = max(len(cell) for cell in cells)
        if index == len(rows) - 1:
            out.append("")  # the SIMPLE_HEAD box's line above the footer: blank
        for line_no in range(height):
            line = " ".join(
                " " + _pad(cell[line_no] if line_no < len(cell) else "", size, how) + " "
                for cell, size, how in zip(cells, widths, justify, strict=True)
            )
            out.append((" " + line).rstrip())
        if index == 0:
            out.append(" " + "─" * (width - 2))
    out.append("")
    return "\n".join(out) + "\n"


def _utf(encoding: str) -> bool:
    return encoding.lower().replace("-", "").startswith("utf")


def _title_fits(table: Table, width: int) -> bool:
    """Whether the title is one line of plain text within the width (else Rich wraps it)."""
    title = table.title
    assert isinstance(title, str)  # _shape
    return "\n" not in title and cell_len(title) <= width and _safe(title)


def _widths(table: Table, naturals: list[int], shared: list[int] | None, width: int) -> list[int] | None:
    """The columns' widths without padding, the ratio column first; None where Rich would lay them out otherwise."""
    columns = table.columns
    count = len(columns)
    inner = width - (count + 1)  # Rich's max width for the columns with their padding
    if shared is not None:
        fixed = [size + 2 for size in shared]
    else:
        fixed = [max(natural, column.min_width or 0) + 2 for natural, column in zip(naturals, columns[1:], strict=True)]
    if any(size > inner for size in fixed):
        return None
    flexible = inner - sum(fixed)
    if flexible < 3:
        return None
    return [flexible - 2, *(size - 2 for size in fixed)]


def _folds(texts: list[str]) -> int:
    """The narrowest ratio column ``texts`` wrap at without _wrap giving up: 0, or the widest piece that starts
    with an indent (or holds a space) and is one unit long, which Rich would word-wrap rather than fold.

    _wrap makes a piece wider than the column only of one unit (with the line's indent, for its first piece).
    """
    widest = 0
    for text in texts:
        for line in text.split("\n"):
            for index, (a, b) in enumerate(units(line)):
                piece = line[:b] if index == 0 else line[a:b]
                if " " in piece:
                    widest = max(widest, _cells(piece))
    return widest


@dataclass
class _Ahead:
    """What an estimate's tables need of the width, gathered one table at a time so that none is kept."""

    plain: bool = True  # each table is of this writer's shape and fits alone (_fits), its title too
    own: bool = True  # each table can be written at its own widths (_widths, _wrap)
    naturals: list[list[int]] = field(default_factory=list)  # each table's no-wrap columns' widest cells
    least: int = 0  # the ratio column's narrowest, over every table
    folds: int = 0  # _folds over every table

    def add(self, table: Table, width: int) -> None:
        found = _measure(table) if _shape(table) else None
        if found is None or not _title_fits(table, width):
            self.plain = False
            return
        texts, naturals, least = found
        count = len(table.columns)
        if sum(naturals) + least > width - (count + 1) - 2 * count:
            self.plain = False  # as _fits: this table is printed as blocks, so all are
            return
        folds = _folds(texts[0])
        widths = _widths(table, naturals, None, width)
        self.own = self.own and widths is not None and folds <= widths[0]
        self.naturals.append(naturals)
        self.least = max(self.least, least)
        self.folds = max(self.folds, folds)


def in_turn(output: RenderableType, width: int, encoding: str) -> tuple[Iterable[RenderableType], Layout | None]:
    """The parts ``output`` prints, in order, and the layout of its tables where it is known before any is made.

    An estimate's tables (render.table.Tables) are made and measured one at a time,
    then dropped; where this writer will write every one of them, they are made
    again one at a time as they are written, so no two are held at once (a
    10,000-app estimate's Rich tables took about 80 MB together). Otherwise, and
    for any other renderable, the parts are made as before, all of them first.
    """
    from imcost.render.table import Tables

    if isinstance(output, Group):
        return output.renderables, None
    if not isinstance(output, Tables):
        return [output], None
    if _utf(encoding):
        ahead = _Ahead()
        for part in output.parts(None):
            if isinstance(part, Fitted):
                ahead.add(part.table, width)
                if not ahead.plain:
                    break
        layout = _layout_ahead(ahead, width)
        if layout is not None:
            return _placed(output.parts(None), layout), layout
    return output.group().renderables, None


def _placed(parts: Iterable[RenderableType], layout: Layout) -> Iterator[RenderableType]:
    """``parts`` with each table's no-wrap columns at the widths shared with its peers, as render.fit.aligned
    sets them, so a table this writer leaves to Rich after all is laid out as among its peers."""
    for part in parts:
        if layout.shared is not None and isinstance(part, Fitted):
            for column, size in zip(part.table.columns[1:], layout.shared, strict=True):
                if column.width is None:
                    column.min_width = size
        yield part


def _layout_ahead(ahead: _Ahead, width: int) -> Layout | None:
    """_all_fit's answer from what was gathered, where plain_text will then write every table; else None."""
    if not ahead.plain:
        return None
    found = ahead.naturals
    shared = None
    if _ALIGNED and len(found) >= 2 and len({len(naturals) for naturals in found}) == 1:
        # As _shared: where the common widths fit, every table takes them.
        widest = [max(column) for column in zip(*found, strict=True)]
        count = len(widest) + 1
        if sum(widest) + ahead.least <= width - (count + 1) - 2 * count:
            shared = widest
    if shared is None:
        return Layout(None) if ahead.own else None
    inner = width - (len(shared) + 2)
    fixed = [size + 2 for size in shared]
    flexible = inner - sum(fixed)
    if any(size > inner for size in fixed) or flexible < 3 or ahead.folds > flexible - 2:
        return None
    return Layout(shared)
