"""The one exception of the expression language: a syntax (or evaluation) error with a position."""

from __future__ import annotations

from fieldapp.errors import FieldAppError


class ExpressionError(FieldAppError):
    """An expression cannot be parsed; ``position`` is the 0-based character offset."""

    def __init__(self, message: str, position: int = 0) -> None:
        self.message = message
        self.position = position
        super().__init__(f"{message} (at character {position + 1})")
