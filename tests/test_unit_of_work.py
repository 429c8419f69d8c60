"""The answer POST runs in a Core transaction of its own (quiz/unit_of_work.py): no ORM session, and
nothing it leaves uncommitted is kept."""
import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from helpers import answer_form, attempt, csrf_from, fixed_quiz, item_at
from quiz import unit_of_work
from quiz.extensions import db
from quiz.models import User


@pytest.fixture
def session_begins():
    """Every ORM session transaction begun while the test runs."""
    begun = []

    def count(session, _transaction, _connection):
        begun.append(session)
    event.listen(Session, "after_begin", count)
    yield begun
    event.remove(Session, "after_begin", count)


def test_an_answer_is_stored_without_an_orm_session(actions, client, session_begins):
    fixed_quiz("one-date", ["date_month"])  # order questions read their events through the ORM (ties)
    db.session.commit()
    actions.guest()
    attempt_id = actions.start("one-date")
    form = {**answer_form(item_at(attempt_id, 0)), "csrf_token": csrf_from(client, f"/attempt/{attempt_id}")}
    db.session.rollback()  # the test's own reads end here
    session_begins.clear()
    response = client.post(f"/attempt/{attempt_id}/answer", data=form)
    assert response.status_code == 302
    assert session_begins == []
    assert attempt(attempt_id).answered == 1


def test_a_core_view_keeps_what_it_commits_and_drops_the_rest(app):
    player = User(nickname="before")
    db.session.add(player)
    db.session.commit()  # no test transaction holds the row
    guest = player.id
    rename = text("UPDATE users SET nickname = :name WHERE id = :id")

    @unit_of_work.core_transaction
    def view(name: str, keep: bool):
        assert unit_of_work.in_core_transaction()
        unit_of_work.connection().execute(rename, {"name": name, "id": guest})
        if keep:
            unit_of_work.commit()
        raise RuntimeError("the view fails after it wrote")

    for name, keep in (("kept", True), ("dropped", False)):
        with pytest.raises(RuntimeError):
            view(name, keep)
    assert not unit_of_work.in_core_transaction()
    db.session.expire_all()
    assert db.session.get(User, guest).nickname == "kept"
