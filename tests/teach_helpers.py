"""Helpers for the teaching tests: accounts of each role, a teacher's quiz and class, a form as sent."""
from collections import defaultdict
from html.parser import HTMLParser

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


def teacher_signup(actions: Actions, code: str, username: str = "laoshi", password: str = PASSWORD,
                   confirm: str | None = None):
    """Fill in the teacher sign-up form (the confirmation repeats the password unless given)."""
    return actions.post("/auth/teacher-signup", {"invite_code": code, "username": username, "nickname": username,
                                                 "password": password, "confirm": confirm or password},
                        token_from="/auth/teacher-signup")


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


class FormAsSent(HTMLParser):
    """What a browser sends when the page's own form (a POST form without an action; the header's forms
    have one) is submitted untouched: ticked boxes, selected options, filled fields."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, list[str]] = defaultdict(list)
        self.inside = False
        self.select: tuple[str, list[str]] | None = None  # its name and option values, until one is selected
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.inside = found.get("method") == "post" and not found.get("action")
        name = found.get("name")
        if not self.inside or "disabled" in found:
            return
        if tag == "input" and name and (found.get("type") not in ("checkbox", "radio") or "checked" in found):
            self.fields[name].append(found.get("value") or ("on" if found.get("type") == "checkbox" else ""))
        elif tag == "select" and name:
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            if "selected" in found:
                self.fields[self.select[0]].append(found.get("value") or "")
            self.select[1].append(found.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea, self.fields[name] = name, [""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            name, values = self.select
            if name not in self.fields and values:  # nothing selected: the first option is sent
                self.fields[name].append(values[0])
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.fields[self.textarea][0]  # a browser drops the newline just after <textarea>
            self.fields[self.textarea][0] = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.fields[self.textarea][0] += data


def form_as_sent(html: str) -> dict[str, list[str]]:
    """The page's form as a browser submits it unchanged (see FormAsSent)."""
    parser = FormAsSent()
    parser.feed(html)
    return dict(parser.fields)
