"""The journal file format: versioned header with key slots, header checksum, AES-256-GCM body.

Layout (all integers little-endian). The outer frame is fixed for every format version, so a newer file
is recognised as "newer" and never mistaken for a damaged one:

    off   len  field
    0     8    magic b"NICUJRN\\0"
    8     2    format_major   a reader refuses a larger major (Unsupported): no fallback, no overwrite
    10    2    format_minor   a newer minor is readable; its unknown non-critical records are kept
    12    4    header_len N   16 <= N <= 64 KiB
    16    N    records {type u16, flags u16 (bit 0 = critical), length u32, value}
    16+N  32   SHA-256(bytes[0 : 16+N])   unkeyed: tells damage apart from a wrong passphrase
    48+N  ...  AES-256-GCM(payload key, payload nonce, AAD = bytes[0 : 48+N]) of the body plaintext

Records: 1 file_id (16 B), 2 cipher_id (u16; 1 = AES-256-GCM), 4 key_slot (one per kind: 1 = passphrase
with its own Argon2id parameters and salt, 2 = recovery code), 5 save_salt (32 B), 6 payload_nonce (12 B),
8 app_version (UTF-8, non-critical), 9 label (UTF-8, non-critical). Types 3 and 7 are retired numbers from
the design draft (the KDF moved into the passphrase slot, the save counter into the encrypted body).

Body plaintext: save_counter u64 | saved_at i64 (Unix ms, UTC) | image_len u64 | SQLite image | zero padding
so the plaintext is a multiple of 64 KiB (the file size reveals the journal size only to 64 KiB).

`parse_file` turns every malformed input into Damaged or Unsupported; nothing else escapes it.
"""

from __future__ import annotations

import enum
import hashlib
import os
import struct
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from nec_companion.core.errors import Damaged, Unsupported, WrongPassphrase, WrongRecoveryCode
from nec_companion.security.kdf import ARGON2_VERSION, Argon2Params, KdfBounds, derive_key

MAGIC = b"NICUJRN\x00"
FORMAT_MAJOR = 1
FORMAT_MINOR = 0
FRAME = struct.Struct("<8sHHI")
CHECKSUM_LENGTH = 32
MIN_HEADER_LENGTH = 16
MAX_HEADER_LENGTH = 64 * 1024
MAX_RECORDS = 64
MAX_FILE_SIZE = 1024 * 1024 * 1024
PADDING_BUCKET = 64 * 1024
TAG_LENGTH = 16
NONCE_LENGTH = 12
FILE_ID_LENGTH = 16
SAVE_SALT_LENGTH = 32
DATA_KEY_LENGTH = 32
WRAPPED_KEY_LENGTH = DATA_KEY_LENGTH + TAG_LENGTH
RECOVERY_SALT_LENGTH = 16
MAX_LABEL_BYTES = 200
MAX_APP_VERSION_BYTES = 64

CIPHER_AES_256_GCM = 1
KDF_ARGON2ID = 1

_RECORD = struct.Struct("<HHI")
_FLAG_CRITICAL = 0x0001
_BODY_PREFIX = struct.Struct("<QqQ")
_PASSPHRASE_SLOT_FIXED = struct.Struct("<HHHIIIB")  # kind, kdf id, kdf version, m KiB, t, p, salt length
_U16 = struct.Struct("<H")

_PAYLOAD_INFO = b"nicu-journal v1 payload key"
_RECOVERY_INFO = b"nicu-journal v1 recovery slot"
_PASSPHRASE_SLOT_AAD = b"nicu-journal v1 slot:passphrase\x00"
_RECOVERY_SLOT_AAD = b"nicu-journal v1 slot:recovery\x00"


class RecordType(enum.IntEnum):
    FILE_ID = 1
    CIPHER = 2
    KEY_SLOT = 4
    SAVE_SALT = 5
    PAYLOAD_NONCE = 6
    APP_VERSION = 8
    LABEL = 9


class SlotKind(enum.IntEnum):
    PASSPHRASE = 1
    RECOVERY = 2


@dataclass(frozen=True)
class PassphraseSlot:
    """The data key wrapped under Argon2id(passphrase)."""

    params: Argon2Params
    salt: bytes
    nonce: bytes
    wrapped_key: bytes


