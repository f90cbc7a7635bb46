"""Safe YAML loading that remembers where every value came from.

PyYAML's loaders silently keep the last of two equal keys and forget line
numbers, and a few nested anchors can expand into billions of nodes. imcost
builds the Python values itself from the safe (C when present) parser's events,
so it can report file:line for every key path, reject duplicate keys, and stop
alias bombs early. A document with anchors or aliases, or one the parser
refuses, is composed into PyYAML's node graph and built from that (``load``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from imcost.errors import InputError, InputProblem, KeyPath
from imcost.infile import MAX_FILE_BYTES as MAX_FILE_BYTES
from imcost.infile import (
    csv_like,
    daily_hint,
    display_name,
    empty,
    read_input,
    sniff_bytes,
    sniff_text,
    text_like,
    wrong_kind,
)
from imcost.textsafe import quoted

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# Aliases may repeat a node; this bounds how many values repeats may add, so a
# few nested anchors (an "alias bomb") fail fast instead of eating memory.
MAX_ALIAS_VALUES = 100_000
# Plans are a handful of levels deep; this bounds the builder's recursion so a
# file of deeply nested brackets gets a message, not a RecursionError.
MAX_DEPTH = 64
_TAG = "tag:yaml.org,2002:"
_COLLECTION_TAGS = (_TAG + "map", _TAG + "seq")
# Python refuses to read longer integers (sys.get_int_max_str_digits); no count
# comes near, so longer ones are reported as too large, not as a Python error.
MAX_DIGITS = 4300
_NUMBER_TAGS = (_TAG + "int", _TAG + "float")
# A tag is quoted whole up to this length (``tag:yaml.org,2002:python/object/apply:os.system``), cut past it.
MAX_TAG = 100
_constructor = yaml.constructor.SafeConstructor()
# These constructors read one scalar node and keep no state between calls.
_SCALARS: dict[str, Any] = {
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "timestamp": _constructor.construct_yaml_timestamp,
}


class NumberLike(str):
    """A plain scalar YAML 1.1 reads as a number not written as a plain decimal (``0100``, ``0x1F``, ``1:30``).

    Kept as written: a count or amount refuses it, saying how YAML 1.1 would have read
    it (imcost.fields), and a name keeps ``007`` as ``007``, not 7.
    """

    __slots__ = ()


@dataclass
class YamlDoc:
    """A loaded YAML document: plain values plus the line of every key path."""

    file: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    # The text is one {...} or [...] collection, as JSON is: a plan reader says "this looks like JSON"
    # for one with no plan key rather than listing its keys as unknown.
    flow: bool = False

    def line(self, path: KeyPath) -> int | None:
        """Line of ``path``, or of its nearest ancestor that exists."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def problem(self, path: KeyPath, message: str, suggestion: str | None = None) -> InputProblem:
        return InputProblem(self.file, self.line(path), path, message, suggestion)


