"""Mutated paper-import files (CSV and XLSX) against the reference form: all rows or none.

Each input either imports completely (and the store verifies) or is refused with a
UserFacingError naming the file, leaving the store's files byte-identical.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz.mutations import apply_bytes
from tests.fuzz.strategies import byte_ops, fuzz_settings, sheet_text
from tests.fuzz.targets import PaperTarget

CELLS = st.one_of(
    st.sampled_from(["", " ", "yes", "no", "0", "-1", "1e400", "NaN", "inf", "12abc", "2024-13-45", "1999-02-28",
                     "1 2 3", "a b", "other", "ä" * 300, "=HYPERLINK(\"x\")", "\u202eevil", "uuid:1", "  31  "]),
    sheet_text,
    st.integers(-10**9, 10**9).map(str),
)
HEADERS = st.one_of(st.sampled_from(["instanceID", "instanceid", "pseudonym", "language", "", " ", "age", "consent",
                                     "nope", "age "]), sheet_text)
#: Operations on the table (header + rows) before it is written out.
table_op = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 50), st.integers(0, 500), CELLS),
    st.tuples(st.just("drop_col"), st.integers(0, 500)),
    st.tuples(st.just("rename_col"), st.integers(0, 500), HEADERS),
    st.tuples(st.just("dup_col"), st.integers(0, 500)),
    st.tuples(st.just("add_col"), HEADERS, CELLS),
    st.tuples(st.just("drop_row"), st.integers(0, 50)),
    st.tuples(st.just("dup_row"), st.integers(0, 50)),
    st.tuples(st.just("ragged"), st.integers(0, 50), st.integers(0, 500)),
)


def mutate_table(header: list[str], rows: list[list[str]], ops: list[tuple]) -> tuple[list[str], list[list[str]]]:
    header, rows = list(header), [list(r) for r in rows]
    for op in ops:
        kind = op[0]
        if kind == "cell" and rows:
            r = rows[op[1] % len(rows)]
            if r:
                r[op[2] % len(r)] = op[3]
        elif kind == "drop_col" and header:
            c = op[1] % len(header)
            del header[c]
            for r in rows:
                del r[c:c + 1]
        elif kind == "rename_col" and header:
            header[op[1] % len(header)] = op[2]
        elif kind == "dup_col" and header:
            c = op[1] % len(header)
            header.append(header[c])
            for r in rows:
                r.append(r[c] if c < len(r) else "")
        elif kind == "add_col":
            header.append(op[1])
            for r in rows:
                r.append(op[2])
        elif kind == "drop_row" and rows:
            del rows[op[1] % len(rows)]
        elif kind == "dup_row" and rows:
            rows.append(list(rows[op[1] % len(rows)]))
        elif kind == "ragged" and rows:
            r = rows[op[1] % len(rows)]
            del r[(op[2] % (len(r) + 1)):]
    return header, rows


def to_csv(header, rows) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode("utf-8")


def to_xlsx(header, rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append([_number_or_text(c) for c in r])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _number_or_text(cell: str):
    # Keyers' spreadsheets hold numbers as numbers: give the reader both kinds of cells.
    try:
        return int(cell)
    except ValueError:
        return cell


class Target(PaperTarget):
    def __repr__(self) -> str:
        return "PaperTarget()"


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Target:
    return Target(tmp_path_factory.mktemp("paper"))


def table(target):
    return target.header, [[row[h] for h in target.header] for row in target.rows]


def test_the_unmodified_file_imports_in_both_formats(target):
    header, rows = table(target)
    assert target.run("ok.csv", to_csv(header, rows)) == "imported"
    assert target.run("ok.xlsx", to_xlsx(header, rows)) == "imported"


@fuzz_settings(70)
@given(ops=st.lists(table_op, min_size=1, max_size=4), fmt=st.sampled_from(["csv", "xlsx"]))
def test_mutated_tables(target, ops, fmt):
    header, rows = mutate_table(*table(target), ops)
    data = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows)
    event(target.run(f"t.{fmt}", data))


@fuzz_settings(50)
@given(ops=byte_ops, fmt=st.sampled_from(["csv", "csv", "xlsx"]))
def test_mutated_file_bytes(target, ops, fmt):
    header, rows = table(target)
    data = to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows)
    event(target.run(f"b.{fmt}", apply_bytes(data, ops)))


@pytest.mark.parametrize("name, data", [
    ("utf16.csv", "age,consent\n31,yes\n".encode("utf-16")),
    ("empty.csv", b""),
    ("header-only.csv", b"age,consent\n"),
    ("bom.csv", b"\xef\xbb\xbfnope\n1\n"),
    ("nul.csv", b"age\x00,consent\n1,yes\n"),
    ("not-a-workbook.xlsx", b"PK\x03\x04 not really"),
    ("notes.txt", b"age\n31\n"),
])
def test_odd_files_are_refused(target, name, data):
    assert target.run(name, data) == "refused"
