"""A teacher sees the mastery strip of a class: its students' review schedules, averaged per event."""
import re
from datetime import datetime

from sqlalchemy import select

from quiz.extensions import db
from quiz.models import Question, question_events
from quiz.services import classes, review
from teach_helpers import class_with, signed_in, user


def test_class_strip_averages_members_and_only_the_teacher_sees_it(app):
    teacher = signed_in(app, "teacher", "laoshi")
    student = signed_in(app, "student", "xuesheng")
    other = signed_in(app, "teacher", "bieren")
    classroom = class_with(user("laoshi"))
    classes.join(classroom, user("xuesheng"))
    question_id = db.session.scalar(select(Question.id).where(Question.kind == "which_first").order_by(Question.id))
    event_ids = db.session.scalars(select(question_events.c.event_id).where(
        question_events.c.question_id == question_id)).all()
    review.record_review(user("xuesheng").id, question_id, 0.0, datetime.utcnow())
    db.session.commit()
    page = teacher.client.get(f"/teach/classes/{classroom.id}/mastery")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert all(re.search(rf'id="cell-{e}" data-level="weak"', html) for e in event_ids)
    assert html.count('data-level="new"') == html.count('class="cell ') - len(event_ids)
    assert f'/teach/classes/{classroom.id}/mastery' in teacher.client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)
    assert other.client.get(f"/teach/classes/{classroom.id}/mastery").status_code == 403
    assert student.client.get(f"/teach/classes/{classroom.id}/mastery").status_code == 403
    assert teacher.client.get("/teach/classes/999999/mastery").status_code == 404
