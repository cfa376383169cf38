"""Operational subcommands: ``wipe`` (emergency crypto-erase)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

CONFIRM_WORD = "WIPE"


def cmd_wipe(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError
    from fieldapp.store.wipe import wipe_store

    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise UserFacingError(
                f"wipe destroys the store for ever; confirm in a terminal by typing {CONFIRM_WORD}, "
                "or pass --yes from a script."
            )
        print(f"This destroys the store at {args.store} for ever: nobody will be able to open it again.")
        answer = input(f"Type {CONFIRM_WORD} to confirm: ")
        if answer.strip() != CONFIRM_WORD:
            print("Not confirmed; nothing was changed.")
            return 1
    seconds = wipe_store(args.store)
    print(f"The store at {args.store} was destroyed ({seconds * 1000:.0f} ms).")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from fieldapp import __version__
    from fieldapp.selftest import run

    print(f"fieldapp {__version__} self-test")
    seconds = run()
    print(f"selftest: OK in {seconds:.1f} s")
    return 0


def register(sub, passphrase_parent) -> None:
    p = sub.add_parser("selftest", help="end-to-end check in a temporary folder (also in the desktop package)")
    p.set_defaults(func=cmd_selftest)

    p = sub.add_parser("wipe", help="emergency crypto-erase of a store (asks to confirm)")
    p.add_argument("store", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    p.set_defaults(func=cmd_wipe)
