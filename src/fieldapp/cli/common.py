"""What every command shares: exit codes, passphrase sources, opening a store, the parser class.

Passphrases come from ``--passphrase-file``, an environment variable, or a no-echo prompt
(twice when a new one is set): the restic/borg convention (ARCHITECTURE s.8). Nothing printed
by any command ever contains an answer, a pseudonym link or a key, except ``key backup``'s file.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
PASSPHRASE_ENV = "FIELDAPP_PASSPHRASE"  # noqa: S105 - the name of a variable, not a secret
NEW_PASSPHRASE_ENV = "FIELDAPP_NEW_PASSPHRASE"  # noqa: S105


class Parser(argparse.ArgumentParser):
    """Usage errors: the usage line and one sentence on stderr, exit status 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def passphrase_parent() -> argparse.ArgumentParser:
    pp = argparse.ArgumentParser(add_help=False)
    pp.add_argument("--passphrase-file", metavar="FILE", help="read the passphrase from FILE")
    return pp


def read_passphrase(passphrase_file: str | os.PathLike[str] | None, prompt: str = "Passphrase: ",
                    confirm: bool = False, env: str = PASSPHRASE_ENV) -> str:
    """From a passphrase file, the environment, or a no-echo prompt (twice when confirming)."""
    from fieldapp.errors import UsageError, UserFacingError

    if passphrase_file:
        from fieldapp.ops import files

        return files.read_text(passphrase_file, max_size=4096).rstrip("\r\n")
    if os.environ.get(env) is not None:
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"No passphrase given: use the prompt in a terminal, {env} or a passphrase file.")
    import getpass

    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise UserFacingError("store.passphrases_differ")
    return first


def passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    return read_passphrase(getattr(args, "passphrase_file", None), prompt)


def new_passphrase(passphrase_file: str | os.PathLike[str] | None, prompt: str = "New passphrase: ",
                   env: str = PASSPHRASE_ENV) -> str:
    """A new passphrase, refused with a reason and a generated one when it is guessable."""
    from fieldapp.ops.stores import require_strong

    secret = read_passphrase(passphrase_file, prompt, confirm=True, env=env)
    require_strong(secret)
    return secret


def open_store(args: argparse.Namespace):
    """The store named by ``args.store``, unlocked with the passphrase from the usual sources."""
    from fieldapp.ops.stores import open_store as unlock

    return unlock(Path(args.store), passphrase(args))


def say(text: str = "") -> None:
    print(text)


def warn(text: str) -> None:
    print(text, file=sys.stderr)