@dataclass(frozen=True)
class RecoverySlot:
    """The data key wrapped under HKDF(recovery code); the code itself carries 135 random bits."""

    salt: bytes
    nonce: bytes
    wrapped_key: bytes


@dataclass(frozen=True)
class UnknownRecord:
    """A non-critical record from a newer minor version: ignored, but written back unchanged."""

    record_type: int
    flags: int
    value: bytes


@dataclass(frozen=True, kw_only=True)
class JournalHeader:
    """Everything before the body. Only `label` means anything to a person; the rest is keys and nonces."""

    file_id: bytes
    passphrase_slot: PassphraseSlot
    recovery_slot: RecoverySlot | None
    save_salt: bytes
    payload_nonce: bytes
    label: str
    app_version: str = ""
    format_major: int = FORMAT_MAJOR
    format_minor: int = FORMAT_MINOR
    cipher_id: int = CIPHER_AES_256_GCM
    extra_records: tuple[UnknownRecord, ...] = field(default=())

    def with_fresh_save_nonces(self) -> JournalHeader:
        """A copy for the next save: a new save salt (so a new payload key) and a new nonce."""
        return replace(
            self,
            save_salt=os.urandom(SAVE_SALT_LENGTH),
            payload_nonce=os.urandom(NONCE_LENGTH),
            format_major=FORMAT_MAJOR,
            format_minor=FORMAT_MINOR,
        )


@dataclass(frozen=True)
class ParsedFile:
    """A file whose frame, checksum and header records are valid; the body is still encrypted."""

    header: JournalHeader
    authenticated_prefix: bytes
    ciphertext: bytes


@dataclass(frozen=True)
class Payload:
    """What the body holds once decrypted."""

    save_counter: int
    saved_at: datetime
    image: bytes


# ----------------------------------------------------------------------------------------------- parsing


def _damaged(detail: str) -> Damaged:
    return Damaged(detail=detail)


def _check_frame(data: bytes) -> int:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise _damaged("not bytes")
    size = len(data)
    if size > MAX_FILE_SIZE:
        raise _damaged("file too large")
    if size < FRAME.size + CHECKSUM_LENGTH:
        raise _damaged("too short for a header")
    magic, _major, _minor, header_length = FRAME.unpack_from(data, 0)
    if magic != MAGIC:
        raise _damaged("bad magic")
    if not MIN_HEADER_LENGTH <= header_length <= MAX_HEADER_LENGTH:
        raise _damaged("header length out of range")
    end = FRAME.size + header_length
    if end + CHECKSUM_LENGTH > size:
        raise _damaged("header longer than the file")
    if hashlib.sha256(data[:end]).digest() != bytes(data[end : end + CHECKSUM_LENGTH]):
        raise _damaged("header checksum mismatch")
    return int(header_length)


def parse_file(data: bytes, *, bounds: KdfBounds) -> ParsedFile:
    """Check the frame, checksum, version and every record. Only Damaged or Unsupported can escape."""
    try:
        return _parse_file(bytes(data) if not isinstance(data, bytes) else data, bounds=bounds)
    except (Damaged, Unsupported):
        raise
    except Exception as error:  # noqa: BLE001 (defence in depth: the checks below make this unreachable)
        raise _damaged(f"unexpected {type(error).__name__} while parsing") from None


