"""The Today tab: a card per baby (plan in words, today's mL/kg/day, latest weight and gain, hours paused, recent
events), the mother's pumping, a calm "tell your nurse now" banner after "something I noticed", and quick-add
buttons with keyboard shortcuts. Every figure comes from `JournalEntries.today_overview()`."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.care_events import TELL_YOUR_NURSE, CareEvent, CareEventKind
from nec_companion.core.entries import EntryKind
from nec_companion.core.errors import JournalError
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.core.today import BabyToday, PumpingToday, TodayOverview
from nec_companion.core.units import format_grams, format_ml
from nec_companion.journal import EntryChange
from nec_companion.ui.entries.editor import EntryEditor
from nec_companion.ui.entries.words import (
    capitalised,
    grams_words,
    hours_words,
    long_date,
    lowered,
    minutes_words,
    short_date,
    signed,
    when_words,
)
from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.flow import FlowLayout
from nec_companion.ui.widgets.labels import plain_label

WARNING_SIGNS_SLUG = "warning-signs"


class QuickAdd:
    """A quick-add button: words, the kind of entry, its shortcut, a preset for the dialog. `label` is the English
    message id (marked with N_, also the key of `TodaySection.quick_buttons`); `text` is what the button says."""

    def __init__(self, label: str, kind: EntryKind, shortcut: str, preset: object = None) -> None:
        self.label = label
        self.kind = kind
        self.shortcut = shortcut
        self.preset = preset

    @property
    def text(self) -> str:
        return _(self.label)


QUICK_ADDS = (
    QuickAdd(N_("Plan change…"), EntryKind.FEEDING_PLAN, "Alt+P"),
    QuickAdd(N_("Feed…"), EntryKind.FAMILY_FEED, "Alt+F"),
    QuickAdd(N_("Pumping…"), EntryKind.PUMPING, "Alt+U"),
    QuickAdd(N_("Weight…"), EntryKind.WEIGHT, "Alt+W"),
    QuickAdd(N_("Event…"), EntryKind.CARE_EVENT, "Alt+E"),
    QuickAdd(N_("Something I noticed…"), EntryKind.CARE_EVENT, "Alt+S", CareEventKind.NOTICED),
    QuickAdd(N_("Note…"), EntryKind.NOTE, "Alt+N"),
)


def _esc(text: str) -> str:
    """Text made safe for a rich-text label (apostrophes stay as they are, for screen readers and tests)."""
    return html.escape(text, quote=False)


def _block(title: str, lines: list[str]) -> str:
    """A small heading and its lines, as rich text (every line already escaped)."""
    body = "<br>".join(lines)
    return f"<b>{_esc(title)}</b><br>{body}"


def _muted(text: str) -> str:
    return f'<span style="color:#4a5a63">{text}</span>'


def _event_line(event: CareEvent, zone: str, today: Any) -> str:
    when = when_words(event.started_at, event.time_zone or zone, today)
    if event.kind.is_course and event.ended_at is None:
        note = _("(since {when}, still going on)").format(when=when)
    elif event.kind.is_course and event.ended_at is not None:
        stopped = when_words(event.ended_at, event.time_zone or zone, today)
        note = _("(started {when}, stopped {stopped})").format(when=when, stopped=stopped)
    else:
        note = f"({when})"
    return f"{_esc(event.describe())} {_muted(_esc(note))}"


def _pause_line(start: Any, end: Any, reason: str, zone: str, today: Any) -> str:
    paused = _("Feeds paused ({reason})").format(reason=reason) if reason else _("Feeds paused")
    since = when_words(start, zone, today)
    if end is None:
        note = _("(since {when}, still paused)").format(when=since)
    else:
        note = _("(from {start} to {end})").format(start=since, end=when_words(end, zone, today))
    return f"{_esc(paused)} {_muted(_esc(note))}"


class BabyTodayCard(QFrame):
    """One baby's day in plain words."""

    def __init__(self, card: BabyToday, *, zone_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.card = card
        baby = card.baby
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        layout.setSpacing(10)
        name = QLabel(baby.nickname, self)
        name.setTextFormat(Qt.TextFormat.PlainText)
        # The app's stylesheet sets every widget's size, so the larger name is set the same way.
        name.setStyleSheet(f"font-size: {self.font().pointSizeF() * 1.35:.1f}pt; font-weight: 700;")
        layout.addWidget(name)
        if card.ages is not None:
            ages = card.ages
            pma = ages.postmenstrual
            # Translators: {weeks_days} is like "33+2" (weeks+days of pregnancy).
            layout.addWidget(plain_label(_("Day {day} of life · {weeks_days} weeks postmenstrual age").format(
                day=active().number(ages.day_of_life), weeks_days=f"{pma.weeks}+{pma.days}"), self, muted=True))
        self.blocks: dict[str, QLabel] = {}
        for key, title, lines in self._blocks(zone_name):
            label = plain_label(_block(title, lines), self, rich=True)
            label.setAccessibleDescription(title)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label)
            self.blocks[key] = label
        self.setAccessibleName(_("{baby} today").format(baby=baby.nickname))

    def _blocks(self, zone: str) -> list[tuple[str, str, list[str]]]:
        card = self.card
        blocks: list[tuple[str, str, list[str]]] = []
        plan = [_esc(capitalised(card.plan_text))]
        if card.plan_since_text:
            since = capitalised(card.plan_since_text)
            plan.append(_muted(_esc(since if since.endswith(".") else since + ".")))  # "9:35 a.m." ends with one
        blocks.append(("plan", _("Feeding plan"), plan))

        feeding = card.feeding
        today: list[str] = []
        if feeding is not None and card.plan is not None:
            per_kg = feeding.ml_per_kg
            amount = _esc(_("{amount} planned").format(amount=format_ml(round(feeding.planned_ml, 1))))
            if per_kg is not None:
                per_kg_text = _("{amount} mL/kg/day").format(amount=active().number(round(per_kg)))
                amount += f" · <b>{_esc(per_kg_text)}</b>"
            today.append(amount)
            if feeding.weight_g:
                weight_text = format_grams(feeding.weight_g)
                latest = card.latest_weight
                weighed_today = latest is not None and latest.measured_on == card.day
                if feeding.weight_is_birth_weight:
                    line = _("Per kg of {weight} (birth weight; today's weighing counts from tomorrow).") \
                        if weighed_today else _("Per kg of {weight} (birth weight).")
                else:
                    line = _("Per kg of {weight} (the weight before today; today's weighing counts from "
                             "tomorrow).") if weighed_today else _("Per kg of {weight} (the weight before today).")
                today.append(_muted(_esc(line.format(weight=weight_text))))
            if feeding.change_ml_per_kg is not None and abs(feeding.change_ml_per_kg) >= 0.5:
                today.append(_esc(_("{change} mL/kg/day from yesterday").format(
                    change=signed(feeding.change_ml_per_kg))))
            if card.hours_paused_so_far > 0:
                # Up to now, never the hours of the day still ahead.
                hours = hours_words(card.hours_paused_so_far)
                paused = _("Feeds paused for {hours} so far today, and still paused") if card.is_paused \
                    else _("Feeds paused for {hours} so far today")
                today.append(_esc(paused.format(hours=hours)))
            if feeding.hours_without_plan > 0:
                today.append(_muted(_esc(_("No plan recorded for {hours} of today.").format(
                    hours=hours_words(feeding.hours_without_plan)))))
            if feeding.human_milk_percent is not None:
                today.append(_muted(_esc(_("Human milk: {percent} % of the milk recorded.").format(
                    percent=active().number(round(feeding.human_milk_percent))))))
        else:
            today.append(_muted(_esc(_("Record the feeding plan to see today's amounts."))))
        blocks.append(("today", _("Feeds today"), today))

        weight: list[str] = []
        latest = card.latest_weight
        if latest is not None:
            # Translators: the latest weight and the day it was taken, e.g. "1,934 g (4 lb 4.2 oz), Mar 9".
            weight.append(_esc(_("{weight}, {date}").format(weight=grams_words(latest.grams),
                                                            date=short_date(latest.measured_on))))
            gain = card.weight_gain
            if gain is not None:
                weight.append(_esc(ngettext("Gain over {n} day: {gain} g/kg a day",
                                            "Gain over {n} days: {gain} g/kg a day", gain.days).format(
                    n=active().number(gain.days), gain=active().number(gain.g_per_kg_per_day, decimals=1))))
        elif card.baby.birth_weight_g:
            weight.append(_esc(_("Birth weight {weight}").format(weight=grams_words(card.baby.birth_weight_g))))
            weight.append(_muted(_esc(_("No weighing recorded yet."))))
        else:
            weight.append(_muted(_esc(_("No weighing recorded yet."))))
        blocks.append(("weight", _("Weight"), weight))

        events = [_pause_line(start, end, reason, zone, card.day) for start, end, reason in card.recent_pauses]
        events += [_event_line(event, zone, card.day) for event in card.recent_events]
        blocks.append(("events", _("Recent care events"), events or [_muted(_esc(_("None in the last 3 days.")))]))

        family: list[str] = []
        if card.family_feeds_today:
            count = len(card.family_feeds_today)
            feeds = _(", ").join(lowered(feed.describe()) for feed in card.family_feeds_today[-3:])
            family.append(_esc(ngettext("{n} feed you gave: {feeds}", "{n} feeds you gave: {feeds}", count).format(
                n=active().number(count), feeds=feeds)))
        if card.skin_to_skin_minutes_today:
            family.append(_esc(_("{minutes} skin to skin").format(
                minutes=minutes_words(card.skin_to_skin_minutes_today))))
        for note in card.milestones_today:
            family.append(_esc(_("Milestone: {tags}").format(tags=_(", ").join(note.milestones))))
        if family:
            blocks.append(("family", _("With you today"), family))
        return blocks


