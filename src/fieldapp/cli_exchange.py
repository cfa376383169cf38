"""Exchange subcommands: ``key export|backup``, ``export``, ``import``, ``receipt``, ``devices``.

Thin like cli.py: parse, call fieldapp.exchange, print. Nothing printed contains an answer, a
pseudonym or a secret key; the one command that writes a secret key (``key backup``) says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 1


def _open(args):
    from fieldapp.cli import _open_store

    return _open_store(args)


def cmd_key_export(args: argparse.Namespace) -> int:
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.errors import UserFacingError
    from fieldapp.exchange.keys import ensure_store_keys, project_key_file
    from fieldapp.fileio import atomic_write

    with _open(args) as store:
        if store.info.role != "coordinator":
            raise UserFacingError("Only the coordinator's store has a project key to export.")
        ensure_store_keys(store)
        with store.reading() as conn:
            data = project_key_file(conn)
    out = Path(args.out)
    if out.is_dir():
        out = out / "project.fieldapp-key"
    # Public keys only: readable by others is fine, and interviewers must be able to copy it.
    atomic_write(out, data, mode=0o644)
    words = load_project_key(data).fingerprint_words()
    print(f"Wrote the project key file to {out}.")
    print(f"Fingerprint: {words}")
    print("Read these words to each interviewer in person or by phone; their laptop shows the same "
          "words when it is enrolled.")
    return EXIT_OK


def cmd_key_enrol(args: argparse.Namespace) -> int:
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.errors import UserFacingError
    from fieldapp.exchange.keys import enrol

    try:
        data = Path(args.project_key).read_bytes()
    except OSError as exc:
        raise UserFacingError(f"Cannot read {args.project_key}: {exc.strerror}.") from None
    with _open(args) as store:
        if store.info.role != "interviewer":
            raise UserFacingError("Only interviewer laptops are enrolled with a project key.")
        changed = enrol(store, data)
    words = load_project_key(data).fingerprint_words()
    print(("Enrolled" if changed else "Already enrolled") + f" with the project key {args.project_key}.")
    print(f"Fingerprint: {words}  (compare with the words the coordinator reads out)")
    print("A recovery slot for the coordinator was added to this store.")
    return EXIT_OK


def cmd_key_backup(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError
    from fieldapp.exchange.keys import coordinator_keys, ensure_store_keys
    from fieldapp.fileio import atomic_write

    out = Path(args.out)
    if out.exists():
        raise UserFacingError(f"{out} already exists; a key backup never overwrites a file.")
    with _open(args) as store:
        if store.info.role != "coordinator":
            raise UserFacingError("Only the coordinator's store holds a project decryption key.")
        ensure_store_keys(store)
        with store.reading() as conn:
            ck = coordinator_keys(conn)
    which, identity, recipient = (("escrow key C_esc", ck.esc_identity, ck.esc_recipient) if args.escrow
                                  else ("decryption key C_enc", ck.enc_identity, ck.enc_recipient))
    text = (f"# fieldapp project {ck.project_id}: {which}\n"
            f"# public key: {recipient}\n"
            "# Anyone holding this file can read every bundle of the project. Keep it offline.\n"
            f"{identity}\n")
    atomic_write(out, text.encode("ascii"), mode=0o600)
    print(f"Wrote the project's {which} to {out} (readable by you only).")
    print("warning: this file opens every bundle of the project. Keep it offline, e.g. on paper or a "
          "stick in a safe, never on a laptop that travels. `age -d -i FILE BUNDLE` opens a bundle with it.",
          file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.errors import UserFacingError
    from fieldapp.exchange.export import export_bundle, resend
    from fieldapp.progress import StderrProgress

    with _open(args) as store:
        if args.resend:
            paths = resend(store, Path(args.out))
            for p in paths:
                print(f"Wrote {p} again (a bundle still waiting for its receipt).")
            return EXIT_OK
        key = None
        if args.to:
            try:
                key = Path(args.to).read_bytes()
            except OSError as exc:
                raise UserFacingError(f"Cannot read the project key file {args.to}: {exc.strerror}.") from None
        result = export_bundle(store, Path(args.out), key, progress=StderrProgress("export"))
        if key is not None:
            print(f"Project key fingerprint: {load_project_key(key).fingerprint_words()}")
    print(f"Exported {result.interviews} interview(s) to {result.path} (bundle number {result.seq}).")
    print("Their answers were removed from this laptop; a sealed copy stays until the coordinator's "
          "receipt comes back (`fieldapp receipt`).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from fieldapp.exchange.importer import check_bundle, import_bundles
    from fieldapp.progress import StderrProgress

    with _open(args) as store:
        if args.check:
            reports = [check_bundle(store, p, args.trust_new_devices) for p in args.bundles]
        else:
            reports = import_bundles(store, args.bundles, trust_new_devices=args.trust_new_devices,
                                     progress=StderrProgress("import"))
    refused = 0
    for report in reports:
        if not report.ok:
            refused += 1
            print(f"fieldapp: {report.reason}", file=sys.stderr)
            continue
        print(report.summary())
        for notice in report.notices:
            print(f"  notice: {notice}")
        if report.receipt:
            print(f"  receipt for the interviewer: {report.receipt}")
    if len(reports) > 1:
        print(f"{len(reports) - refused} of {len(reports)} bundle(s) accepted, {refused} refused.")
    return EXIT_ERROR if refused else EXIT_OK


def cmd_receipt(args: argparse.Namespace) -> int:
    from fieldapp.exchange.receipt import apply_receipt

    with _open(args) as store:
        for path in args.files:
            print(apply_receipt(store, path).summary())
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    from fieldapp.errors import UsageError
    from fieldapp.exchange.importer import list_devices, revoke_device

    rest = list(args.args)
    if rest and rest[0] == "revoke":
        if len(rest) != 3:
            raise UsageError("Use: fieldapp devices revoke STORE DEVICE_ID.")
        args.store = Path(rest[1])
        with _open(args) as store:
            revoke_device(store, rest[2])
        print(f"Device {rest[2]} is revoked: its future bundles will be refused; what it sent before stays.")
        return EXIT_OK
    if len(rest) != 1:
        raise UsageError("Use: fieldapp devices STORE, or fieldapp devices revoke STORE DEVICE_ID.")
    args.store = Path(rest[0])
    with _open(args) as store:
        rows = list_devices(store)
    if not rows:
        print("No devices registered yet (a device is registered when its first bundle is trusted).")
    for r in rows:
        print(f"{r.device_id}\tkey {r.fingerprint}\t{r.state}\tfirst seen {r.first_seen}\t"
              f"last bundle {r.last_seq}\t{r.bundles} bundle(s)")
    return EXIT_OK


def register(sub, passphrase_parent) -> None:
    pp = [passphrase_parent]
    from fieldapp.cli import _Parser

    key = sub.add_parser("key", help="the coordinator's project key file and key backup")
    ksub = key.add_subparsers(dest="key_command", parser_class=_Parser, metavar="ACTION", required=True)
    p = ksub.add_parser("export", parents=pp, help="write the signed project key file for interviewers")
    p.add_argument("store", type=Path)
    p.add_argument("out", type=Path)
    p.set_defaults(func=cmd_key_export)
    p = ksub.add_parser("enrol", parents=pp, help="interviewer: pin the coordinator's project key file")
    p.add_argument("store", type=Path)
    p.add_argument("project_key", type=Path)
    p.set_defaults(func=cmd_key_enrol)
    p = ksub.add_parser("backup", parents=pp, help="write the project decryption key, for safekeeping")
    p.add_argument("store", type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--escrow", action="store_true", help="back up the escrow key C_esc instead of C_enc")
    p.set_defaults(func=cmd_key_backup)

    p = sub.add_parser("export", parents=pp, help="seal finalized interviews into a bundle for the coordinator")
    p.add_argument("store", type=Path)
    p.add_argument("--to", metavar="PROJECT_KEY", type=Path,
                   help="the coordinator's project key file (pinned at first use; optional afterwards)")
    p.add_argument("--out", required=True, type=Path, help="bundle file, or a folder (random file name)")
    p.add_argument("--resend", action="store_true",
                   help="write again every bundle still waiting for a receipt (e.g. a lost stick)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=pp, help="check and merge bundles into the coordinator's store")
    p.add_argument("store", type=Path)
    p.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    p.add_argument("--trust-new-devices", action="store_true",
                   help="register devices not seen before (check their key fingerprints first)")
    p.add_argument("--check", action="store_true", help="run every check and report, merge nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("receipt", parents=pp, help="apply the coordinator's receipts on this laptop")
    p.add_argument("store", type=Path)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_receipt)

    p = sub.add_parser("devices", parents=pp, help="list devices (STORE), or revoke one (revoke STORE ID)")
    p.add_argument("args", nargs="+", metavar="STORE | revoke STORE DEVICE_ID")
    p.set_defaults(func=cmd_devices)
