"""Analysis commands: ``tables`` (summary tables and report) and ``data`` (analysis files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.common import EXIT_OK, open_store, warn
from fieldapp.messages import plural

TABLE_FORMATS = ("csv", "md", "xlsx", "html", "pdf")
DATA_FORMATS = ("csv", "xlsx", "sav", "dta", "parquet")


def _split_names(text: str | None) -> tuple[str, ...]:
    return tuple(n.strip() for n in (text or "").split(",") if n.strip())


def _tables_request(args: argparse.Namespace):
    """The options of ``fieldapp tables`` as one request (checked before the store is opened)."""
    from fieldapp.errors import UsageError
    from fieldapp.ops.tables import TableRequest

    if args.min_cell < 2:
        raise UsageError("tables.bad_min_cell", k=str(args.min_cell), least=2)
    pairs = []
    for pair in args.pair or []:
        parts = [p.strip() for p in pair.split(":")]
        if len(parts) != 2 or not all(parts):
            raise UsageError("tables.bad_pair", pair=pair)
        pairs.append((parts[0], parts[1]))
    if args.over and not args.level:
        raise UsageError("tables.over_needs_level")
    if args.level and (args.pair or args.open_text):
        raise UsageError("tables.level_option", option="--pair" if args.pair else "--open-text")
    return TableRequest(by=args.by, lang=args.lang, min_cell=args.min_cell, suppress=args.suppress,
                        extremes=args.extremes, pairs=tuple(pairs), exclude=_split_names(args.exclude),
                        include_admin=args.include_admin, filter=args.filter, weight=args.weight,
                        level=args.level, over=args.over or "instances")


def cmd_tables(args: argparse.Namespace) -> int:
    from fieldapp.errors import UsageError
    from fieldapp.ops import tables as ops
    from fieldapp.ops.files import output_path

    if args.format not in ("csv", "md") and not args.out:
        raise UsageError(f"--format {args.format} needs --out FILE.")
    request = _tables_request(args)
    if args.open_text and (args.suppress or args.format not in ("md", "html")):
        raise UsageError("tables.open_text_where")
    if args.out:
        output_path(args.out)  # checked before the passphrase is asked for
    with open_store(args) as store:
        tables, ds = ops.tables_for(store, args.form, request=request)
    info = ops.report_info(ds, request, args.title)
    listing = ops.open_text(ds, args.lang, request.exclude) if args.open_text else None
    if not args.out:
        sys.stdout.buffer.write(ops.tables_text(tables, args.format, info.title, args.ci, listing))
        sys.stdout.flush()
        return EXIT_OK
    for w in ops.write_tables_file(tables, args.format, args.out, info.title, ci=args.ci, info=info,
                                   open_text=listing):
        warn(f"warning: {w}")
    warn(f"Wrote {plural(len(tables), 'table', 'tables')} for {plural(len(ds), 'interview', 'interviews')} "
         f"to {args.out}.")
    return EXIT_OK


def cmd_data(args: argparse.Namespace) -> int:
    from fieldapp.ops.files import output_path
    from fieldapp.ops.tables import export_data

    output_path(args.out)
    with open_store(args) as store:
        result = export_data(store, args.form, args.format, args.out, lang=args.lang,
                             include_private=args.include_private, include_sealed=args.include_sealed,
                             level=args.level)
        media = None
        if args.media is not None:
            from fieldapp.ops.media import export_media_files

            media = export_media_files(store, args.form, args.media)
    for w in result.warnings:
        warn(f"warning: {w}")
    if args.level is None:
        warn(f"Wrote {plural(result.interviews, 'interview', 'interviews')} to {args.out}.")
    for level, path, rows in result.written:
        if level:
            warn(f"Wrote {rows} {level} entries to {path}" + (" (a sheet of its own)." if path == result.path
                                                              and args.level is None else "."))
    if media is not None:
        warn(f"Wrote {plural(len(media.files), 'media file', 'media files')} to {media.folder}.")
        if media.whole:
            warn(f"{plural(len(media.whole), 'recording was', 'recordings were')} continued after a lock: "
                 "some tools (libsndfile, Python's soundfile) play only the first part of such an .ogg file, "
                 "so each is also written whole as .flac.")
    return EXIT_OK


def register(sub, pp) -> None:
    p = sub.add_parser("tables", parents=[pp], help="summary tables (CSV/Markdown/XLSX/HTML/PDF)")
    p.add_argument("store", type=Path)
    p.add_argument("--form", required=True)
    p.add_argument("--by", help="break down by this select_one or calculate field")
    p.add_argument("--lang", help="label language code, e.g. en or ko")
    p.add_argument("--min-cell", type=int, default=5, metavar="K",
                   help="flag counts and bases under K (default 5)")
    p.add_argument("--suppress", action="store_true",
                   help="hide cells under K, and every cell that would give one back (audited "
                        "over all tables of the export), instead of only flagging them")
    p.add_argument("--extremes", action="store_true",
                   help="also print minimum and maximum of numeric questions (only where at "
                        "least K respondents share the value)")
    p.add_argument("--pair", action="append", metavar="A:B",
                   help="a paired table of two questions sharing a choice list (e.g. 2007 and now), "
                        "with McNemar's exact test; may be repeated")
    p.add_argument("--filter", metavar="EXPR",
                   help="only respondents for whom this XLSForm expression is true, e.g. \"${age} >= 18\"")
    p.add_argument("--weight", metavar="FIELD",
                   help="design weights: weighted percentages beside the counts, and the effective base")
    p.add_argument("--ci", action="store_true",
                   help="show 95%% Wilson intervals in the report (the CSV always has them)")
    p.add_argument("--title", help="report title (default: the form's title in the report language)")
    p.add_argument("--exclude", metavar="FIELD,...", help="leave these questions out")
    p.add_argument("--include-admin", action="store_true",
                   help="also tabulate administrative questions such as consent")
    p.add_argument("--open-text", action="store_true",
                   help="also list the open-text answers (md and html only, never with --suppress): "
                        "IDENTIFYING, for the coordinator only")
    p.add_argument("--level", metavar="REPEAT",
                   help="tabulate the questions of this repeat (a roster such as family members); "
                        "--by may then be a respondent's field or one of the repeat")
    p.add_argument("--over", choices=("instances", "respondents"),
                   help="with --level: count each entry (default; the base in entries and the "
                        "respondents they come from) or the respondents with at least one entry "
                        "giving each answer")
    p.add_argument("--format", choices=TABLE_FORMATS, default="csv")
    p.add_argument("--out", type=Path, help="output file (default: standard output for text formats)")
    p.set_defaults(func=cmd_tables)

    p = sub.add_parser("data", parents=[pp], help="one row per interview for SPSS/Stata/R/Excel")
    p.add_argument("store", type=Path)
    p.add_argument("--form", required=True)
    p.add_argument("--format", choices=DATA_FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--lang", help="label language code")
    p.add_argument("--include-private", action="store_true",
                   help="include fields the form marks private (e.g. interviewer notes)")
    p.add_argument("--include-sealed", action="store_true",
                   help="decrypt and include answers sealed to the coordinator (coordinator store only; "
                        "recorded in the audit log)")
    p.add_argument("--level", metavar="REPEAT",
                   help="write only this repeat level (one row per entry, KEY and PARENT_KEY) to --out; "
                        "by default a form with repeats gets every level: xlsx sheets, or files "
                        "named OUT-REPEAT beside OUT")
    p.add_argument("--media", type=Path, metavar="DIR",
                   help="also write the photos, recordings and files of these interviews into DIR, "
                        "named by pseudonym and question (recorded in the audit log)")
    p.set_defaults(func=cmd_data)
