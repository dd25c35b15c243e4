"""Will a journal survive this computer? Detects set-ups that erase the data folder, so the family can be told.

Checked at start and when a journal is created. What erases a family's journal (docs/DEPLOYMENT.md):
- Windows: a temporary profile ("deleted at logoff") or a mandatory profile (changes never saved), Shared PC
  mode (accounts deleted at sign-out, on low disk or after inactivity), a frozen Deep Freeze disk (every change
  undone at restart);
- any OS: the data folder on a memory-only file system (tmpfs, ramfs), or a data folder the app cannot write.

Every probe of the computer sits behind `Probes`, so each case is tested with fakes; a probe that fails or does
not apply answers None ("cannot tell"), never an error. The answer holds no family data. No Qt.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nec_companion.core.i18n import N_, _

# GetProfileType flags (userenv.h)
PT_TEMPORARY = 0x1
PT_MANDATORY = 0x4
MEMORY_FILE_SYSTEMS = frozenset({"tmpfs", "ramfs"})

#: The kinds of risk, in the order they are explained.
KINDS = ("temporary-profile", "mandatory-profile", "shared-pc", "deep-freeze", "memory-only", "not-writable")


class Probes(Protocol):
    """What the detector asks the computer. None means "cannot tell" (not Windows, no access, not installed)."""

    def windows_profile_type(self) -> int | None: ...

    def shared_pc_mode(self) -> bool | None: ...

    def deep_freeze_frozen(self) -> bool | None: ...

    def mounts(self) -> str | None: ...

    def can_write(self, folder: Path) -> bool: ...


@dataclass(frozen=True)
class Risk:
    kind: str
    why: str  # one plain sentence (an English message id) for IT and, translated with _(), for the family


_WHY = {
    "temporary-profile": N_("This computer signed you in with a temporary account, which Windows deletes when you "
                            "sign out."),
    "mandatory-profile": N_("This computer's account is set up so that nothing saved in it is kept after you sign "
                            "out."),
    "shared-pc": N_("This computer is set up as a shared computer that deletes accounts and their files."),
    "deep-freeze": N_("This computer is set to undo every change when it restarts."),
    "memory-only": N_("The app's data folder on this computer is kept only in memory and is emptied when the "
                      "computer restarts."),
    "not-writable": N_("The app cannot save files in its data folder on this computer."),
}


def check_survival(data_dir: Path, probes: Probes | None = None) -> tuple[Risk, ...]:
    """Every reason a journal saved in `data_dir` might not be there next time (empty when none is found)."""
    probes = probes or SystemProbes()
    kinds: list[str] = []
    profile = _safe(probes.windows_profile_type)
    if isinstance(profile, int):
        if profile & PT_TEMPORARY:
            kinds.append("temporary-profile")
        if profile & PT_MANDATORY:
            kinds.append("mandatory-profile")
    if _safe(probes.shared_pc_mode) is True:
        kinds.append("shared-pc")
    if _safe(probes.deep_freeze_frozen) is True:
        kinds.append("deep-freeze")
    mounts = _safe(probes.mounts)
    if isinstance(mounts, str) and file_system_of(data_dir, mounts) in MEMORY_FILE_SYSTEMS:
        kinds.append("memory-only")
    if _safe(lambda: probes.can_write(data_dir)) is False:
        kinds.append("not-writable")
    return tuple(Risk(kind, _WHY[kind]) for kind in KINDS if kind in kinds)


def _safe(probe):
    try:
        return probe()
    except Exception:  # noqa: BLE001 (a probe is best effort: "cannot tell" never stops the app)
        return None


def family_message(risks: tuple[Risk, ...]) -> str:
    """The calm banner for the journal start page: what happens, and what to do about it."""
    if not risks:
        return ""
    if [r.kind for r in risks] == ["not-writable"]:
        # Translators: {why} is one sentence saying what this computer does to saved files.
        return _("{why} A new journal could not be kept here. Please ask hospital staff; until then you can still "
                 "read the library.").format(why=_(risks[0].why))
    # Translators: {why} is one sentence saying what this computer does to saved files.
    return _("Your journal may not be kept on this computer. {why} To keep what you write, save an encrypted "
             "backup on a USB stick each time you finish (My journal → Export and backup), and ask hospital staff "
             "whether there is a computer or folder where journals are kept.").format(why=_(risks[0].why))


def it_summary(risks: tuple[Risk, ...]) -> str:
    """For the diagnostic log: the kinds only."""
    return ", ".join(r.kind for r in risks) or "none"


def file_system_of(path: Path, mounts_text: str) -> str | None:
    """The file system type of the mount holding `path`, from /proc/mounts text (the longest matching mount)."""
    target = _existing(path)
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        mount = Path(mount_point)
        if (target == mount or mount in target.parents) and (best is None or len(mount_point) >= best[0]):
            best = (len(mount_point), fields[2])
    return best[1] if best else None


def _existing(path: Path) -> Path:
    """The absolute path with the links of its existing part resolved (the data folder may not exist yet)."""
    current = Path(os.path.abspath(path))
    try:
        return current.resolve(strict=False)
    except (OSError, RuntimeError):
        return current


class SystemProbes:
    """The real probes. Windows ones read the profile type (userenv), the Shared PC policy (registry) and Deep
    Freeze's command line (DFC.exe get /ISFROZEN: exit 1 frozen, 0 thawed); on other systems they answer None."""

    def windows_profile_type(self) -> int | None:
        if sys.platform != "win32":
            return None
        import ctypes
        from ctypes import wintypes

        flags = wintypes.DWORD(0)
        if not ctypes.windll.userenv.GetProfileType(ctypes.byref(flags)):
            return None
        return int(flags.value)

    def shared_pc_mode(self) -> bool | None:
        if sys.platform != "win32":
            return None
        import winreg

        for key_path in (r"SOFTWARE\Microsoft\PolicyManager\current\device\SharedPC",
                         r"SOFTWARE\Microsoft\Windows\CurrentVersion\SharedPC"):
            try:
                with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key_path) as key:
                    value, _kind = winreg.QueryValueEx(key, "EnableSharedPCMode")
            except OSError:
                continue
            return bool(value)
        return None

    def deep_freeze_frozen(self) -> bool | None:
        if sys.platform != "win32":
            return None
        import subprocess

        windir = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"))
        for tool in (windir / "System32" / "DFC.exe", windir / "SysWOW64" / "DFC.exe"):
            if tool.is_file():
                result = subprocess.run([str(tool), "get", "/ISFROZEN"], capture_output=True, timeout=5,
                                        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
                return {0: False, 1: True}.get(result.returncode)
        return None

    def mounts(self) -> str | None:
        try:
            return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None

    def can_write(self, folder: Path) -> bool:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-", delete=True):
                pass
        except OSError:
            return False
        return True


__all__ = ["KINDS", "Probes", "Risk", "SystemProbes", "check_survival", "family_message", "file_system_of",
           "it_summary"]