class PumpingTodayCard(QFrame):
    def __init__(self, pumping: PumpingToday, *, zone_name: str, today: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        day = pumping.day
        lines: list[str] = []
        if day.sessions:
            total = f"<b>{_esc(format_ml(day.total_ml))}</b>"
            if day.minutes:
                # Translators: {total} is an amount in bold, e.g. "<b>120 mL</b> today in 3 sessions, 45 minutes".
                text = ngettext("{total} today in {n} session, {minutes}", "{total} today in {n} sessions, {minutes}",
                                day.sessions).format(total=total, n=active().number(day.sessions),
                                                     minutes=_esc(minutes_words(day.minutes)))
            else:
                text = ngettext("{total} today in {n} session", "{total} today in {n} sessions",
                                day.sessions).format(total=total, n=active().number(day.sessions))
            lines.append(text)
        else:
            lines.append(_esc(_("No pumping recorded today yet.")))
        lines.append(_esc(_("Last 24 hours: {amount}").format(amount=format_ml(pumping.rolling_24h_ml))))
        last = pumping.last_session
        if last is not None:
            lines.append(_muted(_esc(_("Last session: {when}, {what}").format(
                when=when_words(last.at, last.time_zone or zone_name, today), what=last.describe()))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 14)
        self.label = plain_label(_block(_("Pumping"), lines), self, rich=True)
        self.label.setAccessibleDescription(_("Pumping today"))
        layout.addWidget(self.label)
        self.setAccessibleName(_("Pumping today"))


class CardRow(QWidget):
    """Cards side by side when there is room for each, one under the other when narrow (or at large text)."""

    def __init__(self, parent: QWidget | None = None, *, card_chars: int = 46) -> None:
        super().__init__(parent)
        self._card_chars = card_chars
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(12)
        self.cards: list[QWidget] = []

    def set_cards(self, cards: list[QWidget]) -> None:
        for card in self.cards:
            self.box.removeWidget(card)
            card.deleteLater()
        self.cards = cards
        for card in cards:
            self.box.addWidget(card, 1, Qt.AlignmentFlag.AlignTop)
            card.show()
        self._arrange(self.width())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        needed = self.fontMetrics().averageCharWidth() * self._card_chars * max(1, len(self.cards))
        direction = QBoxLayout.Direction.LeftToRight if width >= needed else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)

    @property
    def side_by_side(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight


class WarningBanner(QFrame):
    """The calm "tell your nurse now" banner (warm colours, not red), with a way to the warning-signs article."""

    def __init__(self, event: CareEvent, *, nickname: str, zone_name: str, today: Any,
                 open_article: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.care_event = event
        noticed = event.noticed_words()
        when = when_words(event.started_at, event.time_zone or zone_name, today)
        # Translators: e.g. "Bean: you noted swollen or discolored belly (today 2:05 PM)."
        said = _("{baby}: you noted {noticed} ({when}).").format(baby=nickname, noticed=noticed.lower(), when=when)
        self.label = plain_label(f"<b>{_esc(said)}</b><br>{_esc(_(TELL_YOUR_NURSE))}", self, rich=True)
        self.label.setAccessibleDescription(_("Tell your nurse now"))
        self.button = QPushButton(_("Read about warning signs"), self)
        self.button.setAccessibleDescription(_("Read about the warning signs to tell the nurse about"))
        self.button.clicked.connect(lambda: open_article(WARNING_SIGNS_SLUG))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.label)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)


class TodaySection(QWidget):
    """The Today tab. `refresh()` re-reads the overview (about 5 ms); it also runs whenever the tab is shown."""

    def __init__(self, *, editor: EntryEditor, open_article: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._open_article = open_article
        self.overview: TodayOverview | None = None
        self._announced_warnings: set[object] = set()  # "tell your nurse now" is announced once per event
        self.banners: list[WarningBanner] = []
        self.baby_cards: list[BabyTodayCard] = []
        self.pumping_card: PumpingTodayCard | None = None

        self.heading = QLabel("", self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)  # "Hoy, martes, 10 de marzo de 2026" is wider than the column at 200 %
        self.heading.setObjectName("screenTitle")
        self.heading.setAccessibleDescription(_("Today"))
        self.questions = QLabel("", self)
        self.questions.setTextFormat(Qt.TextFormat.PlainText)
        self.questions.setAccessibleDescription(_("Questions to ask"))
        self.questions.hide()
        self.banner_box = QVBoxLayout()
        self.quick_buttons: dict[str, QPushButton] = {}
        self.shortcuts: list[QShortcut] = []
        self._shortcut_host: QWidget = self
        quick = FlowLayout(spacing=8)
        for action in QUICK_ADDS:
            button = QPushButton(action.text, self)
            # Translators: a button's tooltip: what it does and its keyboard shortcut, e.g. "Feed (Alt+F)".
            button.setToolTip(_("{action} ({shortcut})").format(action=action.text.rstrip("…"),
                                                                shortcut=action.shortcut))
            button.setAccessibleDescription(_("Shortcut: {keys}").format(keys=action.shortcut))
            button.clicked.connect(lambda _c=False, a=action: self.quick_add(a))
            quick.add(button)
            self.quick_buttons[action.label.rstrip("…")] = button
        keys = " · ".join(f"{action.shortcut} {lowered(action.text.rstrip('…'))}" for action in QUICK_ADDS)
        self.keys_hint = plain_label(_("Keyboard: {keys}").format(keys=keys), self, muted=True)
        self.message = plain_label("", self)
        self.message.setAccessibleDescription(_("Message"))
        self.message.hide()
        self.cards = CardRow(self)
        self.pumping_holder = QVBoxLayout()
        self.empty = plain_label(_("Add your baby to see their day here: their age, the feeding plan and the "
                                  "latest weight."), self, muted=True)
        self.add_baby_button = QPushButton(_("Add your baby…"), self)
        self.add_baby_button.setAccessibleName(_("Add your baby"))
        self.add_baby_button.clicked.connect(self._add_baby)
        self.add_baby_button.hide()
        footnote = plain_label(_("mL/kg/day is the milk the plan gives over the whole day, for each kilogram of the "
                                "weight before today. Weight gain uses the last 7 days. The app adds up what you "
                                "record; the care team can tell you what the numbers mean for your baby."), self,
                              muted=True)

        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 10, 12, 12)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.questions, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        layout.addLayout(self.banner_box)
        add_heading = _("Add to the journal")
        layout.addWidget(plain_label(f"<b>{_esc(add_heading)}</b>", content, rich=True))
        layout.addLayout(quick)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.message)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_baby_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.cards)
        layout.addLayout(self.pumping_holder)
        layout.addWidget(footnote)
        layout.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        self.content = content
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self.install_shortcuts(self)

    def install_shortcuts(self, host: QWidget) -> None:
        """The add shortcuts (Alt+F, Alt+W, ...) work wherever `host` is shown: the journal screen puts them on the
        whole journal page, so they work from every journal section, not only from Today."""
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.shortcuts = []
        self._shortcut_host = host
        for action in QUICK_ADDS:
            shortcut = QShortcut(QKeySequence(action.shortcut), host)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda a=action: self._shortcut(a))
            self.shortcuts.append(shortcut)
        if host is not self:
            made = list(self.shortcuts)
            def delete_shortcuts(*_args: object) -> None:
                for shortcut in made:
                    shortcut.deleteLater()

            self.destroyed.connect(delete_shortcuts)

    # ------------------------------------------------------------------------------------------ data

    def refresh(self) -> None:
        entries = self.editor.entries
        try:
            overview = entries.today_overview()
        except JournalError as error:
            self._say(error.user_text())
            return
        self.overview = overview
        zone = entries.time_zone
        self.heading.setText(_("Today, {date}").format(date=long_date(overview.day)))
        for banner in self.banners:
            self.banner_box.removeWidget(banner)
            banner.deleteLater()
        self.banners = []
        for card in overview.babies:
            if card.warning is not None:
                banner = WarningBanner(card.warning, nickname=card.baby.nickname, zone_name=zone, today=overview.day,
                                       open_article=self._open_article, parent=self.content)
                self.banner_box.addWidget(banner)
                banner.show()
                if card.warning.entry_id not in self._announced_warnings:  # once, not at every refresh
                    self._announced_warnings.add(card.warning.entry_id)
                    announce(banner.label, _("{baby}: {message}").format(baby=card.baby.nickname,
                                                                          message=_(TELL_YOUR_NURSE)), assertive=True)
                self.banners.append(banner)
        self.baby_cards = [BabyTodayCard(card, zone_name=zone, parent=self.cards) for card in overview.babies]
        self.cards.set_cards(list(self.baby_cards))
        self.cards.setVisible(bool(self.baby_cards))
        self.empty.setVisible(not self.baby_cards)
        self.add_baby_button.setVisible(not self.baby_cards and self.editor.add_baby_first is not None)
        if self.pumping_card is not None:
            self.pumping_holder.removeWidget(self.pumping_card)
            self.pumping_card.deleteLater()
        self.pumping_card = PumpingTodayCard(overview.pumping, zone_name=zone, today=overview.day,
                                             parent=self.content)
        self.pumping_holder.addWidget(self.pumping_card)
        self.pumping_card.show()

    def set_open_questions(self, count: int) -> None:
        """Show "N questions to ask" (the lead wires it to the question book); hidden at 0."""
        self.questions.setText(ngettext("{n} question to ask", "{n} questions to ask", count).format(
            n=active().number(count)) if count else "")
        self.questions.setVisible(count > 0)

    def on_entry_changed(self, _change: EntryChange) -> None:
        self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()

    # ------------------------------------------------------------------------------------------ actions

    def _add_baby(self) -> None:
        if self.editor.add_baby_first is not None and self.editor.add_baby_first():
            self.refresh()

    def _shortcut(self, action: QuickAdd) -> None:
        if self._shortcut_host.isVisible():
            self.quick_add(action)

    def quick_add(self, action: QuickAdd) -> EntryChange | None:
        change = self.editor.add(action.kind, parent=self, preset=action.preset)
        if change is not None and change.entry is not None:
            said = change.entry.describe().rstrip()
            said = said if said.endswith((".", "!", "?", "…")) else said + "."
            # Translators: {entry} is the saved entry in words; {tab} is a journal section, e.g. "Feeding".
            self._say(_("Saved: {entry} You can change or undo it on the {tab} tab.").format(
                entry=said, tab=_(_TAB_OF[action.kind])))
        return change

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        announce(self.message, text)


_TAB_OF = {EntryKind.FEEDING_PLAN: N_("Feeding"), EntryKind.FAMILY_FEED: N_("Feeding"),
           EntryKind.PUMPING: N_("Pumping"), EntryKind.WEIGHT: N_("Weights"),
           EntryKind.CARE_EVENT: N_("Care events"), EntryKind.NOTE: N_("Notes")}

__all__ = ["QUICK_ADDS", "BabyTodayCard", "CardRow", "PumpingTodayCard", "QuickAdd", "TodaySection",
           "WarningBanner"]
