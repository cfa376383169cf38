"""Analysis commands: ``tables`` (summary tables and report) and ``data`` (analysis files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fieldapp.cli.common import EXIT_OK, open_store, warn

TABLE_FORMATS = ("csv", "md", "xlsx", "html", "pdf")
DATA_FORMATS = ("csv", "xlsx", "sav", "dta", "parquet")


def cmd_tables(args: argparse.Namespace) -> int:
    from fieldapp.errors import UsageError
    from fieldapp.ops import tables as ops
    from fieldapp.ops.files import output_path

    if args.format not in ("csv", "md") and not args.out:
        raise UsageError(f"--format {args.format} needs --out FILE.")
    if args.out:
        output_path(args.out)  # checked before the passphrase is asked for
    with open_store(args) as store:
        tables, ds = ops.tables_for(store, args.form, by=args.by, lang=args.lang, min_cell=args.min_cell,
                                    hide_small=args.suppress)
    if not args.out:
        sys.stdout.buffer.write(ops.tables_text(tables, args.format))
        sys.stdout.flush()
        return EXIT_OK
    for w in ops.write_tables_file(tables, args.format, args.out):
        warn(f"warning: {w}")
    warn(f"Wrote {len(tables)} table(s) for {len(ds)} interview(s) to {args.out}.")
    return EXIT_OK


def cmd_data(args: argparse.Namespace) -> int:
    from fieldapp.ops.files import output_path
    from fieldapp.ops.tables import export_data

    output_path(args.out)
    with open_store(args) as store:
        result = export_data(store, args.form, args.format, args.out, lang=args.lang,
                             include_private=args.include_private, include_sealed=args.include_sealed)
    for w in result.warnings:
        warn(f"warning: {w}")
    warn(f"Wrote {result.interviews} interview(s) to {args.out}.")
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
                   help="hide cells under K (with secondary suppression) instead of only flagging them")
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
    p.set_defaults(func=cmd_data)
