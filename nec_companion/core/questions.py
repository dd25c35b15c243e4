"""Questions for the care team: what a family wants to ask, and the answers they got (no Qt, no I/O)."""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from nec_companion.core.babies import BabyId
from nec_companion.core.i18n import N_, _, active
from nec_companion.core.text import CONTROL_CHARACTER_MESSAGE, clean_text, has_control_characters

QuestionId = NewType("QuestionId", int)
MAX_QUESTION_CHARS = 500
MAX_ANSWER_CHARS = 4000


class Topic(enum.Enum):
    FEEDING = "feeding"
    MILK = "milk and pumping"
    MEDICINES = "medicines"
    TESTS = "tests and procedures"
    WARNING_SIGNS = "warning signs"
    GOING_HOME = "going home"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_TOPIC_LABELS[self])


_TOPIC_LABELS = {Topic.FEEDING: N_("Feeding"), Topic.MILK: N_("Milk and pumping"), Topic.MEDICINES: N_("Medicines"),
                 Topic.TESTS: N_("Tests and procedures"), Topic.WARNING_SIGNS: N_("Warning signs"),
                 Topic.GOING_HOME: N_("Going home"), Topic.OTHER: N_("Other")}


class Status(enum.Enum):
    TO_ASK = "to ask"
    ASKED = "asked"
    ANSWERED = "answered"
    NOT_NEEDED = "no longer needed"

    @property
    def label(self) -> str:
        return {Status.TO_ASK: _("To ask"), Status.ASKED: _("Asked"), Status.ANSWERED: _("Answered"),
                Status.NOT_NEEDED: _("No longer needed")}[self]

    @property
    def is_open(self) -> bool:
        return self in (Status.TO_ASK, Status.ASKED)


class Priority(enum.IntEnum):
    HIGH = 1
    NORMAL = 2
    LOW = 3

    @property
    def label(self) -> str:
        return {1: _("High"), 2: _("Normal"), 3: _("Low")}[int(self)]


class Role(enum.Enum):
    """Who answered, by role only: no names are needed."""

    NEONATOLOGIST = "neonatologist"
    NURSE = "nurse"
    NURSE_PRACTITIONER = "nurse practitioner"
    RESIDENT = "doctor in training"
    DIETITIAN = "dietitian"
    LACTATION = "lactation consultant"
    SURGEON = "surgeon"
    PHARMACIST = "pharmacist"
    SOCIAL_WORKER = "social worker"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {Role.NEONATOLOGIST: N_("Neonatologist"), Role.NURSE: N_("Nurse"),
                Role.NURSE_PRACTITIONER: N_("Nurse practitioner"), Role.RESIDENT: N_("Doctor in training"),
                Role.DIETITIAN: N_("Dietitian"), Role.LACTATION: N_("Lactation consultant"),
                Role.SURGEON: N_("Surgeon"), Role.PHARMACIST: N_("Pharmacist"),
                Role.SOCIAL_WORKER: N_("Social worker"), Role.OTHER: N_("Other")}


# Library categories → the topic their suggested questions belong to.
CATEGORY_TOPICS: dict[str, Topic] = {
    "feeding": Topic.FEEDING,
    "milk-and-pumping": Topic.MILK,
    "risks": Topic.MEDICINES,
    "nec-basics": Topic.TESTS,
    "going-home": Topic.GOING_HOME,
    "after-nec": Topic.GOING_HOME,
}
# Articles whose questions belong to another topic than their category's.
ARTICLE_TOPICS: dict[str, Topic] = {
    "warning-signs": Topic.WARNING_SIGNS,
    "feeding-intolerance-or-nec": Topic.WARNING_SIGNS,
}


def topic_for(category: str, slug: str = "") -> Topic:
    """The topic a suggested question from the article `slug` in `category` is filed under."""
    return ARTICLE_TOPICS.get(slug) or CATEGORY_TOPICS.get(category, Topic.OTHER)


@dataclass(frozen=True, kw_only=True)
class QuestionDraft:
    """What a family types or picks; validated by `clean_question`."""

    text: str
    topic: Topic = Topic.OTHER
    priority: Priority = Priority.NORMAL
    baby_id: BabyId | None = None  # None: about all the babies (or the only one)
    source_article: str | None = None


@dataclass(frozen=True, kw_only=True)
class Answer:
    text: str
    role: Role
    answered_at: datetime


@dataclass(frozen=True, kw_only=True)
class Question:
    question_id: QuestionId
    text: str
    topic: Topic
    priority: Priority
    status: Status
    baby_id: BabyId | None
    position: int  # the family's own order within the list (lower first)
    created_at: datetime
    updated_at: datetime
    asked_at: datetime | None = None
    answer: Answer | None = None
    source_article: str | None = None


class QuestionProblem(ValueError):
    """What was typed can't be used; `message` is one plain sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def clean_question(draft: QuestionDraft) -> QuestionDraft:
    text = " ".join(clean_text(draft.text).split())
    if not text:
        raise QuestionProblem(_("Please type the question you want to ask."))
    if has_control_characters(text):
        raise QuestionProblem(_(CONTROL_CHARACTER_MESSAGE))
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionProblem(_("Please keep a question under {count} characters; you can split it in two.").format(
            count=active().number(MAX_QUESTION_CHARS)))
    return QuestionDraft(text=text, topic=draft.topic, priority=draft.priority, baby_id=draft.baby_id,
                         source_article=draft.source_article)


def clean_answer(text: str) -> str:
    cleaned = clean_text(text).strip()
    if has_control_characters(cleaned, multiline=True):
        raise QuestionProblem(_(CONTROL_CHARACTER_MESSAGE))
    if len(cleaned) > MAX_ANSWER_CHARS:
        raise QuestionProblem(_("Please keep an answer under {count} characters.").format(
            count=active().number(MAX_ANSWER_CHARS)))
    return cleaned


_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def question_key(text: str) -> str:
    """What makes two questions "the same": case, accents, punctuation and spacing are ignored."""
    folded = unicodedata.normalize("NFKD", clean_text(text).casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def find_same(text: str, questions: list[Question] | tuple[Question, ...]) -> Question | None:
    """The question already on the list that says the same thing, if any."""
    key = question_key(text)
    return next((q for q in questions if question_key(q.text) == key), None)


def rounds_order(questions: list[Question] | tuple[Question, ...]) -> list[Question]:
    """Open questions for rounds: high priority first, then the family's own order."""
    return sorted((q for q in questions if q.status.is_open), key=lambda q: (q.priority, q.position, q.question_id))


@dataclass(frozen=True)
class SuggestedQuestion:
    text: str
    topic: Topic
    article_slug: str
    article_title: str


def suggested_questions(articles: list[tuple[str, str, str, tuple[str, ...]]]) -> list[SuggestedQuestion]:
    """The bank of suggested questions from (slug, title, category, questions) of each library article.

    The same question in two articles appears once (the first article in the given order keeps it).
    """
    seen: set[str] = set()
    bank: list[SuggestedQuestion] = []
    for slug, title, category, questions in articles:
        topic = topic_for(category, slug)
        for text in questions:
            key = question_key(text)
            if key and key not in seen:
                seen.add(key)
                bank.append(SuggestedQuestion(text=text, topic=topic, article_slug=slug, article_title=title))
    return bank
