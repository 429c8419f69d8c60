"""Students report a problem with a question; whoever may change it (authoring.may_change) fixes it."""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from quiz.extensions import db
from quiz.models import Question, QuestionReport, User, now_utc
from quiz.services import authoring


@dataclass
class ReportedQuestion:
    """A question with open reports: how many for each reason, and the comments left."""

    question: Question
    reasons: Counter = field(default_factory=Counter)
    comments: list[str] = field(default_factory=list)
    answered: int = 0  # answers given so far: they keep the score they got when the question is corrected

    @property
    def total(self) -> int:
        """Open reports on the question."""
        return sum(self.reasons.values())


def report(user: User, question_id: int, reason: str, comment: str) -> None:
    """Record the student's report; a second one on the same question replaces their first."""
    existing = db.session.scalar(select(QuestionReport).where(
        QuestionReport.question_id == question_id, QuestionReport.user_id == user.id))
    if existing is None:
        db.session.add(QuestionReport(question_id=question_id, user_id=user.id, reason=reason, comment=comment))
    else:
        existing.reason, existing.comment = reason, comment
        existing.created_at, existing.resolved_at = now_utc(), None
    db.session.commit()


def scope(user: User):
    """Open reports on questions the user may fix."""
    return (select(QuestionReport).join(Question, Question.id == QuestionReport.question_id)
            .where(QuestionReport.resolved_at.is_(None), authoring.changeable_by(user)))


def open_count(user: User) -> int:
    """How many questions the user may fix have open reports."""
    reported = scope(user).subquery()
    return db.session.scalar(select(func.count(func.distinct(reported.c.question_id)))) or 0


def queue(user: User) -> list[ReportedQuestion]:
    """Questions the user may fix with open reports, most reported first."""
    found: dict[int, ReportedQuestion] = {}
    for r in db.session.scalars(scope(user).order_by(QuestionReport.created_at)):
        entry = found.setdefault(r.question_id, ReportedQuestion(r.question))
        entry.reasons[r.reason] += 1
        if r.comment:
            entry.comments.append(r.comment)
    for entry in found.values():
        entry.answered = authoring.times_answered(entry.question)
    return sorted(found.values(), key=lambda e: (-e.total, e.question.id))


def resolve(question: Question) -> None:
    """Close every open report on the question (it was corrected, hidden or judged fine)."""
    db.session.execute(update(QuestionReport).where(QuestionReport.question_id == question.id,
                                                    QuestionReport.resolved_at.is_(None))
                       .values(resolved_at=now_utc()))
    db.session.commit()


def correct(question: Question, draft: authoring.Draft) -> None:
    """Correct the question (wording, options, key, explanation) from the queue and close its reports."""
    authoring.correct(question, draft)
    resolve(question)


def hide(question: Question) -> None:
    """Hide the question from every future draw and close its reports."""
    authoring.set_hidden(question, True)
    resolve(question)