def _parse_file(data: bytes, *, bounds: KdfBounds) -> ParsedFile:
    header_length = _check_frame(data)
    _magic, major, minor, _n = FRAME.unpack_from(data, 0)
    if major > FORMAT_MAJOR:
        raise Unsupported(detail=f"format {major}.{minor} is newer than {FORMAT_MAJOR}.{FORMAT_MINOR}")
    if major < 1:
        raise _damaged("format major 0")
    records_end = FRAME.size + header_length
    prefix_end = records_end + CHECKSUM_LENGTH
    ciphertext = data[prefix_end:]
    if len(ciphertext) < PADDING_BUCKET + TAG_LENGTH or (len(ciphertext) - TAG_LENGTH) % PADDING_BUCKET:
        raise _damaged("body length is not a whole number of 64 KiB blocks (truncated or extended)")

    singles: dict[int, bytes] = {}
    passphrase_slot: PassphraseSlot | None = None
    recovery_slot: RecoverySlot | None = None
    extras: list[UnknownRecord] = []
    offset = FRAME.size
    count = 0
    while offset < records_end:
        count += 1
        if count > MAX_RECORDS:
            raise _damaged("too many header records")
        if offset + _RECORD.size > records_end:
            raise _damaged("record header runs past the header")
        record_type, flags, length = _RECORD.unpack_from(data, offset)
        offset += _RECORD.size
        if length > records_end - offset:
            raise _damaged("record runs past the header")
        value = data[offset : offset + length]
        offset += length
        if record_type == RecordType.KEY_SLOT:
            kind, slot = _parse_slot(value, bounds=bounds)
            if kind == SlotKind.PASSPHRASE:
                if passphrase_slot is not None:
                    raise _damaged("two passphrase slots")
                assert isinstance(slot, PassphraseSlot)
                passphrase_slot = slot
            else:
                if recovery_slot is not None:
                    raise _damaged("two recovery slots")
                assert isinstance(slot, RecoverySlot)
                recovery_slot = slot
        elif record_type in _SINGLE_RECORD_LENGTHS:
            if record_type in singles:
                raise _damaged(f"duplicate record {record_type}")
            expected = _SINGLE_RECORD_LENGTHS[record_type]
            if expected is not None and length != expected:
                raise _damaged(f"record {record_type} has length {length}, expected {expected}")
            singles[record_type] = value
        elif flags & _FLAG_CRITICAL:
            raise Unsupported(detail=f"unknown critical record {record_type}")
        else:
            extras.append(UnknownRecord(record_type, flags, value))

    for required in (RecordType.FILE_ID, RecordType.CIPHER, RecordType.SAVE_SALT, RecordType.PAYLOAD_NONCE):
        if required not in singles:
            raise _damaged(f"missing record {required.name}")
    if passphrase_slot is None:
        raise _damaged("missing passphrase slot")
    (cipher_id,) = _U16.unpack(singles[RecordType.CIPHER])
    if cipher_id != CIPHER_AES_256_GCM:
        raise Unsupported(detail=f"unknown cipher {cipher_id}")
    label = _decode_text(singles.get(RecordType.LABEL, b""), limit=MAX_LABEL_BYTES, what="label")
    app_version = _decode_text(singles.get(RecordType.APP_VERSION, b""), limit=MAX_APP_VERSION_BYTES, what="version")
    header = JournalHeader(
        file_id=singles[RecordType.FILE_ID],
        passphrase_slot=passphrase_slot,
        recovery_slot=recovery_slot,
        save_salt=singles[RecordType.SAVE_SALT],
        payload_nonce=singles[RecordType.PAYLOAD_NONCE],
        label=label,
        app_version=app_version,
        format_major=major,
        format_minor=minor,
        cipher_id=cipher_id,
        extra_records=tuple(extras),
    )
    return ParsedFile(header=header, authenticated_prefix=data[:prefix_end], ciphertext=ciphertext)


_SINGLE_RECORD_LENGTHS: dict[int, int | None] = {
    RecordType.FILE_ID: FILE_ID_LENGTH,
    RecordType.CIPHER: _U16.size,
    RecordType.SAVE_SALT: SAVE_SALT_LENGTH,
    RecordType.PAYLOAD_NONCE: NONCE_LENGTH,
    RecordType.APP_VERSION: None,
    RecordType.LABEL: None,
}


def _decode_text(value: bytes, *, limit: int, what: str) -> str:
    if len(value) > limit:
        raise _damaged(f"{what} too long")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        raise _damaged(f"{what} is not UTF-8") from None
    if any(ord(character) < 0x20 or 0x7F <= ord(character) < 0xA0 for character in text):
        raise _damaged(f"{what} has control characters")
    return text


