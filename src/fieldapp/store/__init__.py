"""The encrypted store: the only package that knows SQL (see fieldapp.store.db)."""

from fieldapp.store.db import ROLES, Store, StoreInfo, is_store

__all__ = ["ROLES", "Store", "StoreInfo", "is_store"]
