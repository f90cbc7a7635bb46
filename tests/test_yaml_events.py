"""The event builder of imcost.yamldoc against the node builder it replaces for most documents.

``yamldoc.load`` builds a document from the C parser's events and goes through
the composed node graph only for what the events can't settle alone (anchors and
aliases, YAML errors, a second document, a top-level scalar, deep nesting). Both
must give the same values (types included), the same line of every key path and
the same problems, for every file the project ships or tests and for each case
below.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from imcost import yamldoc
from imcost.errors import InputError
from imcost.yamldoc import NumberLike, YamlDoc

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    path
    for folder in ("samples", "tests/corpus", "tests/fixtures", "imcost/pricebooks")
    for path in (ROOT / folder).rglob("*.y*ml")
)


def shape(value: Any) -> Any:
    """``value`` with every leaf's type beside it: Decimal('1.0') is not Decimal('1.00'), NumberLike is not str."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    return (type(value).__name__, repr(value))


def outcome(load: Any) -> tuple[str, Any]:
    """What a builder made of a text: its document's data, lines and flow, or its problems."""
    try:
        doc: YamlDoc = load()
    except InputError as exc:
        return "problems", [(p.file, p.line, p.path, p.message, p.suggestion) for p in exc.problems]
    return "doc", (shape(doc.data), doc.lines, doc.flow)


def by_events(text: str) -> tuple[str, Any]:
    return outcome(lambda: yamldoc._EventBuilder(text, "f.yaml").load())


def by_nodes(text: str) -> tuple[str, Any]:
    return outcome(lambda: yamldoc._load_nodes(text, "f.yaml", "plan file"))


# Documents the events settle alone, with what the node builder makes of them.
HANDLED = {
    "plain": "edition: pro\nusage:\n  peak_dau: 25000\n",
    "every scalar kind": (
        "a: 1\nb: 1.5\nc: true\nd: ~\ne: 2026-12-01\nf: '12'\ng: 0100\nh: 1:30\ni: 1_000\nj: 0x1F\n"
        "k: -1\nl: 1e3\nm: -0\nn: yes\no: 2026-12-01T10:00:00Z\np: !!str 5\nq: !!int '7'\nr: 1.5e400\n"
        "s: +12\nt: 0.50\nu: Off\nv: null\nw: 012.5\n"
    ),
    "scalar problems": (
        "a: .inf\nb: .nan\nc: 2026-13-45\nd: 0.1234567890123456789012345678901234567890123\ne: !!float x\n"
    ),
    "nested lists and maps": (
        "apps:\n  - name: a\n    tags: [x, y, [z]]\n  - {name: b, n: {m: 1}}\n  -\n  - - 1\n    - 2\n"
    ),
    "flow document": '{"edition": "pro", "usage": {"peak_dau": 5}}',
    "flow list": "[1, 2, {a: b}]",
    "keys that are no strings": "1: a\ntrue: b\n~: c\n? \n: d\n1.5: e\n",
    "duplicate keys, values skipped": "a: 1\nb: [1, 2]\na: {x: !!bogus 1, y: 2}\nb: 3\n",
    "merge key": "a: 1\n<<: {b: 2}\nc: 3\n",
    "explicit merge tag on a list key": "? !!merge [a]\n: 1\nb: 2\n",
    "key that is a list or mapping": "? [a, b]\n: 1\n? {c: d}\n: [2, 3]\ne: 4\n",
    "unsupported tags": "a: !!python/object:os.system x\nb: !custom {c: !!set 1}\nc: !!binary aGk=\nd: !!seq {a: 1}\n",
    "long numbers": "a: " + "9" * 4301 + "\nb: -" + "9" * 4301 + "\nc: " + "9" * 4300 + "\n",
    "non-specific tag": "a: ! 12\nb: ! [1]\n",
    "empty values and comments": "# a comment\na:\nb: ''\nc: [] # x\nd: {}\n",
    "multi-line strings": "a: |\n  one\n  two\nb: >\n  three\n  four\nc: 'x\n  y'\n",
    "document markers": "---\na: 1\n...\n",
    "full-width digits": "a: １２３\nb: 0.５\n",
}

# Documents the events hand to the node builder, each for its own reason.
DEFERRED = {
    "anchor and alias": "a: &x {b: 1}\nc: *x\n",
    "anchor only": "a: &x 1\n",
    "alias in a skipped value": "a: &x 1\na: *x\n",
    "anchor on a key": "&k a: 1\n",
    "undefined alias": "a: *nowhere\n",
    "syntax error after a duplicate key": "a: 1\na: 2\nb: [\n",
    "second document": "a: 1\n---\nb: 2\n",
    "top-level scalar": "just some words\n",
    "top-level number": "42\n",
    "deep nesting": "a: " + "[" * 70 + "]" * 70 + "\n",
    "tab indent": "a:\n\tb: 1\n",
}


@pytest.mark.parametrize("name", list(HANDLED))
def test_the_events_build_what_the_nodes_build(name: str) -> None:
    text = HANDLED[name]
    assert by_events(text) == by_nodes(text)


@pytest.mark.parametrize("name", list(DEFERRED))
def test_what_the_events_cannot_settle_goes_to_the_nodes(name: str) -> None:
    text = DEFERRED[name]
    with pytest.raises(yamldoc._NeedsNodes):
        yamldoc._EventBuilder(text, "f.yaml").load()
    assert outcome(lambda: yamldoc.load(text, "f.yaml")) == by_nodes(text)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_shipped_and_tested_file_loads_the_same(path: Path) -> None:
    try:
        text = yamldoc.read_text(path, path.name)
    except InputError:
        return  # not text at all: read_text refuses it before either builder sees it
    try:
        events = by_events(text)
    except yamldoc._NeedsNodes:
        events = outcome(lambda: yamldoc.load(text, "f.yaml"))
    assert events == by_nodes(text)


def test_values_lines_and_problems_by_hand() -> None:
    text = "apps:\n  - name: a\n    n: 0100\n    m: 1.50\n  - name: b\n    n: 1.5e400\n    n: 2\n"
    assert by_events(text) == (
        "problems",
        [("f.yaml", 7, ("apps", 1, "n"), "duplicate key 'n' (first given on line 6)", None)],
    )
    doc = yamldoc._EventBuilder("apps:\n  - name: a\n    n: 0100\n    m: 1.50\n", "f.yaml").load()
    assert doc.data == {"apps": [{"name": "a", "n": "0100", "m": Decimal("1.50")}]}
    assert type(doc.data["apps"][0]["n"]) is NumberLike
    assert str(doc.data["apps"][0]["m"]) == "1.50"
    assert doc.lines == {
        (): 1,
        ("apps",): 1,
        ("apps", 0): 2,
        ("apps", 0, "name"): 2,
        ("apps", 0, "n"): 3,
        ("apps", 0, "m"): 4,
    }


def test_an_empty_document_has_no_data_and_no_lines() -> None:
    doc = yamldoc._EventBuilder("# only a comment\n", "f.yaml").load()
    assert (doc.data, doc.lines, doc.flow) == (None, {}, False)