def _parse_slot(value: bytes, *, bounds: KdfBounds) -> tuple[SlotKind, PassphraseSlot | RecoverySlot]:
    if len(value) < _U16.size:
        raise _damaged("key slot too short")
    (kind,) = _U16.unpack_from(value, 0)
    if kind == SlotKind.PASSPHRASE:
        if len(value) < _PASSPHRASE_SLOT_FIXED.size:
            raise _damaged("passphrase slot too short")
        _kind, kdf_id, kdf_version, memory_kib, iterations, lanes, salt_length = _PASSPHRASE_SLOT_FIXED.unpack_from(
            value, 0
        )
        if kdf_id != KDF_ARGON2ID or kdf_version != ARGON2_VERSION:
            raise Unsupported(detail=f"unknown key derivation {kdf_id}/{kdf_version:#x}")
        expected = _PASSPHRASE_SLOT_FIXED.size + salt_length + NONCE_LENGTH + WRAPPED_KEY_LENGTH
        if len(value) != expected:
            raise _damaged("passphrase slot has the wrong length")
        params = Argon2Params(memory_kib=memory_kib, iterations=iterations, lanes=lanes)
        bounds.check(params, salt_length=salt_length)  # before anything can derive with them
        start = _PASSPHRASE_SLOT_FIXED.size
        salt = value[start : start + salt_length]
        nonce = value[start + salt_length : start + salt_length + NONCE_LENGTH]
        wrapped = value[start + salt_length + NONCE_LENGTH :]
        return SlotKind.PASSPHRASE, PassphraseSlot(params=params, salt=salt, nonce=nonce, wrapped_key=wrapped)
    if kind == SlotKind.RECOVERY:
        if len(value) != _U16.size + RECOVERY_SALT_LENGTH + NONCE_LENGTH + WRAPPED_KEY_LENGTH:
            raise _damaged("recovery slot has the wrong length")
        start = _U16.size
        salt = value[start : start + RECOVERY_SALT_LENGTH]
        nonce = value[start + RECOVERY_SALT_LENGTH : start + RECOVERY_SALT_LENGTH + NONCE_LENGTH]
        wrapped = value[start + RECOVERY_SALT_LENGTH + NONCE_LENGTH :]
        return SlotKind.RECOVERY, RecoverySlot(salt=salt, nonce=nonce, wrapped_key=wrapped)
    raise Unsupported(detail=f"unknown key slot kind {kind}")


# ---------------------------------------------------------------------------------------------- encoding


def encode_header(header: JournalHeader) -> bytes:
    """Frame + records + checksum: the bytes that are also the body's AAD."""
    records = bytearray()

    def add(record_type: int, value: bytes, *, critical: bool, flags: int | None = None) -> None:
        records.extend(_RECORD.pack(record_type, flags if flags is not None else int(critical), len(value)))
        records.extend(value)

    add(RecordType.FILE_ID, header.file_id, critical=True)
    add(RecordType.CIPHER, _U16.pack(header.cipher_id), critical=True)
    add(RecordType.KEY_SLOT, _encode_passphrase_slot(header.passphrase_slot), critical=True)
    if header.recovery_slot is not None:
        slot = header.recovery_slot
        add(
            RecordType.KEY_SLOT,
            _U16.pack(SlotKind.RECOVERY) + slot.salt + slot.nonce + slot.wrapped_key,
            critical=True,
        )
    add(RecordType.SAVE_SALT, header.save_salt, critical=True)
    add(RecordType.PAYLOAD_NONCE, header.payload_nonce, critical=True)
    if header.app_version:
        add(RecordType.APP_VERSION, header.app_version.encode("utf-8")[:MAX_APP_VERSION_BYTES], critical=False)
    add(RecordType.LABEL, header.label.encode("utf-8"), critical=False)
    for extra in header.extra_records:
        add(extra.record_type, extra.value, critical=False, flags=extra.flags)
    if len(records) > MAX_HEADER_LENGTH:
        raise ValueError("header too large")
    prefix = FRAME.pack(MAGIC, header.format_major, header.format_minor, len(records)) + bytes(records)
    return prefix + hashlib.sha256(prefix).digest()


def _encode_passphrase_slot(slot: PassphraseSlot) -> bytes:
    fixed = _PASSPHRASE_SLOT_FIXED.pack(
        SlotKind.PASSPHRASE,
        KDF_ARGON2ID,
        ARGON2_VERSION,
        slot.params.memory_kib,
        slot.params.iterations,
        slot.params.lanes,
        len(slot.salt),
    )
    return fixed + slot.salt + slot.nonce + slot.wrapped_key


# ------------------------------------------------------------------------------------------ keys and body


