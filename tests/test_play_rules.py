"""Rule quizzes played through the pages: every bundled quiz and a teacher's rule draw what the rule says."""
import pytest
from sqlalchemy import select

from helpers import Actions, answer_form, attempt, csrf_from, item_at
from quiz.extensions import db
from quiz.models import Question, Quiz
from quiz.services import quizbuilder
from teach_helpers import custom_question, signed_in, user


def play_to_the_end(actions: Actions, attempt_id: int) -> list[Question]:
    """Answer every question of the attempt rightly through the pages; return the questions drawn."""
    token = csrf_from(actions.client)
    drawn = []
    for position in range(attempt(attempt_id).total):
        assert actions.client.get(f"/attempt/{attempt_id}").status_code == 200
        item = item_at(attempt_id, position)
        response = actions.client.post(f"/attempt/{attempt_id}/answer", data={**answer_form(item), "csrf_token": token})
        assert response.status_code == 302, (position, item.kind)
        drawn.append(db.session.get(Question, item.question_id))
    finished = attempt(attempt_id)
    assert finished.is_finished and finished.score == finished.total
    assert actions.client.get(f"/attempt/{attempt_id}/result").status_code == 200
    return drawn


def bundled_rule_quizzes() -> list[Quiz]:
    """The standard quizzes of the bundled timeline: all drawn by rule."""
    return list(db.session.scalars(select(Quiz).where(Quiz.owner_id.is_(None), Quiz.rule.is_not(None),
                                                      Quiz.published.is_(True)).order_by(Quiz.position)))


def test_every_bundled_quiz_draws_what_its_rule_says_and_plays_to_the_end(app):
    quizzes = bundled_rule_quizzes()
    assert len(quizzes) >= 5 and any(q.rule.get("count") for q in quizzes)
    assert any(q.rule.get("year_from") is not None for q in quizzes)
    student = signed_in(app, "student", "student1")
    for quiz in quizzes:
        rule = quiz.rule
        drawn = play_to_the_end(student, student.start(quiz.slug))
        assert all(q.origin == "generated" and not q.hidden and q.timeline_id == quiz.timeline_id for q in drawn)
        if rule.get("count"):
            assert len(drawn) == rule["count"] and len(set(q.id for q in drawn)) == len(drawn), quiz.slug
        if rule.get("per_event"):
            firsts = [q.events[0].position for q in drawn]
            assert len(set(firsts)) == len(firsts), quiz.slug  # one question per event
        if rule.get("year_from") is not None:
            assert all(rule["year_from"] <= e.start_year and e.end_year <= rule["year_to"]
                       for q in drawn for e in q.events), quiz.slug
        if rule == {"per_event": 1}:  # the whole timeline: every event that has a question is asked about
            assert {q.events[0].id for q in drawn} == events_with_questions(quiz.timeline_id)


def events_with_questions(timeline_id: int) -> set[int]:
    """Events that are the first source of a visible generated question."""
    questions = db.session.scalars(select(Question).where(
        Question.timeline_id == timeline_id, Question.origin == "generated", Question.hidden.is_(False)))
    return {q.events[0].id for q in questions if q.events}


@pytest.mark.parametrize("rule", [
    {"kinds": ["true_false"], "year_from": 2010, "year_to": 2015, "count": 4},
    {"kinds": ["which_first", "choice"], "per_event": 1},
])
def test_a_teachers_rule_quiz_draws_generated_and_own_questions_only(app, rule):
    signed_in(app, "teacher", "teacher1")
    signed_in(app, "teacher", "teacher2")
    mine = custom_question(user("teacher1"), prompt="我的题")
    theirs = custom_question(user("teacher2"), prompt="别人的题")
    spec = quizbuilder.QuizSpec(title="规则测验", description="", timeline_id=1, rule=rule, shuffle=False,
                                published=True)
    quiz = quizbuilder.save_quiz(None, spec, user("teacher1"))
    student = signed_in(app, "student", "student1")
    drawn = play_to_the_end(student, student.start(quiz.slug))
    assert drawn and theirs.id not in {q.id for q in drawn}
    assert all(q.kind in rule["kinds"] for q in drawn)
    if "count" in rule:
        assert len(drawn) == rule["count"]
        assert all(2010 <= e.start_year and e.end_year <= 2015 for q in drawn for e in q.events)
    else:
        # The teacher's own question has no event, so per-event drawing leaves it out; one per event otherwise.
        firsts = [q.events[0].position for q in drawn]
        assert mine.id not in {q.id for q in drawn} and firsts == sorted(set(firsts))


def test_a_rule_that_matches_only_the_teachers_own_question_draws_it(app):
    signed_in(app, "teacher", "teacher1")
    mine = custom_question(user("teacher1"), prompt="我的题")
    quiz = quizbuilder.save_quiz(None, quizbuilder.QuizSpec(title="只有我的", description="", timeline_id=1,
                                                             rule={"kinds": ["choice"]}, published=True),
                                 user("teacher1"))
    student = signed_in(app, "student", "student1")
    assert [q.id for q in play_to_the_end(student, student.start(quiz.slug))] == [mine.id]
