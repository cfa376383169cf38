"""The ``fieldapp`` command line (ARCHITECTURE section 8: a contract, extend it, never break it).

Thin by design: parse, call the core, print. Errors are one sentence on stderr with exit
status 1 (usage errors 2), never a traceback; nothing printed here ever contains an answer,
a pseudonym link or a key. Heavy modules are imported inside the handlers so that
``fieldapp --version`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


# -- passphrases --------------------------------------------------------------------------------
def _read_passphrase(
    args: argparse.Namespace,
    prompt: str = "Passphrase: ",
    confirm: bool = False,
    env: str = "FIELDAPP_PASSPHRASE",
) -> str:
    """From --passphrase-file, FIELDAPP_PASSPHRASE, or a no-echo prompt (twice when confirming)."""
    from fieldapp.errors import UsageError, UserFacingError

    pf = getattr(args, "passphrase_file", None)
    if pf:
        try:
            text = Path(pf).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserFacingError(f"Cannot read the passphrase file {pf}: {exc.strerror}.") from None
        return text.rstrip("\r\n")
    if os.environ.get(env) is not None:
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            f"No passphrase given: use the prompt in a terminal, {env} or a passphrase file."
        )
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise UserFacingError("The two passphrases differ; nothing was created.")
    return first


def _new_passphrase(args: argparse.Namespace, prompt: str, env: str = "FIELDAPP_PASSPHRASE") -> str:
    from fieldapp.crypto import passphrase as policy
    from fieldapp.errors import WeakPassphrase

    secret = _read_passphrase(args, prompt, confirm=True, env=env)
    strength = policy.assess(secret)
    if not strength.ok:
        try:
            suggestion = f' For example, this generated one: "{policy.generate()}" (write it down).'
        except Exception:  # noqa: BLE001 - the suggestion is a courtesy
            suggestion = ""
        raise WeakPassphrase(f"That passphrase is too weak: {strength.reason}.{suggestion}")
    return secret


def _open_store(args: argparse.Namespace):
    from fieldapp.store import Store

    return Store.open(args.store, _read_passphrase(args))


# -- commands -----------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from fieldapp.store import Store

    secret = _new_passphrase(args, "New passphrase: ")
    with Store.create(args.store, secret, args.role) as store:
        article = "an" if store.role[0] in "aeiou" else "a"
        print(f"Created {article} {store.role} store at {args.store}.")
        print("Keep the passphrase safe: without it nobody, including us, can open this store.")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    from fieldapp.store import Store

    current = _read_passphrase(args, "Current passphrase: ")
    with Store.open(args.store, current) as store:
        new_args = argparse.Namespace(passphrase_file=args.new_passphrase_file)
        new = _new_passphrase(new_args, "New passphrase: ", env="FIELDAPP_NEW_PASSPHRASE")
        store.change_passphrase(current, new)
    print("Passphrase changed. The old passphrase no longer opens this store.")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from fieldapp.errors import UserFacingError

    try:
        store = _open_store(args)
    except UserFacingError as exc:
        print(f"verify: FAILED: {exc}", file=sys.stderr)
        return EXIT_ERROR
    with store:
        problems = store.verify()
        warnings = store.warnings()
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if problems:
        for p in problems:
            print(f"problem: {p}", file=sys.stderr)
        print(f"verify: FAILED ({len(problems)} problem(s))", file=sys.stderr)
        return EXIT_ERROR
    print("verify: OK (database pages authenticated, integrity ok, key slots ok, audit chain intact)")
    return EXIT_OK


def cmd_form_check(args: argparse.Namespace) -> int:
    from fieldapp.errors import FormErrors
    from fieldapp.forms.xlsform import read_xlsform

    try:
        form = read_xlsform(Path(args.form))
    except FormErrors as exc:
        for err in exc.errors:
            print(f"{args.form}: {err}", file=sys.stderr)
        print(f"{args.form}: {len(exc.errors)} problem(s); the form was not accepted.", file=sys.stderr)
        return EXIT_ERROR
    n = sum(1 for q in form.questions() if q.holds_answer)
    print(f"{args.form}: OK: form {form.form_id} version {form.version}, {n} questions, "
          f"languages: {', '.join(form.languages)}")
    return EXIT_OK


def cmd_form_add(args: argparse.Namespace) -> int:
    from fieldapp.errors import FormErrors
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.store import forms as forms_repo

    try:
        form = read_xlsform(Path(args.form))
    except FormErrors as exc:
        for err in exc.errors:
            print(f"{args.form}: {err}", file=sys.stderr)
        print(f"{args.form}: {len(exc.errors)} problem(s); nothing was installed.", file=sys.stderr)
        return EXIT_ERROR
    with _open_store(args) as store:
        added = forms_repo.add_form(store, form)
    if added:
        print(f"Installed form {form.form_id} version {form.version}.")
    else:
        print(f"Form {form.form_id} version {form.version} is already installed (same content).")
    return EXIT_OK


def cmd_form_list(args: argparse.Namespace) -> int:
    from fieldapp.store import forms as forms_repo

    with _open_store(args) as store:
        rows = forms_repo.list_forms(store)
    if not rows:
        print("No forms installed.")
    for row in rows:
        print(f"{row.form_id}\t{row.version}\t{row.title}\t{row.interviews} interview(s)")
    return EXIT_OK


def cmd_responses_import(args: argparse.Namespace) -> int:
    from fieldapp.errors import ImportRowsError
    from fieldapp.progress import StderrProgress
    from fieldapp.store.paper import import_responses

    with _open_store(args) as store:
        try:
            result = import_responses(
                store, args.form, args.file, dry_run=args.dry_run, again=args.again,
                progress=StderrProgress(f"checking {args.file.name}"),
            )
        except ImportRowsError as exc:
            for problem in exc.problems[:20]:
                print(f"{args.file.name}: {problem}", file=sys.stderr)
            if exc.total > 20:
                print(f"... and {exc.total - 20} more problem(s)", file=sys.stderr)
            print(f"{args.file.name}: {exc.total} problem(s); nothing was imported.", file=sys.stderr)
            return EXIT_ERROR
    if result.dry_run:
        print(f"{args.file.name}: all {result.rows} rows are valid (dry run: nothing was written).")
    else:
        extra = f", {result.skipped_existing} already present (same instanceID)" if result.skipped_existing else ""
        print(f"{args.file.name}: imported {result.imported} finalized interview(s){extra}.")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from fieldapp.gui.app import run
    except ImportError as exc:
        from fieldapp.errors import UserFacingError

        raise UserFacingError(f"The desktop app cannot start: {exc}.") from None
    return run(getattr(args, "store", None))


# -- parser -------------------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one sentence, exit 2
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    from fieldapp import __version__

    pp = argparse.ArgumentParser(add_help=False)
    pp.add_argument("--passphrase-file", metavar="FILE", help="read the passphrase from FILE")

    parser = _Parser(prog="fieldapp", description="Offline, encrypted survey tool for field research.")
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("store", nargs="?", type=Path)
    p.set_defaults(func=cmd_gui)

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

    form = sub.add_parser("form", help="check, install and list questionnaires")
    fsub = form.add_subparsers(dest="form_command", parser_class=_Parser, metavar="ACTION", required=True)
    p = fsub.add_parser("check", help="validate an XLSForm (errors name sheet and row)")
    p.add_argument("form", type=Path)
    p.set_defaults(func=cmd_form_check)
    p = fsub.add_parser("add", parents=[pp], help="install an XLSForm into a store")
    p.add_argument("store", type=Path)
    p.add_argument("form", type=Path)
    p.set_defaults(func=cmd_form_add)
    p = fsub.add_parser("list", parents=[pp], help="list installed forms")
    p.add_argument("store", type=Path)
    p.set_defaults(func=cmd_form_list)

    responses = sub.add_parser("responses", help="key in paper questionnaires")
    rsub = responses.add_subparsers(dest="responses_command", parser_class=_Parser, metavar="ACTION",
                                    required=True)
    p = rsub.add_parser("import", parents=[pp], help="import a CSV/XLSX of keyed-in questionnaires")
    p.add_argument("store", type=Path)
    p.add_argument("--form", required=True, help="form id (see `fieldapp form list`)")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="validate every row, write nothing")
    p.add_argument("--again", action="store_true", help="import a file that was imported before")
    p.set_defaults(func=cmd_responses_import)

    # The other command groups live in their own modules (keeps this file thin); importing
    # them is cheap: their handlers import the heavy modules only when run.
    from fieldapp import cli_data, cli_exchange, cli_ops

    for module in (cli_data, cli_exchange, cli_ops):
        module.register(sub, pp)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["--version"], ["-V"]):
        from fieldapp import __version__

        print(f"fieldapp {__version__}")
        return EXIT_OK
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        args = parser.parse_args(["gui"])
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    from fieldapp.errors import Cancelled, UsageError, UserFacingError

    try:
        return args.func(args)
    except UsageError as exc:
        print(f"fieldapp: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UserFacingError as exc:
        print(f"fieldapp: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Cancelled:
        print("fieldapp: cancelled; nothing was changed.", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("fieldapp: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place bugs are turned into a sentence
        if os.environ.get("FIELDAPP_DEBUG") == "1":
            raise
        print(
            f"fieldapp: internal error ({type(exc).__name__}); nothing secret was printed. "
            "Run again with FIELDAPP_DEBUG=1 for details to report.",
            file=sys.stderr,
        )
        return EXIT_ERROR
