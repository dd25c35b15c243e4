"""C1/C2: no plaintext on disk. A scripted session writes canaries; the data, temp and home folders hold none."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

SESSION = r'''
import os, sys
from datetime import date, timedelta
from pathlib import Path

seen = []
sys.addaudithook(lambda event, args: seen.append(event) if event.startswith("socket.") else None)

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails
from nec_companion.security.kdf import KdfPolicy
from nec_companion.journal.schema import JOURNAL_SCHEMA
from nec_companion.storage import JournalDirectory

canary, passphrase = os.environ["CANARY_NICKNAME"], os.environ["CANARY_PASSPHRASE"]
directory = JournalDirectory(Path(sys.argv[1]), schema=JOURNAL_SCHEMA, kdf=KdfPolicy.insecure_fast_for_tests())
journal, code = directory.create(passphrase=passphrase)
journal.add_baby(BabyDetails(nickname=canary, birth_date=date.today() - timedelta(days=3),
                             gestational_age=GestationalAge(29, 1), birth_weight_g=1200))
# Tempt SQLite to spill a large sort to a temp file (it must not: temp_store=MEMORY).
connection = journal.database.connection
connection.execute("PRAGMA cache_size = -64")
connection.execute("CREATE TEMP TABLE spill (x TEXT)")
connection.executemany("INSERT INTO spill VALUES (?)", ((f"{canary} {i:06d} " * 8,) for i in range(40_000)))
cursor = connection.execute("SELECT x FROM spill ORDER BY x DESC")
cursor.fetchone()
spilled = []
if os.path.isdir("/proc/self/fd"):  # Linux: SQLite's temp files are unlinked at once, but stay open while sorting
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if "etilqs" in target or "(deleted)" in target:
            spilled.append(target)
assert len(cursor.fetchall()) == 39_999
print("SPILLED", len(spilled))
connection.execute("DROP TABLE spill")
journal.save()
new_code = journal.change_passphrase(current_passphrase=passphrase, new_passphrase=passphrase + " again")
journal.close()
reopened = directory.open(journal.journal_id, passphrase + " again")
assert reopened.babies()[0].nickname == canary
reopened.close()
print(code.text)
print(new_code.text)
sys.exit(3 if seen else 0)
'''


def _needles(secret: str) -> list[bytes]:
    forms = [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("latin-1", "replace")]
    token = secret.split("-")[-1] if "-" in secret else secret
    forms += [token.encode("ascii", "ignore"), token.encode("utf-16-le")]
    return [form for form in forms if len(form) >= 8]


def _scan(folders: list[Path], needles: list[bytes], *, recursive: bool = True) -> list[str]:
    hits = []
    seen: set[Path] = set()
    for folder in folders:
        if not folder.exists():
            continue
        for root, dirs, files in os.walk(folder, followlinks=False):
            if not recursive:
                dirs.clear()
            for name in files:
                path = Path(root) / name
                try:
                    if path in seen or path.is_symlink() or path.stat().st_size > 200 * 1024 * 1024:
                        continue
                    seen.add(path)
                    data = path.read_bytes()
                except OSError:
                    continue
                hits += [f"{path}: {needle[:12]!r}" for needle in needles if needle in data]
    return hits


def test_scripted_session_leaves_no_plaintext_and_opens_no_socket(tmp_path):
    """A scripted session (create, add, big sort, save, change passphrase, lock) leaves 0 canary hits on disk."""
    token = secrets.token_hex(8)
    nickname = f"Zo\u00eb-canary-{token}"
    passphrase = f"canary passphrase {secrets.token_hex(8)}"
    data_dir, session_tmp, home = tmp_path / "data", tmp_path / "session-tmp", tmp_path / "session-home"
    session_tmp.mkdir()
    home.mkdir()
    environment = dict(os.environ, CANARY_NICKNAME=nickname, CANARY_PASSPHRASE=passphrase, TMPDIR=str(session_tmp),
                       TEMP=str(session_tmp), TMP=str(session_tmp), SQLITE_TMPDIR=str(session_tmp), HOME=str(home),
                       PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-c", SESSION, str(data_dir)], env=environment, capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]  # 3 would mean a socket event was audited
    lines = result.stdout.split()
    assert lines[:2] == ["SPILLED", "0"]  # no temp file was opened for the large sort
    codes = lines[2:]
    assert len(codes) == 2
    needles = _needles(nickname) + _needles(passphrase) + [code.encode() for code in codes]
    needles += [code.replace("-", "").encode() for code in codes]
    folders = [data_dir, session_tmp, home, Path("/var/tmp")]
    # System temp folders: where SQLite and Python put temp files (top level; other programs' folders skipped).
    shallow = [Path(tempfile.gettempdir()), Path(os.environ.get("TMPDIR", "/tmp")), Path("/tmp")]
    assert list(data_dir.rglob("*")), "the session wrote its journal"
    assert _scan(folders, needles) == []
    assert _scan(shallow, needles, recursive=False) == []
    assert list(session_tmp.iterdir()) == []  # nothing at all was written to the temp folder
    control = tmp_path / "control"
    control.mkdir()
    (control / "leak.txt").write_bytes(nickname.encode("utf-16-le"))
    assert len(_scan([control], needles)) >= 1  # the scan does find a plaintext copy when there is one
