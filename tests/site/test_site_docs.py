"""docs/DEPLOYMENT.md documents every site-file key, and its example file is valid."""

from __future__ import annotations

import re
from pathlib import Path

from nec_companion.site import KEYS, SiteSettings, parse_site
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")


def test_every_key_is_in_the_table() -> None:
    for key in KEYS:
        assert f"| `{key}` |" in DOC, key


def test_the_example_in_the_docs_is_valid() -> None:
    blocks = re.findall(r"```toml\n(.*?)```", DOC, flags=re.S)
    assert blocks
    settings, problems = parse_site(blocks[0], Path("/etc/xdg/nec-companion/site.toml"))
    assert problems == ()
    assert settings != SiteSettings() and settings.place == "Neonatal Intensive Care Unit, St Example Hospital"
