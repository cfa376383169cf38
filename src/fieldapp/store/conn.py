"""The type of a store's open database connection, for annotations only.

sqlcipher3 is a fork of the standard library's ``sqlite3`` module with the same connection
and cursor API, and it publishes no type information of its own: type checkers see its
connections as ``sqlite3.Connection``. Nothing imports sqlite3 at run time for this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite3 import Connection
else:
    Connection = object

__all__ = ["Connection"]
