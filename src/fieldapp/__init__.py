"""fieldapp: offline, encrypted survey tool for human-rights field research.

Importing this package must stay cheap: ``fieldapp --version`` reads only this module.
"""

__version__ = "0.1.0"
