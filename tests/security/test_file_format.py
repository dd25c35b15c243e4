"""The file format: round trip, and every malformed input giving only Damaged or Unsupported."""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nec_companion.core.errors import Damaged, Unsupported, WrongPassphrase, WrongRecoveryCode
from nec_companion.security import file_format as ff
from nec_companion.security import kdf as kdf_module
from nec_companion.security.kdf import FAST_TEST_BOUNDS, FAST_TEST_PARAMS, PRODUCTION_BOUNDS, Argon2Params
from nec_companion.security.recovery_code import RecoveryCode

SAVED_AT = datetime(2025, 1, 7, 10, 0, tzinfo=UTC)


def make_file(*, image: bytes = b"SQLite image bytes" * 10, label: str = "Blue Otter", params=FAST_TEST_PARAMS,
              passphrase: bytes = b"correct horse battery", major: int = ff.FORMAT_MAJOR, extra=()):
    file_id = ff.new_file_id()
    data_key = ff.new_data_key()
    salt = os.urandom(16)
    kek = kdf_module.derive_key(passphrase, salt=salt, params=FAST_TEST_PARAMS, bounds=FAST_TEST_BOUNDS)
    code = RecoveryCode.generate()
    header = ff.JournalHeader(
        file_id=file_id,
        passphrase_slot=replace(
            ff.make_passphrase_slot(kek_salt=salt, kek=kek, params=FAST_TEST_PARAMS, data_key=data_key,
                                    file_id=file_id),
            params=params,
        ),
        recovery_slot=ff.make_recovery_slot(code_secret=code.secret, data_key=data_key, file_id=file_id),
        save_salt=os.urandom(32),
        payload_nonce=os.urandom(12),
        label=label,
        app_version="0.1.0",
        format_major=major,
        extra_records=tuple(extra),
    )
    blob = ff.seal(header=header, data_key=data_key,
                   payload=ff.Payload(save_counter=7, saved_at=SAVED_AT, image=image))
    return blob, data_key, kek, code


def header_end(blob: bytes) -> int:
    (length,) = struct.unpack_from("<I", blob, 12)
    return 16 + length + 32


def reframe(blob: bytes, *, records: bytes | None = None, major: int | None = None) -> bytes:
    """Rebuild the frame with new records/version and a VALID checksum (a crafted, not a damaged, header)."""
    _magic, old_major, minor, length = ff.FRAME.unpack_from(blob, 0)
    records = blob[16 : 16 + length] if records is None else records
    prefix = ff.FRAME.pack(ff.MAGIC, old_major if major is None else major, minor, len(records)) + records
    return prefix + hashlib.sha256(prefix).digest() + blob[16 + length + 32 :]


def record(record_type: int, value: bytes, flags: int = 1) -> bytes:
    return struct.pack("<HHI", record_type, flags, len(value)) + value


def test_round_trip():
    """A sealed file parses, its label is readable without a key, and the body decrypts to the same image."""
    blob, data_key, _kek, _code = make_file()
    parsed = ff.parse_file(blob, bounds=FAST_TEST_BOUNDS)
    assert parsed.header.label == "Blue Otter"
    payload = ff.open_body(parsed, data_key=data_key)
    assert payload.image == b"SQLite image bytes" * 10
    assert payload.save_counter == 7
    assert payload.saved_at == SAVED_AT


def test_size_is_padded_to_64k_buckets():
    """The body is padded so the file size reveals the journal's size only to 64 KiB."""
    small, *_ = make_file(image=b"x")
    larger, *_ = make_file(image=b"x" * 60_000)
    assert len(small) - header_end(small) == 65536 + 16
    assert len(larger) - header_end(larger) == len(small) - header_end(small)
    big, *_ = make_file(image=b"x" * 70_000)
    assert len(big) - header_end(big) == 2 * 65536 + 16


