"""Passphrase policy for new stores: refuse guessable passphrases, offer a diceware one.

An attacker holding a seized laptop can try passphrases offline; Argon2id makes each guess
cost about a second of a laptop's time, so the passphrase itself must resist roughly 10^10
guesses. zxcvbn estimates that (dictionary words, keyboard patterns, dates, l33t), the same
estimator Dropbox, KeePassXC and Bitwarden use.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_LENGTH = 10
MIN_GUESSES_LOG10 = 10.0


@dataclass(frozen=True)
class Strength:
    ok: bool
    score: int  # 0..4, for a strength meter
    reason: str  # empty when ok


def assess(passphrase: str) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        return Strength(False, 0, f"it is shorter than {MIN_LENGTH} characters")
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:100])
    guesses = float(result["guesses_log10"])
    score = int(result["score"])
    if guesses < MIN_GUESSES_LOG10:
        warning = result["feedback"].get("warning") or "it would be guessed too quickly"
        return Strength(False, min(score, 2), warning.rstrip(".").lower() if warning else "")
    return Strength(True, score, "")


def generate() -> str:
    """Six words from the EFF long word list (about 77 bits)."""
    from fieldapp.crypto.words import diceware_passphrase

    return diceware_passphrase(6)
