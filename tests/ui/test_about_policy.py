"""The About page's review policy: the writers' sources check, and how many articles a clinician signed."""

from __future__ import annotations

from pathlib import Path

from tests.content.test_signoffs import SIGNED, _folder, _load


def test_about_page_policy_counts_signed_articles(tmp_path: Path) -> None:
    """The About text says how many articles a clinician has signed off, in plain words."""
    from nec_companion.ui.info_screens import library_policy

    unsigned = " ".join(library_policy(_load(_folder(tmp_path / "a"))))
    assert "No clinician has signed off these 2 articles yet." in unsigned
    assert "checked each one against its sources" in unsigned and "on 5 December 2026" in unsigned
    signed = " ".join(library_policy(_load(_folder(tmp_path / "b", SIGNED))))
    assert "A clinician has signed off 1 of the 2 articles." in signed
    assert library_policy(None) == ["The library is still loading."]
