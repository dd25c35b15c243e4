"""Argon2id key derivation: parameters, the bounds checked before any derivation, and calibration."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from nec_companion.core.errors import Damaged, TryLater
from nec_companion.core.i18n import N_, _

KEY_LENGTH = 32
SALT_LENGTH = 16
ARGON2_VERSION = 0x13
MIB = 1024  # KiB per MiB


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost: memory in KiB, passes over memory (iterations) and lanes (parallelism)."""

    memory_kib: int
    iterations: int
    lanes: int

    def describe(self) -> str:
        return f"Argon2id m={self.memory_kib // MIB} MiB, t={self.iterations}, p={self.lanes}"


MAX_WORK_MIB_PASSES = 512 * 12


@dataclass(frozen=True)
class KdfBounds:
    """What a file may ask for. Checked before deriving, so a crafted header costs no memory or time."""

    min_memory_kib: int = 8 * MIB
    max_memory_kib: int = 1024 * MIB
    min_iterations: int = 1
    max_iterations: int = 16
    min_lanes: int = 1
    max_lanes: int = 8
    min_salt_length: int = 16
    max_salt_length: int = 64
    max_work_mib_passes: int = MAX_WORK_MIB_PASSES
    """memory (MiB) x passes: the cost of one try. 6144 (512 MiB x 12) is about 3 s on a 2-core machine where
    the usual 256 MiB x 5 takes 0.63 s (audit M12); calibration never picks more."""

    def check(self, params: Argon2Params, *, salt_length: int) -> None:
        """Raise Damaged unless `params` and the salt length are inside the bounds."""
        values = (params.memory_kib, params.iterations, params.lanes, salt_length)
        if any(isinstance(value, bool) or not isinstance(value, int) for value in values):
            raise Damaged(next_step=_(_DAMAGED_KDF_NEXT_STEP), detail="KDF parameters of the wrong type")
        if not (
            self.min_memory_kib <= params.memory_kib <= self.max_memory_kib
            and self.min_iterations <= params.iterations <= self.max_iterations
            and self.min_lanes <= params.lanes <= self.max_lanes
            and self.min_salt_length <= salt_length <= self.max_salt_length
            and params.memory_kib >= 8 * params.lanes  # Argon2's own minimum
            and (params.memory_kib // MIB) * params.iterations <= self.max_work_mib_passes
        ):
            raise Damaged(next_step=_(_DAMAGED_KDF_NEXT_STEP), detail=f"KDF parameters out of bounds: {params}")


_DAMAGED_KDF_NEXT_STEP = N_(
    "Its settings are impossible, so it was not opened. Nothing has been deleted; please ask staff to contact "
    "the app's support."
)

PRODUCTION_BOUNDS = KdfBounds()
FAST_TEST_BOUNDS = KdfBounds(min_memory_kib=8)
"""Lower floor so tests can use tiny parameters; the upper bounds (the denial-of-service guard) are unchanged."""

FAST_TEST_PARAMS = Argon2Params(memory_kib=8, iterations=1, lanes=1)


def derive_key(secret: bytes, *, salt: bytes, params: Argon2Params, bounds: KdfBounds) -> bytes:
    """Argon2id(secret, salt) → 32 bytes. Bounds are checked first; out of memory becomes TryLater."""
    bounds.check(params, salt_length=len(salt))
    try:
        kdf = Argon2id(
            salt=salt,
            length=KEY_LENGTH,
            iterations=params.iterations,
            lanes=params.lanes,
            memory_cost=params.memory_kib,
        )
        return kdf.derive(secret)
    except MemoryError:
        raise TryLater(
            _("This computer doesn't have enough free memory to open the journal right now."),
            next_step=_("Close other programs, then try again."),
        ) from None


@dataclass(frozen=True)
class KdfPolicy:
    """How new key slots choose their Argon2id cost, and the bounds every file is held to when read.

    `fixed_params` None means: calibrate on this machine (0.5-1.0 s) the first time a slot is made.
    """

    fixed_params: Argon2Params | None = None
    bounds: KdfBounds = PRODUCTION_BOUNDS
    target_low_seconds: float = 0.5
    target_high_seconds: float = 1.0

    def __post_init__(self) -> None:
        if self.fixed_params is not None:
            self.bounds.check(self.fixed_params, salt_length=SALT_LENGTH)

    @classmethod
    def calibrated(cls) -> KdfPolicy:
        """Production: measure this machine and aim for 0.5-1.0 s per unlock."""
        return cls()

    @classmethod
    def insecure_fast_for_tests(cls) -> KdfPolicy:
        """Tiny parameters (8 KiB, one pass): for tests only, never for a family's journal."""
        return cls(fixed_params=FAST_TEST_PARAMS, bounds=FAST_TEST_BOUNDS)


@dataclass(frozen=True)
class Calibration:
    """The chosen parameters and how long they took here."""

    params: Argon2Params
    seconds: float
    trials: tuple[tuple[Argon2Params, float], ...] = field(default=())


CALIBRATION_FLOOR = Argon2Params(memory_kib=64 * MIB, iterations=3, lanes=2)
_MEMORY_STEPS_MIB = (64, 128, 256, 512)
_MIN_ITERATIONS = 2
_MAX_CALIBRATED_ITERATIONS = 6


def _default_total_memory_bytes() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def calibrate(
    *,
    target_low_seconds: float = 0.5,
    target_high_seconds: float = 1.0,
    cpu_count: int | None = None,
    total_memory_bytes: int | None = None,
    timer: Callable[[], float] = time.perf_counter,
    derive: Callable[[Argon2Params], None] | None = None,
) -> Calibration:
    """Pick Argon2id parameters that take `target_low`-`target_high` seconds on this machine.

    Lanes = CPU count clamped to 2-4. Memory is preferred over passes (it is what makes GPU guessing costly):
    256 MiB, else 128 MiB, else 64 MiB, with 2-6 passes; 512 MiB (capped at RAM/8) only on a machine too fast
    for 256 MiB x 6 passes; never below 64 MiB / 3 passes (RFC 9106's second option). One cheap probe predicts
    the cost, then the choice is measured and nudged at most three times.
    """
    lanes = min(4, max(2, cpu_count if cpu_count is not None else (os.cpu_count() or 2)))
    total = total_memory_bytes if total_memory_bytes is not None else _default_total_memory_bytes()
    cap_mib = 512 if total is None else max(64, min(512, total // (8 * 1024 * 1024)))
    run = derive or _measure_derive
    trials: list[tuple[Argon2Params, float]] = []

    def measure(params: Argon2Params) -> float:
        start = timer()
        run(params)
        seconds = timer() - start
        trials.append((params, seconds))
        return seconds

    # Cost model: seconds = MiB x (fill + per_pass x passes); two probe sizes give both terms.
    one_pass = Argon2Params(memory_kib=64 * MIB, iterations=1, lanes=lanes)
    three_passes = Argon2Params(memory_kib=64 * MIB, iterations=3, lanes=lanes)
    first = measure(one_pass)  # also the warm-up: the first call pays for page faults
    slope_three = measure(three_passes)
    first = min(first, measure(one_pass))
    per_pass = max((slope_three - first) / (2 * 64), 1e-7)
    fill = max(first / 64 - per_pass, 0.0)
    target = (target_low_seconds + target_high_seconds) / 2

    def predict(memory_mib: int, iterations: int) -> float:
        return memory_mib * (fill + per_pass * iterations)

    choice = _predict_choice(predict, lanes=lanes, cap_mib=cap_mib, target=target,
                             low=target_low_seconds, high=target_high_seconds)
    seconds = measure(choice)
    for _attempt in range(3):
        if seconds > target_high_seconds:
            smaller = _step_down(choice)
            if smaller is None:
                break
            choice = smaller
        elif seconds < target_low_seconds:
            bigger = _step_up(choice, cap_mib=cap_mib)
            if bigger is None:
                break
            choice = bigger
        else:
            break
        seconds = measure(choice)
    return Calibration(params=choice, seconds=seconds, trials=tuple(trials))


def _predict_choice(
    predict: Callable[[int, int], float], *, lanes: int, cap_mib: int, target: float, low: float, high: float
) -> Argon2Params:
    # Prefer 256 MiB, then 128, then 64 (t >= 3 there), each with 2-6 passes, closest to the window's middle.
    for memory_mib in (256, 128, 64):
        if memory_mib > cap_mib:
            continue
        first_pass = 3 if memory_mib == 64 else _MIN_ITERATIONS
        fitting = [
            (abs(predict(memory_mib, iterations) - target), iterations)
            for iterations in range(first_pass, _MAX_CALIBRATED_ITERATIONS + 1)
            if low <= predict(memory_mib, iterations) <= high
        ]
        if fitting:
            return Argon2Params(memory_mib * MIB, min(fitting)[1], lanes)
    largest_preferred = min(256, cap_mib)
    if predict(largest_preferred, _MAX_CALIBRATED_ITERATIONS) < low:
        # A very fast machine: use the memory cap (up to 512 MiB) and as many passes as needed (at most 16).
        memory_mib = max(m for m in _MEMORY_STEPS_MIB if m <= cap_mib)
        iterations = _MIN_ITERATIONS
        while (iterations < 16 and predict(memory_mib, iterations) < target
               and memory_mib * (iterations + 1) <= MAX_WORK_MIB_PASSES):
            iterations += 1
        return Argon2Params(memory_mib * MIB, iterations, lanes)
    return Argon2Params(CALIBRATION_FLOOR.memory_kib, CALIBRATION_FLOOR.iterations, lanes)


def _step_down(params: Argon2Params) -> Argon2Params | None:
    if params.iterations > 3 or (params.iterations > _MIN_ITERATIONS and params.memory_kib > 64 * MIB):
        return Argon2Params(params.memory_kib, params.iterations - 1, params.lanes)
    if params.memory_kib > 64 * MIB:
        return Argon2Params(params.memory_kib // 2, max(params.iterations, 3), params.lanes)
    return None


def _step_up(params: Argon2Params, *, cap_mib: int) -> Argon2Params | None:
    if params.iterations < 16 and (params.memory_kib // MIB) * (params.iterations + 1) <= MAX_WORK_MIB_PASSES:
        return Argon2Params(params.memory_kib, params.iterations + 1, params.lanes)
    doubled_work = (params.memory_kib // MIB) * 2 * params.iterations
    if params.memory_kib * 2 <= cap_mib * MIB and doubled_work <= MAX_WORK_MIB_PASSES:
        return Argon2Params(params.memory_kib * 2, params.iterations, params.lanes)
    return None


def _measure_derive(params: Argon2Params) -> None:
    Argon2id(
        salt=b"\x00" * SALT_LENGTH,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(b"calibration")


def at_least(current: Argon2Params, wanted: Argon2Params) -> Argon2Params:
    """Re-calibrate upward only: `wanted` unless it costs less memory x passes than `current`."""
    if wanted.memory_kib * wanted.iterations >= current.memory_kib * current.iterations:
        return wanted
    return current
