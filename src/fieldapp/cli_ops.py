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


def cmd_recover(args: argparse.Namespace) -> int:
    from fieldapp.cli import _new_passphrase
    from fieldapp.errors import UserFacingError
    from fieldapp.store import Store

    try:
        text = Path(args.key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError(f"Cannot read the key file {args.key} ({type(exc).__name__}).") from None
    identities = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-")]
    if not identities:
        raise UserFacingError(f"{args.key} holds no age identity (a line starting AGE-SECRET-KEY-).")
    new = _new_passphrase(args, "New passphrase: ", env="FIELDAPP_NEW_PASSPHRASE")
    with Store.recover(args.store, identities, new):
        pass
    print(f"Recovered {args.store}: it now opens with the new passphrase only.")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from fieldapp import __version__
    from fieldapp.selftest import run

    print(f"fieldapp {__version__} self-test")
    seconds = run()
    print(f"selftest: OK in {seconds:.1f} s")
    return 0


def register(sub, passphrase_parent) -> None:
    p = sub.add_parser("recover", help="coordinator: reopen a returned laptop's store with the key backup")
    p.add_argument("store", type=Path)
    p.add_argument("--key", required=True, type=Path, help="the coordinator key backup (`key backup`)")
    p.add_argument("--passphrase-file", dest="passphrase_file", metavar="FILE",
                   help="read the NEW passphrase from FILE")
    p.set_defaults(func=cmd_recover)
    p = sub.add_parser("selftest", help="end-to-end check in a temporary folder (also in the desktop package)")
    p.set_defaults(func=cmd_selftest)

    p = sub.add_parser("wipe", help="emergency crypto-erase of a store (asks to confirm)")
    p.add_argument("store", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    p.set_defaults(func=cmd_wipe)
