"""Teachers' quizzes: picked questions or a rule, optional time limit and shuffle, publish."""
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete

from quiz.extensions import db
from quiz.models import Assignment, Question, Quiz, QuizQuestion, User, now_utc
from quiz.services.selection import candidate_questions


@dataclass
class QuizSpec:
    """What the teacher asked for; `picked` wins over the rule when it is not empty."""

    title: str
    description: str
    timeline_id: int | None  # as on the quiz row: a teacher's quiz has one, a practice quiz none
    picked: list[int] = field(default_factory=list)
    rule: dict[str, Any] = field(default_factory=dict)
    shuffle: bool = True
    time_limit: int | None = None  # seconds
    published: bool = False
    attempts_allowed: int | None = None
    ranked_attempt: str = "first"
    reveal: str = "at_end"
    reveal_at: datetime | None = None
    board_signed_in_only: bool = True


def rule_matches(timeline_id: int | None, rule: dict[str, Any], owner_id: int | None) -> int:
    """How many visible questions a rule of the owner's quiz can draw from (0: the quiz would be empty)."""
    probe = Quiz(timeline_id=timeline_id, rule=rule, owner_id=owner_id)
    return len(candidate_questions(probe))


def save_quiz(quiz: Quiz | None, spec: QuizSpec, owner: User) -> Quiz:
    """Create or update a teacher's quiz; attempts already started keep their questions."""
    if quiz is None:
        quiz = Quiz(slug=f"t-{secrets.token_hex(4)}", owner_id=owner.id, position=1000)
        db.session.add(quiz)
    quiz.title, quiz.description, quiz.timeline_id = spec.title, spec.description, spec.timeline_id
    quiz.shuffle, quiz.time_limit, quiz.published = spec.shuffle, spec.time_limit, spec.published
    quiz.attempts_allowed, quiz.ranked_attempt = spec.attempts_allowed, spec.ranked_attempt
    quiz.reveal, quiz.reveal_at, quiz.board_signed_in_only = spec.reveal, spec.reveal_at, spec.board_signed_in_only
    quiz.rule = None if spec.picked else spec.rule
    quiz.items = [QuizQuestion(question_id=qid, position=i) for i, qid in enumerate(spec.picked)]
    db.session.commit()
    return quiz


def set_published(quiz: Quiz, published: bool) -> None:
    """Show the quiz to students, or take it off the list (attempts and results stay)."""
    quiz.published = published
    db.session.commit()


def delete_quiz(quiz: Quiz) -> None:
    """Soft-delete: unpublish the quiz, take it back from every class; attempts and standings stay."""
    quiz.deleted_at, quiz.published = now_utc(), False
    db.session.execute(delete(Assignment).where(Assignment.quiz_id == quiz.id))
    db.session.commit()


def duplicate_quiz(quiz: Quiz, title: str) -> Quiz:
    """A new, unpublished copy of a quiz (its questions or rule and settings) for the quiz's owner, also when
    an admin makes it: a quiz uses its owner's questions, so an admin's own copy would lose the teacher's."""
    spec = QuizSpec(title=title[:200], description=quiz.description, timeline_id=quiz.timeline_id,
                    picked=[item.question_id for item in quiz.items], rule=dict(quiz.rule or {}),
                    shuffle=quiz.shuffle, time_limit=quiz.time_limit, published=False,
                    attempts_allowed=quiz.attempts_allowed, ranked_attempt=quiz.ranked_attempt, reveal=quiz.reveal,
                    reveal_at=quiz.reveal_at, board_signed_in_only=quiz.board_signed_in_only)
    return save_quiz(None, spec, db.session.get_one(User, quiz.owner_id))


def pickable(timeline_id: int, owner_id: int | None) -> list[Question]:
    """Visible questions of a timeline the quiz's owner may pick (generated and their own), their own first."""
    questions = candidate_questions(Quiz(timeline_id=timeline_id, rule={}, owner_id=owner_id))
    return sorted(questions, key=lambda q: (q.origin == "generated", q.id))
