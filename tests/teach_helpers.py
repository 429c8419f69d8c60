"""Helpers for the teaching tests: accounts of each role, a teacher's quiz and class."""
from sqlalchemy import select

from helpers import Actions
from quiz.extensions import db
from quiz.models import Question, User
from quiz.services import authoring, classes, quizbuilder
from quiz.services.authoring import Draft

PASSWORD = "correct horse battery"


def signed_in(app, role: str | None, username: str | None = None) -> Actions:
    """A client signed in with a role (None: anonymous; guest: a guest)."""
    actions = Actions(app.test_client())
    if role == "guest":
        actions.guest()
    elif role is not None:
        username = username or f"{role}-user"
        actions.signup(username, PASSWORD)
        user = db.session.scalar(select(User).where(User.username == username))
        user.role = role
        db.session.commit()
    return actions


def user(username: str) -> User:
    """A user by login name, fresh from the database."""
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def custom_question(author: User, prompt: str = "支付宝哪一年成立？", kind: str = "choice") -> Question:
    """A multiple-choice (or fill-in) question written by the author on the bundled timeline."""
    choices, answer = (["2003年", "2004年", "2005年"], "2004年") if kind == "choice" else ([], ["二〇〇四", "2004"])
    draft = Draft(kind=kind, prompt=prompt, choices=choices, answer=answer, explanation="2004年12月。",
                  timeline_id=1)
    return authoring.save_question(None, draft, author)


def teacher_quiz(owner: User, question_ids: list[int], title: str = "课堂小测", **extra):
    """A published quiz of picked questions, in order."""
    spec = quizbuilder.QuizSpec(title=title, description="", timeline_id=1, picked=question_ids,
                                shuffle=False, published=True, **extra)
    return quizbuilder.save_quiz(None, spec, owner)


def class_with(owner: User, quiz=None, name: str = "三年二班"):
    """A class of the owner, with the quiz assigned when given."""
    classroom = classes.create_class(owner, name)
    if quiz is not None:
        classes.assign(classroom, quiz, None)
    return classroom
