"""Builds the journal's entry tabs for one open journal: Today, Feeding, Pumping, Weights, Care events, Notes and
Charts. The lead's journal page adds them as tabs; each widget has `refresh()` for when its tab is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from nec_companion.core.babies import Baby
from nec_companion.core.care_events import CareEventKind
from nec_companion.core.clock import Clock
from nec_companion.core.entries import EntryKind
from nec_companion.core.feeding import FamilyFeed, FamilyFeedMethod, FeedingPlanChange
from nec_companion.core.i18n import _
from nec_companion.journal import JournalEntries
from nec_companion.ui.entries.charts_section import ChartsSection
from nec_companion.ui.entries.columns import (
    care_event_columns,
    feeding_columns,
    note_columns,
    pumping_columns,
    weight_columns,
)
from nec_companion.ui.entries.editor import EntryEditor
from nec_companion.ui.entries.table_section import WHOLE_STAY, AddAction, EntryTableSection
from nec_companion.ui.entries.today import TodaySection
from nec_companion.ui.prompts import Prompts


def build_entry_sections(*, entries: JournalEntries, babies: Callable[[], tuple[Baby, ...]], clock: Clock,
                         prompts: Prompts, on_changed: Callable[[], None], open_article: Callable[[str], None],
                         parent: QWidget | None = None) -> list[tuple[str, QWidget]]:
    """The entry tabs, in order, as (tab label, widget). `on_changed()` runs after every saved change (it schedules
    the encrypted save); `open_article(slug)` opens a library article ("warning-signs")."""
    del clock  # "now" and "today" come from `entries`, which holds the same clock
    today = TodaySection(editor=EntryEditor(entries=entries, babies=babies, prompts=prompts, on_changed=on_changed),
                         open_article=open_article, parent=parent)
    editor = today.editor
    editor.setParent(today)
    feeding = EntryTableSection(
        editor=editor, kinds=(EntryKind.FEEDING_PLAN, EntryKind.FAMILY_FEED), columns=feeding_columns,
        add_actions=(AddAction(_("Record a plan change…"), EntryKind.FEEDING_PLAN, "Ctrl+N"),
                     AddAction(_("Record a feed you gave…"), EntryKind.FAMILY_FEED, "Ctrl+Shift+N",
                               FamilyFeedMethod.BREASTFEED)),
        intro=_("The feeding plan each time it changed (most feeds are given by the nurses), and the breastfeeds "
                "and bottles you gave yourself. Newest first."),
        table_name=_("Feeding plan changes and feeds you gave"),
        kind_choices=((_("Plan changes"), (FeedingPlanChange,)), (_("Feeds you gave"), (FamilyFeed,)),
                      (_("Plan changes and feeds you gave"), None)),
        empty_text=_("No feeding plan recorded yet. Use \u201cRecord a plan change\u201d (Ctrl+N) when the plan "
                     "changes."), parent=parent)
    pumping = EntryTableSection(
        editor=editor, kinds=(EntryKind.PUMPING,), columns=pumping_columns,
        add_actions=(AddAction(_("Record pumping…"), EntryKind.PUMPING, "Ctrl+N"),),
        intro=_("Your pumping sessions, newest first. A few drops can be written down too."),
        table_name=_("Pumping sessions"),
        empty_text=_("No pumping recorded yet. Use \u201cRecord pumping\u201d (Ctrl+N)."), show_baby_filter=False,
        parent=parent)
    weights = EntryTableSection(
        editor=editor, kinds=(EntryKind.WEIGHT,), columns=weight_columns,
        add_actions=(AddAction(_("Record a weight…"), EntryKind.WEIGHT, "Ctrl+N"),),
        intro=_("Weights in grams and in pounds and ounces. The 7-day gain is in grams per kilogram a day."),
        table_name=_("Weights"), empty_text=_("No weights recorded yet. Use \u201cRecord a weight\u201d (Ctrl+N)."),
        parent=parent)
    events = EntryTableSection(
        editor=editor, kinds=(EntryKind.CARE_EVENT,), columns=care_event_columns,
        add_actions=(AddAction(_("Record a care event…"), EntryKind.CARE_EVENT, "Ctrl+N"),
                     AddAction(_("Something I noticed…"), EntryKind.CARE_EVENT, "Ctrl+Shift+N",
                               CareEventKind.NOTICED)),
        intro=_("Medicines (with their start and stop), transfusions, procedures and tests, and things you "
                "noticed."),
        table_name=_("Care events"), empty_text=_("No care events recorded yet. Use \u201cRecord a care "
                                                  "event\u201d (Ctrl+N)."),
        default_range=WHOLE_STAY,  # few entries, and a course started weeks ago may still be going on
        parent=parent)
    notes = EntryTableSection(
        editor=editor, kinds=(EntryKind.NOTE,), columns=note_columns,
        add_actions=(AddAction(_("Write a note…"), EntryKind.NOTE, "Ctrl+N"),),
        intro=_("Notes, milestones and skin-to-skin time. Notes about the whole family show for every baby."),
        table_name=_("Notes and milestones"), empty_text=_("No notes yet. Use \u201cWrite a note\u201d (Ctrl+N)."),
        parent=parent)
    charts = ChartsSection(editor=editor, parent=parent)
    for section in (today, feeding, pumping, weights, events, notes, charts):
        editor.changed.connect(section.on_entry_changed)
    return [(_("Today"), today), (_("Feeding"), feeding), (_("Pumping"), pumping), (_("Weights"), weights),
            (_("Care events"), events), (_("Notes"), notes), (_("Charts"), charts)]


__all__ = ["build_entry_sections"]
