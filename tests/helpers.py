"""Small helpers shared by the app tests: user actions with real CSRF tokens, keys read like a grader."""
import gc
import re

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Attempt, AttemptItem, Question, Quiz, QuizQuestion


def item_at(attempt_id: int, position: int) -> AttemptItem:
    """The frozen question at a position of an attempt."""
    db.session.expire_all()
    return db.session.scalar(select(AttemptItem).where(
        AttemptItem.attempt_id == attempt_id, AttemptItem.position == position))


def right_raw(item: AttemptItem) -> dict:
    """Form values that answer the item correctly."""
    if item.kind == "order":
        return {"order": [str(item.choices.index(c)) for c in item.answer]}
    return {"choice": str(item.choices.index(item.answer))}


def wrong_raw(item: AttemptItem) -> dict:
    """Form values that answer the item wrongly."""
    if item.kind == "order":
        return {"order": [str(item.choices.index(c)) for c in reversed(item.answer)]}
    return {"choice": str(next(i for i, c in enumerate(item.choices) if c != item.answer))}


def answer_form(item: AttemptItem, right: bool = True) -> dict:
    """The whole answer form for an item, without the CSRF token."""
    return {"position": str(item.position), **(right_raw(item) if right else wrong_raw(item))}


def fixed_quiz(slug: str, kinds: list[str], per_kind: int = 1) -> Quiz:
    """A published quiz of picked questions of the given kinds, in that order."""
    quiz = Quiz(slug=slug, title=f"Test {slug}", shuffle=False)
    position = 0
    for kind in kinds:
        for q in db.session.scalars(select(Question).where(Question.kind == kind).order_by(Question.id).limit(per_kind)):
            quiz.items.append(QuizQuestion(question_id=q.id, position=position))
            position += 1
    db.session.add(quiz)
    db.session.commit()
    return quiz


def attempt(attempt_id: int) -> Attempt:
    """Reload an attempt from the database."""
    db.session.expire_all()
    return db.session.get(Attempt, attempt_id)


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_from(client, path: str = "/") -> str:
    """Read a CSRF token from a page, the way a browser gets it."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


class Actions:
    """What a user does in the browser, as test-client requests with real CSRF tokens."""

    def __init__(self, client):
        self.client = client

    def post(self, path: str, data: dict | None = None, token_from: str = "/", **kwargs):
        """POST a form with a valid CSRF token."""
        data = dict(data or {})
        data.setdefault("csrf_token", csrf_from(self.client, token_from))
        return self.client.post(path, data=data, **kwargs)

    def guest(self, nickname: str = "小明"):
        """Become a guest."""
        return self.post("/auth/guest", {"nickname": nickname})

    def signup(self, username: str = "student1", password: str = "correct horse battery", nickname: str = "学生一"):
        """Create a student account."""
        return self.post("/auth/signup", {"username": username, "nickname": nickname,
                                          "password": password, "confirm": password})

    def login(self, username: str = "student1", password: str = "correct horse battery"):
        """Sign in."""
        return self.post("/auth/login", {"username": username, "password": password})

    def logout(self):
        """Sign out."""
        return self.post("/auth/logout")

    def start(self, slug: str = "alipay-quick"):
        """Start (or resume) a quiz; return the attempt id."""
        response = self.post(f"/quiz/{slug}/start")
        assert response.status_code == 302, response.status_code
        return int(response.headers["Location"].rstrip("/").split("/")[-1])


def settle_heap() -> None:
    """Collect, then freeze what is alive now (gc.freeze): the session's long-lived objects (apps, ORM,
    the generator's dictionaries, the browser driver) are left out of every later full collection.

    Those collections kept traversing them: 10 s of the two workers' time in the issue's 303 tests, and
    0.7 s more per process at exit. Garbage is collected first, so none is frozen.
    """
    gc.collect()
    gc.freeze()
