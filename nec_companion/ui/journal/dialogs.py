"""The journal's dialogs. Each returns what was chosen (or None when cancelled) and holds no business rules."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nec_companion.core.ages import GestationalAge
from nec_companion.core.babies import BabyDetails, grams_from_lb_oz, lb_oz_from_grams
from nec_companion.core.i18n import N_, _, active, ngettext
from nec_companion.security.recovery_code import RecoveryCode
from nec_companion.ui.lock_sweep import HOLDS_SECRET
from nec_companion.ui.widgets.fitted_dialog import FittedDialog
from nec_companion.ui.widgets.labels import plain_label
from nec_companion.ui.widgets.passphrase_edit import PassphraseEdit, mark_sensitive
from nec_companion.ui.widgets.spin import ChoiceSpinBox


def _problem_label(parent: QWidget) -> QLabel:
    label = plain_label("", parent)
    label.setStyleSheet("color: #8a1c1c;")
    label.setAccessibleDescription(_("Problem"))
    label.hide()
    return label


def _show_problem(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
    _refit(label)


def _refit(widget: QWidget) -> None:
    window = widget.window()
    if isinstance(window, FittedDialog) and window.isVisible():
        window.refit()


@dataclass(frozen=True)
class NewJournalChoice:
    label: str
    passphrase: str


class CreateJournalDialog(FittedDialog):
    """Choose a label (no names) and a passphrase: a suggested one, or your own of 15+ characters."""

    def __init__(self, *, suggest_label: Callable[[], str], suggest_passphrase: Callable[[], str],
                 check_passphrase: Callable[[str, str], tuple[str, ...]], suggestion_bits: float | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Create a private journal"))
        self.setModal(True)
        self._suggest_label = suggest_label
        self._suggest_passphrase = suggest_passphrase
        self._check = check_passphrase
        self.choice: NewJournalChoice | None = None

        self.label_edit = QLineEdit(suggest_label(), self)
        self.label_edit.setAccessibleName(_("Journal label"))
        self.label_edit.setMaxLength(40)
        mark_sensitive(self.label_edit)
        another = QPushButton(_("Another"), self)
        another.setAccessibleName(_("Suggest another label"))
        another.clicked.connect(lambda: self.label_edit.setText(self._suggest_label()))
        label_row = QHBoxLayout()
        label_row.addWidget(self.label_edit, 1)
        label_row.addWidget(another)

        self.use_suggested = QRadioButton(_("Use this passphrase (easy to remember, hard to guess):"), self)
        self.use_own = QRadioButton(_("Choose my own passphrase (at least 15 characters)"), self)
        group = QButtonGroup(self)
        group.addButton(self.use_suggested)
        group.addButton(self.use_own)
        self.use_suggested.setChecked(True)
        self.suggested = QLineEdit(suggest_passphrase(), self)
        self.suggested.setReadOnly(True)
        self.suggested.setAccessibleName(_("Suggested passphrase"))
        font = QFont(self.suggested.font())
        font.setBold(True)
        self.suggested.setFont(font)
        fresh = QPushButton(_("Suggest another"), self)
        fresh.setAccessibleName(_("Suggest another passphrase"))
        fresh.clicked.connect(lambda: self.suggested.setText(self._suggest_passphrase()))
        suggested_row = QHBoxLayout()
        suggested_row.addWidget(self.suggested, 1)
        suggested_row.addWidget(fresh)
        self.strength = plain_label("", self, muted=True)
        self.strength.setAccessibleName(_("How strong a suggested passphrase is"))
        if suggestion_bits:
            self.strength.setText(_("Each suggestion is 5 words picked at random by this computer: about {bits} bits "
                                    "of randomness, far more than anyone could guess.").format(
                                        bits=active().number(int(suggestion_bits))))
        self.strength.setVisible(bool(suggestion_bits))
        self.own = PassphraseEdit(_("Your passphrase"), self)
        self.own_again = PassphraseEdit(_("Your passphrase again"), self)
        self.feedback = plain_label("", self, muted=True)
        self.feedback.setAccessibleDescription(_("Passphrase feedback"))
        self.problem = _problem_label(self)
        for widget in (self.own, self.own_again):
            widget.text_changed.connect(self._update_feedback)
        self.use_own.toggled.connect(self._update_mode)

        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(_("Create journal"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("A label for your journal"), self, bold=True))
        layout.addWidget(plain_label(_("Other families using this computer will see this label. Please do not use "
                                       "your baby's or your own name."), self, muted=True))
        layout.addLayout(label_row)
        layout.addSpacing(10)
        layout.addWidget(plain_label(_("A passphrase to lock it"), self, bold=True))
        layout.addWidget(plain_label(_("Only someone with this passphrase (or your recovery code) can open your "
                                       "journal. Hospital staff cannot open it or reset it for you."), self,
                                     muted=True))
        layout.addWidget(self.use_suggested)
        layout.addLayout(suggested_row)
        layout.addWidget(self.strength)
        layout.addWidget(self.use_own)
        own_form = QFormLayout()
        own_form.addRow(_("Passphrase:"), self.own)
        own_form.addRow(_("Type it again:"), self.own_again)
        layout.addLayout(own_form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._update_mode()

    def _update_mode(self) -> None:
        own = self.use_own.isChecked()
        self.own.setEnabled(own)
        self.own_again.setEnabled(own)
        self.suggested.setEnabled(not own)
        if own:
            self.own.setFocus()
        self._update_feedback()

    def passphrase(self) -> str:
        return self.own.text() if self.use_own.isChecked() else self.suggested.text()

    def problems(self) -> tuple[str, ...]:
        label = self.label_edit.text().strip()
        found: list[str] = []
        if not label:
            found.append(_("Please give the journal a label."))
        found += list(self._check(self.passphrase(), label))
        if self.use_own.isChecked() and self.own.text() != self.own_again.text():
            found.append(_("The two passphrases are not the same yet."))
        return tuple(found)

    def _update_feedback(self, *_args: object) -> None:
        if not self.use_own.isChecked():
            self.feedback.setText(_("Write it down and keep it with you. You will also get a recovery code."))
            return
        text = self.own.text()
        if not text:
            self.feedback.setText(_("Use several words that mean something to you but that others would not guess."))
            return
        problems = self._check(text, self.label_edit.text().strip())
        self.feedback.setText(" ".join(problems) if problems else ngettext(
            "Good: {n} character.", "Good: {n} characters.", len(text)).format(n=active().number(len(text))))
        _refit(self.feedback)

    def _accept(self) -> None:
        problems = self.problems()
        if problems:
            _show_problem(self.problem, " ".join(problems))
            return
        self.choice = NewJournalChoice(label=self.label_edit.text().strip(), passphrase=self.passphrase())
        self.accept()


def recovery_code_document(code: RecoveryCode, label: str) -> QTextDocument:
    """The printable card: the code large, what it is for, where to keep it."""
    groups = " &nbsp; ".join(html.escape(g) for g in code.groups)
    document = QTextDocument()
    esc = html.escape
    card = [
        "<h2>" + esc(_("NEC Companion: recovery code")) + "</h2>",
        "<p>" + esc(_("Journal label: {label}")).format(label=f"<b>{esc(label)}</b>") + "</p>",
        f'<p style="font-size: 20pt; font-family: monospace;"><b>{groups}</b></p>',
        "<p>" + esc(_("This code opens your journal if you forget your passphrase. Keep this page somewhere safe "
                      "and private, away from the family-room computer. Anyone with this code can open your "
                      "journal.")) + "</p>",
        "<p>" + esc(_("Hospital staff do not have a copy and cannot reset your passphrase.")) + "</p>",
    ]
    document.setHtml("".join(card))
    return document


class RecoveryCodeDialog(FittedDialog):
    """Shows a new recovery code once, offers Print, and asks the family to type one group back."""

    def __init__(self, code: RecoveryCode, *, label: str, print_document: Callable[[QTextDocument], None] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Your recovery code"))
        self.setModal(True)
        self.setProperty(HOLDS_SECRET, True)  # a lock closes it before anything else (ui/lock_sweep.py)
        self._code = code
        self._label = label
        self._print = print_document
        self.check_group = min(3, len(code.groups))
        code_label = QLabel("  ".join(code.groups), self)
        code_label.setAccessibleDescription(_("Recovery code"))
        code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        code_label.setFont(font)
        code_label.setWordWrap(True)
        # Paper only (the print service refuses files); no button at all when the hospital turned printing off.
        self.print_button = QPushButton(_("Print on paper…"), self)
        self.print_button.setAccessibleName(_("Print the recovery code on paper"))
        self.print_button.clicked.connect(self.print_card)
        self.print_button.setVisible(print_document is not None)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setAccessibleName(_("Type group {n} of the recovery code").format(n=self.check_group))
        mark_sensitive(self.confirm_edit)
        self.confirm_edit.returnPressed.connect(self._accept)
        self.problem = _problem_label(self)
        done = QPushButton(_("I have kept it safe"), self)
        done.setDefault(True)
        done.clicked.connect(self._accept)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Write this code down or print it now. It is shown only this once.")
                                     if print_document else _("Write this code down now. It is shown only this once."),
                                     self))
        layout.addWidget(code_label)
        layout.addWidget(plain_label(_("If you forget your passphrase, this code is the only way back into your "
                                       "journal. Keep it private and away from this computer."), self, muted=True))
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        # Translators: {ordinal} is "first", "second", "third"... (the block of the code to type back).
        layout.addWidget(plain_label(_("To check you have it, type group {n} (the {ordinal} block of "
                                       "characters):").format(n=self.check_group, ordinal=_ordinal(self.check_group)),
                                     self))
        layout.addWidget(self.confirm_edit)
        layout.addWidget(self.problem)
        layout.addWidget(done, 0, Qt.AlignmentFlag.AlignRight)

    def print_card(self) -> None:
        if self._print is not None:
            self._print(recovery_code_document(self._code, self._label))

    def reject(self) -> None:
        # The code must be kept before the family goes on, so Escape and the window's close button do not skip
        # it. A lock still closes it: the lock sweep calls done(), which this dialog does not override.
        return

    def _accept(self) -> None:
        if self._code.group_matches(self.check_group, self.confirm_edit.text()):
            self.accept()
        else:
            _show_problem(self.problem, _("That does not match group {n}. Look again at the code above; letters and "
                                          "numbers like O and 0 are treated the same.").format(n=self.check_group))


#: The ordinal of a recovery-code group (the code has at most 6 groups to check).
ORDINALS = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth"), 5: N_("fifth"), 6: N_("sixth")}


def _ordinal(n: int) -> str:
    return _(ORDINALS[n]) if n in ORDINALS else _("number {n}").format(n=n)


@dataclass(frozen=True)
class RecoveryChoice:
    code: str
    new_passphrase: str


class RecoverWithCodeDialog(FittedDialog):
    """Type the recovery code and a new passphrase; typos are named by group ("check group 3")."""

    def __init__(self, *, check_code: Callable[[str], tuple[int, ...]],
                 check_passphrase: Callable[[str], tuple[str, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open with your recovery code"))
        self.setModal(True)
        self._check_code = check_code
        self._check_passphrase = check_passphrase
        self.choice: RecoveryChoice | None = None
        self.code_edit = QLineEdit(self)
        self.code_edit.setAccessibleName(_("Recovery code"))
        self.code_edit.setPlaceholderText("XXXX-XXXX-XXXX-…")  # i18n: not text
        mark_sensitive(self.code_edit)
        self.new = PassphraseEdit(_("New passphrase"), self)
        self.again = PassphraseEdit(_("New passphrase again"), self)
        self.problem = _problem_label(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Open journal"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Recovery code:"), self.code_edit)
        form.addRow(_("New passphrase:"), self.new)
        form.addRow(_("Type it again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("Type the code from your printed card. Spaces, dashes and small letters are "
                                       "fine. You will choose a new passphrase and get a new recovery code; the old "
                                       "ones will stop working."), self))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        groups = self._check_code(self.code_edit.text())
        problems: list[str] = []
        if groups:
            listed = ", ".join(str(g) for g in groups)
            # Translators: {groups} is one group number or a list of them, e.g. "2, 4".
            problems.append(ngettext("Please check group {groups} of the recovery code.",
                                     "Please check groups {groups} of the recovery code.", len(groups)).format(
                                         groups=listed))
        problems += list(self._check_passphrase(self.new.text()))
        if self.new.text() != self.again.text():
            problems.append(_("The two new passphrases are not the same yet."))
        if problems:
            _show_problem(self.problem, " ".join(problems))
            return
        self.choice = RecoveryChoice(code=self.code_edit.text(), new_passphrase=self.new.text())
        self.accept()


@dataclass(frozen=True)
class PassphraseChange:
    current: str
    new: str


class ChangePassphraseDialog(FittedDialog):
    """Current passphrase, then a new one twice."""

    def __init__(self, *, check_passphrase: Callable[[str], tuple[str, ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change passphrase"))
        self.setModal(True)
        self._check = check_passphrase
        self.choice: PassphraseChange | None = None
        self.current = PassphraseEdit(_("Current passphrase"), self)
        self.new = PassphraseEdit(_("New passphrase"), self)
        self.again = PassphraseEdit(_("New passphrase again"), self)
        self.problem = _problem_label(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Change passphrase"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Current passphrase:"), self.current)
        form.addRow(_("New passphrase:"), self.new)
        form.addRow(_("Type it again:"), self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(plain_label(_("You will also get a new recovery code; the old one will stop working."), self,
                                     muted=True))
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        problems = list(self._check(self.new.text()))
        if self.new.text() != self.again.text():
            problems.append(_("The two new passphrases are not the same yet."))
        if not self.current.text():
            problems.insert(0, _("Please type your current passphrase."))
        if problems:
            _show_problem(self.problem, " ".join(problems))
            return
        self.choice = PassphraseChange(current=self.current.text(), new=self.new.text())
        self.accept()


GA_NOT_CHOSEN = 21  # shown as "choose"; 22 weeks is the lowest a baby can be recorded at


def parse_clock_time(text: str) -> dt.time | None:
    """ "14:30", "1430", "9:05" or "" (not known, None); anything else raises ValueError."""
    cleaned = text.strip().replace(".", ":")
    if not cleaned:
        return None
    hours, _, minutes = cleaned.partition(":") if ":" in cleaned else (cleaned[:-2], "", cleaned[-2:])
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 1 <= len(hours) <= 2):
        raise ValueError(text)
    return dt.time(int(hours), int(minutes))  # raises ValueError past 23:59


class BabyDialog(FittedDialog):
    """A baby's details: nickname, birth date and time, gestational age, birth weight in grams or lb/oz."""

    def __init__(self, *, today: dt.date, details: BabyDetails | None = None,
                 validate: Callable[[BabyDetails], tuple[tuple[str, str], ...]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Baby's details") if details else _("Add a baby"))
        self.setModal(True)
        self._validate = validate
        self.result_details: BabyDetails | None = None
        self.nickname = QLineEdit(self)
        self.nickname.setAccessibleName(_("Nickname"))
        self.nickname.setMaxLength(40)
        mark_sensitive(self.nickname)
        self._today = today
        self.birth_date = QDateEdit(self)
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("d MMM yyyy")
        # No maximum: a typed date after today is refused out loud on Save, never silently changed.
        self.birth_date.setDate(QDate(today.year, today.month, today.day))
        self.birth_date.setAccessibleName(_("Birth date"))
        self.birth_time = QLineEdit(self)
        self.birth_time.setPlaceholderText(_("for example 14:30"))
        self.birth_time.setMaxLength(5)
        self.birth_time.setAccessibleName(_("Birth time, if you know it"))
        self.birth_time.setToolTip(_("Leave it empty if you do not know the time."))
        # Weeks of pregnancy start empty ("choose"): a silent default would be stored as if it were known.
        self.ga_weeks = ChoiceSpinBox(self)
        self.ga_weeks.setRange(GA_NOT_CHOSEN, 44)
        # Translators: shown in the weeks box before anything is chosen.
        self.ga_weeks.setSpecialValueText(_("choose"))
        self.ga_weeks.setValue(GA_NOT_CHOSEN)
        # Translators: after a number in a box: "30 weeks" (keep the space at the start).
        self.ga_weeks.setSuffix(_(" weeks"))
        self.ga_weeks.setAccessibleName(_("Weeks of pregnancy at birth"))
        self.ga_days = QSpinBox(self)
        self.ga_days.setRange(0, 6)
        # Translators: after a number in a box: "3 days" (keep the space at the start).
        self.ga_days.setSuffix(_(" days"))
        self.ga_days.setAccessibleName(_("Extra days"))
        self.grams = ChoiceSpinBox(self)
        self.grams.setRange(0, 6500)
        self.grams.setSingleStep(10)
        self.grams.setSuffix(" g")
        self.grams.setSpecialValueText(_("not entered"))
        self.grams.setAccessibleName(_("Birth weight in grams"))
        self.pounds = QSpinBox(self)
        self.pounds.setRange(0, 14)
        self.pounds.setSuffix(_(" lb"))
        self.pounds.setAccessibleName(_("Birth weight, pounds"))
        self.ounces = QSpinBox(self)
        self.ounces.setRange(0, 15)
        self.ounces.setSuffix(_(" oz"))
        self.ounces.setAccessibleName(_("Birth weight, ounces"))
        for box in (self.pounds, self.ounces):
            box.valueChanged.connect(self._from_lb_oz)
        self.grams.valueChanged.connect(self._to_lb_oz)
        self.problem = _problem_label(self)

        time_row = QHBoxLayout()
        time_row.addWidget(self.birth_time)
        time_row.addWidget(plain_label(_("(leave empty if not known)"), self, muted=True))
        time_row.addStretch(1)
        ga_row = QHBoxLayout()
        ga_row.addWidget(self.ga_weeks)
        ga_row.addWidget(self.ga_days)
        ga_row.addStretch(1)
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.grams)
        # Translators: between the weight in grams and in pounds and ounces.
        weight_row.addWidget(QLabel(_("or"), self))
        weight_row.addWidget(self.pounds)
        weight_row.addWidget(self.ounces)
        weight_row.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Nickname:"), self.nickname)
        form.addRow(_("Birth date:"), self.birth_date)
        form.addRow(_("Birth time:"), time_row)
        form.addRow(_("Weeks of pregnancy at birth:"), ga_row)
        form.addRow(_("Birth weight:"), weight_row)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("A nickname is enough; it does not need to be your baby's real name."), self,
                                     muted=True))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if details is not None:
            self._load(details)

    def _load(self, details: BabyDetails) -> None:
        self.nickname.setText(details.nickname)
        self.birth_date.setDate(QDate(details.birth_date.year, details.birth_date.month, details.birth_date.day))
        self.birth_time.setText("" if details.birth_time is None else f"{details.birth_time:%H:%M}")
        self.ga_weeks.setValue(details.gestational_age.weeks)
        self.ga_days.setValue(details.gestational_age.days)
        self.grams.setValue(details.birth_weight_g or 0)

    def _from_lb_oz(self) -> None:
        if self.pounds.hasFocus() or self.ounces.hasFocus() or not self.grams.hasFocus():
            grams = grams_from_lb_oz(self.pounds.value(), self.ounces.value())
            self.grams.blockSignals(True)
            self.grams.setValue(grams)
            self.grams.blockSignals(False)

    def _to_lb_oz(self, grams: int) -> None:
        pounds, ounces = lb_oz_from_grams(grams, ounce_decimals=0) if grams else (0, 0.0)
        for box, value in ((self.pounds, pounds), (self.ounces, round(ounces))):
            box.blockSignals(True)
            box.setValue(min(box.maximum(), value))
            box.blockSignals(False)

    def details(self) -> BabyDetails:
        date = self.birth_date.date()
        return BabyDetails(
            nickname=self.nickname.text(),
            birth_date=dt.date(date.year(), date.month(), date.day()),
            birth_time=parse_clock_time(self.birth_time.text()),
            gestational_age=GestationalAge(self.ga_weeks.value(), self.ga_days.value()),
            birth_weight_g=self.grams.value() or None,
        )

    def _own_problems(self) -> list[tuple[QWidget, str]]:
        """What the core cannot see: empty required fields and a time or date that cannot be right."""
        problems: list[tuple[QWidget, str]] = []
        date = self.birth_date.date()
        if dt.date(date.year(), date.month(), date.day()) > self._today:
            problems.append((self.birth_date, _("The birth date is after today. Please check it.")))
        if self.birth_time.text().strip():
            try:
                parse_clock_time(self.birth_time.text())
            except ValueError:
                problems.append((self.birth_time, _("Please type the birth time as hours and minutes, like 14:30, "
                                                    "or leave it empty.")))
        if self.ga_weeks.value() == GA_NOT_CHOSEN:
            problems.append((self.ga_weeks, _("Please enter how many weeks of pregnancy your baby was born at. "
                                              "The care team can tell you if you are not sure.")))
        return problems

    def _accept(self) -> None:
        own = self._own_problems()
        if own:
            core = []
            if not any(widget is self.birth_time for widget, _ in own):
                core = [message for field, message in self._validate(self.details())
                        if field in ("nickname", "birth_weight_g")]
            _show_problem(self.problem, " ".join([*(message for _widget, message in own), *core]))
            own[0][0].setFocus()
            return
        details = self.details()
        problems = self._validate(details)
        if problems:
            _show_problem(self.problem, " ".join(message for _field, message in problems))
            return
        self.result_details = details
        self.accept()
