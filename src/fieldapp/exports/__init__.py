"""Writers for summary tables and respondent data; every file goes through ``atomic_write``.

``write_tables`` (csv, md, xlsx, html, pdf) and ``write_data`` (csv, xlsx, sav, dta, parquet).
See docs/tables.md.
"""

from fieldapp.exports.atomic import atomic_write
from fieldapp.exports.cells import neutralise
from fieldapp.exports.data import DATA_FORMATS, write_data
from fieldapp.exports.tables import TABLE_FORMATS, write_tables

__all__ = ["DATA_FORMATS", "TABLE_FORMATS", "atomic_write", "neutralise", "write_data", "write_tables"]
