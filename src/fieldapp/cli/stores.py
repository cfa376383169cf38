"""Store commands: ``init``, ``passwd``, ``verify``, ``wipe``, ``recover``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    NEW_PASSPHRASE_ENV,
    new_passphrase,
    open_store,
    passphrase,
    say,
    warn,
)
from fieldapp.messages import plural

CONFIRM_WORD = "WIPE"


def cmd_init(args: argparse.Namespace) -> int:
    from fieldapp.ops.stores import create_store

    secret = new_passphrase(args.passphrase_file)
    created = create_store(args.store, secret, args.role, check_strength=False)
    with created.store as store:
        article = "an" if store.role[0] in "aeiou" else "a"
        say(f"Created {article} {store.role} store at {args.store}.")
        say("Keep the passphrase safe: without it nobody, including us, can open this store.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    from fieldapp.ops.stores import change_passphrase
    from fieldapp.ops.stores import open_store as unlock

    current = passphrase(args, "Current passphrase: ")
    with unlock(args.store, current) as store:
        new = new_passphrase(args.new_passphrase_file, env=NEW_PASSPHRASE_ENV)
        change_passphrase(store, current, new, check_strength=False)
    say("Passphrase changed. The old passphrase no longer opens this store.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError
    from fieldapp.ops.stores import verify_store

    try:
        store = open_store(args)
    except UserFacingError as exc:
        warn(f"verify: FAILED: {exc}")
        return EXIT_ERROR
    with store:
        result = verify_store(store)
    for w in result.warnings:
        warn(f"warning: {w}")
    if result.problems:
        for p in result.problems:
            warn(f"problem: {p}")
        warn(f"verify: FAILED ({plural(len(result.problems), 'problem', 'problems')})")
        return EXIT_ERROR
    say("verify: OK (database pages authenticated, integrity ok, key slots ok, audit chain intact)")
    return EXIT_OK


def cmd_wipe(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError
    from fieldapp.ops.stores import wipe_store

    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            raise UserFacingError("store.wipe_needs_confirmation", word=CONFIRM_WORD)
        say(f"This destroys the store at {args.store} for ever: nobody will be able to open it again.")
        answer = input(f"Type {CONFIRM_WORD} to confirm: ")
        if answer.strip() != CONFIRM_WORD:
            say("Not confirmed; nothing was changed.")
            return EXIT_ERROR
    wiped = wipe_store(args.store)
    say(f"The store at {args.store} was destroyed ({wiped.seconds * 1000:.0f} ms).")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import fingerprint_forms
    from fieldapp.ops.stores import read_key_backup, recover_store, recovered_device

    read_key_backup(args.key)  # a wrong key file is refused before the new passphrase is asked
    new = new_passphrase(args.passphrase_file, env=NEW_PASSPHRASE_ENV)
    with recover_store(args.store, args.key, new, check_strength=False) as store:
        device = recovered_device(store)
    say(f"Recovered {args.store}: it now opens with the new passphrase only.")
    if device is not None:
        say(f"It signs with a new key from now on; its fingerprint words: {device.words}")
        say(f"(the same in Korean words: {fingerprint_forms(device.words)[1]})")
        say("On the coordinator's computer, before its next bundle is imported:")
        say(f'  fieldapp devices trust COORDINATOR-STORE "{device.words}" --replaces {device.device_id}')
    return EXIT_OK


def register(sub, pp) -> None:
    p = sub.add_parser("init", parents=[pp], help="create a new encrypted store")
    p.add_argument("store", type=Path)
    p.add_argument("--role", required=True, choices=["interviewer", "coordinator"])
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("passwd", parents=[pp], help="change the store passphrase")
    p.add_argument("store", type=Path)
    p.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("verify", parents=[pp], help="check encryption, integrity, key slots, audit log")
    p.add_argument("store", type=Path)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("wipe", help="emergency crypto-erase of a store (asks to confirm)")
    p.add_argument("store", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    p.set_defaults(func=cmd_wipe)

    p = sub.add_parser("recover", help="coordinator: reopen a returned laptop's store with the key backup")
    p.add_argument("store", type=Path)
    p.add_argument("--key", required=True, type=Path, help="the coordinator key backup (`key backup`)")
    p.add_argument("--passphrase-file", dest="passphrase_file", metavar="FILE",
                   help="read the NEW passphrase from FILE")
    p.set_defaults(func=cmd_recover)
