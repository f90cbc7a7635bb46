"""The bad-input corpus: hostile or mistaken files and flag sets, each run as its own imcost process.

Every case must exit 2 with one message on stderr that names the file (and the
line and key path or column) or the flag, print nothing on stdout, show no
traceback, take well under a second of CPU and stay small in memory.

- tests/corpus/*.yaml: plan files, run as ``imcost estimate FILE --format json``;
- tests/corpus/daily/*.csv: daily usage files, given to a good plan with ``--daily``;
- tests/corpus/pricebooks/*.yaml, plus mistakes written into a copy of the shipped
  price book here (so lines match the real file): given with ``--pricebook``;
- FLAGS: bad flag sets for every command; huge files, directories and endless
  devices are made in tmp_path, not committed.

Files keep their bytes exactly as written (BOMs, CRLF, Latin-1, UTF-16). The cases
run through tests/forkrun.py: one interpreter loads imcost and forks a child per
case, so the 0.3 s start-up (measured by benchmarks/run.py) is paid once, and a hang
or a memory blow-up stops only its own child.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from imcost.yamldoc import MAX_FILE_BYTES

from .forkrun import Outcome

SAMPLE_BOOK = Path(__file__).resolve().parent.parent / "samples" / "pricebook-2027.yaml"

TESTS = Path(__file__).resolve().parent
CORPUS = TESTS / "corpus"
DAILY = CORPUS / "daily"
BOOKS = CORPUS / "pricebooks"
SHIPPED_BOOK = TESTS.parent / "imcost" / "pricebooks" / "tencent-im.yaml"
# A good single-app plan: in the flag sets, the flag is the only mistake.
PLAN = str(TESTS / "fixtures" / "corpus-plan.yaml")
MULTI_APP_PLAN = str(TESTS.parent / "samples" / "multi-app.yaml")
ONE_APP_PLAN = str(TESTS.parent / "samples" / "pro-dau-overage.yaml")

# CPU a case may use, start-up excluded: "within a second" with the 0.3 s start-up included.
CPU_SECONDS = 0.7
# Wall time: generous, so a loaded CI runner never flakes; CPU time is the real bound.
SLOW_SECONDS = 10.0
# Peak RSS of a child, in KB on Linux: a case needs about 60 MB.
MEMORY_KB = 256 * 1024

# What each reader says it expects after a file of the wrong kind (imcost.infile.expects).
EMPTY_PLAN = ": the file is empty; estimate expects a plan file (YAML); a plan needs at least `edition: pro`"
NOT_DAILY = "; expected a CSV file of daily usage (date,dau,...)"
NOT_BOOK = "; expected a price book (YAML) like samples/pricebook-2027.yaml"

# Every plan file in tests/corpus/ and how its first message goes on after "imcost: error: <file>".
FILES = {
    "alias-bomb.yaml": ":1: f[0][3][3][7][3][7]: aliases expand the document by more than 100,000 values (anchors",
    "alias-in-plan.yaml": ":2: usage.self: an alias refers to the anchor that contains it",
    "app-text.yaml": ":2: apps[0]: expected a mapping of keys, got the text 'pro'",
    "apps-empty.yaml": ":1: apps: expected a list of apps, got an empty list",
    "apps-mapping.yaml": ":1: apps: expected a list of apps, got a mapping",
    "barrage-days-wrong-count.yaml": ":5: usage.barrage_mbps.domestic: expected one value per day of 2026-02",
    "barrage-list-of-lists.yaml": ":5: usage.barrage_mbps.domestic[27]: expected a number, got a list",
    "barrage-scalar.yaml": ":3: usage.barrage_mbps: expected a mapping of keys, got the number 20",
    "barrage-text.yaml": ":4: usage.barrage_mbps.domestic: expected a number, got the text 'fast'",
    "binary.yaml": ": this looks like binary data, not text; estimate expects a plan file (YAML)",
    "bom-crlf-duplicate.yaml": ":4: usage.peak_dau: duplicate key 'peak_dau' (first given on line 3)",
    "bom-misspelt-key.yaml": ":4: usage.peak_dua: unknown key 'peak_dua' (did you mean 'peak_dau'?)",
    "changes-bad-month.yaml": ":3: changes[0].from: ",
    "changes-mapping.yaml": ":2: changes: expected a list of changes, got a mapping",
    "control-character.yaml": ":2: invalid YAML: control character #x0007 is not allowed in YAML",
    "crlf-negative.yaml": ":4: usage.peak_dau: expected a whole number of 0 or more, got -25000",
    "customer-list.yaml": ":1: customer: expected text, got a list",
    "daily-missing-file.yaml": ":2: usage.daily: no such file 'no-such-file.csv'",
    "dau-4000-digits.yaml": ":3: usage.peak_dau: a number of 4,000 digits is larger than imcost accepts (at most",
    "dau-5000-hex-digits.yaml": ":3: usage.peak_dau: '0xfffffffffffffffffffffffffffffff",
    "dau-full-width.yaml": ":3: usage.peak_dau: '１２３' has full-width digits (write 123)",
    "dau-5000-digits.yaml": ":3: usage.peak_dau: a number of 5,000 digits is larger than imcost accepts",
    "dau-bool.yaml": ":3: usage.peak_dau: expected a whole number, got true (a yes/no value)",
    "dau-exponent.yaml": ":3: usage.peak_dau: 1000000000000000000000000000000 is larger than imcost accepts (at most",
    "dau-exponent-5000.yaml": ":3: usage.peak_dau: 1.0E+5000 is larger than imcost accepts (at most",
    "dau-exponent-billion.yaml": ":3: usage.peak_dau: 1.0E+999999999 is larger than imcost accepts (at most",
    "dau-float.yaml": ":3: usage.peak_dau: expected a whole number, got the fractional number 25000.5",
    "dau-huge.yaml": ":3: usage.peak_dau: 1000000000000000000000000000000 is larger than imcost accepts (at most",
    "dau-infinity.yaml": ":3: usage.peak_dau: expected a finite number, got '.inf'",
    "dau-mapping.yaml": ":3: usage.peak_dau: expected a whole number, got a mapping",
    "dau-nan.yaml": ":3: usage.peak_dau: expected a finite number, got '.nan'",
    "dau-null.yaml": ":3: usage.peak_dau: expected a whole number, got nothing (null)",
    "dau-underscores.yaml": ":3: usage.peak_dau: '25_000' is not a plain decimal number (write 25000)",
    "dau-text.yaml": ":3: usage.peak_dau: expected a whole number, got the text '25k'",
    "deep-nesting.yaml": ":2: usage[0][0][0]: values are nested more than 64 levels deep",
    "discount-misspelt-fee.yaml": ":2: discounts.packages: unknown key 'packages' (did you mean 'package'?)",
    "discount-number.yaml": ":2: discounts.package: expected a percentage from 0% to 100% like 15%, got the number 15",
    "discount-over-100.yaml": ":2: discounts.all: expected a percentage from 0% to 100% like 15%, got the text '150%'",
    "duplicate-app.yaml": ":4: apps[0].edition: duplicate key 'edition' (first given on line 3)",
    "duplicate-group-type.yaml": ":3: needs.group_members.private: duplicate key 'private' (first given on line 3)",
    "duplicate-in-second-app.yaml": ":6: apps[1].security: duplicate key 'security' (first given on line 5)",
    "duplicate-needs-key.yaml": ":4: needs.history_days: duplicate key 'history_days' (first given on line 3)",
    "duplicate-region.yaml": ":5: usage.barrage_mbps.domestic: duplicate key 'domestic' (first given on line 4)",
    "duplicate-top.yaml": ":3: month: duplicate key 'month' (first given on line 1)",
    "duplicate-usage-key.yaml": ":4: usage.peak_groups: duplicate key 'peak_groups' (first given on line 3)",
    "duplicate-usage.yaml": ":4: usage: duplicate key 'usage' (first given on line 2)",
    "edition-list.yaml": ":1: edition: expected an edition name, got a list (valid editions: trial",
    "edition-mapping.yaml": ":1: edition: expected an edition name, got a mapping (valid editions: trial",
    "edition-null.yaml": ":1: edition: expected an edition name, got nothing (null) (valid editions: trial",
    "edition-number.yaml": ":1: edition: expected an edition name, got the number 999 (valid editions: trial",
    "empty.yaml": EMPTY_PLAN,
    "group-members-list.yaml": ":3: needs.group_members: expected a whole number, got a list",
    "groups-list.yaml": ":3: usage.peak_groups: expected a whole number, got a list",
    "history-octal.yaml": ":3: needs.history_days: '0100' is not a plain decimal number (write 100; YAML 1.1 reads",
    "history-sexagesimal.yaml": ":3: needs.history_days: '1:30' is read by YAML 1.1 as a sexagesimal number (base 60,",
    "history-date.yaml": ":3: needs.history_days: expected a whole number, got the date 2026-12-31",
    "history-mapping.yaml": ":3: needs.history_days: expected a whole number, got a mapping",
    "history-negative-exponent.yaml": ":3: needs.history_days: expected a whole number of 0 or more, got -1.0E+5000",
    "key-is-a-list.yaml": ":2: a key must be a plain word, not a list or mapping",
    "latin1.yaml": ":2: is not UTF-8 text (byte 0xe9 at offset 22)",
    "members-hex.yaml": ":3: needs.group_members: '0x1F' is a hexadecimal number, not a plain decimal one (write 31)",
    "merge-key.yaml": ":3: apps[0]: merge keys (<<) are not supported; write the keys out",
    "misspelt-apps.yaml": ":2: sapps: unknown key 'sapps' (did you mean 'apps'?)",
    "misspelt-edition-key.yaml": ":1: editon: unknown key 'editon' (did you mean 'edition'?)",
    "misspelt-edition-name.yaml": ":1: edition: unknown edition 'flagshp' (did you mean 'flagship'? valid editions:",
    "misspelt-group-type.yaml": ":4: needs.group_members.chatrom: unknown key 'chatrom' (did you mean 'chatroom'?)",
    "misspelt-needs-key.yaml": ":3: needs.history_day: unknown key 'history_day' (did you mean 'history_days'?)",
    "misspelt-peak-groups.yaml": ":3: usage.peak_group: unknown key 'peak_group' (did you mean 'peak_groups'?)",
    "misspelt-region.yaml": ":4: usage.barrage_mbps.internationl: unknown key 'internationl' (did you mean",
    "misspelt-security.yaml": ":2: securty: unknown key 'securty' (did you mean 'security'?)",
    "misspelt-usage.yaml": ":2: usag: unknown key 'usag' (did you mean 'usage'?)",
    "month-full-width.yaml": ":1: month: '２０２６-１２' has full-width digits (write 2026-12)",
    "month-number.yaml": ":1: month: expected a month as YYYY-MM, got the number 202612",
    "name-list.yaml": ":2: name: expected text, got a list",
    "negative-barrage.yaml": ":4: usage.barrage_mbps.international: expected a number of 0 or more, got -0.5",
    "negative-groups.yaml": ":3: usage.peak_groups: expected a whole number of 0 or more, got -100000",
    "negative-history.yaml": ":3: needs.history_days: expected a whole number of 0 or more, got -90",
    "nul-byte.yaml": ":3: invalid YAML: control character #x0000 is not allowed in YAML",
    "only-comment.yaml": EMPTY_PLAN,
    "only-whitespace.yaml": EMPTY_PLAN,
    "purchased-on-month.yaml": ":2: purchased_on: expected a date as YYYY-MM-DD, got the text '2026-02'",
    "purchased-on-no-such-day.yaml": ":2: purchased_on: ",
    "python-tag.yaml": ":1: edition: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
    "security-number.yaml": ":2: security: expected true or false, got the number 1",
    "security-text.yaml": ":2: security: expected true or false, got the text 'true'",
    "syntax-bad-indent.yaml": ":4: invalid YAML: mapping values are not allowed in this context",
    "syntax-key-without-colon.yaml": ":3: invalid YAML: could not find expected ':' (while scanning a simple key that",
    "syntax-stray-dash.yaml": ":2: invalid YAML: did not find expected key (while parsing a block mapping that starts",
    "syntax-two-documents.yaml": ":2: invalid YAML: but found another document (a plan file holds one YAML document;",
    "syntax-unclosed-list.yaml": ":2: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence",
    "syntax-unclosed-quote.yaml": ":4: invalid YAML: found unexpected end of stream (while scanning a quoted scalar",
    "tab-after-key.yaml": ":4: invalid YAML: found character that cannot start any token (YAML indents with spaces,",
    "tabs.yaml": ":3: invalid YAML: found character that cannot start any token (YAML indents with spaces, not tabs)",
    "top-level-number.yaml": ":1: expected a mapping of keys at the top level, got the number 42",
    "top-level-text.yaml": ":1: expected a mapping of keys at the top level, got the text 'pro'",
    "usage-list.yaml": ":2: usage: expected a mapping of keys, got a list",
    "usage-text.yaml": ":2: usage: expected a mapping of keys, got the text 'lots'",
    "users-text.yaml": ":3: needs.users: expected a whole number, got the text 'many'",
    "utf16.yaml": ": this looks like UTF-16 text; estimate expects a plan file (YAML); save it as UTF-8",
}

# Files whose mistake also leaves a required key missing: a second message says so.
TWO_MESSAGES = {"misspelt-apps.yaml"}

# Every daily usage file in tests/corpus/daily/: where its first message points and a fragment of it.
# Only the place is pinned exactly; the wording belongs to imcost/daily.py.
DAILY_FILES = {
    "bad-date.csv": (":3: date: ", "2026-12-32"),
    "binary.csv": (": ", "this looks like binary data, not text" + NOT_DAILY),
    "blank-lines.csv": (": ", "the file is empty" + NOT_DAILY),
    "bom-crlf-text-count.csv": (":3: dau: ", "'lots'"),
    "centuries.csv": (": ", "covers 119988 months (0001-01 to 9999-12); imcost estimates at most 120"),
    "column-twice.csv": (":1: ", "column 'dau' is given twice"),
    "count-arabic-indic.csv": (":2: groups: ", "'١٢٣' has digits other than ASCII 0-9 (write 123)"),
    "count-5000-digits.csv": (
        ":2: dau: ",
        "'9999999999999999999999999999999999999999'... (5,000 characters) is larger",
    ),
    "count-exponent.csv": (":2: dau: ", "9e9999 is larger than imcost accepts (at most 1,000,000,000,000)"),
    "count-hex.csv": (":2: dau: ", "'0x1F' is a hexadecimal number, not a plain decimal one (write 31)"),
    "crlf-duplicate-date.csv": (":4: date: ", "2026-12-01 is given twice (first on line 2)"),
    "date-with-time.csv": (":2: date: ", "'2026-12-01T10:00'"),
    "date-full-width.csv": (":2: date: ", "'２０２６-１２-０１' has full-width digits (write 2026-12-01)"),
    "day-month-year.csv": (":2: date: ", "'01/12/2026'"),
    "duplicate-date.csv": (":4: date: ", "2026-12-01 is given twice (first on line 2)"),
    "empty.csv": (": ", "the file is empty" + NOT_DAILY),
    "fractional-count.csv": (":2: groups: ", "'2.5'"),
    "header-only.csv": ("", "no rows"),
    "latin1.csv": (":3: ", "is not UTF-8 text (byte 0xe9 at offset 38)"),
    "mbps-nan.csv": (":2: barrage_domestic_mbps: ", "'NaN'"),
    "mbps-too-large.csv": (":2: barrage_international_mbps: ", "larger than imcost accepts"),
    "negative-count.csv": (":2: dau: ", "0 or more"),
    "no-date-column.csv": (":1: ", "missing the 'date' column"),
    "nul-byte.csv": (":2: dau: ", "expected a whole number"),
    "semicolons.csv": (
        ": ",
        "this looks like a CSV file with cells separated by ';', not commas" + NOT_DAILY,
    ),
    "short-row.csv": (":3: ", "expected 3 values like the header, got 2"),
    "unknown-column.csv": (":1: ", "unknown column 'daus' (did you mean 'dau'?)"),
    "utf16.csv": (
        ": ",
        "this looks like UTF-16 text" + NOT_DAILY + "; save it as UTF-8",
    ),
}
# Daily files whose mistakes give two messages: none since a semicolon-separated export is said in one.
DAILY_TWO_MESSAGES: set[str] = set()

# Every price book in tests/corpus/pricebooks/ (whole-file mistakes) and how its message goes on.
BOOK_FILES = {
    "alias-bomb.yaml": ":1: e[7][8][9][0][2]: aliases expand the document by more than 100,000 values",
    "binary.yaml": ": this looks like binary data, not text" + NOT_BOOK,
    "comment-only.yaml": ": the file is empty",
    "control-character.yaml": ":2: invalid YAML: control character #x0007 is not allowed in YAML",
    "empty.yaml": ": the file is empty; expected a price book (YAML) like samples/pricebook-2027.yaml",
    "latin1.yaml": ":2: is not UTF-8 text (byte 0xe9 at offset 19)",
    "top-level-list.yaml": ":1: expected a mapping of keys, got a list",
    "unclosed-quote.yaml": ":4: invalid YAML: found unexpected end of stream (while scanning a quoted scalar",
    "utf16.yaml": ": this looks like UTF-16 text" + NOT_BOOK + "; save it as UTF-8",
}


@dataclass(frozen=True)
class Edit:
    """A mistake written into a copy of the shipped price book.

    The message must point at the line holding ``at`` (its first occurrence from the
    edit on, or from the top when ``at`` comes before it), plus ``shift`` lines.
    """

    old: str
    new: str
    at: str
    path: str
    fragment: str
    shift: int = 0


_PRO = "versions[0].editions.pro"
BOOK_EDITS = {
    "billing-list": Edit("billing: prepaid", "billing: [prepaid]", "billing: [", f"{_PRO}.package.billing", "a list"),
    "billing-missing": Edit(
        '          billing: prepaid\n          source: "套餐包价格详情: 专业版',
        '          source: "套餐包价格详情: 专业版',
        'price: "999"',
        f"{_PRO}.package",
        "missing required key 'billing'",
        shift=-1,
    ),
    "billing-typo": Edit("billing: prepaid", "billing: prepayed", "prepayed", f"{_PRO}.package.billing", "'prepayed'"),
    "bom-crlf-price-text": Edit('price: "999"', 'price: "x"', 'price: "x"', f"{_PRO}.package.price", "'x'"),
    "currency-misspelt": Edit("currency: CNY", "curency: CNY", "curency", "curency", "did you mean 'currency'?"),
    "duplicate-price": Edit(
        '          price: "999"\n',
        '          price: "999"\n          price: "998"\n',
        'price: "998"',
        "",
        "duplicate key",
    ),
    "edition-name-twice": Edit(
        "names: [flagship, ultimate, 旗舰版]",
        "names: [flagship, ultimate, 旗舰版, 专业版]",
        "names: [flagship",
        "versions[0].editions.flagship.names",
        "the name '专业版' is also one of pro's; a plan naming it would get pro (give each name to one edition)",
    ),
    "price-finer-than-a-fen": Edit(
        'price: "999"',
        'price: "999.995"',
        'price: "999.995"',
        f"{_PRO}.package.price",
        "999.995 is finer than a fen (0.01) (prices are charged in whole fen: round it to 1000.00)",
    ),
    "edition-misspelt": Edit("      pro:\n", "      por:\n", "por:", "versions[0].editions.por", "did you mean 'pro'?"),
    "effective-no-such-day": Edit("effective: null", "effective: 2000-13-01", "2000-13", "", "2000-13-01"),
    "effective-text": Edit("effective: null", "effective: someday", "someday", "versions[0].effective", "someday"),
    "format-2": Edit("format: 1", "format: 2", "format: 2", "format", "unsupported price book format 2"),
    "group-members-list": Edit(
        "group_members: {private: 200, public: 200, chatroom: 200}",
        "group_members: [200, 200, 200]",
        "[200, 200, 200]",
        f"{_PRO}.quotas.group_members",
        "expected a mapping of keys, got a list",
    ),
    "names-empty": Edit("names: [pro, professional, 专业版]", "names: []", "names: []", f"{_PRO}.names", "names"),
    "names-text": Edit("names: [pro, professional, 专业版]", "names: pro", "names: pro", f"{_PRO}.names", "names"),
    "negative-price": Edit('price: "999"', 'price: "-999"', "-999", f"{_PRO}.package.price", "0 or more"),
    "price-exponent-huge": Edit('price: "999"', "price: 1.0e+5000", "e+5000", f"{_PRO}.package.price", "larger than"),
    "price-null": Edit('price: "999"', "price:", "price:\n", f"{_PRO}.package.price", "got nothing (null)"),
    "price-text": Edit('price: "999"', 'price: "nine"', "nine", f"{_PRO}.package.price", "'nine'"),
    "python-tag": Edit('price: "999"', "price: !!python/object/apply:os.system [true]", "!!python", "", "YAML tag"),
    "quota-exponent-huge": Edit(
        "free_dau: 10000", "free_dau: 1.0e+999999999", "e+999999999", f"{_PRO}.quotas.free_dau", "larger than"
    ),
    "quota-hex": Edit("free_dau: 10000", "free_dau: 0x2710", "0x2710", f"{_PRO}.quotas.free_dau", "hexadecimal number"),
    "quota-full-width": Edit(
        "free_dau: 10000", "free_dau: １００００", "１００００", f"{_PRO}.quotas.free_dau", "write 10000"
    ),
    "price-leading-zero": Edit('price: "999"', 'price: "0999"', "0999", f"{_PRO}.package.price", "(write 999)"),
    "quota-fraction": Edit("free_dau: 10000", "free_dau: 10000.5", "10000.5", f"{_PRO}.quotas.free_dau", "10000.5"),
    "quota-text": Edit("free_dau: 10000", "free_dau: lots", "lots", f"{_PRO}.quotas.free_dau", "'lots'"),
    "region-misspelt": Edit(
        'domestic: "2"',
        'domestc: "2"',
        "domestc",
        f"{_PRO}.addons.barrage_bandwidth.per_mbps_day.domestc",
        "did you mean 'domestic'?",
    ),
    "tab-indent": Edit('          price: "999"', '\t  price: "999"', "\t", "", "YAML indents with spaces, not tabs"),
    "tiers-out-of-order": Edit(
        "- {days: 30", "- {days: 900", "days: 900", f"{_PRO}.addons.history_storage.tiers", "increasing", shift=-1
    ),
    "unit-size-negative": Edit(
        "unit_size: 10000", "unit_size: -10000", "-10000", f"{_PRO}.overage.dau.unit_size", "0 or more"
    ),
    "unit-size-zero": Edit(
        "unit_size: 10000", "unit_size: 0", "unit_size: 0", f"{_PRO}.overage.dau.unit_size", "1 or more"
    ),
    "versions-mapping": Edit(
        "versions:\n  - effective", "versions:\n  one:\n    effective", "versions:", "versions", "list"
    ),
}


def edited_book(name: str, edit: Edit) -> tuple[str, int]:
    """The shipped price book with ``edit`` made, and the line its message must name."""
    text = SHIPPED_BOOK.read_text(encoding="utf-8")
    where = text.index(edit.old)
    text = text[:where] + edit.new + text[where + len(edit.old) :]
    start = text.find(edit.at, where)
    start = text.index(edit.at) if start < 0 else start
    line = text.count("\n", 0, start) + 1 + edit.shift
    if name.startswith("bom-crlf"):
        text = "\ufeff" + text.replace("\n", "\r\n")
    return text, line


# Flag sets, run in tests/corpus/, with a fragment of the one message, which names the flag or file.
FLAGS = {
    "bad month flag": (["estimate", "empty.yaml", "--month", "2026-13"], "imcost: error: --month: expected a month"),
    "empty month flag": (["estimate", "empty.yaml", "--month", ""], "imcost: error: --month: expected a month"),
    # the argument parser's own findings, reworded by imcost.usage
    "unknown format": (
        ["estimate", "empty.yaml", "--format", "xml"],
        "imcost: error: --format: 'xml' is not one of table, json, csv, markdown, html (see imcost estimate --help)",
    ),
    "format without a value": (
        ["estimate", "empty.yaml", "-f"],
        "imcost: error: -f: expected a value (see imcost estimate --help)",
    ),
    "missing plan": (
        ["estimate", "--format", "json"],
        "imcost: error: missing argument PLAN (see imcost estimate --help)",
    ),
    "extra argument": (
        ["estimate", "empty.yaml", "more.yaml"],
        "imcost: error: unexpected extra argument more.yaml (see imcost estimate --help)",
    ),
    "unknown option": (
        ["estimate", "empty.yaml", "--colour"],
        "imcost: error: no such option --colour (see imcost estimate --help)",
    ),
    "misspelt option": (
        ["estimate", "empty.yaml", "--formt", "json"],
        "imcost: error: no such option --formt (did you mean --format?)",
    ),
    "misspelt command": (
        ["estimat", "empty.yaml"],
        "imcost: error: no such command 'estimat' (did you mean 'estimate'?)",
    ),
    "unknown command": (["quote", "empty.yaml"], "imcost: error: no such command 'quote' (see imcost --help)"),
    "unknown language": (
        ["prices", "--lang", "fr"],
        "imcost: error: --lang: 'fr' is not one of en, zh (see imcost prices --help)",
    ),
    "missing file": (["estimate", "no-such-plan.yaml"], "imcost: error: no-such-plan.yaml: no such file"),
    "endless device": (["estimate", "/dev/zero"], "imcost: error: /dev/zero: is larger than 10 MB"),
    # compare and recommend: ranges START:STOP:STEP and numbers
    "range step 0": (["compare", "--dau", "0:10:0"], "imcost: error: --dau: the range '0:10:0' has a step of 0"),
    "range stops before it starts": (["compare", "--groups", "10:0:1"], "--groups: the range '10:0:1' stops before"),
    "range negative step": (
        ["compare", "--dau", "0:10:-1"],
        "imcost: error: --dau: the range '0:10:-1' has a bad STEP: expected a number of 0 or more, got -1",
    ),
    "range of two parts": (
        ["compare", "--dau", "1:2"],
        "--dau: expected a number or a range START:STOP:STEP, got '1:2'",
    ),
    "range of text": (
        ["compare", "--dau", "a:b:c"],
        "--dau: the range 'a:b:c' has a bad START: expected a number, got 'a'",
    ),
    "range too long": (["compare", "--dau", "0:10000000:1"], "--dau: the range '0:10000000:1' has 10,000,001 values"),
    "range of fractions": (
        ["compare", "--barrage-domestic", "0:10.5:1"],
        "--barrage-domestic: the range '0:10.5:1' has a bad STOP: expected whole Mbps in a range, got 10.5",
    ),
    "two ranges": (["compare", "--dau", "0:10:1", "--groups", "0:10:1"], "--dau and --groups: only one flag may take"),
    "range in recommend": (["recommend", "--dau", "0:10:1"], "imcost: error: --dau: a range is for imcost compare"),
    "not a number": (["compare", "pro", "--dau", "25k"], "imcost: error: --dau: expected a number, got '25k'"),
    "hexadecimal number": (["compare", "--dau", "0x10"], "imcost: error: --dau: '0x10' is a hexadecimal number, not a"),
    "full-width number": (["recommend", "--users", "１２３"], "imcost: error: --users: '１２３' has full-width digits"),
    "forecast months leading zero": (
        ["forecast", PLAN, "--months", "010"],
        "imcost: error: --months: '010' is not a plain decimal number (write 10)",
    ),
    "infinite number": (["compare", "--history-days", "inf"], "imcost: error: --history-days: expected a number"),
    "negative number": (["recommend", "--groups", "-1"], "imcost: error: --groups: expected a number of 0 or more"),
    "huge exponent": (["compare", "--users", "1e999999999"], "imcost: error: --users: 1e999999999 is larger than"),
    "unknown edition": (
        ["compare", "pro", "ultra"],
        "imcost: error: EDITIONS: unknown edition 'ultra' (did you mean 'ultimate'? valid",
    ),
    "app without a plan": (["compare", "--app", "chat"], "imcost: error: --app: --app picks an app of a plan file"),
    "compare month": (["compare", "--dau", "5", "--month", "2026-00"], "imcost: error: --month: expected a month"),
    "recommend empty plan": (["recommend", "empty.yaml"], "imcost: error: empty.yaml: the file is empty"),
    # forecast: --growth, --months, --start
    "growth without %": (["forecast", PLAN, "--growth", "dau=8"], "imcost: error: --growth: expected METRIC=RATE%"),
    "growth of text": (["forecast", PLAN, "--growth", "dau=fast"], "imcost: error: --growth: expected METRIC=RATE%"),
    "growth unknown metric": (["forecast", PLAN, "--growth", "users=5%"], "imcost: error: --growth: unknown metric"),
    "growth twice": (["forecast", PLAN, "--growth", "dau=5%", "--growth", "dau=6%"], "--growth: dau is given twice"),
    "growth of -100%": (["forecast", PLAN, "--growth", "dau=-100%"], "imcost: error: --growth: 'dau=-100%'"),
    "forecast 0 months": (["forecast", PLAN, "--months", "0"], "imcost: error: --months: expected 1 to 120 months"),
    "forecast 121 months": (["forecast", PLAN, "--months", "121"], "imcost: error: --months: expected 1 to 120 months"),
    "forecast months of text": (
        ["forecast", PLAN, "--months", "a year"],
        "imcost: error: --months: expected a whole number, got 'a year' (see imcost forecast --help)",
    ),
    "forecast huge months": (["forecast", PLAN, "--months", "9" * 30], "imcost: error: --months: expected 1 to 120"),
    "forecast start": (["forecast", PLAN, "--start", "2027-13"], "imcost: error: --start: expected a month as YYYY-MM"),
    "forecast empty start": (["forecast", PLAN, "--start", ""], "imcost: error: --start: expected a month as YYYY-MM"),
    "forecast year 0": (["forecast", PLAN, "--start", "0000-01"], "imcost: error: --start: expected a month"),
    # schedule: --start, --months
    "schedule start": (["schedule", PLAN, "--start", "2027-00"], "imcost: error: --start: expected a month as YYYY-MM"),
    "schedule 0 months": (["schedule", PLAN, "--months", "0"], "imcost: error: --months: expected 1 to 120 months"),
    "schedule -1 months": (["schedule", PLAN, "--months", "-1"], "imcost: error: --months: expected 1 to 120 months"),
    "schedule without a purchase day": (["schedule", ONE_APP_PLAN], "has prepaid items but no purchase day"),
    # --as-of and --fail-over
    "as-of no such day": (["estimate", PLAN, "--as-of", "2027-02-29"], "imcost: error: --as-of: expected a date"),
    "as-of text": (["estimate", PLAN, "--as-of", "yesterday"], "imcost: error: --as-of: expected a date"),
    "as-of empty": (["prices", "--as-of", ""], "imcost: error: --as-of: expected a date as YYYY-MM-DD, got ''"),
    "as-of before the first version": (
        ["limits", "--pricebook", str(SAMPLE_BOOK), "--as-of", "2025-12-31"],
        f"no version of {SAMPLE_BOOK} is in force on 2025-12-31 (the first takes effect on 2026-01-01)",
    ),
    "fail-over text": (["estimate", PLAN, "--fail-over", "a lot"], "imcost: error: --fail-over: expected an amount"),
    "fail-over negative": (["estimate", PLAN, "--fail-over", "-5"], "imcost: error: --fail-over: expected an amount"),
    "fail-over NaN": (["estimate", PLAN, "--fail-over", "NaN"], "imcost: error: --fail-over: expected an amount"),
    "fail-over empty": (["estimate", PLAN, "--fail-over", ""], "imcost: error: --fail-over: expected an amount"),
    "fail-over badly grouped": (["estimate", PLAN, "--fail-over", "10,00"], "--fail-over: expected an amount in yuan"),
    "fail-over finer than a fen": (["estimate", PLAN, "--fail-over", "12139.001"], "--fail-over: expected an amount"),
    "fail-over underscores": (
        ["estimate", PLAN, "--fail-over", "1_000"],
        "imcost: error: --fail-over: '1_000' is not a plain decimal number (write 1000)",
    ),
    # --pricebook and --daily given something that is not a file of theirs
    "pricebook missing": (
        ["estimate", PLAN, "--pricebook", "nope.yaml"],
        "imcost: error: --pricebook: no such file 'nope.yaml' (or a shipped price book: tencent-im, "
        "tencent-im-overseas, easemob-im)",
    ),
    "pricebook id misspelt": (
        ["estimate", PLAN, "--pricebook", "tencent-im-oversea"],
        "imcost: error: --pricebook: unknown price book 'tencent-im-oversea' (did you mean 'tencent-im-overseas'? "
        "shipped price books: tencent-im, tencent-im-overseas, easemob-im; or give a price book file)",
    ),
    "pricebook directory": (["prices", "--pricebook", "pricebooks"], "imcost: error: pricebooks: is a directory"),
    "pricebook endless device": (["estimate", PLAN, "--pricebook", "/dev/zero"], "too large for a price book"),
    "daily missing": (["estimate", PLAN, "--daily", "nope.csv"], "imcost: error: --daily: no such file 'nope.csv'"),
    "daily directory": (["estimate", PLAN, "--daily", "daily"], "imcost: error: daily: is a directory"),
    "daily for a multi-app plan": (["estimate", MULTI_APP_PLAN, "--daily", "daily/empty.csv"], "--daily: the plan has"),
    "daily endless device": (
        ["estimate", PLAN, "--daily", "/dev/zero"],
        "imcost: error: /dev/zero: is larger than 10 MB",
    ),
    "forecast past 9999": (
        ["forecast", PLAN, "--start", "9999-12", "--months", "2"],
        "imcost: error: --months: 2 months from 9999-12 would end after 9999-12",
    ),
    "schedule past 9999": (
        ["schedule", PLAN, "--start", "9999-12"],
        "imcost: error: --months: 12 months from 9999-12 would end after 9999-11",
    ),
    "growth past 10^12": (
        ["forecast", PLAN, "--growth", "dau=100%", "--months", "120"],
        "imcost: error: --growth: dau=100% takes the peak DAU of app 'app' from 25,000 past 1,000,000,000,000",
    ),
}
# Cases on files made in tmp_path by write_generated: args run there, a fragment of the message.
GENERATED = {
    "plan of 50 MB": (
        ["estimate", "huge.yaml"],
        "imcost: error: huge.yaml: is larger than 10 MB, too large for a plan",
    ),
    "plan directory": (["estimate", "plans.yaml"], "imcost: error: plans.yaml: is a directory, expected a YAML file"),
    "price book of 50 MB": (["prices", "--pricebook", "huge.yaml"], "huge.yaml: is larger than 10 MB, too large for"),
    "daily field of 200,000 characters": (["estimate", PLAN, "--daily", "wide.csv"], "wide.csv:2: invalid CSV: field"),
}


def write_generated(directory: Path) -> None:
    """The cases too big to commit: a 50 MB plan and price book (padded with comments), a wide CSV, a directory."""
    line = "# " + "x" * 1021 + "\n"
    for name, head in (("huge.yaml", "edition: pro\n"),):
        with (directory / name).open("w", encoding="utf-8") as out:
            out.write(head)
            for _ in range(50 * 1024):
                out.write(line)
    assert (directory / "huge.yaml").stat().st_size > 50 * 1024 * 1024 > MAX_FILE_BYTES
    (directory / "plans.yaml").mkdir()
    (directory / "wide.csv").write_text("date,dau\n2026-12-01," + "9" * 200_000 + "\n", encoding="utf-8")


def run_cases(cases: dict[str, tuple[list[str], Path]]) -> dict[str, Outcome]:
    """Run each case's command line in its directory through tests/forkrun.py."""
    payload = {key: {"args": args, "cwd": str(cwd)} for key, (args, cwd) in cases.items()}
    done = subprocess.run(
        [sys.executable, str(TESTS / "forkrun.py")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return {key: Outcome(**fields) for key, fields in json.loads(done.stdout).items()}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case of this module, run in one batch (a few seconds)."""
    books = tmp_path_factory.mktemp("books")
    for name, edit in BOOK_EDITS.items():
        text, _ = edited_book(name, edit)
        (books / f"{name}.yaml").write_bytes(text.encode("utf-8"))
    generated = tmp_path_factory.mktemp("generated")
    write_generated(generated)
    cases: dict[str, tuple[list[str], Path]] = {}
    cases |= {name: (["estimate", name, "--format", "json"], CORPUS) for name in FILES}
    cases |= {f"daily/{name}": (["estimate", PLAN, "--daily", name, "--format", "json"], DAILY) for name in DAILY_FILES}
    cases |= {
        f"book/{name}": (["estimate", PLAN, "--pricebook", name, "--format", "json"], BOOKS) for name in BOOK_FILES
    }
    cases |= {f"edit/{name}": (["estimate", PLAN, "--pricebook", f"{name}.yaml"], books) for name in BOOK_EDITS}
    cases |= {f"flag/{key}": (args, CORPUS) for key, (args, _) in FLAGS.items()}
    cases |= {f"generated/{key}": (args, generated) for key, (args, _) in GENERATED.items()}
    return run_cases(cases)


def checked(outcome: Outcome) -> list[str]:
    """What every case must keep: exit 2, nothing on stdout, no traceback, quick, small; its stderr lines."""
    assert "Traceback" not in outcome.stderr, outcome.stderr
    assert (outcome.code, outcome.stdout) == (2, ""), outcome
    assert outcome.cpu_seconds < CPU_SECONDS, outcome
    assert outcome.seconds < SLOW_SECONDS, outcome
    assert outcome.peak_kb < MEMORY_KB, outcome
    return outcome.stderr.splitlines()


def test_the_tables_list_every_file_in_the_corpus() -> None:
    assert sorted(p.name for p in CORPUS.iterdir() if p.is_file()) == sorted(FILES)
    assert sorted(p.name for p in DAILY.iterdir()) == sorted(DAILY_FILES)
    assert sorted(p.name for p in BOOKS.iterdir()) == sorted(BOOK_FILES)
    files = len(FILES) + len(DAILY_FILES) + len(BOOK_FILES) + len(BOOK_EDITS) + len(GENERATED)
    assert files >= 40 and len(FLAGS) >= 40


@pytest.mark.parametrize("name", sorted(FILES))
def test_plan_file(name: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[name])
    assert len(lines) == (2 if name in TWO_MESSAGES else 1), lines
    assert all(line.startswith(f"imcost: error: {name}") for line in lines), lines
    assert lines[0].startswith(f"imcost: error: {name}{FILES[name]}"), lines


@pytest.mark.parametrize("name", sorted(DAILY_FILES))
def test_daily_file(name: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[f"daily/{name}"])
    place, fragment = DAILY_FILES[name]
    assert len(lines) == (2 if name in DAILY_TWO_MESSAGES else 1), lines
    assert lines[0].startswith(f"imcost: error: {name}{place}"), lines
    assert fragment in lines[0], lines


@pytest.mark.parametrize("name", sorted(BOOK_FILES))
def test_price_book_file(name: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[f"book/{name}"])
    assert len(lines) == 1 and lines[0].startswith(f"imcost: error: {name}{BOOK_FILES[name]}"), lines


@pytest.mark.parametrize("name", sorted(BOOK_EDITS))
def test_price_book_mistake(name: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[f"edit/{name}"])
    edit = BOOK_EDITS[name]
    _, line = edited_book(name, edit)
    place = f"imcost: error: {name}.yaml:{line}: " + (f"{edit.path}: " if edit.path else "")
    assert len(lines) == 1, lines
    assert lines[0].startswith(place), (place, lines)
    assert edit.fragment in lines[0], lines


@pytest.mark.parametrize("case", list(FLAGS))
def test_flags(case: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[f"flag/{case}"])
    fragment = FLAGS[case][1]
    assert len(lines) == 1 and lines[0].startswith("imcost: error: "), lines
    assert fragment in lines[0], lines


@pytest.mark.parametrize("case", list(GENERATED))
def test_generated(case: str, outcomes: dict[str, Outcome]) -> None:
    lines = checked(outcomes[f"generated/{case}"])
    assert len(lines) == 1 and GENERATED[case][1] in lines[0], lines


def test_a_case_forked_is_the_case_run_from_the_shell(outcomes: dict[str, Outcome]) -> None:
    """The fork runner gives what a user's shell gets (exit code, stdout, stderr)."""
    for name in ("alias-bomb.yaml", "bom-crlf-duplicate.yaml"):
        done = subprocess.run(
            [sys.executable, "-m", "imcost", "estimate", name, "--format", "json"],
            cwd=CORPUS,
            capture_output=True,
            text=True,
            timeout=60,
        )
        forked = outcomes[name]
        assert (done.returncode, done.stdout, done.stderr) == (forked.code, forked.stdout, forked.stderr)
