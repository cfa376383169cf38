"""Summary tables over a Dataset: frequencies, numeric summaries, cross-tabs, paired questions.

Pure functions (no Qt, no file I/O); writers live in ``fieldapp.exports``. See docs/tables.md.
"""

from fieldapp.analysis.dataset import (
    ANSWERED,
    MISSING,
    NOT_APPLICABLE,
    Dataset,
    dataset_fields,
)
from fieldapp.analysis.disclosure import Audit, protect, suppress
from fieldapp.analysis.tables import (
    DEFAULT_MIN_CELL,
    LONG_BY_COLUMNS,
    LONG_COLUMNS,
    Table,
    all_tables,
    crosstab,
    default_bands,
    frequency,
    long_format,
    numeric_summary,
    paired,
)

__all__ = [
    "ANSWERED",
    "Audit",
    "DEFAULT_MIN_CELL",
    "LONG_BY_COLUMNS",
    "LONG_COLUMNS",
    "MISSING",
    "NOT_APPLICABLE",
    "Dataset",
    "Table",
    "all_tables",
    "crosstab",
    "dataset_fields",
    "default_bands",
    "frequency",
    "long_format",
    "numeric_summary",
    "paired",
    "protect",
    "suppress",
]
