"""How wide a table may be, and the Rich tools that keep it readable at that width.

The width is the terminal's own, ``COLUMNS`` when set (for a terminal, a pipe or
a file alike), 100 otherwise. A table that needs more than the width is never
squeezed below its longest word or cut in an amount: it is laid out as blocks
instead, one per item, with ``label: value`` lines.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Column, Table
from rich.text import Text

from imcost import i18n
from imcost.i18n import colon

# The width of text that goes anywhere but a terminal, when COLUMNS says nothing.
DEFAULT_WIDTH = 100
# A larger COLUMNS is taken as this: an expanding table pads every line to the width.
MAX_WIDTH = 1000


def columns_env(environ: Mapping[str, str] | None = None) -> int | None:
    """``COLUMNS`` as a width: a positive whole number of ASCII digits, else None (unset or unusable)."""
    value = (os.environ if environ is None else environ).get("COLUMNS", "").strip()
    if not value.isascii() or not value.isdigit() or int(value) <= 0:
        return None
    return min(int(value), MAX_WIDTH)


def output_width(terminal: int | None = None, environ: Mapping[str, str] | None = None) -> int:
    """The width to lay text out at: ``COLUMNS`` when set, else the terminal's (``terminal``), else 100."""
    return columns_env(environ) or terminal or DEFAULT_WIDTH


