"""The exception hierarchy: every error a user can see, its stable code and its sentence.

A ``UserFacingError`` carries a ``Message`` (``fieldapp.messages``): a code and parameters.
The CLI prints its English sentence (one line on stderr, exit 1); the desktop app renders
the same code in the interface language. Anything else reaching the top is a bug and is
reported as one, without answers or keys in it.

Raise with a code: ``UserFacingError("file.missing", path=p)``. A plain sentence is still
accepted (code ``text``, shown untranslated) while older call sites are converted; a test
lists the ones left.
"""

from __future__ import annotations

from typing import Any

from fieldapp.messages import MESSAGES, Message, msg, text


class FieldAppError(Exception):
    """Base of every error fieldapp raises on purpose."""


class UserFacingError(FieldAppError):
    """An error whose message is one clear sentence for the user, identified by a code."""

    #: The code used when the error is raised without one (subclasses set their own).
    default_code = "text"

    def __init__(self, code: str | Message | None = None, /, **params: Any) -> None:
        self.message = _message(code, params, self.default_code)
        super().__init__(self.message.english())

    @property
    def code(self) -> str:
        return self.message.code

    @property
    def params(self) -> dict[str, Any]:
        return dict(self.message.params)


def _message(code: str | Message | None, params: dict[str, Any], default: str) -> Message:
    if isinstance(code, Message):
        return code
    if code is None:
        return msg(default, **params)
    if code in MESSAGES:
        return msg(code, **params)
    return text(code)  # a legacy sentence


class UsageError(UserFacingError):
    """The command line was used wrongly (exit status 2)."""

    def __init__(self, detail: str | Message, /, **params: Any) -> None:
        if isinstance(detail, str) and detail not in MESSAGES:
            detail = msg("usage", detail=detail)
        super().__init__(detail, **params)


class Cancelled(FieldAppError):
    """The user cancelled a long job; nothing was changed."""

    def __init__(self, message: str = "") -> None:
        self.message = msg("cancelled")
        super().__init__(message or self.message.english())


class WrongPassphrase(UserFacingError):
    """The passphrase is wrong for this store (nothing was changed)."""

    default_code = "store.wrong_passphrase"

    def __init__(self, code: str | Message | None = None, /, **params: Any) -> None:
        super().__init__(code, **params)


class StoreInUse(UserFacingError):
    """Another fieldapp process has this store open for writing."""

    def __init__(self, path: object) -> None:
        super().__init__("store.in_use", path=str(path))


class StoreError(UserFacingError):
    """The store is missing, damaged or of an unknown version."""


class WeakPassphrase(UserFacingError):
    """A new passphrase was refused by the policy."""

    default_code = "store.weak_passphrase"


class FormError(UserFacingError):
    """A problem in an XLSForm, located by sheet and (Excel) row number.

    ``FormError(problem_code, sheet=..., row=..., **params)`` with a catalogued code, or the
    older ``FormError(short_code, sentence, sheet, row)`` while the reader is converted.
    """

    def __init__(self, code: str, message: str | Message | None = None, sheet: str | None = None,
                 row: int | None = None, **params: Any) -> None:
        if isinstance(message, Message):
            problem = message
        elif message is not None:
            problem = text(message)
        else:
            problem = msg(code, **params)
        self.form_code = code
        self.sheet = sheet
        self.row = row
        self.problem = problem
        self.detail = problem.english()
        if sheet and row:
            located = msg("form.at_row", sheet=sheet, row=row, problem=problem)
        elif sheet:
            located = msg("form.at_sheet", sheet=sheet, problem=problem)
        else:
            located = problem
        super().__init__(located)

    @property
    def code(self) -> str:  # the short problem code ("duplicate-name"), as before
        return self.form_code


class FormErrors(UserFacingError):
    """Several form problems at once (a form is checked completely before refusing it)."""

    def __init__(self, errors: list[FormError], source: str = "form") -> None:
        self.errors = list(errors)
        self.source = source
        first = self.errors[0] if self.errors else None
        if first is None:
            super().__init__(msg("form.refused", source=source, problem=text("invalid")))
        elif len(self.errors) > 1:
            super().__init__(msg("form.refused_more", source=source, problem=first.message,
                                 more=len(self.errors) - 1))
        else:
            super().__init__(msg("form.refused", source=source, problem=first.message))


class ImportRowsError(UserFacingError):
    """Rows of paper-questionnaire files failed validation; nothing was imported.

    ``problems``: coded messages, each naming its file (and sheet), row and column."""

    def __init__(self, problems: list[Message] | list[str], total: int, source: str) -> None:
        self.problems = problems
        self.total = total
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (+{total - 20} more)" if total > 20 else ""
        super().__init__(msg("paper.refused", source=source, total=total, shown=shown, more=more))


class BundleError(UserFacingError):
    """A bundle was refused. The message is one sentence with the bundle and the reason."""
