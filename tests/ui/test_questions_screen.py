"""Questions end to end with qtbot: article → add → answer → shows as answered on the next rounds sheet."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QUrl

from nec_companion.core.questions import Status
from nec_companion.ui.questions.dialogs import AnswerDialog, QuestionDialog
from tests.ui.test_journal_screen import (
    PASSPHRASE,
    add_baby,
    create_journal,
    when_dialog,
)


def _open_library_article(window, bundled_library, bundled_index, slug: str):
    window.set_library(bundled_library, bundled_index)
    window.show_screen("library")
    window.library_screen.open_article(slug)
    return window.library_screen.reader


def test_article_question_added_answered_and_on_rounds_sheet(qtbot, journal_window, bundled_library,
                                                              bundled_index) -> None:
    """From an article, "Add to my questions" adds it; answering it moves it from the rounds sheet's open list."""
    create_journal(qtbot, journal_window)
    reader = _open_library_article(journal_window, bundled_library, bundled_index, "feeding-progression")
    article = bundled_library.articles["feeding-progression"]
    assert 'href="question:feeding-progression/0"' in reader.browser.toHtml()
    reader.browser.anchorClicked.emit(QUrl("question:feeding-progression/0"))
    assert "Added to your questions" in reader.definition_label.text()
    reader.browser.anchorClicked.emit(QUrl("question:feeding-progression/0"))
    assert "already on your list" in reader.definition_label.text()
    screen = journal_window.journal_screen
    questions = screen.questions_screen
    assert [q.text for q in questions.book.all()] == [article.questions[0]]
    rounds = screen.rounds_screen
    rounds.refresh()
    assert article.questions[0] in rounds.preview.toPlainText()
    assert "Questions to ask (1)" in rounds.preview.toPlainText()

    questions.status_filter.setCurrentIndex(0)
    questions.table.selectRow(0)

    def answer(dialog: AnswerDialog) -> None:
        dialog.text.setPlainText("Slowly, about 20 mL/kg a day, if all goes well.")
        dialog.role.setCurrentIndex(dialog.role.findData("nurse practitioner"))
        dialog._accept()

    when_dialog(AnswerDialog, answer)
    questions.answer_button.click()
    [question] = questions.book.all()
    assert question.status is Status.ANSWERED
    assert question.answer.role.value == "nurse practitioner"
    assert questions.proxy.rowCount() == 0  # "Still to ask" no longer shows it
    questions.status_filter.setCurrentIndex(1)  # Answered
    assert questions.proxy.rowCount() == 1
    assert "Nurse practitioner" in questions.proxy.index(0, 5).data()
    rounds.refresh()
    assert "Questions to ask (0)" in rounds.preview.toPlainText()


def test_question_from_article_waits_for_the_journal_to_open(qtbot, journal_window, bundled_library,
                                                              bundled_index) -> None:
    """With no journal open, the app offers to open one and adds the question after it opens (never on disk)."""
    create_journal(qtbot, journal_window)
    journal_window.lock_journal("now")
    reader = _open_library_article(journal_window, bundled_library, bundled_index, "donor-milk")
    journal_window.prompts.confirms = [True]
    reader.browser.anchorClicked.emit(QUrl("question:donor-milk/1"))
    assert journal_window.current_screen() == "journal"
    screen = journal_window.journal_screen
    screen.start.passphrase.setText(PASSPHRASE)
    screen.start.open_button.click()
    qtbot.waitUntil(lambda: screen.questions_screen is not None, timeout=10000)
    texts = [q.text for q in screen.questions_screen.book.all()]
    assert texts == [bundled_library.articles["donor-milk"].questions[1]]


def test_keyboard_add_reorder_delete_undo(qtbot, journal_window) -> None:
    """Ctrl+N adds, Alt+Up moves, Delete removes with an Undo bar that brings it back."""
    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    questions = screen.questions_screen
    screen.page.tabs.setCurrentWidget(questions)

    for text in ("First question?", "Second question?"):
        def fill(dialog: QuestionDialog, text: str = text) -> None:
            dialog.text.setPlainText(text)
            dialog._accept()

        when_dialog(QuestionDialog, fill)
        questions.add_question()
    assert [q.text for q in questions.book.all()] == ["First question?", "Second question?"]
    questions.select(int(questions.book.all()[1].question_id))
    questions.move_question(-1)
    assert [q.text for q in questions.book.all()] == ["Second question?", "First question?"]
    questions.select(int(questions.book.all()[0].question_id))
    questions.delete_question()
    assert [q.text for q in questions.book.all()] == ["First question?"]
    assert questions.undo_bar.isVisible()
    questions.undo_button.click()
    assert [q.text for q in questions.book.all()] == ["Second question?", "First question?"]


