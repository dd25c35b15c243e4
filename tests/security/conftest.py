"""Shared fixtures for the security tests: the bundled lists, loaded once."""

from __future__ import annotations

import pytest

from nec_companion.security.passphrase_policy import PassphraseLists


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "kdf_calibration: measures the real Argon2id cost on this machine (~2-4 s)")


@pytest.fixture(scope="session")
def lists() -> PassphraseLists:
    return PassphraseLists.load()
