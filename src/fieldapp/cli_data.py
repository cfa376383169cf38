"""Analysis subcommands: ``tables`` (summary tables and report) and ``data`` (analysis files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

TABLE_FORMATS = ("csv", "md", "xlsx", "html", "pdf")
DATA_FORMATS = ("csv", "xlsx", "sav", "dta", "parquet")


def cmd_tables(args: argparse.Namespace) -> int:
    from fieldapp.analysis import suppress
    from fieldapp.analysis.tables import all_tables
    from fieldapp.cli import _open_store
    from fieldapp.errors import UsageError
    from fieldapp.exports import write_tables
    from fieldapp.exports.tables import tables_csv, tables_markdown
    from fieldapp.store.dataset import load_dataset

    if args.format not in ("csv", "md") and not args.out:
        raise UsageError(f"--format {args.format} needs --out FILE.")
    with _open_store(args) as store:
        ds = load_dataset(store, args.form)
    if args.by and args.by not in ds.values.columns:
        raise UsageError(f"--by {args.by}: form {args.form} has no such field.")
    tables = all_tables(ds, by=args.by, lang=args.lang, min_cell=args.min_cell)
    if args.suppress:
        tables = [suppress(t, args.min_cell) for t in tables]
    if not args.out:
        if args.format == "csv":
            data = tables_csv(tables)  # files get a BOM for Excel; a pipe gets plain UTF-8
            sys.stdout.buffer.write(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
        else:
            sys.stdout.write(tables_markdown(tables, None))
        sys.stdout.flush()
        return 0
    for w in write_tables(tables, args.format, args.out):
        print(f"warning: {w}", file=sys.stderr)
    print(f"Wrote {len(tables)} table(s) for {len(ds)} interview(s) to {args.out}.", file=sys.stderr)
    return 0


def cmd_data(args: argparse.Namespace) -> int:
    from fieldapp.cli import _open_store
    from fieldapp.exports import write_data
    from fieldapp.store.dataset import load_dataset

    with _open_store(args) as store:
        # With --include-sealed the store decrypts sealed answers in memory and records it
        # in the audit chain (data.export_sealed) before returning them.
        ds = load_dataset(store, args.form, include_sealed=args.include_sealed,
                          audit_detail={"format": args.format})
        if args.include_private:
            with store.transaction() as conn:
                store.audit(conn, "data.export_private", {"form": args.form, "format": args.format})
    warnings = write_data(ds, args.format, args.out, include_private=args.include_private, lang=args.lang,
                          include_sealed=args.include_sealed)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"Wrote {len(ds)} interview(s) to {args.out}.", file=sys.stderr)
    return 0


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
