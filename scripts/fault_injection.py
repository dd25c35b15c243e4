"""Kill -9 fault injection for journal saves and re-keying: nothing acknowledged is lost, every journal opens.

A child process opens a journal and, in a loop, adds a baby, saves, and prints the baby's nickname only after
`save()` returned (an *acknowledged* save). The parent kills it with SIGKILL at a random moment, then opens the
journal in a fresh directory object and checks that every acknowledged nickname is there. Rotation of backups
is set to every 1, 2 or 3 saves in most runs so the kill often lands inside the rotation steps too.

    .venv/bin/python scripts/fault_injection.py --runs 1000            # fork mode (fast, POSIX)
    .venv/bin/python scripts/fault_injection.py --runs 200 --mode exec # a fresh interpreter per run

Re-keying (audit F2): `--rekey change` or `--rekey recovery`. Each child opens the journal (with the
passphrase, or with the recovery card through `prepare_recovery`), saves one baby, prepares a new passphrase
and card, reports SHOWN (the new code is on screen), TYPED (the family typed it back), commits, reports
COMMITTED, then keeps saving. After each kill the parent checks, in a fresh directory object:
  * every acknowledged baby is there and the journal opens with a passphrase the family knows;
  * no dead card: the card the family holds opens the journal (the old card unless TYPED was reported; after
    TYPED the old or the new one, whichever the store says works);
  * no copy left behind: after the open, every backup generation opens with the passphrase that works, and
    the other passphrase opens none of them.

    .venv/bin/python scripts/fault_injection.py --rekey change --runs 200 --seed 1
    .venv/bin/python scripts/fault_injection.py --rekey recovery --runs 200 --seed 1

Backups (audit §B, issue 15): `--backup export` kills children while they write an encrypted backup to a
"USB stick" folder (the journal must still open with everything acknowledged; a backup file that exists must be
whole and open with the passphrase; the temp file a kill leaves is swept by the next export); `--backup restore`
kills children while they restore a backup over the journal (the journal always opens; every acknowledged baby is
in the journal or in a copy the restore kept aside).

    .venv/bin/python scripts/fault_injection.py --backup export --runs 200 --seed 1
    .venv/bin/python scripts/fault_injection.py --backup restore --runs 200 --seed 1

The test suite imports this file and runs 200 fork-mode save runs and a few re-key, backup and restore runs
(tests/storage/test_kill9.py).
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

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.clock import SystemClock
from nec_companion.core.errors import JournalError, WrongPassphrase
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.security.file_format import parse_file, passphrase_kek, unwrap_passphrase_slot
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.passphrase_policy import PassphraseLists, passphrase_secret
from nec_companion.storage import BackupPolicy, JournalDirectory
from nec_companion.storage.backup import BACKUP_SUFFIX, export_backup, restore_backup, sweep_export_temps

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
        schema=JOURNAL_SCHEMA,
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
        except BaseException:  # noqa: BLE001 (the child reports any failure by its exit code)
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


# ------------------------------------------------------------------------------------------ re-keying


@dataclass
class RekeyResult:
    """What a re-key campaign saw; every list must be empty for a pass."""

    kind: str
    runs: int = 0
    committed: int = 0
    typed_not_committed: int = 0
    shown_only: int = 0
    before_shown: int = 0
    lost: list[str] = field(default_factory=list)
    unopenable: list[str] = field(default_factory=list)
    dead_card: list[str] = field(default_factory=list)
    stale_copies: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        return self.lost + self.unopenable + self.dead_card + self.stale_copies

    @property
    def passed(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (
            f"{self.runs} kill -9 runs ({self.kind}) in {self.seconds:.1f} s: killed {self.before_shown} before the "
            f"new code was shown, {self.shown_only} while it was shown, {self.typed_not_committed} after it was "
            f"typed back but before the commit returned, {self.committed} after the commit; "
            f"{len(self.lost)} lost, {len(self.unopenable)} unopenable, {len(self.dead_card)} dead card, "
            f"{len(self.stale_copies)} copies left under the wrong passphrase"
        )


def child_rekey(data_dir: Path, *, journal_id: str, kind: str, tag: str, passphrase: str, card: str,
                new_passphrase: str, out_fd: int, lists: PassphraseLists) -> None:
    """One family session with a passphrase change (or a recovery-code use), reporting each step on `out_fd`."""
    directory = _directory(data_dir, rotate_every_saves=1, lists=lists)

    def say(line: str) -> None:
        os.write(out_fd, f"{line}\n".encode())

    if kind == "recovery":
        journal, pending = directory.prepare_recovery(journal_id, card, new_passphrase=new_passphrase)
        journal.add_baby(_details(f"{tag}-0"))
        journal.save()
        say(f"ACK {tag}-0")
    else:
        journal = directory.open(journal_id, passphrase)
        journal.add_baby(_details(f"{tag}-0"))
        journal.save()
        say(f"ACK {tag}-0")
        pending = journal.prepare_passphrase_change(current_passphrase=passphrase, new_passphrase=new_passphrase)
    say(f"SHOWN {pending.recovery_code.text}")
    say("TYPED")
    journal.commit_rekey(pending)
    say("COMMITTED")
    for index in range(1, MAX_SAVES_PER_CHILD):
        journal.add_baby(_details(f"{tag}-{index}"))
        journal.save()
        say(f"ACK {tag}-{index}")
    journal.close()


def _fork_child(work, delay: float) -> list[str]:  # type: ignore[no-untyped-def]
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            work(write_fd)
        except BaseException:  # noqa: BLE001 (the child reports any failure by its exit code)
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    try:
        buffer, _finished = _collect_until(read_fd, time.monotonic() + delay)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        buffer += _drain(read_fd)
    finally:
        os.close(read_fd)
    return _acknowledged(buffer)


def _opens_with(directory: JournalDirectory, journal_id: str, passphrase: str) -> set[str] | None:
    """The nicknames, or None when this passphrase does not open the journal."""
    try:
        journal = directory.open(journal_id, passphrase)
    except WrongPassphrase:
        return None
    names = {baby.nickname for baby in journal.babies()}
    journal.close(save=False)
    return names


def _card_works(directory: JournalDirectory, journal_id: str, card: str, probe_passphrase: str) -> bool:
    """Does the card open the journal? Checked without committing anything (prepare, then lock)."""
    try:
        journal, _pending = directory.prepare_recovery(journal_id, card, new_passphrase=probe_passphrase)
    except WrongPassphrase:
        return False
    journal.close(save=False)
    return True


def _copies_under(data_dir: Path, journal_id: str, passphrase: str) -> list[str]:
    """Names of the copies (current, backups, pre-migration copies) whose passphrase slot `passphrase` opens."""
    folder = data_dir / "journals"
    bounds = KdfPolicy.insecure_fast_for_tests().bounds
    opened = []
    for path in sorted(folder.iterdir()):
        if not path.name.startswith(journal_id) or path.name.endswith(".tmp"):
            continue
        try:
            parsed = parse_file(path.read_bytes(), bounds=bounds)
            slot = parsed.header.passphrase_slot
            unwrap_passphrase_slot(slot, kek=passphrase_kek(passphrase_secret(passphrase), slot, bounds=bounds),
                                   file_id=parsed.header.file_id)
        except JournalError:
            continue
        opened.append(path.name)
    return opened


def run_rekey_campaign(data_dir: Path, *, kind: str, runs: int, seed: int, max_delay: float = 0.12,
                       verbose: bool = False) -> RekeyResult:
    """Kill `runs` children at random moments of a passphrase change (`kind="change"`) or a recovery-code use
    (`kind="recovery"`), checking the journal and the family's passphrase and card after each kill."""
    if kind not in ("change", "recovery"):
        raise ValueError(kind)
    rng = random.Random(seed)
    lists = PassphraseLists.load()
    result = RekeyResult(kind=kind)
    started = time.monotonic()
    directory = _directory(data_dir, rotate_every_saves=1, lists=lists)
    journal, code = directory.create(passphrase=PASSPHRASE, label="Kill Test")
    journal_id = journal.journal_id
    for name in ("seed-a", "seed-b", "seed-c"):  # some backup generations to re-seal
        journal.add_baby(_details(name))
        journal.save()
    journal.close()
    passphrase, card = PASSPHRASE, code.text
    acknowledged = {"seed-a", "seed-b", "seed-c"}
    probe = directory.suggest_passphrase(words=5)
    for run in range(runs):
        tag = f"r{run}"
        new_passphrase = directory.suggest_passphrase(words=5)
        delay = rng.uniform(0.0, max_delay)
        lines = _fork_child(
            lambda fd, p=passphrase, c=card, n=new_passphrase, t=tag: child_rekey(
                data_dir, journal_id=journal_id, kind=kind, tag=t, passphrase=p, card=c, new_passphrase=n,
                out_fd=fd, lists=lists),
            delay)
        result.runs += 1
        acknowledged.update(line[4:] for line in lines if line.startswith("ACK "))
        shown = next((line[6:] for line in lines if line.startswith("SHOWN ")), None)
        typed = "TYPED" in lines
        committed = "COMMITTED" in lines
        if committed:
            result.committed += 1
        elif typed:
            result.typed_not_committed += 1
        elif shown:
            result.shown_only += 1
        else:
            result.before_shown += 1
        fresh = _directory(data_dir, rotate_every_saves=1, lists=lists)
        # Which passphrase opens it now? The family knows both the old one and the new one they chose.
        names_new = _opens_with(fresh, journal_id, new_passphrase)
        names_old = _opens_with(fresh, journal_id, passphrase) if names_new is None else None
        names = names_new if names_new is not None else names_old
        if names is None:
            result.unopenable.append(f"run {run}: neither the old nor the new passphrase opens it")
            break
        if committed and names_new is None:
            result.unopenable.append(f"run {run}: the commit returned but the new passphrase does not open it")
        missing = sorted(acknowledged - names)
        if missing:
            result.lost.append(f"run {run}: {len(missing)} missing, e.g. {missing[:3]}")
        working, other = (new_passphrase, passphrase) if names_new is not None else (passphrase, new_passphrase)
        # The card: the new one is valid exactly when the new passphrase is (one commit point for both).
        working_card = shown if names_new is not None else card
        if working_card is None or not _card_works(fresh, journal_id, working_card, probe):
            result.dead_card.append(f"run {run}: the card that should work does not")
        if names_new is not None and not typed:
            result.dead_card.append(f"run {run}: the keys changed before the new code was typed back")
        if names_new is not None and _card_works(fresh, journal_id, card, probe):
            result.dead_card.append(f"run {run}: the old card still opens after the change")
        left = _copies_under(data_dir, journal_id, other)
        if left:
            result.stale_copies.append(f"run {run}: {left} still open with the other passphrase")
        passphrase, card = working, working_card or card
        if verbose and (run + 1) % 50 == 0:
            print(f"  {run + 1} runs", flush=True)
    result.seconds = time.monotonic() - started
    return result


