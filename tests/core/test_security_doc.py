"""docs/security.md's Proof table names, for each item of issue #17, the tests that show it:
every test it names must exist, so the table cannot point a reviewer at nothing."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "security.md"


def _proof_rows() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Proof:", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| #17")]


def _named(row: str) -> list[tuple[str, str | None]]:
    """(file, test or None) for each backticked name in the row's last cell; ``::test`` alone
    belongs to the file named before it."""
    cell = row.rstrip(" |").rsplit(" | ", 1)[1]
    out, current = [], None
    for ref in re.findall(r"`([^`]+)`", cell):
        path, _, test = ref.partition("::")
        if path:
            current = path
        if current is not None:
            out.append((current, test or None))
    return out


def test_every_item_of_the_issue_has_a_proof_row():
    rows = _proof_rows()
    items = [row.split(" | ", 1)[0].lstrip("| ") for row in rows]
    assert [i.split(" ", 1)[0] for i in items[:11]] == [str(n) for n in range(1, 12)]
    assert len(rows) >= 11 + 9  # the also-list and the no-regression rows
    assert all(_named(row) for row in rows), [row[:60] for row in rows if not _named(row)]


def test_every_test_the_proof_table_names_exists():
    missing = []
    for row in _proof_rows():
        for path, test in _named(row):
            base = REPO / path if path.startswith("bench/") else REPO / "tests" / path
            if not base.exists():
                missing.append(path)
            elif test is not None and not re.search(rf"^(?:    )?def {re.escape(test)}\(", base.read_text(
                    encoding="utf-8"), re.M):
                missing.append(f"{path}::{test}")
    assert missing == []