def terminal_width(stream: TextIO) -> int | None:
    """The width of the terminal ``stream`` writes to, or None where it is not one (or says nothing)."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, OSError, ValueError):
        return None


# --- Line breaking: words, and Chinese between terms ------------------------

# A run of Chinese characters that is not a known term breaks after at most this many characters.
CJK_RUN = 6
# Punctuation that ends a run (a line may break after it, never before it) and that opens one.
CLOSING = set("，。；：、）》」』！？％…")
OPENING = set("（《「『")


def _is_cjk(character: str) -> bool:
    """A wide character that is a letter of a CJK script (not punctuation): 费, 版, ア, 한."""
    return unicodedata.east_asian_width(character) in "WF" and character not in CLOSING | OPENING


@functools.cache
def _terms() -> dict[str, tuple[str, ...]]:
    """The Chinese terms imcost prints, by first character, longest first: never broken inside.

    Every fee, quota and variable label whole; the other labels and the fixed words
    of Chinese sentences (the text between a template's placeholders and
    punctuation) when they are short enough to be a term rather than a clause.
    """
    said = i18n.RULE_TEXT["zh"]
    names = [*i18n.CURVE_VARIABLES.values(), *(text for key, text in said.items() if key.startswith("what."))]
    labels = [*i18n.FEES["zh"].values(), *i18n.QUOTAS["zh"].values()]
    # A label's subject is a term too: 私有群成员数 of 私有群成员数上限, said in "私有群成员数需要 200".
    stems = [label.removesuffix("上限") for label in labels]
    whole = [*labels, *stems, *names, *EXTRA_TERMS]
    found = set()
    for text in [*whole, *i18n.TEXT["zh"].values(), *said.values()]:
        for piece in re.split(r"\{[^}]*\}|[^\w·]|[A-Za-z0-9_]+", text):
            if len(piece) >= 2 and all(_is_cjk(c) for c in piece) and (text in whole or len(piece) <= 8):
                found.add(piece)
    by_first: dict[str, list[str]] = {}
    for term in found:
        by_first.setdefault(term[0], []).append(term)
    return {first: tuple(sorted(terms, key=len, reverse=True)) for first, terms in by_first.items()}


# Words of the price list that no label spells on its own.
EXTRA_TERMS = (
    "体验版",
    "专业版",
    "旗舰版",
    "超量费用",
    "无上限",
    "增值服务",
    "免费额度",
    "超量计费",
    "历史消息存储",
    "最低价",
    "扣量单位",
    "月包",
    "年包",
    "套餐包",
    "弹幕带宽",
    "音视频聊天室",
)


def _atoms(chunk: str) -> list[tuple[str, str]]:
    """A chunk without spaces as (kind, text): a term, a run of other CJK letters, punctuation, other text."""
    terms = _terms()
    atoms: list[tuple[str, str]] = []
    i = 0
    while i < len(chunk):
        character = chunk[i]
        term = next((t for t in terms.get(character, ()) if chunk.startswith(t, i)), None)
        if term is not None:
            atoms.append(("term", term))
            i += len(term)
            continue
        kind = (
            "close"
            if character in CLOSING
            else "open"
            if character in OPENING
            else "han"
            if _is_cjk(character)
            else "other"
        )
        if atoms and atoms[-1][0] == kind and kind in ("han", "other"):
            atoms[-1] = (kind, atoms[-1][1] + character)
        else:
            atoms.append((kind, character))
        i += 1
    # A run of CJK letters no term covers breaks every CJK_RUN characters.
    split: list[tuple[str, str]] = []
    for kind, text in atoms:
        if kind == "han":
            split += [("han", text[j : j + CJK_RUN]) for j in range(0, len(text), CJK_RUN)]
        else:
            split.append((kind, text))
    return split


def _breakable(before: str, after: str) -> bool:
    """Whether a line may break between two atoms of a chunk (kinds as from _atoms)."""
    if after == "close" or before == "open":
        return False
    return before == "close" or after == "open" or (before in ("term", "han") and after in ("term", "han"))


@functools.lru_cache(maxsize=4096)
def units(line: str) -> tuple[tuple[int, int], ...]:
    """Where ``line`` may not break: spans between which a line may break (and spaces dropped there).

    Text breaks at spaces; text with CJK letters also between terms, after closing
    punctuation and before opening punctuation, never inside a term.
    """
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", line):
        chunk, start = match.group(), match.start()
        if not any(unicodedata.east_asian_width(c) in "WF" for c in chunk):
            spans.append((start, match.end()))
            continue
        position, previous = start, ""
        for kind, text in _atoms(chunk):
            if previous and not _breakable(previous, kind):
                spans[-1] = (spans[-1][0], position + len(text))
            else:
                spans.append((position, position + len(text)))
            position += len(text)
            previous = kind
    return tuple(spans)


class Words:
    """Text that wraps between words, and in Chinese between terms and after punctuation.

    Its narrowest is its longest unbreakable unit, so a table column holding it
    never goes below that; a line longer than the width is folded only where one
    unit alone is wider than the whole width.
    """

    def __init__(self, text: str | Text, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def _lines(self) -> list[Text]:
        return list(self.text.split("\n", allow_blank=True))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self._lines()
        widest = max((cell_len(line.plain) for line in lines), default=0)
        longest = max((cell_len(line.plain[a:b]) for line in lines for a, b in units(line.plain)), default=0)
        return Measurement(longest, widest).with_maximum(options.max_width)

    def wrapped(self, width: int) -> Text:
        """The text with a line break wherever the next unit would pass ``width``."""
        out: list[Text] = []
        for line in self._lines():
            plain = line.plain
            start = used = end = 0  # the line so far: plain[start:end], ``used`` cells (a leading indent kept)
            for a, b in units(plain):
                gap = cell_len(plain[end:a])
                size = cell_len(plain[a:b])
                if end and used + gap + size > width:
                    out.append(line[start:end])
                    start, used = a, size
                else:
                    used += gap + size
                end = b
            out.append(line[start:end])
        return Text("\n").join(out)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = self.wrapped(options.max_width)
        text.overflow = "fold"
        yield text


def prose(text: str, lang: str, style: str = "") -> RenderableType:
    """A line for people: Chinese wraps between terms (Words), English at spaces as Rich does."""
    return Words(text, style) if lang == "zh" else Text(text, style=style)


# --- Tables that fit, or blocks ----------------------------------------------

# Wide enough to measure any table at its natural size.
_MEASURE_WIDTH = 10_000


def _cell_text(cell: RenderableType) -> Text:
    """A cell as text with its styles (cells are strings, Text or Words)."""
    if isinstance(cell, Words):
        return cell.text.copy()
    if isinstance(cell, Text):
        return cell.copy()
    return Text(str(cell))


def _cells(column: Column, table: Table) -> list[RenderableType]:
    """Every cell of a column that is drawn: header, rows, footer."""
    head = [column.header] if table.show_header else []
    foot = [column.footer] if table.show_footer else []
    return [*head, *column.cells, *foot]


def _widths(table: Table, column: Column, console: Console, options: ConsoleOptions) -> tuple[int, int]:
    """A column's narrowest and natural content width: a no-wrap or fixed column is never narrower than natural."""
    if column.width is not None:
        return column.width, column.width
    wide = options.update_width(_MEASURE_WIDTH)
    sizes = [Measurement.get(console, wide, cell) for cell in _cells(column, table)]
    natural = max((m.maximum for m in sizes), default=0)
    if column.no_wrap:
        return natural, natural
    return max((m.minimum for m in sizes), default=0), natural


def _frame(table: Table) -> int:
    """The cells a table's borders and padding take (as Rich lays them out: edges, separators, padding)."""
    count = len(table.columns)
    borders = (2 if table.box and table.show_edge else 0) + (count - 1 if table.box else 0)
    _, right, _, left = table.padding
    if table.collapse_padding:
        left, right = 0, abs(left - right)
    padding = (left + right) * count
    if not table.pad_edge and count:
        padding -= left + right
    return borders + padding


