"""``fieldapp gui`` (the desktop app) and ``fieldapp selftest``."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.cli.common import EXIT_OK, say


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from fieldapp.gui.app import run
    except ImportError as exc:
        from fieldapp.errors import UserFacingError

        raise UserFacingError("app.cannot_start", reason=str(exc)) from None
    return run(getattr(args, "store", None))


def cmd_selftest(args: argparse.Namespace) -> int:
    from fieldapp import __version__
    from fieldapp.selftest import run

    say(f"fieldapp {__version__} self-test")
    seconds = run()
    say(f"selftest: OK in {seconds:.1f} s")
    return EXIT_OK


def register(sub, pp) -> None:
    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("store", nargs="?", type=Path)
    p.set_defaults(func=cmd_gui)
    p = sub.add_parser("selftest", help="end-to-end check in a temporary folder (also in the desktop package)")
    p.set_defaults(func=cmd_selftest)
