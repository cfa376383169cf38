"""Moving interviews from field laptops to the coordinator: keys, bundles, export, import, receipts.

See docs/bundle-format.md for the byte-level format and the import algorithm.
"""
