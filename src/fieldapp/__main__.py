"""``python -m fieldapp``: the same entry point as the ``fieldapp`` command."""

import sys

from fieldapp.cli import main

sys.exit(main())
