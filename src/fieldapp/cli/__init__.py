"""The ``fieldapp`` command line (ARCHITECTURE section 8: a contract, extend it, never break it).

Thin by design: parse, call ``fieldapp.ops``, print. One module per command group
(``stores``, ``forms``, ``exchange``, ``analysis``, ``app``), each registering its sub-parsers;
what they share is in ``common``. Errors are one sentence on stderr with exit status 1 (usage
errors 2), never a traceback; with ``FIELDAPP_ERROR_CODES=1`` the sentence is preceded by its
stable code (docs/errors.md). Heavy modules are imported inside the handlers so that
``fieldapp --version`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys

from fieldapp.cli.common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Parser, passphrase_parent

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main", "run_command"]


def build_parser() -> argparse.ArgumentParser:
    from fieldapp import __version__
    from fieldapp.cli import analysis, app, exchange, forms, stores

    parser = Parser(prog="fieldapp", description="Offline, encrypted survey tool for field research.")
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    pp = passphrase_parent()
    for module in (app, stores, forms, exchange, analysis):
        module.register(sub, pp)
    return parser


def _compat(argv: list[str]) -> list[str]:
    """Older spellings kept working: ``devices STORE`` is ``devices list STORE``, and the
    passphrase option may come before the action (``devices --passphrase-file F revoke ...``)."""
    if not argv or argv[0] != "devices":
        return argv
    rest, options = argv[1:], []
    while rest and (rest[0] == "--passphrase-file" or rest[0].startswith("--passphrase-file=")):
        take = 1 if "=" in rest[0] else 2
        options, rest = options + rest[:take], rest[take:]
    if not rest or rest[0] in ("-h", "--help"):
        return argv
    action = "list"
    if rest[0] in ("list", "trust", "label", "revoke"):
        action, rest = rest[0], rest[1:]
    return ["devices", action, *options, *rest]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in (["--version"], ["-V"]):
        from fieldapp import __version__

        print(f"fieldapp {__version__}")
        return EXIT_OK
    parser = build_parser()
    try:
        args = parser.parse_args(_compat(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        args = parser.parse_args(["gui"])
    return run_command(args)


def _sentence(exc) -> str:
    if os.environ.get("FIELDAPP_ERROR_CODES") == "1":
        return f"[{exc.message.code}] {exc}"
    return str(exc)


def run_command(args: argparse.Namespace) -> int:
    from fieldapp.errors import Cancelled, UsageError, UserFacingError

    try:
        return args.func(args)
    except UsageError as exc:
        print(f"fieldapp: {_sentence(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except UserFacingError as exc:
        print(f"fieldapp: {_sentence(exc)}", file=sys.stderr)
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