def read_text(path: Path, display: str, kind: str = "plan file", form: str = "a YAML file") -> str:
    """Read a UTF-8 file of at most MAX_FILE_BYTES (a BOM is allowed) with imcost.infile.read_input.

    ``kind`` names what the file should be in messages (``plan file``, ``price book``),
    ``form`` what a directory given in its place should have been. An empty file,
    binary data or an HTML page is said in one line (imcost.infile.wrong_kind).
    """
    raw = read_input(path, display, kind, form)
    looks = sniff_bytes(raw)
    if looks is not None:
        raise wrong_kind(display, kind, looks, "save it as UTF-8" if "UTF-16" in looks else None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        raise InputError([InputProblem(display, line, (), message)]) from None
    if not text.strip():
        raise wrong_kind(display, kind, empty(display), _EMPTY_HINTS.get(kind))
    looks = sniff_text(text)
    if looks is not None:
        raise wrong_kind(display, kind, looks)
    return text


# What an empty file of each kind should have held.
_EMPTY_HINTS = {
    "plan file": "a plan needs at least `edition: pro`",
    "config file": "a config needs at least one key, e.g. seller: Example Sales",
}


def _csv_problem(text: str, display: str, kind: str) -> InputError | None:
    """A CSV file given where YAML goes, said in one line (with where daily usage goes, for a plan)."""
    looks = csv_like(text)
    if looks is None:
        return None
    return wrong_kind(display, kind, looks, daily_hint(kind) if "daily" in looks else None)


def load(text: str, display: str, kind: str = "plan file") -> YamlDoc:
    """Parse one YAML document from ``text``; ``display`` names it in errors, ``kind`` says what it is.

    Most documents are built straight from the C parser's events, so the node graph
    (a node and two marks per value, most of a large plan's memory) is never held.
    A document the events can't settle alone (an anchor or alias, a YAML error, a
    second document, a top-level scalar, nesting past MAX_DEPTH) is composed into
    nodes and built from them instead, which gives every message as before.
    """
    try:
        return _EventBuilder(text, display).load()
    except _NeedsNodes:
        return _load_nodes(text, display, kind)


def _load_nodes(text: str, display: str, kind: str) -> YamlDoc:
    """``load`` through PyYAML's composed node graph."""
    doc = YamlDoc(display, None, flow=_flow(text))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        # A CSV with quoted cells is no YAML: say it is a CSV rather than where YAML gave up.
        raise _csv_problem(text, display, kind) or _yaml_problem(exc, text, display, kind) from None
    if node is None:
        return doc
    if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "str":
        # Every imcost input is a mapping: a document that is one string is some other text.
        problem = _csv_problem(text, display, kind)
        if problem is not None:
            raise problem
        if node.end_mark.line > node.start_mark.line:
            raise wrong_kind(display, kind, text_like(text))
    builder = _Builder(doc, aliases="*" in text)
    doc.lines[()] = node.start_mark.line + 1
    doc.data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return doc


def _flow(text: str) -> bool:
    """Whether the text is one {...} or [...] collection, as JSON is."""
    return text.lstrip()[:1] in ("{", "[")


def _yaml_problem(exc: yaml.YAMLError, text: str, display: str, kind: str) -> InputError:
    """The one-line InputError of a text PyYAML can't read: where and why, with a hint when one helps."""
    if isinstance(exc, yaml.reader.ReaderError):
        at = text.count("\n", 0, exc.position) + 1
        return InputError([InputProblem(display, at, (), f"invalid YAML: {_reader_problem(exc)}")])
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        hints = []
        start = exc.context_mark
        if what == "but found another document":
            hints.append(f"a {kind} holds one YAML document; remove the '---' line")
        elif exc.problem and exc.context and start is not None and start.line + 1 != line:
            # An unclosed quote or bracket is found far from where it was opened.
            hints.append(f"{exc.context} that starts on line {start.line + 1}")
        if line is not None and "\t" in "".join(text.splitlines()[line - 1 : line]):
            hints.append("YAML indents with spaces, not tabs")
        hint = "; ".join(hints) or None
        return InputError([InputProblem(display, line, (), f"invalid YAML: {what}", hint)])
    return InputError([InputProblem(display, None, (), f"invalid YAML: {exc}")])


def _reader_problem(exc: yaml.reader.ReaderError) -> str:
    """What a ReaderError is about, in one line without PyYAML's position dump."""
    if isinstance(exc.character, int):
        return f"control character #x{exc.character:04x} is not allowed in YAML"
    return str(exc.reason)


def load_file(path: Path, display: str | None = None, kind: str = "plan file") -> YamlDoc:
    """Read and parse a YAML file."""
    name = display if display is not None else display_name(path)
    return load(read_text(path, name, kind), name, kind)


class _Values:
    """What both builders share: the document, its problems, and how a scalar becomes a value."""

    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.problems: list[InputProblem] = []

    def fail_at(self, line: int, path: KeyPath, message: str, suggestion: str | None = None) -> None:
        self.problems.append(InputProblem(self.doc.file, line, path, message, suggestion))

    def duplicate(self, line: int, key: str, child: KeyPath) -> None:
        first = self.doc.lines.get(child)
        self.fail_at(line, child, f"duplicate key {quoted(key)} (first given on line {first})")

    def scalar(self, tag: str, text: str, line: int, path: KeyPath) -> Any:
        """The value of a scalar resolved to ``tag``; ``line`` is where it starts, for problems."""
        if tag == _TAG + "str":
            return text
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "int" and text.isascii() and text.isdigit() and text[0] != "0":
            if len(text) > MAX_DIGITS:
                self.fail_at(line, path, f"a number of {len(text):,} digits is larger than imcost accepts")
                return None
            return int(text)  # the common case, without PyYAML's sign, base and sexagesimal parsing
        if tag in _NUMBER_TAGS:
            # YAML 1.1 reads 0100 as octal, 1:30 as sexagesimal, 1_000 as 1000: imcost takes plain decimals only.
            from imcost.numtext import form_problem

            if form_problem(text) is not None:
                return NumberLike(text)
        if tag == _TAG + "float":
            return self.decimal(text, line, path)
        if tag == _TAG + "int" and len(text) > MAX_DIGITS:
            self.fail_at(line, path, f"a number of {len(text):,} digits is larger than imcost accepts")
            return None
        construct = _SCALARS.get(tag)
        if construct is None:
            self.fail_at(line, path, f"unsupported YAML tag {quoted(tag, MAX_TAG)}")
            return None
        try:
            # The constructors read only the node's value; where it came from is ``line``.
            return construct(yaml.ScalarNode(tag, text))
        except (ValueError, OverflowError, yaml.constructor.ConstructorError) as exc:
            self.fail_at(line, path, f"cannot read {quoted(text)}: {str(exc).split(';')[0]}")
            return None

    def decimal(self, text: str, line: int, path: KeyPath) -> Decimal | None:
        from imcost.numtext import MAX_DIGITS_BEFORE_POINT, fine_message, too_fine

        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite():
            self.fail_at(line, path, f"expected a finite number, got {quoted(text)}")
            return None
        # Past this size the reader says "larger than imcost accepts"; only finer digits are refused here.
        if value.adjusted() < MAX_DIGITS_BEFORE_POINT and too_fine(value):
            self.fail_at(line, path, *fine_message(quoted(text)))
            return None
        return value


class _NeedsNodes(Exception):
    """The document needs the composed node graph (see ``load``)."""


_SCALAR = yaml.ScalarEvent
_SEQUENCE = yaml.SequenceStartEvent
_MAPPING = yaml.MappingStartEvent
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_MERGE = _TAG + "merge"
_intern = sys.intern


class _EventBuilder(_Values):
    """Builds the values and lines of a document from the C parser's events, as _Builder does from nodes.

    Each decision is _Builder's, in the same order, so values, lines and problems are
    the same; anything it can't settle without the node graph raises _NeedsNodes.
    """

    def __init__(self, text: str, display: str) -> None:
        super().__init__(YamlDoc(display, None, flow=_flow(text)))
        self.parser = _Loader(text)
        self.next = self.parser.get_event
        self.resolve = self.parser.resolve

    def load(self) -> YamlDoc:
        try:
            try:
                return self.document()
            except yaml.YAMLError:
                raise _NeedsNodes from None
        finally:
            self.parser.dispose()

    def document(self) -> YamlDoc:
        doc = self.doc
        self.next()  # the stream's start
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return doc
        root = self.next()  # after the document's start
        if isinstance(root, _SCALAR):
            # A top-level scalar may be some other text: the node path says which.
            raise _NeedsNodes
        doc.lines[()] = root.start_mark.line + 1
        doc.data = self.build(root, ())
        self.next()  # the document's end
        if not isinstance(self.next(), yaml.StreamEndEvent):
            raise _NeedsNodes  # a second document
        if self.problems:
            raise InputError(self.problems)
        return doc

    def tag(self, event: Any) -> str:
        """The node's tag as the C composer resolves it."""
        tag: str | None = event.tag
        if tag is not None and tag != "!":
            return tag
        if type(event) is _SCALAR:
            return str(self.resolve(yaml.ScalarNode, event.value, event.implicit))
        return _TAG + "seq" if type(event) is _SEQUENCE else _TAG + "map"

    def build(self, event: Any, path: KeyPath) -> Any:
        """The value of the node that starts with ``event``, its events read to its end."""
        if event.anchor is not None or len(path) > MAX_DEPTH:
            raise _NeedsNodes  # an anchor or alias (AliasEvent has .anchor too), or too deep
        kind = type(event)
        if kind is _SCALAR:
            return self.scalar(self.tag(event), event.value, event.start_mark.line + 1, path)
        tag = self.tag(event)
        if tag not in _COLLECTION_TAGS:
            self.fail_at(event.start_mark.line + 1, path, f"unsupported YAML tag {quoted(tag, MAX_TAG)}")
            self.skip(event)
            return None
        if kind is _MAPPING:
            return self.mapping(path)
        items = []
        lines = self.doc.lines
        item = self.next()
        i = 0
        while type(item) is not yaml.SequenceEndEvent:
            child = (*path, i)
            lines[child] = item.start_mark.line + 1
            items.append(self.build(item, child))
            item = self.next()
            i += 1
        return items

    def mapping(self, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        lines = self.doc.lines
        key_event = self.next()
        while type(key_event) is not yaml.MappingEndEvent:
            if key_event.anchor is not None:
                raise _NeedsNodes
            line = key_event.start_mark.line + 1
            if self.merge(key_event):
                self.fail_at(line, path, "merge keys (<<) are not supported; write the keys out")
                self.skip(key_event)
                self.skip(self.next())
            elif type(key_event) is not _SCALAR:
                self.fail_at(line, path, "a key must be a plain word, not a list or mapping")
                self.skip(key_event)
                self.skip(self.next())
            else:
                key = _intern(key_event.value)
                child = (*path, key)
                if key in result:
                    self.duplicate(line, key, child)
                    self.skip(self.next())
                else:
                    lines[child] = line
                    result[key] = self.build(self.next(), child)
            key_event = self.next()
        return result

    def merge(self, key_event: Any) -> bool:
        """Whether a key is a merge key (``<<``), resolving its tag only when it could be one."""
        tag = key_event.tag
        if type(key_event) is _SCALAR and (tag is None or tag == "!") and key_event.value[:1] != "<":
            # Only "<<" resolves to the merge tag (PyYAML registers that resolver under "<"), so
            # the common key skips the resolver's regular expressions.
            return False
        return self.tag(key_event) == _MERGE

    def skip(self, event: Any) -> None:
        """Read to the end of the node that starts with ``event``, building nothing."""
        if event.anchor is not None:
            raise _NeedsNodes
        if type(event) is _SCALAR:
            return
        depth = 1
        while depth:
            event = self.next()
            if getattr(event, "anchor", None) is not None:
                raise _NeedsNodes
            kind = type(event)
            if kind is _SEQUENCE or kind is _MAPPING:
                depth += 1
            elif kind in _ENDS:
                depth -= 1


class _Builder(_Values):
    """Turns composed nodes into Python values, recording lines and problems."""

    def __init__(self, doc: YamlDoc, aliases: bool = True) -> None:
        super().__init__(doc)
        # Without a '*' in the text there is no alias, so no node is visited twice
        # and the bookkeeping that stops alias bombs can be skipped.
        self.aliases = aliases
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.repeated = 0

    def fail(self, node: yaml.Node, path: KeyPath, message: str, suggestion: str | None = None) -> None:
        self.fail_at(node.start_mark.line + 1, path, message, suggestion)

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if len(path) > MAX_DEPTH:
            self.abort(node, path[:4], f"values are nested more than {MAX_DEPTH} levels deep")
        if self.aliases:
            self.check_alias(node, path)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node.tag, node.value, node.start_mark.line + 1, path)
        if node.tag not in _COLLECTION_TAGS:
            self.fail(node, path, f"unsupported YAML tag {quoted(node.tag, MAX_TAG)}")
            return None
        if not self.aliases:
            return self.collection(node, path)
        key = id(node)
        self.active.add(key)
        try:
            return self.collection(node, path)
        finally:
            self.active.discard(key)

    def check_alias(self, node: yaml.Node, path: KeyPath) -> None:
        """Stop an alias that contains itself, or aliases that repeat too many values."""
        key = id(node)
        if key in self.seen:
            if key in self.active:
                self.abort(node, path, "an alias refers to the anchor that contains it")
            self.repeated += 1
            if self.repeated > MAX_ALIAS_VALUES:
                self.abort(
                    node,
                    path,
                    f"aliases expand the document by more than {MAX_ALIAS_VALUES:,} values "
                    "(anchors nested inside anchors?)",
                )
        self.seen.add(key)

    def collection(self, node: yaml.Node, path: KeyPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        items = []
        lines = self.doc.lines
        for i, item in enumerate(node.value):
            child = (*path, i)
            lines[child] = item.start_mark.line + 1
            items.append(self.build(item, child))
        return items

    def abort(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        self.fail(node, path, message)
        raise InputError(self.problems)

    def mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.fail(key_node, path, "merge keys (<<) are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "a key must be a plain word, not a list or mapping")
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                self.duplicate(key_node.start_mark.line + 1, key, child)
                continue
            self.doc.lines[child] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, child)
        return result