def test_filters_search_and_bank(qtbot, journal_window) -> None:
    """Search narrows the list; the suggested bank marks questions already on the list."""
    create_journal(qtbot, journal_window)
    questions = journal_window.journal_screen.questions_screen
    from nec_companion.core.questions import QuestionDraft

    questions.book.add(QuestionDraft(text="How is the belly today?"))
    questions.book.add(QuestionDraft(text="When can we hold?"))
    questions.refresh()
    questions.search.setText("belly")
    assert questions.proxy.rowCount() == 1
    questions.search.setText("")
    assert questions.proxy.rowCount() == 2


def test_questions_models_pass_the_model_tester(qtmodeltester, qtbot, journal_window) -> None:
    """The questions table model and its filter proxy satisfy Qt's model tester."""
    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window, "Pip")
    questions = journal_window.journal_screen.questions_screen
    from nec_companion.core.questions import Priority, QuestionDraft

    for n in range(5):
        questions.book.add(QuestionDraft(text=f"Question {n}", priority=Priority(1 + n % 3)))
    questions.refresh()
    qtmodeltester.check(questions.model)
    qtmodeltester.check(questions.proxy)


def test_rounds_sheet_prints_to_pdf(qtbot, journal_window, tmp_path) -> None:
    """The printable rounds page renders to a PDF with the questions and the not-a-medical-record footer."""
    from PySide6.QtGui import QPageSize, QPdfWriter

    create_journal(qtbot, journal_window)
    screen = journal_window.journal_screen
    from nec_companion.core.questions import QuestionDraft

    screen.questions_screen.book.add(QuestionDraft(text="Can we try skin-to-skin today?"))
    document = screen.rounds_screen.document()
    path = tmp_path / "rounds.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document.print_(writer)
    del writer
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())  # pypdf, no poppler
    assert "Can we try skin-to-skin today?" in text
    assert "not a medical record" in text
    _ = dt


def test_rounds_sheet_lists_what_changed_with_noticed_first(qtbot, journal_window, clock) -> None:
    """Plan changes, weights, notes and a "something I noticed" entry since the chosen time appear on the
    sheet, the noticed one first; older entries do not."""
    from nec_companion.core.care_events import CareEvent, CareEventKind, NoticedSign
    from nec_companion.core.feeding import BolusFeeds, FeedingPlanChange, FeedRoute, Milk, MilkKind
    from nec_companion.core.measurements import Weight

    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window, "Pip")
    screen = journal_window.journal_screen
    entries = screen.entries
    baby = screen.session.journal.babies()[0]
    zone = entries.time_zone
    now = clock.now()
    entries.add(FeedingPlanChange(baby_id=baby.baby_id, effective_at=now - dt.timedelta(days=3), time_zone=zone,
                                  regimen=BolusFeeds(volume_ml=4, interval_hours=3), milk=Milk.only(
                                      MilkKind.MOTHERS_OWN_FRESH), route=FeedRoute.NG_TUBE_BOLUS), confirmed=True)
    entries.add(FeedingPlanChange(baby_id=baby.baby_id, effective_at=now - dt.timedelta(hours=5), time_zone=zone,
                                  regimen=BolusFeeds(volume_ml=6, interval_hours=3), milk=Milk.only(
                                      MilkKind.MOTHERS_OWN_FRESH), route=FeedRoute.NG_TUBE_BOLUS), confirmed=True)
    entries.add(Weight(baby_id=baby.baby_id, measured_on=entries.today(), grams=930), confirmed=True)
    entries.add(CareEvent(baby_id=baby.baby_id, kind=CareEventKind.NOTICED, started_at=now - dt.timedelta(hours=1),
                          time_zone=zone, signs=frozenset({NoticedSign.SWOLLEN_OR_DISCOLOURED_BELLY})), confirmed=True)
    rounds = screen.rounds_screen
    rounds.refresh()
    text = rounds.preview.toPlainText()
    assert "What changed" in text
    changed = text.split("What changed", 1)[1]
    assert changed.index("Something I noticed") < changed.index("Feeding plan")
    assert changed.count("Something I noticed") == 1  # the kind once, never "Noticed: ... Something I noticed"
    assert "930" in changed
    assert changed.count("Feeding plan") == 1  # the 3-day-old plan is outside the last 24 hours
    rounds.period.setCurrentIndex(2)  # last week
    assert rounds.preview.toPlainText().split("What changed", 1)[1].count("Feeding plan") == 2


