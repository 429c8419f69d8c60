"""Typed SQLAlchemy models, one module per domain."""
from quiz.models.attempt import Answer, Attempt, AttemptItem, Progress
from quiz.base import Base, now_utc
from quiz.models.image import QuestionImage
from quiz.models.job import ImportJob
from quiz.models.learning import ReviewCard
from quiz.models.live import LiveAnswer, LiveGame, LivePlayer, LiveQuestion
from quiz.models.question import Question, question_events
from quiz.models.quiz import Quiz, QuizQuestion
from quiz.models.report import QuestionReport
from quiz.models.standing import BoardCount, BoardTotal, Standing
from quiz.models.study import PlaceGame
from quiz.models.teaching import Assignment, ClassMember, Classroom, Invite
from quiz.models.timeline import Event, Timeline
from quiz.models.user import PasswordReset, User

__all__ = [
    "ImportJob", "QuestionImage", "QuestionReport", "ReviewCard",
    "LiveAnswer", "LiveGame", "LivePlayer", "LiveQuestion",
    "BoardCount", "BoardTotal", "Standing",
    "PlaceGame",
    "Assignment", "ClassMember", "Classroom", "Invite",
    "Answer", "Attempt", "AttemptItem", "Base", "Event", "Progress", "Question",
    "PasswordReset", "Quiz", "QuizQuestion", "Timeline", "User", "now_utc", "question_events",
]
