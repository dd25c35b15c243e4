"""Journals that survive the computer: each set-up that erases the data folder is detected (with fakes), and
the family is told calmly with the remedy, on the journal start page and when a journal is created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from nec_companion.survival import (
    PT_MANDATORY,
    PT_TEMPORARY,
    SystemProbes,
    check_survival,
    family_message,
    file_system_of,
)

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid 0 0
tmpfs /home/family tmpfs rw 0 0
/dev/sdb1 /home/family/keep ext4 rw 0 0
"""


@dataclass
class FakeProbes:
    profile: int | None = None
    shared: bool | None = None
    frozen: bool | None = None
    mount_text: str | None = None
    writable: bool = True

    def windows_profile_type(self) -> int | None:
        return self.profile

    def shared_pc_mode(self) -> bool | None:
        return self.shared

    def deep_freeze_frozen(self) -> bool | None:
        return self.frozen

    def mounts(self) -> str | None:
        return self.mount_text

    def can_write(self, folder: Path) -> bool:
        return self.writable


def kinds(probes: FakeProbes, folder: Path = Path("/home/family/keep/data")) -> list[str]:
    return [risk.kind for risk in check_survival(folder, probes)]


def test_an_ordinary_computer_has_no_risk() -> None:
    assert kinds(FakeProbes(profile=0, shared=False, frozen=False, mount_text=MOUNTS)) == []


@pytest.mark.parametrize(("probes", "expected"), [
    (FakeProbes(profile=PT_TEMPORARY), ["temporary-profile"]),
    (FakeProbes(profile=PT_MANDATORY), ["mandatory-profile"]),
    (FakeProbes(profile=PT_MANDATORY | PT_TEMPORARY), ["temporary-profile", "mandatory-profile"]),
    (FakeProbes(shared=True), ["shared-pc"]),
    (FakeProbes(frozen=True), ["deep-freeze"]),
    (FakeProbes(writable=False), ["not-writable"]),
])
def test_each_windows_and_any_os_case_is_detected(probes: FakeProbes, expected: list[str]) -> None:
    assert kinds(probes) == expected


def test_a_data_folder_on_tmpfs_is_detected_by_the_longest_mount() -> None:
    assert kinds(FakeProbes(mount_text=MOUNTS), Path("/home/family/data")) == ["memory-only"]
    assert kinds(FakeProbes(mount_text=MOUNTS), Path("/home/family/keep/data")) == []
    assert file_system_of(Path("/run/user/1000"), MOUNTS) == "tmpfs"
    assert file_system_of(Path("/var/lib"), MOUNTS) == "ext4"


def test_a_failing_probe_means_cannot_tell_not_a_crash() -> None:
    class Broken(FakeProbes):
        def deep_freeze_frozen(self) -> bool | None:
            raise OSError("no access")

    assert kinds(Broken(shared=True)) == ["shared-pc"]


def test_the_message_is_calm_and_gives_the_remedy() -> None:
    risks = check_survival(Path("/x"), FakeProbes(frozen=True))
    text = family_message(risks)
    assert "undo every change when it restarts" in text
    assert "encrypted backup on a USB stick" in text and "ask hospital staff" in text
    assert family_message(()) == ""
    assert "ask hospital staff" in family_message(check_survival(Path("/x"), FakeProbes(writable=False))).lower()


def test_the_real_probes_on_this_computer(tmp_path: Path) -> None:
    """On Linux the Windows probes answer "cannot tell", and a writable temporary folder is writable."""
    probes = SystemProbes()
    assert probes.windows_profile_type() is None and probes.shared_pc_mode() is None
    assert probes.deep_freeze_frozen() is None
    assert probes.can_write(tmp_path / "new")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not probes.can_write(blocker / "under-a-file")


def test_start_page_banner_and_notice_after_creating(qtbot) -> None:
    # The journal window fixture, built here so the fake probes are in place before the first check.
    import datetime as dt
    import tempfile

    from nec_companion.core.clock import ManualClock
    from nec_companion.journal.schema import JOURNAL_SCHEMA
    from nec_companion.security.kdf import KdfPolicy
    from nec_companion.storage import JournalDirectory
    from nec_companion.ui.main_window import MainWindow
    from nec_companion.ui.prompts import ScriptedPrompts
    from tests.ui.test_journal_screen import create_journal

    folder = Path(tempfile.mkdtemp())
    clock = ManualClock(dt.datetime(2026, 3, 10, 14, 0, tzinfo=dt.UTC))
    window = MainWindow(journal_directory=lambda: JournalDirectory(folder, schema=JOURNAL_SCHEMA, clock=clock,
                                                                   kdf=KdfPolicy.insecure_fast_for_tests()),
                        clock=clock, prompts=ScriptedPrompts(), idle_minutes=3)
    qtbot.addWidget(window)
    window.show()
    window.show_screen("journal")
    screen = window.journal_screen
    screen.survival_probes = FakeProbes(profile=PT_TEMPORARY)
    screen.check_survival()
    qtbot.waitUntil(lambda: screen.start.survival.isVisible(), timeout=10000)
    assert "temporary account" in screen.start.survival.label.text()
    assert "USB stick" in screen.start.survival.label.text()
    create_journal(qtbot, window)
    qtbot.waitUntil(lambda: "temporary account" in screen.page.notice.label.text(), timeout=10000)
