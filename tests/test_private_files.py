"""Audit M5-M8 and M13: every folder the app makes is 0700 and every file 0600 whatever the umask; an unsafe
lock folder is refused with a safe fallback; no temp file outlives a failed or killed write."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.core.clock import ManualClock
from nec_companion.export.csv_export import write_csv
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.paths import default_paths
from nec_companion.security.kdf import KdfPolicy
from nec_companion.security.throttle import AttemptThrottle
from nec_companion.settings import Preferences, PreferencesStore
from nec_companion.storage import JournalDirectory
from nec_companion.storage.backup import export_backup

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")

PASSPHRASE = "tidy gravel moon abacus"


@pytest.fixture
def open_umask():
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _modes(root: Path) -> dict[str, int]:
    found = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def test_everything_the_app_writes_is_private_with_umask_000(tmp_path, open_umask, qapp) -> None:
    from nec_companion.ui.single_instance import SingleInstance

    home = tmp_path / "home"
    paths = default_paths(home=home).ensure()
    clock = ManualClock(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC))
    # the throttle is the first writer in a fresh data folder (audit M5)
    AttemptThrottle(paths.journals_dir / "attempts.json", clock=clock).record_failure("0" * 32)
    directory = JournalDirectory(paths.data_dir, schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    journal, _code = directory.create(passphrase=PASSPHRASE)
    journal.add_baby(BabyDetails(nickname="Bean", birth_date=dt.date(2026, 3, 1),
                                 gestational_age=GestationalAge(28, 0), birth_weight_g=1000))
    journal.save()
    journal.save()
    PreferencesStore(paths.settings_file).save(Preferences(text_scale=1.5))
    instance = SingleInstance(paths.runtime_dir)
    assert instance.acquire()
    usb = tmp_path / "usb"
    usb.mkdir(mode=0o700)
    export_backup(journal, usb / "journal-backup.njx")
    write_csv(usb / "notes.csv", ["note"], [("hello",)])
    journal.close()
    modes = _modes(home) | {f"usb/{k}": v for k, v in _modes(usb).items()}
    assert len(modes) >= 8
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o700 if (home / name).is_dir() or (tmp_path / name).is_dir() else 0o600)}
    assert wrong == {}
    assert (paths.runtime_dir / "instance.lock").read_bytes() == b""  # no PID, host name or boot id
    instance.release()


def test_instance_lock_is_exclusive_and_released(tmp_path, qapp) -> None:
    from nec_companion.ui.single_instance import SingleInstance

    first, second = SingleInstance(tmp_path / "run"), SingleInstance(tmp_path / "run")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


@pytest.mark.parametrize("kind", ["symlink", "wide-open-not-ours"])
def test_unsafe_runtime_folder_falls_back_to_a_private_one(tmp_path, monkeypatch, kind, qapp) -> None:
    from nec_companion.ui.single_instance import SingleInstance

    paths = default_paths(home=tmp_path / "home")
    elsewhere = tmp_path / "someone-else"
    elsewhere.mkdir()
    if kind == "symlink":
        paths.runtime_dir.parent.mkdir(parents=True)
        paths.runtime_dir.symlink_to(elsewhere)
    else:
        paths.runtime_dir.mkdir(parents=True)
        real_lstat = os.lstat

        class NotOurs:
            def __init__(self, info: os.stat_result) -> None:
                self._info = info
                self.st_mode = info.st_mode
                self.st_uid = os.getuid() + 1

        monkeypatch.setattr(os, "lstat", lambda p, *a, **k: NotOurs(real_lstat(p, *a, **k))
                            if Path(p) == paths.runtime_dir else real_lstat(p, *a, **k))
    used = paths.ensure()
    assert used.runtime_dir == paths.fallback_runtime_dir
    assert stat.S_IMODE(os.stat(used.runtime_dir).st_mode) == 0o700
    monkeypatch.undo()
    instance = SingleInstance(used.runtime_dir)
    assert instance.acquire()
    instance.release()
    assert list(elsewhere.iterdir()) == []


def test_settings_save_on_a_full_disk_leaves_no_temp_file(tmp_path, monkeypatch) -> None:
    store = PreferencesStore(tmp_path / "config" / "settings.json")
    real_replace = os.replace

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    store.save(Preferences(text_scale=2.0))
    monkeypatch.setattr(os, "replace", real_replace)
    assert [p.name for p in (tmp_path / "config").iterdir()] == []
    assert store.load() == Preferences()


def test_a_killed_exports_temp_file_is_removed_by_the_next_export(tmp_path) -> None:
    clock = ManualClock(dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC))
    directory = JournalDirectory(tmp_path / "data", schema=JOURNAL_SCHEMA,
                                 clock=clock, kdf=KdfPolicy.insecure_fast_for_tests())
    journal, _code = directory.create(passphrase=PASSPHRASE)
    usb = tmp_path / "usb"
    usb.mkdir()
    leftover = usb / ".journal-backup.njx.0123456789abcdef.tmp"
    leftover.write_bytes(b"half an encrypted backup")
    someone_elses = usb / "holiday.tmp"
    someone_elses.write_bytes(b"not ours")
    export_backup(journal, usb / "journal-backup.njx")
    journal.close()
    assert sorted(p.name for p in usb.iterdir()) == ["holiday.tmp", "journal-backup.njx"]
