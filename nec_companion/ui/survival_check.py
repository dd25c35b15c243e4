"""Runs the journal-survival check (survival.py) off the GUI thread and logs its kinds for IT (no family data).

Deep Freeze's command-line tool can take a moment to answer, so the check never blocks a window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from nec_companion.diagnostics import log_kind
from nec_companion.survival import Probes, Risk, check_survival, it_summary
from nec_companion.ui.workers import run_in_background


def check_in_background(owner: QWidget, folder: Path, probes: Probes | None,
                        done: Callable[[tuple[Risk, ...]], None]) -> None:
    """Check whether journals in `folder` will survive this computer; `done(risks)` on the GUI thread."""

    def finished(risks: tuple[Risk, ...]) -> None:
        if risks:
            log_kind(f"journals may not survive this computer: {it_summary(risks)}")
        done(risks)

    run_in_background(owner, lambda: check_survival(folder, probes), finished,
                      lambda error: log_kind("the survival check failed", error))
