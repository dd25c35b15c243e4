"""Quick unlock: after an AUTOMATIC lock, the family may reopen within 30 minutes with a 6-digit PIN they chose
when they unlocked with the passphrase. See docs/SECURITY.md, "Quick unlock with a PIN", for the trade-off.

- Memory only. The journal's data key is wrapped (AES-256-GCM) under a key derived from the PIN and a random
  salt (scrypt); only the wrapped key, salt and nonce are kept, in this object, in memory. Nothing about the PIN
  or the key is ever written to disk, settings or logs.
- Armed at unlock, usable only after an automatic lock (`start_window`), for `WINDOW` (30 minutes) from that
  lock. Lock now, closing the app, deleting or restoring the journal call `wipe()`.
- Three wrong PINs wipe it (the passphrase is then needed); so does the window running out. A 6-digit PIN is
  guessable with enough tries, which is why there are three, and why it never leaves memory.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from datetime import datetime, timedelta

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from nec_companion.core.clock import Clock
from nec_companion.core.i18n import _

PIN_LENGTH = 6
MAX_TRIES = 3
WINDOW = timedelta(minutes=30)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "maxmem": 64 * 1024 * 1024, "dklen": 32}


def pin_problem(pin: str) -> str:
    """"" when `pin` can be used; otherwise one kind sentence."""
    if len(pin) != PIN_LENGTH or not pin.isascii() or not pin.isdigit():
        return _("A quick unlock PIN is {length} digits, for example 482916.").format(length=PIN_LENGTH)
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        return _("That PIN is too easy to guess (like 111111 or 123456). Please choose other digits.")
    return ""


class QuickUnlockEnded(Exception):
    """The PIN can no longer be used (never set, Lock now, 30 minutes, or 3 wrong tries): use the passphrase."""


class WrongPin(Exception):
    """The PIN was wrong; `tries_left` more tries before the passphrase is needed (0: it has ended)."""

    def __init__(self, tries_left: int) -> None:
        super().__init__("wrong PIN")
        self.tries_left = tries_left


def _pin_key(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, **_SCRYPT)


class QuickUnlock:
    """One journal's PIN-wrapped data key, in memory, with its tries and its window."""

    def __init__(self, *, journal_id: str, data_key: bytes, pin: str, clock: Clock) -> None:
        problem = pin_problem(pin)
        if problem:
            raise ValueError(problem)
        self.journal_id = journal_id
        self._clock = clock
        self._salt = os.urandom(16)
        self._nonce = os.urandom(12)
        key = _pin_key(pin, self._salt)
        self._wrapped: bytes | None = AESGCM(key).encrypt(self._nonce, bytes(data_key), journal_id.encode())
        self._check = hmac.new(key, b"pin-check", hashlib.sha256).digest()
        self.tries_left = MAX_TRIES
        self.window_ends: datetime | None = None

    def start_window(self) -> None:
        """The journal locked itself: the PIN works from now for WINDOW."""
        if self._wrapped is not None:
            self.window_ends = self._clock.now() + WINDOW

    def close_window(self) -> None:
        """The journal is open again (the PIN stays set for the next automatic lock, with fresh tries)."""
        self.window_ends = None
        self.tries_left = MAX_TRIES

    @property
    def available(self) -> bool:
        if self._wrapped is None or self.window_ends is None:
            return False
        if self._clock.now() >= self.window_ends:
            self.wipe()
            return False
        return True

    def minutes_left(self) -> int:
        if not self.available or self.window_ends is None:
            return 0
        return max(1, int((self.window_ends - self._clock.now()).total_seconds() // 60))

    def unlock(self, pin: str) -> bytes:
        """The data key, for the right PIN within the window. Raises WrongPin or QuickUnlockEnded."""
        if not self.available or self._wrapped is None:
            raise QuickUnlockEnded()
        key = _pin_key(pin, self._salt) if pin.isascii() else b""
        if not key or not hmac.compare_digest(hmac.new(key, b"pin-check", hashlib.sha256).digest(), self._check):
            self.tries_left -= 1
            if self.tries_left <= 0:
                self.wipe()
            raise WrongPin(max(0, self.tries_left))
        try:
            return AESGCM(key).decrypt(self._nonce, self._wrapped, self.journal_id.encode())
        except InvalidTag:
            self.wipe()
            raise QuickUnlockEnded() from None

    def wipe(self) -> None:
        """Forget the wrapped key (Lock now, closing, expiry, 3 wrong tries)."""
        self._wrapped = None
        self._check = b""
        self._salt = b""
        self.window_ends = None
        self.tries_left = 0

    @property
    def wiped(self) -> bool:
        return self._wrapped is None


__all__ = ["MAX_TRIES", "PIN_LENGTH", "WINDOW", "QuickUnlock", "QuickUnlockEnded", "WrongPin", "pin_problem"]