def test_rounds_sheet_opens_with_ages_and_lists_a_medicine_start_and_stop_apart(qtbot, journal_window,
                                                                              clock) -> None:
    """The sheet opens with each baby's day of life, ages, weight and plan; a course of antibiotics shows its start
    and its stop as two changes (the stop alone when only it falls in the window); an unknown time is no 00:00."""
    from nec_companion.core.care_events import CareEvent, CareEventKind
    from nec_companion.core.measurements import Weight

    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window, "Pip")
    screen = journal_window.journal_screen
    entries = screen.entries
    baby = screen.session.journal.babies()[0]
    now = clock.now()
    entries.add(CareEvent(baby_id=baby.baby_id, kind=CareEventKind.ANTIBIOTICS, detail="gentamicin",
                          started_at=now - dt.timedelta(days=2), ended_at=now - dt.timedelta(hours=2),
                          time_zone=entries.time_zone), confirmed=True)
    entries.add(Weight(baby_id=baby.baby_id, measured_on=entries.today(), grams=1010), confirmed=True)
    rounds = screen.rounds_screen
    rounds.refresh()  # last 24 hours
    text = rounds.preview.toPlainText()
    head, changed = text.split("What changed", 1)
    assert "Pip: day " in head and "of life" in head and "postmenstrual" in head and "1,010 g" in head
    assert "Antibiotics stopped: gentamicin" in changed
    assert "Antibiotics started" not in changed
    assert "00:00" not in changed
    rounds.period.setCurrentIndex(2)  # last week
    changed = rounds.preview.toPlainText().split("What changed", 1)[1]
    assert changed.index("Antibiotics started: gentamicin") < changed.index("Antibiotics stopped: gentamicin")


def test_questions_keep_their_baby_sort_by_priority_and_answers_need_a_role(qtbot, journal_window) -> None:
    """Walkthrough #16: a question about the only baby keeps that baby; High comes before Normal; "Who
    answered" starts empty and saving asks for it; warning-sign questions are filed under warning signs."""
    from nec_companion.core.questions import Priority, QuestionDraft, Topic, topic_for

    create_journal(qtbot, journal_window)
    add_baby(qtbot, journal_window, "Pip")
    screen = journal_window.journal_screen
    questions = screen.questions_screen
    baby = screen.session.journal.babies()[0]
    dialog = QuestionDialog(babies=(baby,))
    assert dialog.baby.currentData() == int(baby.baby_id)
    dialog.deleteLater()
    questions.book.add(QuestionDraft(text="A normal question?", priority=Priority.NORMAL))
    questions.book.add(QuestionDraft(text="An urgent question?", priority=Priority.HIGH))
    questions.refresh()
    first = questions.model.question_at(questions.proxy.mapToSource(questions.proxy.index(0, 0)).row())
    assert first.text == "An urgent question?"
    answer = AnswerDialog(question=first, now=dt.datetime.now(dt.UTC))
    assert answer.role.currentData() is None
    answer.text.setPlainText("Soon.")
    answer._accept()
    assert answer.result_answer is None and not answer.role_problem.isHidden()
    answer.role.setCurrentIndex(answer.role.findData("nurse"))
    answer._accept()
    assert answer.result_answer is not None
    answer.deleteLater()
    assert topic_for("nec-basics", "warning-signs") is Topic.WARNING_SIGNS
    assert topic_for("nec-basics", "what-is-nec") is Topic.TESTS