def test_passphrase_and_recovery_slots_unwrap_the_same_key():
    """Both key slots unwrap the same data key; a wrong secret gives WrongPassphrase / WrongRecoveryCode."""
    blob, data_key, kek, code = make_file()
    header = ff.parse_file(blob, bounds=FAST_TEST_BOUNDS).header
    assert ff.unwrap_passphrase_slot(header.passphrase_slot, kek=kek, file_id=header.file_id) == data_key
    assert ff.unwrap_recovery_slot(header.recovery_slot, code_secret=code.secret, file_id=header.file_id) == data_key
    with pytest.raises(WrongPassphrase):
        ff.unwrap_passphrase_slot(header.passphrase_slot, kek=bytes(32), file_id=header.file_id)
    with pytest.raises(WrongRecoveryCode):
        ff.unwrap_recovery_slot(header.recovery_slot, code_secret=RecoveryCode.generate().secret,
                                file_id=header.file_id)


def test_every_single_byte_flip_of_the_header_is_damaged():
    """Flipping any one byte of the header (frame, records or checksum) in three ways gives Damaged."""
    blob, *_ = make_file()
    for index in range(header_end(blob)):
        for mask in (0x01, 0x80, 0xFF):
            corrupted = bytearray(blob)
            corrupted[index] ^= mask
            with pytest.raises(Damaged):
                ff.parse_file(bytes(corrupted), bounds=FAST_TEST_BOUNDS)


def test_body_byte_flips_fail_authentication():
    """Flipping bytes across the body (including the tag) makes decryption fail as Damaged."""
    blob, data_key, *_ = make_file()
    start = header_end(blob)
    for index in list(range(start, start + 64)) + list(range(len(blob) - 64, len(blob))) + [start + 30_000]:
        corrupted = bytearray(blob)
        corrupted[index] ^= 0x01
        parsed = ff.parse_file(bytes(corrupted), bounds=FAST_TEST_BOUNDS)
        with pytest.raises(Damaged):
            ff.open_body(parsed, data_key=data_key)


