"""The exception hierarchy: every error a user can see, and the sentence they see.

A ``UserFacingError``'s message is shown as is (CLI: one line on stderr, exit 1; GUI: a
plain dialog). Anything else reaching the top is a bug and is reported as one, without
answers or keys in it.
"""

from __future__ import annotations


class FieldAppError(Exception):
    """Base of every error fieldapp raises on purpose."""


class UserFacingError(FieldAppError):
    """An error whose message is one clear sentence for the user."""


class UsageError(UserFacingError):
    """The command line was used wrongly (exit status 2)."""


class Cancelled(FieldAppError):
    """The user cancelled a long job; nothing was changed."""


class WrongPassphrase(UserFacingError):
    """The passphrase is wrong for this store (nothing was changed)."""

    def __init__(self, message: str = "The passphrase is wrong for this store; nothing was changed.") -> None:
        super().__init__(message)


class StoreInUse(UserFacingError):
    """Another fieldapp process has this store open for writing."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"The store {path} is in use by another fieldapp window or command; close it and try again."
        )


class StoreError(UserFacingError):
    """The store is missing, damaged or of an unknown version."""


class WeakPassphrase(UserFacingError):
    """A new passphrase was refused by the policy."""


class FormError(UserFacingError):
    """A problem in an XLSForm, located by sheet and (Excel) row number."""

    def __init__(self, code: str, message: str, sheet: str | None = None, row: int | None = None) -> None:
        self.code = code
        self.sheet = sheet
        self.row = row
        self.detail = message
        where = ""
        if sheet and row:
            where = f"[sheet {sheet}, row {row}] "
        elif sheet:
            where = f"[sheet {sheet}] "
        super().__init__(f"{where}{message}")


class FormErrors(UserFacingError):
    """Several form problems at once (a form is checked completely before refusing it)."""

    def __init__(self, errors: list[FormError], source: str = "form") -> None:
        self.errors = list(errors)
        first = self.errors[0] if self.errors else None
        more = f" (and {len(self.errors) - 1} more problems)" if len(self.errors) > 1 else ""
        super().__init__(f"{source}: {first}{more}" if first else f"{source}: invalid")


class ImportRowsError(UserFacingError):
    """Rows of a paper-questionnaire file failed validation; nothing was imported."""

    def __init__(self, problems: list[str], total: int, source: str) -> None:
        self.problems = problems
        self.total = total
        shown = "; ".join(problems[:20])
        more = f" (+{total - 20} more)" if total > 20 else ""
        super().__init__(f"{source}: {total} problem(s), nothing was imported: {shown}{more}")


class BundleError(UserFacingError):
    """A bundle was refused. The message is one sentence with the bundle and the reason."""