@dataclass
class BackupResult:
    """What a backup campaign saw; `problems` must be empty for a pass."""

    kind: str
    runs: int = 0
    finished: int = 0
    """Runs where the child reported the export or restore done before the kill."""
    lost: list[str] = field(default_factory=list)
    unopenable: list[str] = field(default_factory=list)
    bad_backups: list[str] = field(default_factory=list)
    temps_left: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        return self.lost + self.unopenable + self.bad_backups + self.temps_left

    @property
    def passed(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (f"{self.runs} kill -9 runs ({self.kind}) in {self.seconds:.1f} s: {self.finished} finished the "
                f"{self.kind} before the kill; {len(self.lost)} lost, {len(self.unopenable)} unopenable, "
                f"{len(self.bad_backups)} bad backup files, {len(self.temps_left)} temp files left")


def child_backup(data_dir: Path, *, journal_id: str, kind: str, tag: str, source: Path, target: Path,
                 out_fd: int, lists: PassphraseLists) -> None:
    """One session around an export (`kind="export"`, to `target`) or a restore of `source` over the journal."""
    directory = _directory(data_dir, rotate_every_saves=1, lists=lists)

    def say(line: str) -> None:
        os.write(out_fd, f"{line}\n".encode())

    journal = directory.open(journal_id, PASSPHRASE)
    journal.add_baby(_details(f"{tag}-pre"))
    journal.save()
    say(f"ACK {tag}-pre")
    if kind == "export":
        export_backup(journal, target)
        say("DONE")
    else:
        journal.close()
        restore_backup(directory, source, passphrase=PASSPHRASE, replace=True)
        say("DONE")
        journal = directory.open(journal_id, PASSPHRASE)
    for index in range(MAX_SAVES_PER_CHILD):
        journal.add_baby(_details(f"{tag}-{index}"))
        journal.save()
        say(f"ACK {tag}-{index}")
    journal.close()


def _names_in_file(path: Path, journal_id: str, *, lists: PassphraseLists) -> set[str] | None:
    """The nicknames in one journal or backup file opened on its own with PASSPHRASE, or None."""
    with tempfile.TemporaryDirectory(prefix="nec-kill9-copy-") as scratch:
        folder = Path(scratch) / "journals"
        folder.mkdir()
        (folder / f"{journal_id}.njx").write_bytes(path.read_bytes())
        try:
            return _opens_with(_directory(Path(scratch), rotate_every_saves=1, lists=lists), journal_id, PASSPHRASE)
        except JournalError:
            return None


def run_backup_campaign(data_dir: Path, *, kind: str, runs: int, seed: int, max_delay: float = 0.12,
                        verbose: bool = False) -> BackupResult:
    """Kill `runs` children at random moments of an encrypted backup export or a restore over the journal."""
    if kind not in ("export", "restore"):
        raise ValueError(kind)
    rng = random.Random(seed)
    lists = PassphraseLists.load()
    result = BackupResult(kind=kind)
    started = time.monotonic()
    stick = data_dir.parent / f"{data_dir.name}-stick"
    stick.mkdir(parents=True, exist_ok=True)
    directory = _directory(data_dir, rotate_every_saves=1, lists=lists)
    journal, _code = directory.create(passphrase=PASSPHRASE, label="Kill Test")
    journal_id = journal.journal_id
    for name in ("seed-a", "seed-b"):
        journal.add_baby(_details(name))
        journal.save()
    source = stick / f"kept-backup{BACKUP_SUFFIX}"
    export_backup(journal, source)
    journal.close()
    in_source = {"seed-a", "seed-b"}
    acknowledged = set(in_source)
    folder = data_dir / "journals"
    for run in range(runs):
        tag = f"r{run}"
        target = stick / f"backup-{run}{BACKUP_SUFFIX}"
        lines = _fork_child(
            lambda fd, t=tag, tg=target: child_backup(data_dir, journal_id=journal_id, kind=kind, tag=t,
                                                      source=source, target=tg, out_fd=fd, lists=lists),
            rng.uniform(0.0, max_delay))
        result.runs += 1
        done = "DONE" in lines
        result.finished += done
        acknowledged.update(line[4:] for line in lines if line.startswith("ACK "))
        current = _opens_with(_directory(data_dir, rotate_every_saves=1, lists=lists), journal_id, PASSPHRASE)
        if current is None:
            result.unopenable.append(f"run {run}: the passphrase no longer opens the journal")
            break
        if kind == "export":
            missing = sorted(acknowledged - current)
            if target.exists():
                inside = _names_in_file(target, journal_id, lists=lists)
                if inside is None or f"{tag}-pre" not in inside:
                    result.bad_backups.append(f"run {run}: {target.name} exists but is not a whole backup")
            elif done:
                result.bad_backups.append(f"run {run}: the export returned but {target.name} is missing")
        else:
            if done and not in_source <= current:
                result.unopenable.append(f"run {run}: the restore returned but the backup's babies are missing")
            seen = set(current)
            for path in sorted(folder.iterdir()):
                if path.name.startswith(journal_id) and not path.name.endswith(".tmp") and path.is_file():
                    seen |= _names_in_file(path, journal_id, lists=lists) or set()
            missing = sorted(acknowledged - seen)
        if missing:
            result.lost.append(f"run {run}: {len(missing)} missing, e.g. {missing[:3]}")
        if verbose and (run + 1) % 50 == 0:
            print(f"  {run + 1} runs", flush=True)
    if kind == "export":
        # The next export sweeps what killed exports left half-written.
        journal = directory.open(journal_id, PASSPHRASE)
        export_backup(journal, stick / f"final{BACKUP_SUFFIX}")
        journal.close()
        left = [path.name for path in stick.iterdir() if path.name.endswith(".tmp")]
        if left:
            result.temps_left.append(f"after the next export: {left}")
    sweep_export_temps(stick)
    result.seconds = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--mode", choices=("fork", "exec"), default="fork" if hasattr(os, "fork") else "exec")
    parser.add_argument("--max-delay", type=float, default=0.06, help="longest wait before the kill, seconds")
    parser.add_argument("--data-dir", type=Path, default=None, help="default: a new temporary folder")
    parser.add_argument("--rekey", choices=("change", "recovery"), default=None,
                        help="kill during passphrase changes or recovery-code uses instead of saves (fork mode)")
    parser.add_argument("--backup", choices=("export", "restore"), default=None,
                        help="kill during encrypted backup exports or restores instead of saves (fork mode)")
    parser.add_argument("--child", nargs=4, metavar=("DATA_DIR", "JOURNAL_ID", "TAG", "ROTATE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        data_dir, journal_id, tag, rotate = args.child
        child_save_loop(Path(data_dir), journal_id=journal_id, tag=tag, out_fd=sys.stdout.fileno(),
                        rotate_every_saves=int(rotate), lists=PassphraseLists.load())
        return 0
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="nec-kill9-"))
    if args.backup:
        print(f"seed {args.seed}, backup {args.backup}, data folder {data_dir}", flush=True)
        backup = run_backup_campaign(data_dir, kind=args.backup, runs=args.runs, seed=args.seed, verbose=True)
        print(backup.summary())
        for problem in backup.problems:
            print("  FAIL", problem)
        return 0 if backup.passed else 1
    if args.rekey:
        print(f"seed {args.seed}, re-key {args.rekey}, data folder {data_dir}", flush=True)
        rekey = run_rekey_campaign(data_dir, kind=args.rekey, runs=args.runs, seed=args.seed, verbose=True)
        print(rekey.summary())
        for problem in rekey.problems:
            print("  FAIL", problem)
        return 0 if rekey.passed else 1
    print(f"seed {args.seed}, mode {args.mode}, data folder {data_dir}", flush=True)
    result = run_campaign(data_dir, runs=args.runs, seed=args.seed, mode=args.mode, max_delay=args.max_delay,
                          verbose=True)
    print(result.summary())
    for problem in result.lost + result.unopenable:
        print("  FAIL", problem)
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