def fits(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether ``table`` can be drawn at the width without cutting an amount or breaking a word; when it can,
    its columns are set so that Rich never makes one narrower than that (Rich would, to fit the width).

    Amounts and other no-wrap columns keep their natural width; text columns give up
    space widest first, down to their longest word; a ratio column takes what is left.
    """
    columns = table.columns
    ranges = [_widths(table, column, console, options) for column in columns]
    room = options.max_width - _frame(table)
    if sum(most for _, most in ranges) <= room:
        return True
    if sum(least for least, _ in ranges) > room:
        return False
    # Text columns (not the ratio one, which takes what is left) shrink widest first, never below their longest word.
    shrinking = [c.width is None and not c.no_wrap and c.ratio is None for c in columns]
    widths = [least if c.ratio is not None else most for c, (least, most) in zip(columns, ranges, strict=True)]
    excess = sum(widths) - room
    while excess > 0:
        open_ = [i for i, ok in enumerate(shrinking) if ok and widths[i] > ranges[i][0]]
        if not open_:
            break
        widest = max(reversed(open_), key=lambda i: widths[i])  # ties: the rightmost first, as Rich does
        widths[widest] -= 1
        excess -= 1
    for column, width, shrinks in zip(columns, widths, shrinking, strict=True):
        if shrinks:
            column.width = width
    for column, (_, most) in zip(columns, ranges, strict=True):
        if column.no_wrap and column.width is None:
            column.min_width = max(column.min_width or 0, most)
    return True


def aligned(tables: list[Table], console: Console, options: ConsoleOptions) -> bool:
    """Whether ``tables``, printed one under another, can all be drawn at the width; when they
    can, their columns line up: each column as wide as the widest of its peers'.

    Each table is first fitted alone (fits); where the shared widths would not fit the
    width together, each keeps its own (readable, though not lined up) rather than
    becoming blocks. Tables of different columns are fitted each alone.
    """
    if not all(fits(table, console, options) for table in tables):
        return False
    if len(tables) < 2 or len({len(table.columns) for table in tables}) != 1:
        return True
    # A ratio column takes what is left of the width, so it lines up once every other column does.
    shared = [
        max(
            column.width if column.width is not None else _widths(table, column, console, options)[1]
            for table in tables
            for column in table.columns[index : index + 1]
        )
        for index in range(len(tables[0].columns))
    ]
    first = tables[0]
    ratio = [column.ratio is not None for column in first.columns]
    flexible = max(
        (
            _widths(table, column, console, options)[0]
            for table in tables
            for column, is_ratio in zip(table.columns, ratio, strict=True)
            if is_ratio
        ),
        default=0,
    )
    fixed = sum(width for width, is_ratio in zip(shared, ratio, strict=True) if not is_ratio)
    if fixed + flexible > options.max_width - _frame(first):
        return True
    for table in tables:
        for column, width, is_ratio in zip(table.columns, shared, ratio, strict=True):
            if is_ratio:
                continue
            if column.width is not None:
                column.width = width
            else:
                column.min_width = width
    return True


class Fitted:
    """A table where it fits the width; below the width it needs, one block per row of ``label: value`` lines.

    A block starts with the row's first cell (the fee, the edition, the value), or
    ``label: value`` for it too when ``label_first``; the footer row becomes
    ``Total: amount`` (or a block when it has several amounts).
    """

    def __init__(self, table: Table, lang: str, label_first: bool = False, peers: list[Table] | None = None) -> None:
        self.table = table
        self.lang = lang
        self.label_first = label_first
        # Tables printed together (an estimate's apps): all are tables, their columns lined up, or all are blocks.
        self.peers = peers if peers is not None else [table]
        if table not in self.peers:
            self.peers.append(table)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if aligned(self.peers, console, options):
            yield self.table
        else:
            yield Group(*self.blocks())

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.table)

    def _line(self, column: Column, cell: RenderableType, style: str = "") -> Text:
        """``label: value`` (``标签：值``), the label from the column's header."""
        label = _cell_text(column.header)
        label.append(colon(self.lang))
        label.stylize(style)
        return label.append_text(_cell_text(cell))

    def blocks(self) -> Iterator[RenderableType]:
        table = self.table
        columns = table.columns
        if table.title:
            yield Words(_cell_text(table.title))
        yield Text("")
        rows = [list(cells) for cells in zip(*(c.cells for c in columns), strict=True)]
        for index, row in enumerate(rows):
            if index:
                yield Text("")
            first, *rest = row
            yield Words(self._line(columns[0], first, "bold") if self.label_first else _cell_text(first))
            for column, cell in zip(columns[1:], rest, strict=True):
                if _cell_text(cell).plain.strip():
                    yield Padding(Words(self._line(column, cell)), (0, 0, 0, 2))
        if table.show_footer:
            yield Text("")
            first_footer = _cell_text(columns[0].footer)
            footers = [(c, c.footer) for c in columns[1:] if _cell_text(c.footer).plain.strip()]
            if len(footers) == 1:
                total = first_footer.append(colon(self.lang)).append_text(_cell_text(footers[0][1]))
                total.stylize("bold")
                yield Words(total)
            else:
                yield Words(first_footer)
                for column, footer in footers:
                    yield Padding(Words(self._line(column, footer)), (0, 0, 0, 2))
        yield Text("")
