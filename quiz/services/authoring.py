"""Teachers' questions: write, edit, archive and curate; answered questions are never deleted."""
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true, update

from quiz.extensions import db
from quiz.kinds import is_authored
from quiz.models import Answer, Event, Question, Timeline, User, now_utc
from quiz.services import images
from quiz.services.rows import changed_rows


@dataclass
class Draft:
    """A question as a teacher typed it, before it is stored."""

    kind: str
    prompt: str
    choices: list[str]
    answer: Any
    explanation: str = ""
    timeline_id: int | None = None
    event_ids: list[int] = field(default_factory=list)
    image_id: int | None = None  # a stored image the question keeps (or a copy shares)
    image_alt: str = ""
    new_image: images.Processed | None = None  # an upload, stored when the question is saved


def save_question(question: Question | None, draft: Draft, author: User) -> Question:
    """Store a new question, or overwrite one (attempts keep their own frozen copy)."""
    if question is None:
        question = Question(origin="custom", author_id=author.id)
        db.session.add(question)
    else:
        question.edited_at = now_utc()
    replaced = question.image_id
    fill(question, draft)
    if replaced != question.image_id:
        db.session.flush()
        images.drop_if_unused(replaced)
    db.session.commit()
    return question


def editable(question: Question) -> Draft:
    """The question as a teacher edits it.

    Generated kinds (which came first, what happened then, ...) are single choice: they are edited as a
    multiple-choice question with the same options and key. An order key with ties keeps its order.
    """
    kind = question.kind if is_authored(question.kind) else "choice"
    answer = question.answer["order"] if isinstance(question.answer, dict) else question.answer
    return Draft(kind=kind, prompt=question.prompt, choices=list(question.choices), answer=answer,
                 explanation=question.explanation, timeline_id=question.timeline_id,
                 event_ids=[e.id for e in question.events], image_id=question.image_id, image_alt=question.image_alt)


def copy_question(question: Question, author: User) -> Question:
    """A custom copy of a question for the author to change; the shared original stays as it is."""
    return save_question(None, editable(question), author)


def save_imported(drafts: list[Draft], author: User) -> list[Question]:
    """Store a whole file of questions in one transaction: all of them or none."""
    questions = add_imported(drafts, author)
    db.session.commit()
    return questions


def add_imported(drafts: list[Draft], author: User) -> list[Question]:
    """Add a whole file of questions to the session; the caller commits them in one transaction."""
    linked = {i for d in drafts for i in d.event_ids}
    events = {e.id: e for e in db.session.scalars(select(Event).where(Event.id.in_(linked)))}
    questions = [fill(Question(origin="imported", author_id=author.id), d, events) for d in drafts]
    db.session.add_all(questions)
    db.session.flush()
    return questions


def fill(question: Question, draft: Draft, events: dict[int, Event] | None = None) -> Question:
    """Copy a draft onto a question row; a bulk import passes its linked events, read in one query."""
    question.kind, question.prompt = draft.kind, draft.prompt
    question.choices, question.answer = draft.choices, draft.answer
    question.explanation, question.timeline_id = draft.explanation, draft.timeline_id
    question.image_id = images.store(draft.new_image).id if draft.new_image else draft.image_id
    question.image_alt = draft.image_alt
    if events is None:
        events = {e.id: e for e in db.session.scalars(select(Event).where(Event.id.in_(draft.event_ids)))}
    question.events = [events[i] for i in draft.event_ids if i in events]
    return question


def may_change(question: Question, user: User) -> bool:
    """Who may change (correct, hide) a question: its author; for a generated question the timeline's
    importer (nobody for the bundled timeline); admins any. Other teachers change their own copy."""
    if user.role == "admin":
        return True
    if question.origin == "generated":
        return question.timeline is not None and question.timeline.owner_id == user.id
    return question.author_id == user.id


def changeable_by(user: User) -> ColumnElement[bool]:
    """`may_change` as a condition on questions, for queries over many."""
    if user.role == "admin":
        return true()
    imported = select(Timeline.id).where(Timeline.owner_id == user.id)
    return or_(and_(Question.origin != "generated", Question.author_id == user.id),
               and_(Question.origin == "generated", Question.timeline_id.in_(imported)))


def correct(question: Question, draft: Draft) -> None:
    """Correct a question in place: its wording, options, key and explanation (kind, timeline and events stay).

    A generated question keeps its gen_key, so regenerating the timeline keeps the correction. Attempts
    already begun keep the version they were given (AttemptItem), and so the score they got.
    """
    question.prompt, question.choices, question.answer = draft.prompt, draft.choices, draft.answer
    question.explanation, question.edited_at = draft.explanation, now_utc()
    db.session.commit()


def set_hidden(question: Question, hidden: bool) -> None:
    """Archive (hide) or restore a question; hidden questions are never drawn again."""
    question.hidden = hidden
    db.session.commit()


def set_hidden_many(ids: list[int], hidden: bool, user: User) -> int:
    """Hide or restore several questions at once: the user's own and the generated questions of timelines
    they imported (an admin's: any; the public site's generated questions are curated by admins).

    Returns how many changed; ids the user may not change are left alone, as the one-by-one rule says.
    """
    query = update(Question).where(Question.id.in_(ids), Question.hidden.is_not(hidden), changeable_by(user))
    changed = changed_rows(query.values(hidden=hidden))
    db.session.commit()
    return changed


def times_answered(question: Question) -> int:
    """How many answers the question has had (answered questions are kept forever)."""
    return db.session.scalar(select(func.count(Answer.id)).where(Answer.question_id == question.id)) or 0


def browse(timeline_id: int | None, event_id: int, kind: str, origin: str, show: str, text: str = "",
           viewer_id: int | None = None):
    """The query behind the question bank page, filtered by words, event, kind, origin and visibility.

    With `viewer_id` (a teacher; None for admins) only the shared generated questions and the
    teacher's own are listed: other teachers' questions, with their keys, stay private.
    """
    query = select(Question).order_by(Question.timeline_id, Question.id)
    if viewer_id is not None:
        query = query.where(or_(Question.origin == "generated", Question.author_id == viewer_id))
    if text:
        # Literal words: % and _ typed by a teacher are not wildcards.
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Question.prompt.ilike(f"%{escaped}%", escape="\\"))
    if timeline_id:
        query = query.where(Question.timeline_id == timeline_id)
    if event_id:
        query = query.where(Question.events.any(Event.id == event_id))
    if kind:
        query = query.where(Question.kind == kind)
    if origin:
        query = query.where(Question.origin == origin)
    if show in ("visible", "hidden"):
        query = query.where(Question.hidden.is_(show == "hidden"))
    return query