def _payload_key(data_key: bytes, header: JournalHeader) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=header.save_salt, info=_PAYLOAD_INFO + header.file_id
    ).derive(data_key)


def seal(*, header: JournalHeader, data_key: bytes, payload: Payload) -> bytes:
    """The complete file for `payload`. `header` should carry a save salt and nonce never used before."""
    prefix = encode_header(header)
    saved_at_ms = int(payload.saved_at.timestamp() * 1000)
    body = bytearray(_BODY_PREFIX.pack(payload.save_counter, saved_at_ms, len(payload.image)))
    body += payload.image
    body += bytes(-len(body) % PADDING_BUCKET)
    ciphertext = AESGCM(_payload_key(data_key, header)).encrypt(header.payload_nonce, bytes(body), prefix)
    return prefix + ciphertext


def open_body(parsed: ParsedFile, *, data_key: bytes) -> Payload:
    """Decrypt and check the body. A failed tag (any change to header or body) is Damaged."""
    header = parsed.header
    try:
        plaintext = AESGCM(_payload_key(data_key, header)).decrypt(
            header.payload_nonce, parsed.ciphertext, parsed.authenticated_prefix
        )
    except InvalidTag:
        raise _damaged("body authentication failed") from None
    if len(plaintext) < _BODY_PREFIX.size:
        raise _damaged("body too short")
    save_counter, saved_at_ms, image_length = _BODY_PREFIX.unpack_from(plaintext, 0)
    if image_length > len(plaintext) - _BODY_PREFIX.size or image_length == 0:
        raise _damaged("image length out of range")
    try:
        saved_at = datetime.fromtimestamp(saved_at_ms / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise _damaged("save time out of range") from None
    image = plaintext[_BODY_PREFIX.size : _BODY_PREFIX.size + image_length]
    return Payload(save_counter=save_counter, saved_at=saved_at, image=image)


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_LENGTH)


def new_file_id() -> bytes:
    return os.urandom(FILE_ID_LENGTH)


def passphrase_kek(secret: bytes, slot: PassphraseSlot, *, bounds: KdfBounds) -> bytes:
    """The key-encryption key for a passphrase slot: the slow Argon2id step (0.5-1 s in production)."""
    return derive_key(secret, salt=slot.salt, params=slot.params, bounds=bounds)


def make_passphrase_slot(*, kek_salt: bytes, kek: bytes, params: Argon2Params, data_key: bytes,
                         file_id: bytes) -> PassphraseSlot:
    """Wrap `data_key` under a KEK already derived with `params` and `kek_salt`."""
    nonce = os.urandom(NONCE_LENGTH)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _PASSPHRASE_SLOT_AAD + file_id)
    return PassphraseSlot(params=params, salt=kek_salt, nonce=nonce, wrapped_key=wrapped)


def unwrap_passphrase_slot(slot: PassphraseSlot, *, kek: bytes, file_id: bytes) -> bytes:
    """The data key, or WrongPassphrase."""
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped_key, _PASSPHRASE_SLOT_AAD + file_id)
    except InvalidTag:
        raise WrongPassphrase() from None


def _recovery_kek(code_secret: bytes, *, salt: bytes, file_id: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_RECOVERY_INFO + file_id).derive(code_secret)


def make_recovery_slot(*, code_secret: bytes, data_key: bytes, file_id: bytes) -> RecoverySlot:
    salt = os.urandom(RECOVERY_SALT_LENGTH)
    nonce = os.urandom(NONCE_LENGTH)
    kek = _recovery_kek(code_secret, salt=salt, file_id=file_id)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _RECOVERY_SLOT_AAD + file_id)
    return RecoverySlot(salt=salt, nonce=nonce, wrapped_key=wrapped)


def unwrap_recovery_slot(slot: RecoverySlot | None, *, code_secret: bytes, file_id: bytes) -> bytes:
    """The data key, or WrongRecoveryCode (also when the file has no recovery slot)."""
    if slot is None:
        raise WrongRecoveryCode()
    kek = _recovery_kek(code_secret, salt=slot.salt, file_id=file_id)
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped_key, _RECOVERY_SLOT_AAD + file_id)
    except InvalidTag:
        raise WrongRecoveryCode() from None
