"""The dialogs for what happened to a baby and what the family wants to remember: a care event (a medicine with its
start and stop, a transfusion, a procedure, a test, or "something I noticed" with the calm "tell your nurse now"
note) and a note (free text, milestone tags, skin-to-skin minutes, about one baby or the whole family). Split from
`dialogs.py` to keep each module readable; they share its frame, `entry_dialog.EntryDialog`, and are listed in its
`DIALOGS` table.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from nec_companion.core.babies import BabyId
from nec_companion.core.care_events import TELL_YOUR_NURSE, CareEvent, CareEventKind, NoticedSign
from nec_companion.core.entries import EntryKind
from nec_companion.core.i18n import N_, _
from nec_companion.core.notes import MILESTONE_TAGS, NoteEntry
from nec_companion.ui.entries.entry_dialog import EntryDialog
from nec_companion.ui.entries.fields import CalmNote, NumberField, combo, private_line, private_text, row
from nec_companion.ui.entries.words import capitalised
from nec_companion.ui.widgets.flow import FlowLayout

# ============================================================================================ care event


EVENT_ORDER = (CareEventKind.NOTICED, CareEventKind.ANTIBIOTICS, CareEventKind.PROBIOTIC,
               CareEventKind.ACID_REDUCER, CareEventKind.TRANSFUSION, CareEventKind.PROCEDURE, CareEventKind.TEST)
#: The caption and the placeholder of the details field for each kind (marked only; translated where shown).
DETAIL_LABELS = {
    CareEventKind.NOTICED: (N_("In your words:"), N_("Anything else you noticed (optional)")),
    CareEventKind.ANTIBIOTICS: (N_("Which:"), N_("Which antibiotic (optional)")),
    CareEventKind.PROBIOTIC: (N_("Which:"), N_("Which probiotic (optional)")),
    CareEventKind.ACID_REDUCER: (N_("Which:"), N_("Which medicine (optional)")),
    CareEventKind.TRANSFUSION: (N_("Details:"), N_("Details (optional)")),
    CareEventKind.PROCEDURE: (N_("What:"), N_("What was done")),
    CareEventKind.TEST: (N_("Which test:"), N_("Which test, for example: belly X-ray")),
}


class CareEventDialog(EntryDialog):
    kind = EntryKind.CARE_EVENT
    add_title = N_("Record a care event")
    edit_title = N_("Edit a care event")

    def build(self) -> None:
        items: list[tuple[str, object]] = [(_("Choose…"), None)]
        items += [(kind.label, kind.value) for kind in EVENT_ORDER]
        self.kind_combo = combo(self.body, _("What happened"), items)
        self.add_row(_("What:"), row(self.kind_combo, parent=self.body), "kind", focus=self.kind_combo)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.watch(self.kind_combo.currentIndexChanged, "kind")
        self.tell_nurse = CalmNote(self.body, name=_("Tell your nurse"))
        self.tell_nurse.show_text(_(TELL_YOUR_NURSE))
        self.tell_row = self.add_row("", self.tell_nurse)
        self.sign_boxes: dict[NoticedSign, QCheckBox] = {}
        signs = QWidget(self.body)
        signs_layout = QVBoxLayout(signs)
        signs_layout.setContentsMargins(0, 0, 0, 0)
        for sign in NoticedSign:
            box = QCheckBox(sign.label, signs)
            signs_layout.addWidget(box)
            self.sign_boxes[sign] = box
            self.watch(box.toggled, "signs")
        self.signs_row = self.add_row(_("You noticed:"), signs, "signs", focus=next(iter(self.sign_boxes.values())))
        self.detail = private_line(self.body, _("Details"))
        self.detail_row = self.add_row(_("Details:"), self.detail, "detail", focus=self.detail)
        self.watch(self.detail.textChanged, "detail")
        self.started = self.time_field(_("When"))
        self.started_row = self.add_row(_("When:"), self.started, "started_at", focus=self.started.date_edit)
        self.watch(self.started.changed, "started_at")
        self.stopped_box = QCheckBox(_("It has stopped"), self.body)
        self.stopped = self.time_field(_("When it stopped"))
        stop_holder = QWidget(self.body)
        stop_layout = QVBoxLayout(stop_holder)
        stop_layout.setContentsMargins(0, 0, 0, 0)
        stop_layout.addWidget(self.stopped_box)
        stop_layout.addWidget(self.stopped)
        self.stopped_row = self.add_row(_("Stopped:"), stop_holder, "ended_at", focus=self.stopped_box)
        self.stopped_box.toggled.connect(self._stopped_changed)
        self.watch(self.stopped_box.toggled, "ended_at")
        self.watch(self.stopped.changed, "ended_at")
        self.note = private_text(self.body, _("Note about this event"))
        self.add_row(_("Note:"), self.note, "note")
        self.watch(self.note.textChanged, "note")
        self.first_focus = self.kind_combo

    def _kind(self) -> CareEventKind | None:
        value = self.kind_combo.currentData()
        return CareEventKind(value) if value else None

    def _kind_changed(self, *_args: object) -> None:
        kind = self._kind()
        noticed = kind is CareEventKind.NOTICED
        course = kind is not None and kind.is_course
        self.form.setRowVisible(self.tell_row, noticed)
        self.form.setRowVisible(self.signs_row, noticed)
        self.form.setRowVisible(self.detail_row, kind is not None)
        self.form.setRowVisible(self.stopped_row, course)
        label, placeholder = DETAIL_LABELS.get(kind, (N_("Details:"), "")) if kind else (N_("Details:"), "")
        caption = self.form.labelForField(self.detail_row)
        if isinstance(caption, QLabel):
            caption.setText(_(label))
        placeholder = _(placeholder) if placeholder else ""
        self.detail.setPlaceholderText(placeholder)
        self.detail.setAccessibleName(placeholder or _("Details"))
        started = self.form.labelForField(self.started_row)
        if isinstance(started, QLabel):
            started.setText(_("Started:") if course else _("When:"))
        self._stopped_changed()
        self._refit_soon()

    def _stopped_changed(self, *_args: object) -> None:
        self.stopped.setVisible(self.stopped_box.isChecked())
        self._refit_soon()

    def load(self, event: CareEvent) -> None:
        self.set_baby(event.baby_id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(event.kind.value)))
        for sign, box in self.sign_boxes.items():
            box.setChecked(sign in event.signs)
        self.detail.setText(event.detail)
        self.started.set_instant(event.started_at)
        self.stopped_box.setChecked(event.ended_at is not None)
        if event.ended_at is not None:
            self.stopped.set_instant(event.ended_at)
        self.note.setPlainText(event.note)
        self._kind_changed()

    def defaults(self, baby_id: BabyId | None) -> None:
        if isinstance(self.preset, CareEventKind):
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(self.preset.value)))
            self.first_focus = next(iter(self.sign_boxes.values())) if self.preset is CareEventKind.NOTICED \
                else self.detail
        self._kind_changed()

    def entry(self) -> CareEvent:
        baby = self.current_baby_id()
        kind = self._kind()
        self.require(kind, "kind", _("Please choose what happened."))
        self.require(baby, "baby_id", _("Please choose the baby."))
        self.stop_if_input_errors()
        assert kind is not None and baby is not None
        course = kind.is_course
        return CareEvent(
            baby_id=baby, kind=kind, started_at=self.started.instant(), time_zone=self.zone_name,
            ended_at=self.stopped.instant() if course and self.stopped_box.isChecked() else None,
            detail=self.detail.text(),
            signs=frozenset(sign for sign, box in self.sign_boxes.items() if box.isChecked())
            if kind is CareEventKind.NOTICED else frozenset(),
            note=self.note.toPlainText(), entry_id=self.entry_id())


# ============================================================================================ note


class NoteDialog(EntryDialog):
    kind = EntryKind.NOTE
    add_title = N_("Write a note")
    edit_title = N_("Edit a note")
    baby_label = N_("About:")

    def _add_baby_row(self) -> None:
        items: list[tuple[str, object]] = [(baby.nickname, int(baby.baby_id)) for baby in self.babies]
        items.append((_("The whole family") if len(self.babies) != 1 else _("All of us"), None))
        box = combo(self.body, _("Who the note is about"), items)
        self.baby_combo = box
        self.add_row(_("About:"), row(box, parent=self.body), "baby_id", focus=box)
        box.currentIndexChanged.connect(self._baby_changed)

    def build(self) -> None:
        self.when = self.time_field(_("When"))
        self.add_row(_("When:"), self.when, "at", focus=self.when.date_edit)
        self.watch(self.when.changed, "at")
        self.text = private_text(self.body, _("Note"), lines=4)
        self.text.setPlaceholderText(_("What happened, how it felt, something to remember or to ask"))
        self.add_row(_("Note:"), self.text, "text")
        self.watch(self.text.textChanged, "text")
        tags = QWidget(self.body)
        flow = FlowLayout(tags, spacing=12)
        self.tag_boxes: dict[str, QCheckBox] = {}
        for tag in MILESTONE_TAGS:  # keyed by the English tag; shown, and saved, in the family's language
            box = QCheckBox(capitalised(_(tag)), tags)
            box.setAccessibleName(_("Milestones: {tag}").format(tag=_(tag)))
            flow.add(box)
            self.tag_boxes[tag] = box
            self.watch(box.toggled, "tags", "text")
        self.add_row(_("Milestones:"), tags, focus=next(iter(self.tag_boxes.values())))
        self.other_tags = private_line(self.body, _("Other tags"), placeholder=_("Other tags, separated by commas"))
        self.add_row(_("Other tags:"), self.other_tags, "tags")
        self.watch(self.other_tags.textChanged, "tags", "text")
        self.skin = NumberField(self.body, name=_("Skin to skin, in minutes"), whole=True, chars=4)
        self.add_row(_("Skin to skin:"), row(self.skin, _("minutes"), parent=self.body), "skin_to_skin_minutes",
                     focus=self.skin)
        self.watch(self.skin.textChanged, "skin_to_skin_minutes", "text")
        self.first_focus = self.text

    def load(self, note: NoteEntry) -> None:
        if self.baby_combo is not None:
            self.baby_combo.setCurrentIndex(max(0, self.baby_combo.findData(
                int(note.baby_id) if note.baby_id is not None else None)))
        self.when.set_instant(note.at)
        self.text.setPlainText(note.text)
        suggested = {tag.casefold(): tag for tag in MILESTONE_TAGS}
        suggested.update({_(tag).casefold(): tag for tag in MILESTONE_TAGS})
        others = []
        for tag in note.tags:
            if tag.casefold() in suggested:
                self.tag_boxes[suggested[tag.casefold()]].setChecked(True)
            else:
                others.append(tag)
        self.other_tags.setText(", ".join(others))
        self.skin.set_number(note.skin_to_skin_minutes)

    def defaults(self, baby_id: BabyId | None) -> None:
        if isinstance(self.preset, str) and self.preset in self.tag_boxes:
            self.tag_boxes[self.preset].setChecked(True)

    def entry(self) -> NoteEntry:
        minutes = self.read("skin_to_skin_minutes", lambda: self.skin.whole_number("skin_to_skin_minutes"), None)
        self.stop_if_input_errors()
        tags = [_(tag) for tag, box in self.tag_boxes.items() if box.isChecked()]
        tags += [part for part in self.other_tags.text().split(",") if part.strip()]
        return NoteEntry(at=self.when.instant(), time_zone=self.zone_name, text=self.text.toPlainText(),
                         tags=tuple(tags), skin_to_skin_minutes=minutes, baby_id=self.current_baby_id(),
                         entry_id=self.entry_id())


__all__ = ["DETAIL_LABELS", "EVENT_ORDER", "CareEventDialog", "NoteDialog"]