def test_moving_a_question_does_not_hide_qwidget_move(qtbot, journal_window) -> None:
    """Reordering has its own name: QWidget.move(point) still moves the screen as Qt expects."""
    from PySide6.QtCore import QPoint

    create_journal(qtbot, journal_window)
    questions = journal_window.journal_screen.questions_screen
    questions.move(QPoint(3, 4))  # raised TypeError while move(step) overrode QWidget.move
    assert questions.pos() == QPoint(3, 4)


def test_the_suggested_bank_starts_folded_and_adding_from_it_says_so_beside_the_button(qtbot, journal_window,
                                                                                     bundled_library,
                                                                                     bundled_index) -> None:
    """Walkthrough #3 and #23: the bank is folded so the family's own table has the room; one button opens it
    (its name says how many suggestions); "Add to my questions" confirms beside itself, marks the suggestion
    "(on your list)" where it stays chosen, and the confirmation is read out to a screen reader."""
    from nec_companion.ui.widgets import announce as announcing

    create_journal(qtbot, journal_window)
    journal_window.set_library(bundled_library, bundled_index)
    screen = journal_window.journal_screen
    questions = screen.questions_screen
    screen.page.tabs.setCurrentWidget(questions)
    questions.refresh()
    assert questions.bank.topLevelItemCount() > 0
    assert not questions.bank_box.isVisible() and questions.table.isVisible()
    count = sum(questions.bank.topLevelItem(i).childCount() for i in range(questions.bank.topLevelItemCount()))
    assert f"({count})" in questions.bank_toggle.text()
    questions.bank_toggle.click()
    assert questions.bank_box.isVisible() and questions.bank_toggle.isChecked()

    heard: list[str] = []
    listener = lambda _widget, text, _assertive: heard.append(text)  # noqa: E731
    announcing.add_listener(listener)
    try:
        topic = questions.bank.topLevelItem(0)
        topic.setExpanded(True)
        questions.bank.setCurrentItem(topic.child(0))
        questions.bank_add.click()
    finally:
        announcing.remove_listener(listener)
    assert len(questions.book.all()) == 1
    assert questions.bank_status.text() == "Added to your questions." and questions.bank_status.isVisible()
    assert questions.message.text() == ""  # not also under the list, out of sight
    qtbot.waitUntil(lambda: not questions.bank_status.visibleRegion().isEmpty())  # scrolled into view
    assert "Added to your questions." in heard
    current = questions.bank.currentItem()
    assert current is not None and current.text(0).endswith("(on your list)")
    assert questions.bank.topLevelItem(0).isExpanded()  # the topic the family opened stays open
    questions.bank_toggle.click()
    assert not questions.bank_box.isVisible()


def test_rounds_sheet_language_choice_when_the_family_reads_spanish(qtbot, clock) -> None:
    """In English there is nothing to choose; in Spanish the sheet can be in Spanish, English, or both side by
    side, each column the whole sheet in its language."""
    from nec_companion.core import i18n
    from nec_companion.ui.questions.rounds_screen import RoundsScreen

    def make() -> RoundsScreen:
        rounds = RoundsScreen(questions=lambda: (), babies=lambda: (), changes=lambda _since: [], clock=clock,
                              print_document=None)
        qtbot.addWidget(rounds)
        return rounds

    english = make()
    assert english.language.count() == 0 and english.language.isHidden()
    assert english.languages() == ()
    with i18n.using("es"):
        rounds = make()
        assert [rounds.language.itemText(i) for i in range(rounds.language.count())] == [
            "Español", "English", "Los dos, uno al lado del otro"]
        assert not rounds.language.isHidden()
        assert "Preguntas para hacer (0)" in rounds.preview.toPlainText()
        rounds.language.setCurrentIndex(1)
        assert rounds.languages() == ("en",)
        text = rounds.preview.toPlainText()
        assert "Questions to ask (0)" in text and "Preguntas" not in text
        rounds.language.setCurrentIndex(2)
        assert rounds.languages() == ("es", "en")
        text = rounds.preview.toPlainText()
        assert "Preguntas para hacer (0)" in text and "Questions to ask (0)" in text
        assert "Imprimir" in rounds.print_button.text()
