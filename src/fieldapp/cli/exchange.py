"""Exchange commands: ``key export|enrol|backup``, ``export``, ``import``, ``receipt``,
``devices list|trust|label|revoke``.

Nothing printed contains an answer, a pseudonym or a secret key; the one command that writes a
secret key (``key backup``) says so. Trust is given by fingerprint words only (issue #17,
findings 3 and 10): the first pin of a project key needs its words (``--words``, or a yes on a
terminal after they are shown), and a new device needs its key's words (``--trust-device``,
``devices trust``, or a yes per device on a terminal with ``--trust-new-devices``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.common import EXIT_ERROR, EXIT_OK, Parser, open_store, say, warn
from fieldapp.messages import plural


def _on_terminal() -> bool:
    return bool(sys.stdin and sys.stdin.isatty())


def _korean(words: str) -> str:
    """The Korean form of fingerprint ``words`` (decision 0019): a new line after the English
    words, which stay on their own line as scripts read them."""
    from fieldapp.ops.exchange import fingerprint_forms

    return fingerprint_forms(words)[1]


def _yes(question: str) -> bool:
    try:
        return input(question + " [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _confirmed_words(store, key: bytes | None, given: str | None) -> str | None:
    """The fingerprint words to pin ``key`` with: ``--words`` as given, or, for a first pin on a
    terminal, the key's own words once the user says they match the coordinator's."""
    from fieldapp.errors import UserFacingError
    from fieldapp.ops import exchange as ops

    if key is None or given is not None or not _on_terminal():
        return given  # the core refuses a first pin without words
    preview = ops.preview_project_key(store, key)
    if not preview.needs_words:
        return None
    say("This laptop has no project key yet. The key file's fingerprint words are:")
    say(f"    {preview.words}")
    say(f"    (the same in Korean words: {_korean(preview.words)})")
    say("Ask the coordinator to read out the words of their project key (in person or by phone).")
    if not _yes("Do all eight words match, in the same order?"):
        raise UserFacingError("key.words_not_confirmed")
    return preview.words


def cmd_key_export(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import write_project_key_file
    from fieldapp.ops.files import output_path

    output_path(args.out, default_name="project.fieldapp-key")  # checked before the passphrase
    with open_store(args) as store:
        written = write_project_key_file(store, args.out)
    say(f"Wrote the project key file to {written.path}.")
    say(f"Fingerprint: {written.words}")
    say(f"The same in Korean words: {_korean(written.words)}")
    say("Read these words to each interviewer in person or by phone; their laptop shows the same "
        "words when it is enrolled.")
    return EXIT_OK


def cmd_key_enrol(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import enrol, read_project_key

    data = read_project_key(args.project_key)
    with open_store(args) as store:
        enrolled = enrol(store, data, words=_confirmed_words(store, data, args.words))
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
        path = write_key_backup(store, out, escrow=args.escrow, remove=args.remove)
    which = "escrow key C_esc" if args.escrow else "decryption key C_enc"
    say(f"Wrote the project's {which} to {path} (readable by you only).")
    if args.remove:
        say("The escrow key is no longer in this store: the file is its only copy.")
    elif args.escrow:
        say("It is still in this store too; run again with --remove (to a new file) to keep it offline only.")
    warn("warning: this file opens every bundle of the project. Keep it offline, e.g. on paper or a "
         "stick in a safe, never on a laptop that travels. `age -d -i FILE BUNDLE` opens a bundle with it.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from fieldapp.ops import exchange as ops
    from fieldapp.progress import StderrProgress

    key = ops.read_project_key(args.to) if args.to else None
    with open_store(args) as store:
        if args.resend:
            for p in ops.resend(store, args.out, progress=StderrProgress("resend")):
                say(f"Wrote {p} again (a bundle still waiting for its receipt).")
            return EXIT_OK
        words = _confirmed_words(store, key, args.words)
        exported = ops.export(store, args.out, project_key=key, words=words, progress=StderrProgress("export"))
    result = exported.result
    if key is not None:
        say(f"Project key fingerprint: {exported.words}")
    say(f"Exported {plural(result.interviews, 'interview', 'interviews')} to {result.path} "
        f"(bundle number {result.seq}).")
    say("Their answers were removed from this laptop; a sealed copy stays until the coordinator's "
        "receipt comes back (`fieldapp receipt`).")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from fieldapp.ops import exchange as ops
    from fieldapp.ops.files import input_path
    from fieldapp.progress import StderrProgress

    for bundle in args.bundles:  # a wrong path is refused before the passphrase is asked for
        input_path(bundle)
    trust = [check_device_words(w) for w in args.trust_device]
    confirm = None
    if args.trust_new_devices:
        if _on_terminal():
            confirm = _ask_trust
        elif not trust:
            warn("fieldapp: --trust-new-devices trusts a new device only once its fingerprint words are "
                 "confirmed: on a terminal it asks for each one; in a script give them with "
                 '--trust-device "WORDS" or announce the laptop with `fieldapp devices trust`.')
    with open_store(args) as store:
        if args.check:
            reports = [ops.check_bundle(store, p, trust=trust) for p in args.bundles]
        else:
            reports = ops.merge_bundles(store, args.bundles, trust=trust, confirm_device=confirm,
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
        say(f"{len(reports) - refused} of {plural(len(reports), 'bundle', 'bundles')} accepted, {refused} refused.")
    return EXIT_ERROR if refused else EXIT_OK


def _ask_trust(device) -> bool:
    """One confirmation per new device: its id and fingerprint words, compared with the laptop."""
    who = f"device {device.device_id}" if device.device_id else "a device not seen before"
    say(f"{device.bundle} is signed by {who}, which is not trusted here yet. Its fingerprint words:")
    say(f"    {device.words}")
    say(f"    (the same in Korean words: {_korean(device.words)})")
    say("The interviewer's laptop shows its words on its Export page (or ask them to read them out).")
    return _yes("Do all eight words match, in the same order? Trust this device?")


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
    from fieldapp.ops.exchange import list_devices, list_expected_devices

    with open_store(args) as store:
        rows = list_devices(store)
        expected = list_expected_devices(store)
    if not rows and not expected:
        say("No devices registered yet (a device is registered when its first bundle is trusted).")
    # Tab-separated, in the columns of earlier releases (the key column now holds the words);
    # the label comes last (extension).
    for r in rows:
        say(f"{r.device_id}\tkey {r.words}\t{r.state}\tfirst seen {r.first_seen}\t"
            f"last bundle {r.last_seq}\t{r.bundles} bundle(s)\t{r.label}".rstrip("\t"))
    for e in expected:
        say(f"(expected)\tkey {e.words}\texpected\tannounced {e.added_at}\tno bundle yet\t0 bundle(s)\t"
            f"{e.label}".rstrip("\t"))
    return EXIT_OK


def check_device_words(words: str) -> str:
    from fieldapp.errors import UsageError, UserFacingError
    from fieldapp.ops.exchange import check_device_words as check

    try:
        return check(words)
    except UserFacingError as exc:
        raise UsageError(f"--trust-device: {exc}") from None


def cmd_devices_trust(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import check_device_words as check
    from fieldapp.ops.exchange import expect_device

    words = check(" ".join(args.words))  # refused before the passphrase is asked for
    with open_store(args) as store:
        row = expect_device(store, words, args.label or "", args.replaces or "")
    if row.replaces:
        say(f"The key with the fingerprint words {row.words} will be trusted as device {row.replaces}'s "
            "new key when its first bundle arrives; its old key is then refused for later bundles.")
    else:
        say(f"The laptop with the fingerprint words {row.words} will be trusted when its first bundle "
            "arrives" + (f" (label: {row.label})." if row.label else "."))
    return EXIT_OK


def cmd_devices_label(args: argparse.Namespace) -> int:
    from fieldapp.ops.exchange import check_label, label_device

    label = check_label(" ".join(args.label))
    with open_store(args) as store:
        label_device(store, args.device_id, label)
    if label:
        say(f"Device {args.device_id} is now labelled: {label} (the label stays in this store).")
    else:
        say(f"Device {args.device_id} has no label any more.")
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
    p.add_argument("--words", metavar="WORDS",
                   help="the key file's eight fingerprint words as the coordinator read them out (needed the "
                        "first time unless you confirm them on a terminal)")
    p.set_defaults(func=cmd_key_enrol)
    p = ksub.add_parser("backup", parents=pps, help="write the project decryption key, for safekeeping")
    p.add_argument("store", type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--escrow", action="store_true", help="back up the escrow key C_esc instead of C_enc")
    p.add_argument("--remove", action="store_true",
                   help="with --escrow: then delete C_esc from this store, so it is kept offline only")
    p.set_defaults(func=cmd_key_backup)

    p = sub.add_parser("export", parents=pps, help="seal finalized interviews into a bundle for the coordinator")
    p.add_argument("store", type=Path)
    p.add_argument("--to", metavar="PROJECT_KEY", type=Path,
                   help="the coordinator's project key file (pinned at first use; optional afterwards)")
    p.add_argument("--out", required=True, type=Path, help="bundle file, or a folder (random file name)")
    p.add_argument("--resend", action="store_true",
                   help="write again every bundle still waiting for a receipt (e.g. a lost stick)")
    p.add_argument("--words", metavar="WORDS",
                   help="the project key file's eight fingerprint words as the coordinator read them out "
                        "(needed when --to pins a key for the first time, unless confirmed on a terminal)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=pps, help="check and merge bundles into the coordinator's store")
    p.add_argument("store", type=Path)
    p.add_argument("bundles", nargs="+", type=Path, metavar="BUNDLE")
    p.add_argument("--trust-new-devices", action="store_true",
                   help="on a terminal, ask for each device not seen before whether its fingerprint words "
                        "match the interviewer's laptop (in scripts use --trust-device)")
    p.add_argument("--trust-device", metavar="WORDS", action="append", default=[],
                   help="trust the new device whose key has these eight fingerprint words (repeatable: one "
                        "device each)")
    p.add_argument("--check", action="store_true", help="run every check and report, merge nothing")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("receipt", parents=pps, help="apply the coordinator's receipts on this laptop")
    p.add_argument("store", type=Path)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(func=cmd_receipt)

    devices = sub.add_parser("devices", help="the device registry: list (devices STORE), trust, label or revoke")
    dsub = devices.add_subparsers(dest="devices_command", parser_class=Parser, metavar="ACTION", required=True)
    p = dsub.add_parser("list", parents=pps, help="laptops, key fingerprints, trust state")
    p.add_argument("store", type=Path)
    p.set_defaults(func=cmd_devices_list)
    p = dsub.add_parser("trust", parents=pps,
                        help="trust a laptop by its key's fingerprint words before its first bundle arrives")
    p.add_argument("store", type=Path)
    p.add_argument("words", nargs="+", metavar="WORD", help="the eight fingerprint words (quoted or not)")
    p.add_argument("--label", help='the coordinator\'s name for the laptop, e.g. "Seoul team, laptop 3"')
    p.add_argument("--replaces", metavar="DEVICE",
                   help="the words are the new key of this registered device (a laptop `fieldapp recover` "
                        "reopened); its old key is refused for every bundle after the new key's first")
    p.set_defaults(func=cmd_devices_trust)
    p = dsub.add_parser("label", parents=pps, help="give a registered laptop a label (kept on this store only)")
    p.add_argument("store", type=Path)
    p.add_argument("device_id")
    p.add_argument("label", nargs="*", help="the label (nothing: remove it)")
    p.set_defaults(func=cmd_devices_label)
    p = dsub.add_parser("revoke", parents=pps, help="refuse every future bundle of a device")
    p.add_argument("store", type=Path)
    p.add_argument("device_id")
    p.set_defaults(func=cmd_devices_revoke)