def test_truncation_at_many_offsets_is_damaged():
    """Cutting the file at 0, 1, 7, 8, 15, 16, around the header end, mid-body and near the end gives Damaged."""
    blob, *_ = make_file()
    end = header_end(blob)
    offsets = {0, 1, 7, 8, 15, 16, 17, end - 33, end - 32, end - 1, end, end + 1, end + 16,
               len(blob) // 2, len(blob) - 17, len(blob) - 16, len(blob) - 1}
    offsets |= set(range(0, len(blob), 997))
    for offset in sorted(offsets):
        with pytest.raises(Damaged):
            ff.parse_file(blob[:offset], bounds=FAST_TEST_BOUNDS)


def test_zero_filled_and_appended_garbage_are_damaged():
    """A zero-filled file of the same length (NTFS power loss) and appended bytes both give Damaged."""
    blob, data_key, *_ = make_file()
    with pytest.raises(Damaged) as zero:
        ff.parse_file(bytes(len(blob)), bounds=FAST_TEST_BOUNDS)
    assert zero.value.detail == "bad magic"
    for extra in (b"\x00", b"garbage", bytes(65535), bytes(65536)):
        with pytest.raises(Damaged):
            ff.open_body(ff.parse_file(blob + extra, bounds=FAST_TEST_BOUNDS), data_key=data_key)


def test_aligned_appended_block_fails_authentication():
    """Even 64 KiB of appended bytes (a size that passes the length check) fails as Damaged on decryption."""
    blob, data_key, *_ = make_file()
    parsed = ff.parse_file(blob[:-16] + os.urandom(65536) + blob[-16:], bounds=FAST_TEST_BOUNDS)
    with pytest.raises(Damaged):
        ff.open_body(parsed, data_key=data_key)


def test_header_of_one_journal_with_body_of_another_is_damaged():
    """Journal X's header with journal Y's body fails authentication (the header is the body's AAD)."""
    x_blob, x_key, *_ = make_file()
    y_blob, y_key, *_ = make_file()
    mixed = x_blob[: header_end(x_blob)] + y_blob[header_end(y_blob) :]
    parsed = ff.parse_file(mixed, bounds=FAST_TEST_BOUNDS)
    for key in (x_key, y_key):
        with pytest.raises(Damaged):
            ff.open_body(parsed, data_key=key)


def test_newer_major_version_is_unsupported_but_a_flipped_major_is_damaged():
    """A valid file with format_major 9 is Unsupported; the same byte changed by damage is Damaged."""
    blob, *_ = make_file()
    with pytest.raises(Unsupported):
        ff.parse_file(reframe(blob, major=9), bounds=FAST_TEST_BOUNDS)
    flipped = bytearray(blob)
    flipped[8] = 9
    with pytest.raises(Damaged):
        ff.parse_file(bytes(flipped), bounds=FAST_TEST_BOUNDS)


def test_newer_minor_version_with_unknown_optional_record_is_readable():
    """A newer minor version with an unknown non-critical record opens, and the record is kept for rewriting."""
    blob, data_key, *_ = make_file(extra=[ff.UnknownRecord(200, 0, b"future")])
    parsed = ff.parse_file(blob, bounds=FAST_TEST_BOUNDS)
    assert parsed.header.extra_records == (ff.UnknownRecord(200, 0, b"future"),)
    assert ff.open_body(parsed, data_key=data_key).save_counter == 7


def _slot_value(params_tuple, salt_length=16):
    memory, iterations, lanes = params_tuple
    fixed = struct.pack("<HHHIIIB", 1, 1, 0x13, memory, iterations, lanes, salt_length)
    return fixed + b"s" * salt_length + b"n" * 12 + b"w" * 48


def _replace_passphrase_slot(blob: bytes, new_value: bytes) -> bytes:
    _magic, _major, _minor, length = ff.FRAME.unpack_from(blob, 0)
    records = blob[16 : 16 + length]
    out = bytearray()
    offset = 0
    while offset < len(records):
        record_type, flags, size = struct.unpack_from("<HHI", records, offset)
        value = records[offset + 8 : offset + 8 + size]
        if record_type == 4 and struct.unpack_from("<H", value)[0] == 1:
            value = new_value
        out += struct.pack("<HHI", record_type, flags, len(value)) + value
        offset += 8 + size
    return reframe(blob, records=bytes(out))


@pytest.mark.parametrize(
    "params",
    [(2**32 - 1, 3, 2), (64 * 1024, 10**9, 2), (64 * 1024, 3, 0), (64 * 1024, 0, 1), (2**32 - 1, 2**32 - 1, 2**32 - 1),
     (1024 * 1024, 16, 16), (1024 * 1024, 7, 2), (512 * 1024, 13, 2)],
    ids=["m=4TiB", "t=1e9", "p=0", "t=0", "all-max", "audit-M12-1GiB-t16-p16", "1GiB-t7-over-3s", "512MiB-t13"],
)
def test_crafted_absurd_kdf_parameters_rejected_fast_without_deriving(params, monkeypatch):
    """A header with a valid checksum asking for m=4 TiB, t=10^9 or p=0 is Damaged before any KDF runs."""
    blob, *_ = make_file()
    calls = []
    monkeypatch.setattr(kdf_module, "Argon2id", lambda **kwargs: calls.append(kwargs))
    crafted = _replace_passphrase_slot(blob, _slot_value(params))
    with pytest.raises(Damaged):
        parsed = ff.parse_file(crafted, bounds=PRODUCTION_BOUNDS)
        ff.passphrase_kek(b"guess", parsed.header.passphrase_slot, bounds=PRODUCTION_BOUNDS)
    assert calls == []  # refused before deriving: fast on any machine (no wall-clock check in a unit test)


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (lambda r: r + record(1, b"x" * 16), Damaged),  # duplicate critical file id
        (lambda r: r + record(77, b"?", flags=1), Unsupported),  # unknown critical record
        (lambda r: r + record(4, struct.pack("<H", 9) + b"x" * 10), Unsupported),  # unknown slot kind
        (lambda r: r + record(4, _slot_value((8, 1, 1)) + b"extra"), Damaged),  # bad slot length
        (lambda r: r + record(4, _slot_value((8, 1, 1))), Damaged),  # duplicate passphrase slot
        (lambda r: r + record(9, b"\xff\xfe label"), Damaged),  # label not UTF-8 (duplicate anyway)
        (lambda r: r[:-3], Damaged),  # record runs past the header
        (lambda r: r + b"\x01\x00", Damaged),  # half a record header
        (lambda r: record(2, b"\x01\x00") + record(5, b"s" * 32), Damaged),  # missing required records
        (lambda r: r.replace(record(2, b"\x01\x00"), record(2, b"\x02\x00")), Unsupported),  # unknown cipher
        (lambda r: r.replace(record(2, b"\x01\x00"), record(2, b"\x01")), Damaged),  # wrong length, bad type
        (lambda r: record(3, b"", flags=0) * 70 + r, Damaged),  # too many records
    ],
)
def test_crafted_headers_with_valid_checksum_give_only_domain_errors(records, expected):
    """Wrong types, missing fields, duplicates and unknown critical records give Damaged or Unsupported only."""
    blob, *_ = make_file()
    _magic, _major, _minor, length = ff.FRAME.unpack_from(blob, 0)
    crafted = reframe(blob, records=records(blob[16 : 16 + length]))
    with pytest.raises(expected):
        ff.parse_file(crafted, bounds=FAST_TEST_BOUNDS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_only_raise_domain_errors(data):
    """Property: arbitrary bytes never raise anything but Damaged or Unsupported."""
    with pytest.raises((Damaged, Unsupported)):
        ff.parse_file(data, bounds=FAST_TEST_BOUNDS)
    with pytest.raises((Damaged, Unsupported)):
        ff.parse_file(ff.MAGIC + data, bounds=FAST_TEST_BOUNDS)


_BASE_BLOB, _BASE_KEY, *_ = make_file()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=2000), st.integers(min_value=1, max_value=255)),
        min_size=1, max_size=4,
    ),
    st.integers(min_value=0, max_value=len(_BASE_BLOB)),
)
def test_mutated_valid_files_only_raise_domain_errors(flips, cut):
    """Property: a real file with random byte changes and a random cut gives only Damaged or Unsupported."""
    data = bytearray(_BASE_BLOB)
    for index, mask in flips:
        data[index % len(data)] ^= mask
    data = bytes(data[: max(cut, 0)] if cut < len(data) else data)
    try:
        parsed = ff.parse_file(data, bounds=FAST_TEST_BOUNDS)
        ff.open_body(parsed, data_key=_BASE_KEY)
    except (Damaged, Unsupported):
        return
    assert data == _BASE_BLOB  # only the untouched file may open


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=0, max_size=600))
def test_random_records_with_valid_checksum_only_raise_domain_errors(records):
    """Property: any record bytes behind a valid checksum give Damaged or Unsupported, never a crash."""
    crafted = reframe(_BASE_BLOB, records=records)
    try:
        parsed = ff.parse_file(crafted, bounds=FAST_TEST_BOUNDS)
    except (Damaged, Unsupported):
        return
    with pytest.raises(Damaged):
        ff.open_body(parsed, data_key=_BASE_KEY)


def test_kdf_bounds_on_read_reject_out_of_range_salt():
    """A passphrase slot with a 4-byte salt is refused when read."""
    blob, *_ = make_file()
    with pytest.raises(Damaged):
        ff.parse_file(_replace_passphrase_slot(blob, _slot_value((8, 1, 1), salt_length=4)), bounds=FAST_TEST_BOUNDS)


def test_production_bounds_reject_test_parameters():
    """A file made with the tiny test parameters is refused by the production bounds (8 MiB floor)."""
    blob, *_ = make_file()
    with pytest.raises(Damaged):
        ff.parse_file(blob, bounds=PRODUCTION_BOUNDS)
    assert Argon2Params(8, 1, 1) == FAST_TEST_PARAMS
