"""The one way exports reach the disk: ``atomic_write`` (temp file, 0600 first, fsync, rename).

The implementation is shared with the rest of fieldapp (``fieldapp.fileio``) so every file the
app writes follows the same rule (SECURITY.md: "temp file, fsync, rename for every file").
A writer library that wants a filename gets the temp path through a callback:

    atomic_write(out, lambda tmp: workbook_to(tmp))
"""

from __future__ import annotations

from fieldapp.fileio import TEMP_PREFIX, atomic_write, orphan_temp_files

__all__ = ["TEMP_PREFIX", "atomic_write", "orphan_temp_files"]
