"""Questionnaire commands: ``form check|add|list`` and ``responses import`` (paper questionnaires)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldapp.cli.common import EXIT_ERROR, EXIT_OK, Parser, open_store, say, warn
from fieldapp.messages import plural


def _report_form_errors(path: Path, exc, what: str) -> int:
    for err in exc.errors:
        warn(f"{path}: {err}")
    warn(f"{path}: {plural(len(exc.errors), 'problem', 'problems')}; {what}")
    return EXIT_ERROR


def cmd_form_check(args: argparse.Namespace) -> int:
    from fieldapp.errors import FormErrors
    from fieldapp.ops.forms import check_form

    try:
        checked = check_form(args.form, args.media)
    except FormErrors as exc:
        return _report_form_errors(args.form, exc, "the form was not accepted.")
    form = checked.form
    for w in checked.warnings:
        warn(f"{args.form}: warning: {w.english()}")
    verdict = "OK" if checked.runs_interviews else "ACCEPTED (the interview cannot run its repeats yet)"
    say(f"{args.form}: {verdict}: form {form.form_id} version {form.version}, {checked.questions} "
        f"questions, languages: {', '.join(checked.languages)}")
    if args.simulate:
        return _print_simulation(args.form, form, args.simulate)
    return EXIT_OK


def _print_simulation(label: Path, form, runs: int) -> int:
    from fieldapp.ops.forms import simulate_form

    report = simulate_form(form, runs)
    if report.not_runnable:
        warn(f"{label}: simulation: no interview could start: {report.not_runnable}")
        return EXIT_ERROR
    say(f"{label}: simulation: {report.finished} of {report.runs} interviews reached the end "
        f"({report.pages} pages)")
    for key in report.unreached:
        say(f"{label}: simulation: page {key} was never reached")
    for name in report.never_answerable:
        say(f"{label}: simulation: {name} is required and read-only without a calculation: "
            "it can never be answered")
    for name in report.never_satisfied:
        say(f"{label}: simulation: no answer tried ever satisfied the constraint of {name}")
    for key, files in sorted(report.missing_files.items()):
        say(f"{label}: simulation: page {key} was passed unanswered: its choices are in {files}, "
            "which is missing (give its folder with --media)")
    for key, count in sorted(report.stuck.items()):
        say(f"{label}: simulation: {plural(count, 'interview', 'interviews')} could not get past page {key}")
    for kind, count in sorted(report.exceptions.items()):
        warn(f"{label}: simulation: {plural(count, 'interview', 'interviews')} failed with {kind}")
    if not report.can_finish:
        warn(f"{label}: simulation: the form cannot be finished")
        return EXIT_ERROR
    return EXIT_OK


def cmd_form_add(args: argparse.Namespace) -> int:
    from fieldapp.errors import FormErrors
    from fieldapp.ops.forms import install_form, read_form

    try:
        form = read_form(args.form, args.media, require_attachments=True)
    except FormErrors as exc:
        return _report_form_errors(args.form, exc, "nothing was installed.")
    with open_store(args) as store:
        installed = install_form(store, form)
    if installed.added:
        say(f"Installed form {installed.form_id} version {installed.version}.")
    else:
        say(f"Form {installed.form_id} version {installed.version} is already installed (same content).")
    return EXIT_OK


def cmd_form_list(args: argparse.Namespace) -> int:
    from fieldapp.ops.forms import list_forms

    with open_store(args) as store:
        rows = list_forms(store)
    if not rows:
        say("No forms installed.")
    for row in rows:
        say(f"{row.form_id}\t{row.version}\t{row.title}\t{row.interviews} interview(s)")
    return EXIT_OK


def cmd_responses_import(args: argparse.Namespace) -> int:
    from fieldapp.errors import ImportRowsError
    from fieldapp.ops.files import input_path
    from fieldapp.ops.interviews import import_paper
    from fieldapp.progress import StderrProgress

    files = list(args.file)
    name = ", ".join(Path(f).name for f in files)
    for f in files:
        input_path(f)  # a missing file is refused before the passphrase is asked for
    with open_store(args) as store:
        try:
            result = import_paper(store, args.form, files if len(files) > 1 else files[0],
                                  dry_run=args.dry_run, again=args.again,
                                  progress=StderrProgress(f"checking {name}"))
        except ImportRowsError as exc:
            for problem in exc.problems[:20]:
                warn(str(problem))  # each names its file (and sheet), row and column
            if exc.total > 20:
                warn(f"... and {plural(exc.total - 20, 'more problem', 'more problems')}")
            warn(f"{name}: {plural(exc.total, 'problem', 'problems')}; nothing was imported.")
            return EXIT_ERROR
    if result.dry_run:
        say(f"{name}: all {result.rows} rows are valid (dry run: nothing was written).")
    else:
        extra = f", {result.skipped_existing} already present (same instanceID)" if result.skipped_existing else ""
        say(f"{name}: imported {plural(result.imported, 'finalized interview', 'finalized interviews')}{extra}.")
    return EXIT_OK


def register(sub, pp) -> None:
    form = sub.add_parser("form", help="check, install and list questionnaires")
    fsub = form.add_subparsers(dest="form_command", parser_class=Parser, metavar="ACTION", required=True)
    media = {"type": Path, "default": None, "metavar": "DIR",
             "help": "folder of the form's attached files and images (default: beside the workbook; "
                     "images also in FORM-media/ beside it)"}
    p = fsub.add_parser("check", help="validate an XLSForm (errors name sheet and row)")
    p.add_argument("form", type=Path)
    p.add_argument("--media", **media)
    p.add_argument("--simulate", type=int, default=0, metavar="N",
                   help="also walk N random interviews through the form and report what none reached")
    p.set_defaults(func=cmd_form_check)
    p = fsub.add_parser("add", parents=[pp], help="install an XLSForm into a store")
    p.add_argument("store", type=Path)
    p.add_argument("form", type=Path)
    p.add_argument("--media", **media)
    p.set_defaults(func=cmd_form_add)
    p = fsub.add_parser("list", parents=[pp], help="list installed forms")
    p.add_argument("store", type=Path)
    p.set_defaults(func=cmd_form_list)

    responses = sub.add_parser("responses", help="key in paper questionnaires")
    rsub = responses.add_subparsers(dest="responses_command", parser_class=Parser, metavar="ACTION",
                                    required=True)
    p = rsub.add_parser("import", parents=[pp], help="import a CSV/XLSX of keyed-in questionnaires")
    p.add_argument("store", type=Path)
    p.add_argument("--form", required=True, help="form id (see `fieldapp form list`)")
    p.add_argument("file", type=Path, nargs="+",
                   help="the file; a form with repeats: one CSV per level, or one XLSX with a sheet per level")
    p.add_argument("--dry-run", action="store_true", help="validate every row, write nothing")
    p.add_argument("--again", action="store_true", help="import a file that was imported before")
    p.set_defaults(func=cmd_responses_import)
