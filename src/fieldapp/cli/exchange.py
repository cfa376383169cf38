"""Exchange commands: ``key export|enrol|backup``, ``export``, ``import``, ``receipt``, ``devices list|revoke``.

Nothing printed contains an answer, a pseudonym or a secret key; the one command that writes a
secret key (``key backup``) says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.cli.common import EXIT_ERROR, EXIT_OK, Parser, open_store, say, warn


def cmd_key_export(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import write_project_key_file
    from fieldapp.ops.files import output_path

    output_path(args.out, default_name="project.fieldapp-key")  # checked before the passphrase
    with open_store(args) as store:
        written = write_project_key_file(store, args.out)
    say(f"Wrote the project key file to {written.path}.")
    say(f"Fingerprint: {written.words}")
    say("Read these words to each interviewer in person or by phone; their laptop shows the same "
        "words when it is enrolled.")
    return EXIT_OK


def cmd_key_enrol(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import enrol, read_project_key

    data = read_project_key(args.project_key)
    with open_store(args) as store:
        enrolled = enrol(store, data)
    say(("Enrolled" if enrolled.changed else "Already enrolled") + f" with the project key {args.project_key}.")
    say(f"Fingerprint: {enrolled.words}  (compare with the words the coordinator reads out)")
    say("A recovery slot for the coordinator was added to this store.")
    return EXIT_OK


def cmd_key_backup(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError
    from fieldapp.ops.exchange import write_key_backup
    from fieldapp.ops.files import output_path

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserFacingError("key.backup_exists", path=str(out))
    output_path(out, overwrite=False)
    with open_store(args) as store:
        path = write_key_backup(store, out, escrow=args.escrow)
    which = "escrow key C_esc" if args.escrow else "decryption key C_enc"
    say(f"Wrote the project's {which} to {path} (readable by you only).")
    warn("warning: this file opens every bundle of the project. Keep it offline, e.g. on paper or a "
         "stick in a safe, never on a laptop that travels. `age -d -i FILE BUNDLE` opens a bundle with it.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from fieldapp.ops import exchange as ops
    from fieldapp.progress import StderrProgress

    key = ops.read_project_key(args.to) if args.to else None
    with open_store(args) as store:
        if args.resend:
            for p in ops.resend(store, args.out):
                say(f"Wrote {p} again (a bundle still waiting for its receipt).")
            return EXIT_OK
        exported = ops.export(store, args.out, project_key=key, progress=StderrProgress("export"))
    result = exported.result
    if key is not None:
        say(f"Project key fingerprint: {exported.words}")
    say(f"Exported {result.interviews} interview(s) to {result.path} (bundle number {result.seq}).")
    say("Their answers were removed from this laptop; a sealed copy stays until the coordinator's "
        "receipt comes back (`fieldapp receipt`).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from fieldapp.ops import exchange as ops
    from fieldapp.ops.files import input_path
    from fieldapp.progress import StderrProgress

    for bundle in args.bundles:  # a wrong path is refused before the passphrase is asked for
        input_path(bundle)
    with open_store(args) as store:
        if args.check:
            reports = [ops.check_bundle(store, p, trust_new_devices=args.trust_new_devices) for p in args.bundles]
        else:
            reports = ops.merge_bundles(store, args.bundles, trust_new_devices=args.trust_new_devices,
                                        progress=StderrProgress("import"))
    refused = 0
    for report in reports:
        if not report.ok:
            refused += 1
            warn(f"fieldapp: {report.reason}")
            continue
        say(report.summary())
        for notice in report.notices:
            say(f"  notice: {notice}")
        if report.receipt:
            say(f"  receipt for the interviewer: {report.receipt}")
    if len(reports) > 1:
        say(f"{len(reports) - refused} of {len(reports)} bundle(s) accepted, {refused} refused.")
    return EXIT_ERROR if refused else EXIT_OK


def cmd_receipt(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import apply_receipt
    from fieldapp.ops.files import input_path

    for path in args.files:
        input_path(path)
    with open_store(args) as store:
        for path in args.files:
            say(apply_receipt(store, path).summary())
    return EXIT_OK


def cmd_devices_list(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import list_devices

    with open_store(args) as store:
        rows = list_devices(store)
    if not rows:
        say("No devices registered yet (a device is registered when its first bundle is trusted).")
    for r in rows:
        say(f"{r.device_id}\tkey {r.fingerprint}\t{r.state}\tfirst seen {r.first_seen}\t"
            f"last bundle {r.last_seq}\t{r.bundles} bundle(s)")
    return EXIT_OK


def cmd_devices_revoke(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import revoke_device

    with open_store(args) as store:
        revoke_device(store, args.device_id)
    say(f"Device {args.device_id} is revoked: its future bundles will be refused; what it sent before stays.")
    return EXIT_OK


def register(sub, pp) -> None:
    pps = [pp]
    key = sub.add_parser("key", help="the coordinator's project key file and key backup")
    ksub = key.add_subparsers(dest="key_command", parser_class=Parser, metavar="ACTION", required=True)
    p = ksub.add_parser("export", parents=pps, help="write the signed project key file for interviewers")
    p.add_argument("store", type=Path)
    p.add_argument("out", type=Path)
    p.set_defaults(func=cmd_key_export)
    p = ksub.add_parser("enrol", parents=pps, help="interviewer: pin the coordinator's project key file")
    p.add_argument("store", type=Path)
    p.add_argument("project_key", type=Path)
    p.set_defaults(func=cmd_key_enrol)
    p = ksub.add_parser("backup", parents=pps, help="write the project decryption key, for safekeeping")
    p.add_argument("store", type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--escrow", action="store_true", help="back up the escrow key C_esc instead of C_enc")
    p.set_defaults(func=cmd_key_backup)

    p = sub.add_parser("export", parents=pps, help="seal finalized interviews into a bundle for the coordinator")
    p.add_argument("store", type=Path)
    p.add_argument("--to", metavar="PROJECT_KEY", type=Path,
                   help="the coordinator's project key file (pinned at first use; optional afterwards)")
    p.add_argument("--out", required=True, type=Path, help="bundle file, or a folder (random file name)")
    p.add_argument("--resend", action="store_true",
                   help="write again every bundle still waiting for a receipt (e.g. a lost stick)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=pps, help="check and merge bundles into the coordinator's store")
    p.add_argument("store", type=Path)
    p.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    p.add_argument("--trust-new-devices", action="store_true",
                   help="register devices not seen before (check their key fingerprints first)")
    p.add_argument("--check", action="store_true", help="run every check and report, merge nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("receipt", parents=pps, help="apply the coordinator's receipts on this laptop")
    p.add_argument("store", type=Path)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_receipt)

    devices = sub.add_parser("devices", help="the device registry: list (devices STORE) or revoke one")
    dsub = devices.add_subparsers(dest="devices_command", parser_class=Parser, metavar="ACTION", required=True)
    p = dsub.add_parser("list", parents=pps, help="laptops, key fingerprints, trust state")
    p.add_argument("store", type=Path)
    p.set_defaults(func=cmd_devices_list)
    p = dsub.add_parser("revoke", parents=pps, help="refuse every future bundle of a device")
    p.add_argument("store", type=Path)
    p.add_argument("device_id")
    p.set_defaults(func=cmd_devices_revoke)
