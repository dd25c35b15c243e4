"""Kill -9 fault injection for journal saves: every acknowledged save survives, every journal opens.

A child process opens a journal and, in a loop, adds a baby, saves, and prints the baby's nickname only after
`save()` returned (an *acknowledged* save). The parent kills it with SIGKILL at a random moment, then opens the
journal in a fresh directory object and checks that every acknowledged nickname is there. Rotation of backups
is set to every 1, 2 or 3 saves in most runs so the kill often lands inside the rotation steps too.

    .venv/bin/python scripts/fault_injection.py --runs 1000            # fork mode (fast, POSIX)
    .venv/bin/python scripts/fault_injection.py --runs 200 --mode exec # a fresh interpreter per run

The test suite imports this file and runs 200 fork-mode runs (tests/storage/test_kill9.py).
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from nec_companion.core.ages import GestationalAge  # noqa: E402
from nec_companion.core.babies import BabyDetails  # noqa: E402
from nec_companion.core.clock import SystemClock  # noqa: E402
from nec_companion.security.errors import JournalError  # noqa: E402
from nec_companion.security.kdf import KdfPolicy  # noqa: E402
from nec_companion.security.passphrase_policy import PassphraseLists  # noqa: E402
from nec_companion.storage import BackupPolicy, JournalDirectory  # noqa: E402

PASSPHRASE = "kill nine tidy gravel moon"
MAX_SAVES_PER_CHILD = 400


@dataclass
class CampaignResult:
    """What a campaign saw. `lost` and `unopenable` must both be empty for a pass."""

    runs: int = 0
    acknowledged: int = 0
    killed_before_first_ack: int = 0
    child_finished_before_kill: int = 0
    restored_from_backup: int = 0
    lost: list[str] = field(default_factory=list)
    unopenable: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.lost and not self.unopenable

    def summary(self) -> str:
        return (
            f"{self.runs} kill -9 runs in {self.seconds:.1f} s: {self.acknowledged} acknowledged saves, "
            f"{len(self.lost)} lost, {len(self.unopenable)} unopenable, {self.restored_from_backup} opened from "
            f"a backup, {self.killed_before_first_ack} killed before their first save, "
            f"{self.child_finished_before_kill} finished before the kill"
        )


def _directory(data_dir: Path, *, rotate_every_saves: int, lists: PassphraseLists) -> JournalDirectory:
    return JournalDirectory(
        data_dir,
        clock=SystemClock(),
        kdf=KdfPolicy.insecure_fast_for_tests(),
        passphrase_lists=lists,
        backups=BackupPolicy(rotate_every_saves=rotate_every_saves),
    )


def _details(nickname: str) -> BabyDetails:
    return BabyDetails(nickname=nickname, birth_date=date.today() - timedelta(days=10),
                       gestational_age=GestationalAge(30, 2), birth_weight_g=1400)


def child_save_loop(data_dir: Path, *, journal_id: str, tag: str, out_fd: int, rotate_every_saves: int,
                    lists: PassphraseLists) -> None:
    """Add a baby, save, then report it: a line on `out_fd` means the save was acknowledged."""
    journal = _directory(data_dir, rotate_every_saves=rotate_every_saves, lists=lists).open(journal_id, PASSPHRASE)
    for index in range(MAX_SAVES_PER_CHILD):
        nickname = f"{tag}-{index}"
        journal.add_baby(_details(nickname))
        journal.save()
        os.write(out_fd, f"{nickname}\n".encode())
    journal.close()


def _collect_until(read_fd: int, deadline: float) -> tuple[bytes, bool]:
    """Read from the child until the deadline; True if the child closed its end first (it finished)."""
    buffer = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return buffer, False
        ready, _, _ = select.select([read_fd], [], [], remaining)
        if ready:
            chunk = os.read(read_fd, 65536)
            if not chunk:
                return buffer, True
            buffer += chunk


def _drain(read_fd: int) -> bytes:
    buffer = b""
    while chunk := os.read(read_fd, 65536):
        buffer += chunk
    return buffer


def _acknowledged(buffer: bytes) -> list[str]:
    complete = buffer.rsplit(b"\n", 1)[0] if b"\n" in buffer else b""
    return [line.decode() for line in complete.split(b"\n") if line]


def _run_forked(data_dir: Path, *, journal_id: str, tag: str, rotate: int, delay: float,
                lists: PassphraseLists) -> tuple[list[str], bool]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never returns into the caller (a test runner), whatever happens
        code = 0
        try:
            os.close(read_fd)
            child_save_loop(data_dir, journal_id=journal_id, tag=tag, out_fd=write_fd, rotate_every_saves=rotate,
                            lists=lists)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        buffer, finished = _collect_until(read_fd, time.monotonic() + delay)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        buffer += _drain(read_fd)
    finally:
        os.close(read_fd)
    return _acknowledged(buffer), finished


def _run_exec(data_dir: Path, *, journal_id: str, tag: str, rotate: int, delay: float) -> tuple[list[str], bool]:
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", str(data_dir), journal_id, tag, str(rotate)],
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    read_fd = process.stdout.fileno()
    buffer, finished = _collect_until(read_fd, time.monotonic() + delay)
    process.kill()
    process.wait()
    buffer += _drain(read_fd)
    process.stdout.close()
    return _acknowledged(buffer), finished


def run_campaign(data_dir: Path, *, runs: int, seed: int, mode: str = "fork", max_delay: float = 0.06,
                 verbose: bool = False) -> CampaignResult:
    """Create one journal in `data_dir`, then kill `runs` saving children at random moments, checking each time."""
    rng = random.Random(seed)
    lists = PassphraseLists.load()
    result = CampaignResult()
    started = time.monotonic()
    journal, _code = _directory(data_dir, rotate_every_saves=100, lists=lists).create(passphrase=PASSPHRASE,
                                                                                      label="Kill Test")
    journal_id = journal.journal_id
    journal.close()
    acknowledged: set[str] = set()
    startup = 0.0 if mode == "fork" else 0.35
    for run in range(runs):
        tag = f"r{run}"
        rotate = rng.choice((1, 1, 2, 3, 100))
        delay = startup + rng.uniform(0.0, max_delay)
        if mode == "fork":
            lines, finished = _run_forked(data_dir, journal_id=journal_id, tag=tag, rotate=rotate, delay=delay,
                                          lists=lists)
        else:
            lines, finished = _run_exec(data_dir, journal_id=journal_id, tag=tag, rotate=rotate, delay=delay)
        acknowledged.update(lines)
        result.runs += 1
        result.acknowledged += len(lines)
        result.killed_before_first_ack += not lines
        result.child_finished_before_kill += finished
        try:
            opened = _directory(data_dir, rotate_every_saves=100, lists=lists).open(journal_id, PASSPHRASE)
        except JournalError as error:
            result.unopenable.append(f"run {run}: {type(error).__name__}: {getattr(error, 'detail', '')}")
            continue
        present = {baby.nickname for baby in opened.babies()}
        missing = sorted(acknowledged - present)
        if missing:
            result.lost.append(f"run {run}: {len(missing)} missing, e.g. {missing[:3]}")
        if opened.restored_from_backup is not None:
            result.restored_from_backup += 1
        opened.close(save=False)
        if verbose and (run + 1) % 100 == 0:
            print(f"  {run + 1} runs, {result.acknowledged} acknowledged saves", flush=True)
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--mode", choices=("fork", "exec"), default="fork" if hasattr(os, "fork") else "exec")
    parser.add_argument("--max-delay", type=float, default=0.06, help="longest wait before the kill, seconds")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a new temporary folder")
    parser.add_argument("--child", nargs=4, metavar=("DATA_DIR", "JOURNAL_ID", "TAG", "ROTATE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        data_dir, journal_id, tag, rotate = args.child
        child_save_loop(Path(data_dir), journal_id=journal_id, tag=tag, out_fd=sys.stdout.fileno(),
                        rotate_every_saves=int(rotate), lists=PassphraseLists.load())
        return 0
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="nec-kill9-"))
    print(f"seed {args.seed}, mode {args.mode}, data folder {data_dir}", flush=True)
    result = run_campaign(data_dir, runs=args.runs, seed=args.seed, mode=args.mode, max_delay=args.max_delay,
                          verbose=True)
    print(result.summary())
    for problem in result.lost + result.unopenable:
        print("  FAIL", problem)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
