"""Save and open dialogs start on a USB stick when one is mounted, else in Documents (UX walkthrough #23)."""

from __future__ import annotations

from pathlib import Path

from nec_companion.ui.places import start_folder


def test_usb_stick_first_then_documents_then_home(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    media = tmp_path / "media" / "sam"
    media.mkdir(parents=True)
    assert start_folder(home=home, user="sam", roots=(media,)) == home
    (home / "Documents").mkdir()
    assert start_folder(home=home, user="sam", roots=(media,)) == home / "Documents"
    (media / "KINGSTON").mkdir()
    assert start_folder(home=home, user="sam", roots=(media,)) == media / "KINGSTON"
