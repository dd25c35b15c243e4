"""`Banner`: the calm, visible one-line message of the journal screens (save problems, the auto-lock countdown,
a restored backup, drafts kept at lock), with room for action buttons, announced to screen readers when it
changes; and `DialogNotice`, the same message shown on top of an open modal dialog, so a countdown that starts
while the family is typing in a dialog is never hidden behind it (UX walkthrough finding 22)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QWidget

from nec_companion.ui.widgets.announce import announce
from nec_companion.ui.widgets.labels import plain_label


class Banner(QFrame):
    """A calm, visible message with optional action button (save problems, countdown, restored backup)."""

    def __init__(self, parent: QWidget, *, name: str) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = plain_label("", self)
        self.label.setAccessibleDescription(name)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_text(self, text: str, *, speak: bool = True) -> None:
        """Show `text` (hide when empty); a new message is announced to screen readers unless `speak` is False."""
        changed = text != self.label.text()
        self.label.setText(text)
        self.setVisible(bool(text))
        if text and changed and speak:
            announce(self.label, text)


class DialogNotice(QObject):
    """Mirrors a banner's message on top of whatever modal dialog is open (a Note being typed, a question):
    a `Banner` made a child of that dialog, laid over its top edge and raised, following its width. Shown only
    while there is both a message and a modal dialog; it goes with the dialog."""

    def __init__(self, parent: QObject, *, name: str) -> None:
        super().__init__(parent)
        self._name = name
        self.banner: Banner | None = None

    def show_text(self, text: str, *, speak: bool = True) -> None:
        """Show `text` over the active modal dialog (none: nothing shown); empty text hides it."""
        dialog = QApplication.activeModalWidget() if text else None
        banner = self.banner
        if banner is not None and (dialog is None or banner.parent() is not dialog):
            banner.hide()
            banner.label.setText("")
            if dialog is not None:
                banner.deleteLater()
                self.banner = banner = None
        if dialog is None:
            return
        if banner is None:
            banner = self.banner = Banner(dialog, name=self._name)
            banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
            banner.destroyed.connect(self._forget)
            dialog.installEventFilter(self)
        banner.show_text(text, speak=speak)
        self._place()

    def _forget(self) -> None:
        self.banner = None

    def _place(self) -> None:
        banner = self.banner
        dialog = banner.parentWidget() if banner is not None else None
        if banner is None or dialog is None:
            return
        width = dialog.width()
        layout = banner.layout()
        height = banner.sizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            height = max(height, layout.totalHeightForWidth(width))
        banner.setGeometry(0, 0, width, height)
        banner.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if self.banner is not None and watched is self.banner.parent() and event.type() in (
                QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False
