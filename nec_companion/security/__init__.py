"""Encryption and access control for family journals (no Qt): errors, KDF, file format, recovery codes,
passphrase policy and the wrong-attempt throttle. `nec_companion.storage` builds the journal store on these.
"""

from nec_companion.core.errors import (
    BabyRejected,
    Damaged,
    InputRejected,
    JournalClosed,
    JournalError,
    JournalNotFound,
    LabelRejected,
    PassphraseRejected,
    RecoveryCodeInvalid,
    SaveFailed,
    SaveFailureReason,
    TryLater,
    Unsupported,
    WrongPassphrase,
    WrongRecoveryCode,
)
from nec_companion.security.kdf import Argon2Params, Calibration, KdfBounds, KdfPolicy, calibrate
from nec_companion.security.passphrase_policy import (
    PassphraseLists,
    check_passphrase,
    generate_passphrase,
    normalise_passphrase,
)
from nec_companion.security.recovery_code import RecoveryCode, parse_recovery_code
from nec_companion.security.throttle import AttemptThrottle, ThrottlePolicy

__all__ = [
    "Argon2Params",
    "AttemptThrottle",
    "BabyRejected",
    "Calibration",
    "Damaged",
    "InputRejected",
    "JournalClosed",
    "JournalError",
    "JournalNotFound",
    "KdfBounds",
    "KdfPolicy",
    "LabelRejected",
    "PassphraseLists",
    "PassphraseRejected",
    "RecoveryCode",
    "RecoveryCodeInvalid",
    "SaveFailed",
    "SaveFailureReason",
    "ThrottlePolicy",
    "TryLater",
    "Unsupported",
    "WrongPassphrase",
    "WrongRecoveryCode",
    "calibrate",
    "check_passphrase",
    "generate_passphrase",
    "normalise_passphrase",
    "parse_recovery_code",
]
