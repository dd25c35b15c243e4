"""Argon2id: bounds checked before deriving, a known-answer cross-check, and calibration."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from nec_companion.core.errors import Damaged
from nec_companion.security import kdf as kdf_module
from nec_companion.security.kdf import (
    PRODUCTION_BOUNDS,
    Argon2Params,
    KdfPolicy,
    at_least,
    calibrate,
    derive_key,
)

MIB = 1024


def test_rfc9106_argon2id_test_vector():
    """cryptography's Argon2id gives the RFC 9106 §5.3 test-vector tag (the design's KDF cross-check)."""
    kdf = Argon2id(salt=b"\x02" * 16, length=32, iterations=3, lanes=4, memory_cost=32,
                   ad=b"\x04" * 12, secret=b"\x03" * 8)
    assert kdf.derive(b"\x01" * 32).hex() == "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"


@pytest.mark.parametrize(
    "params",
    [
        Argon2Params(memory_kib=4 * 1024 * 1024 * 1024 - 1, iterations=3, lanes=2),  # ~4 TiB
        Argon2Params(memory_kib=64 * MIB, iterations=10**9, lanes=2),
        Argon2Params(memory_kib=64 * MIB, iterations=3, lanes=0),
        Argon2Params(memory_kib=64 * MIB, iterations=0, lanes=2),
        Argon2Params(memory_kib=4 * MIB, iterations=3, lanes=2),
        Argon2Params(memory_kib=64 * MIB, iterations=3, lanes=2**32 - 1),
        Argon2Params(memory_kib=1024 * MIB, iterations=16, lanes=16),  # audit M12: 7.2 s a try
        Argon2Params(memory_kib=1024 * MIB, iterations=7, lanes=2),  # over 512 MiB x 12 of work
        Argon2Params(memory_kib=512 * MIB, iterations=13, lanes=2),
        Argon2Params(memory_kib=256 * MIB, iterations=5, lanes=9),
    ],
)
def test_absurd_parameters_rejected_before_deriving(params, monkeypatch):
    """Out-of-bounds parameters raise Damaged and the KDF is never called."""
    called = []
    monkeypatch.setattr(kdf_module, "Argon2id", lambda **kwargs: called.append(kwargs))
    with pytest.raises(Damaged):
        derive_key(b"secret", salt=b"s" * 16, params=params, bounds=PRODUCTION_BOUNDS)
    assert called == []  # refused before deriving: fast on any machine (no wall-clock check in a unit test)


@pytest.mark.parametrize("salt_length", [0, 15, 65])
def test_salt_length_bounds(salt_length):
    """Salts shorter than 16 or longer than 64 bytes are refused as Damaged."""
    with pytest.raises(Damaged):
        derive_key(b"x", salt=b"s" * salt_length, params=Argon2Params(8 * MIB, 1, 1), bounds=PRODUCTION_BOUNDS)


def test_fast_test_policy_derives_deterministically():
    """The test-only policy derives the same 32-byte key for the same input and a different one for another."""
    policy = KdfPolicy.insecure_fast_for_tests()
    one = derive_key(b"a", salt=b"s" * 16, params=policy.fixed_params, bounds=policy.bounds)
    assert one == derive_key(b"a", salt=b"s" * 16, params=policy.fixed_params, bounds=policy.bounds)
    assert one != derive_key(b"b", salt=b"s" * 16, params=policy.fixed_params, bounds=policy.bounds)
    assert len(one) == 32


def test_memory_error_becomes_try_later(monkeypatch):
    """If the machine can't give the KDF its memory, the caller gets TryLater, not MemoryError."""
    from nec_companion.core.errors import TryLater

    class NoMemory:
        def __init__(self, **kwargs):
            pass

        def derive(self, secret):
            raise MemoryError

    monkeypatch.setattr(kdf_module, "Argon2id", NoMemory)
    with pytest.raises(TryLater, match="memory"):
        derive_key(b"x", salt=b"s" * 16, params=Argon2Params(8 * MIB, 1, 1), bounds=PRODUCTION_BOUNDS)


def _fake_machine(seconds_per_mib_pass: float):
    clock = [0.0]

    def timer():
        return clock[0]

    def derive(params):
        clock[0] += seconds_per_mib_pass * (params.memory_kib / MIB) * params.iterations

    return timer, derive


@pytest.mark.parametrize(
    ("per_mib_pass", "expected_memory_mib"),
    [(0.0009, 256), (0.0022, 128), (0.004, 64), (0.0004, 256)],
)
def test_calibration_lands_in_window_on_simulated_machines(per_mib_pass, expected_memory_mib):
    """On fast to slow simulated machines, calibration picks memory first and lands in 0.5-1.0 s."""
    timer, derive = _fake_machine(per_mib_pass)
    result = calibrate(cpu_count=2, total_memory_bytes=16 * 1024**3, timer=timer, derive=derive)
    assert result.params.memory_kib == expected_memory_mib * MIB
    assert 0.5 <= result.seconds <= 1.0
    assert result.params.lanes == 2
    PRODUCTION_BOUNDS.check(result.params, salt_length=16)


def test_very_fast_machine_uses_more_memory_and_passes():
    """A machine too fast for 256 MiB x 6 passes gets 512 MiB (RAM allowing) and more passes, within the
    cost cap of 512 MiB x 12 (audit M12)."""
    timer, derive = _fake_machine(0.00005)
    result = calibrate(cpu_count=8, total_memory_bytes=16 * 1024**3, timer=timer, derive=derive)
    assert result.params == Argon2Params(512 * MIB, 12, 4)
    PRODUCTION_BOUNDS.check(result.params, salt_length=16)


def test_calibration_never_goes_below_the_floor_on_a_slow_machine():
    """A machine too slow for 64 MiB x 3 passes in 1 s still gets 64 MiB / t=3 (never weaker)."""
    timer, derive = _fake_machine(0.02)
    result = calibrate(cpu_count=1, total_memory_bytes=2 * 1024**3, timer=timer, derive=derive)
    assert result.params == Argon2Params(64 * MIB, 3, 2)


def test_calibration_memory_capped_by_ram():
    """With 1 GiB of RAM, memory stays at or below RAM/8 = 128 MiB."""
    timer, derive = _fake_machine(0.0002)
    result = calibrate(cpu_count=4, total_memory_bytes=1024**3, timer=timer, derive=derive)
    assert result.params.memory_kib <= 128 * MIB
    assert result.params.lanes == 4


def test_recalibration_is_upward_only():
    """A passphrase change keeps the stronger of the old and the newly calibrated cost."""
    strong = Argon2Params(256 * MIB, 3, 2)
    weak = Argon2Params(128 * MIB, 2, 2)
    assert at_least(strong, weak) == strong
    assert at_least(weak, strong) == strong


@pytest.mark.kdf_calibration
def test_real_calibration_on_this_machine():
    """Calibration with the real Argon2id on this machine picks parameters inside the production bounds, never
    below the floor, that derive a key. How long they take is measured by scripts/bench_kdf.py, not here: a
    wall-clock window fails on a loaded shared machine."""
    result = calibrate()
    PRODUCTION_BOUNDS.check(result.params, salt_length=16)
    assert result.params.memory_kib >= 64 * MIB
    assert result.seconds > 0
    assert len(derive_key(b"passphrase", salt=b"s" * 16, params=result.params, bounds=PRODUCTION_BOUNDS)) == 32
