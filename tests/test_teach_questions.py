"""Teachers' questions through the forms: each kind, fill-in play, versions, curation, escaping."""
from urllib.parse import quote

import pytest
from sqlalchemy import select

from helpers import answer_form, attempt, item_at
from quiz import generator
from quiz.extensions import db
from quiz.models import Answer, Question, Quiz, Timeline
from quiz.services import timelines
from teach_helpers import class_with, custom_question, signed_in, teacher_quiz, user


def form(prompt="支付宝哪一年成立？", **extra) -> dict:
    """A question form with six option boxes."""
    data = {"prompt": prompt, "explanation": "解析", "timeline": "1", "event": "0"}
    data.update({f"options-{i}": "" for i in range(6)})
    data.update(extra)
    return data


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


@pytest.mark.parametrize("kind, extra, answer", [
    ("choice", {"options-0": "2003年", "options-1": "2004年", "correct": "1"}, "2004年"),
    ("true_false", {"truth": "false"}, "错误"),
    ("order", {"options-0": "甲", "options-1": "乙", "options-2": "丙"}, ["甲", "乙", "丙"]),
    ("fill_in", {"accepted": "二〇〇四\n2004年"}, ["二〇〇四", "2004年"]),
])
def test_teacher_writes_each_kind(teacher, kind, extra, answer):
    response = teacher.post(f"/teach/questions/new/{kind}", form(**extra), token_from=f"/teach/questions/new/{kind}")
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.origin == "custom"))
    assert question.kind == kind and question.answer == answer
    assert question.author_id == user("teacher1").id
    if kind == "order":
        assert question.choices != answer and sorted(question.choices) == sorted(answer)


@pytest.mark.parametrize("kind, extra", [
    ("choice", {"options-0": "只有一个", "correct": "0"}),
    ("choice", {"options-0": "同", "options-1": "同", "correct": "0"}),
    ("choice", {"options-0": "甲", "options-1": "乙", "correct": "4"}),
    ("order", {"options-0": "甲", "options-1": "乙"}),
    ("fill_in", {"accepted": "  \n "}),
    ("choice", {"prompt": "", "options-0": "甲", "options-1": "乙", "correct": "0"}),
])
def test_bad_questions_are_refused_and_not_stored(teacher, kind, extra):
    response = teacher.post(f"/teach/questions/new/{kind}", form(**extra), token_from=f"/teach/questions/new/{kind}")
    assert response.status_code == 400
    assert db.session.scalar(select(Question).where(Question.origin == "custom")) is None


def test_fill_in_is_played_and_graded_after_normalising(app, teacher):
    question = custom_question(user("teacher1"), kind="fill_in", prompt="支付宝成立于____年")
    teacher_quiz(user("teacher1"), [question.id], title="填空")
    student = signed_in(app, "student", "student1")
    slug = db.session.scalar(select(Quiz.slug).where(Quiz.title == "填空"))
    attempt_id = student.start(slug)
    page = student.client.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert 'name="text"' in page and "支付宝成立于____年" in page
    empty = student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "text": "  "})
    assert empty.status_code == 400 and db.session.scalar(select(Answer)) is None
    # Past the field's 200 characters (a browser stops at them; a crafted request does not): refused, and said why.
    too_long = student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "text": "2004" + "年" * 197})
    assert too_long.status_code == 400 and db.session.scalar(select(Answer)) is None
    assert "答案请不要超过 200 个字符。" in too_long.get_data(as_text=True)
    assert 'maxlength="200"' in page
    exactly = "２００４" + " " * 196  # 200 characters are taken; full-width digits and spaces do not count
    response = student.post(f"/attempt/{attempt_id}/answer", {"position": "0", "text": exactly})
    assert response.status_code == 302
    assert db.session.scalar(select(Answer.correct)) is True
    assert attempt(attempt_id).score == 1


def test_editing_an_answered_question_keeps_what_past_attempts_show(app, teacher):
    question = custom_question(user("teacher1"))
    quiz = teacher_quiz(user("teacher1"), [question.id])
    student = signed_in(app, "student", "student1")
    attempt_id = student.start(quiz.slug)
    student.post(f"/attempt/{attempt_id}/answer", answer_form(item_at(attempt_id, 0)))
    edited = form(prompt="改过的题干", **{"options-0": "2001年", "options-1": "2002年", "correct": "0"})
    assert teacher.post(f"/teach/questions/{question.id}/edit", edited,
                        token_from=f"/teach/questions/{question.id}/edit").status_code == 302
    item = item_at(attempt_id, 0)
    assert item.prompt == "支付宝哪一年成立？" and item.answer == "2004年" and item.response.correct
    result = student.client.get(f"/attempt/{attempt_id}/result").get_data(as_text=True)
    assert "支付宝哪一年成立？" in result and "改过的题干" not in result
    # Archiving hides it from new attempts but never deletes it.
    teacher.post(f"/teach/questions/{question.id}/hide", {}, token_from=f"/teach/questions/{question.id}/preview")
    db.session.expire_all()
    assert db.session.get(Question, question.id).hidden is True
    assert student.post(f"/quiz/{quiz.slug}/start", {}, token_from="/").status_code == 409


@pytest.fixture
def first_generated(app):
    """The first seeded generated question, put back as it was after the test corrects it."""
    question = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id))
    saved = (question.prompt, list(question.choices), question.answer, question.explanation)
    yield question
    db.session.expire_all()
    question = db.session.get(Question, question.id)
    question.prompt, question.choices, question.answer, question.explanation = saved
    question.edited_at = None
    db.session.commit()


def test_curated_generated_question_survives_regeneration(app, first_generated):
    teacher = signed_in(app, "admin", "admin1")  # only admins curate the bundled timeline's questions
    generated = first_generated
    hidden = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id.desc()))
    page = teacher.client.get(f"/teach/questions/{generated.id}/edit").get_data(as_text=True)
    assert all(f'value="{option}"' in page for option in generated.choices)  # options and key are correctable
    other = next(i for i, c in enumerate(generated.choices) if c != generated.answer)
    corrected = {"prompt": "更清楚的题干", "explanation": "新解析", "correct": str(other),
                 **{f"options-{i}": c for i, c in enumerate(generated.choices)}}
    response = teacher.post(f"/teach/questions/{generated.id}/edit", corrected,
                            token_from=f"/teach/questions/{generated.id}/edit")
    assert response.status_code == 302
    new_key = generated.choices[other]
    teacher.post(f"/teach/questions/{hidden.id}/hide", {}, token_from="/teach/questions")
    count = db.session.scalar(select(db.func.count(Question.id)))
    timeline = db.session.get(Timeline, 1)
    assert timelines.sync_generated_questions(timeline, generator.parse_timeline(timeline.source_text)) == 0
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Question, generated.id).prompt == "更清楚的题干"
    assert db.session.get(Question, generated.id).answer == new_key
    assert db.session.get(Question, hidden.id).hidden is True
    assert db.session.scalar(select(db.func.count(Question.id))) == count
    browse = teacher.client.get(f"/teach/questions?kind={generated.kind}&show=all").get_data(as_text=True)
    assert "更清楚的题干" in browse


def test_teacher_text_is_escaped_everywhere(app, teacher):
    evil = "<script>alert(1)</script>"
    question = custom_question(user("teacher1"), prompt=evil)
    quiz = teacher_quiz(user("teacher1"), [question.id], title=evil)
    class_with(user("teacher1"), quiz, name=evil)
    student = signed_in(app, "student", "student1")
    for client, path in ((teacher.client, f"/teach/questions/{question.id}/preview"),
                         (teacher.client, f"/teach/quizzes/{quiz.id}"), (teacher.client, "/teach/"),
                         (student.client, "/"), (student.client, f"/quiz/{quiz.slug}")):
        html = client.get(path).get_data(as_text=True)
        assert evil not in html and "&lt;script&gt;" in html, path


def test_a_generated_question_whose_key_vanished_is_kept(app):
    # A generator change can drop a question: its row, which attempts and quizzes reference, is never deleted.
    timeline = db.session.get(Timeline, 1)
    gone = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id))
    original_key = gone.gen_key
    gone.gen_key = "fact:999:no-longer-generated"
    db.session.commit()
    count = db.session.scalar(select(db.func.count(Question.id)))
    assert timelines.sync_generated_questions(timeline, generator.parse_timeline(timeline.source_text)) == 1
    db.session.commit()
    db.session.expire_all()
    try:
        assert db.session.get(Question, gone.id).gen_key == "fact:999:no-longer-generated"
        assert db.session.scalar(select(db.func.count(Question.id))) == count + 1
        assert db.session.scalar(select(Question).where(Question.gen_key == original_key)) is not None
    finally:  # the seeded row is shared by later tests: put its key back, after the regenerated copy goes
        db.session.execute(db.delete(Question).where(Question.gen_key == original_key))
        db.session.get(Question, gone.id).gen_key = original_key
        db.session.commit()


@pytest.mark.parametrize("text, language, words", [
    ("## 1969-10-29 The first ARPANET message\n## 1971 First email\n", "en", ["True", "False"]),
    ("## 1969年10月29日，阿帕網傳出第一則訊息。\n## 1971年，第一封電子郵件。\n", "zh-Hant", ["正確", "錯誤"]),
])
def test_a_true_false_question_speaks_its_timelines_language(teacher, text, language, words):
    timeline = timelines.import_timeline("other-language", "Other", text)
    db.session.commit()
    assert timeline.language == language
    response = teacher.post("/teach/questions/new/true_false", form(prompt="ARPANET", timeline=str(timeline.id),
                                                                   truth="false"),
                            token_from="/teach/questions/new/true_false")
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.origin == "custom"))
    assert question.choices == words and question.answer == words[1]


def test_a_teacher_changes_a_shared_question_through_their_own_copy(app, teacher):
    shared = db.session.scalar(select(Question).where(Question.origin == "generated", Question.kind == "which_first")
                               .order_by(Question.id))
    original = shared.prompt
    assert teacher.client.get(f"/teach/questions/{shared.id}/edit").status_code == 403
    response = teacher.post(f"/teach/questions/{shared.id}/copy", token_from=f"/teach/questions/{shared.id}/preview")
    assert response.status_code == 302
    copy = db.session.scalar(select(Question).where(Question.origin == "custom"))
    assert response.headers["Location"].endswith(f"/teach/questions/{copy.id}/edit")
    assert (copy.kind, copy.prompt, copy.choices, copy.answer, copy.author_id) == (
        "choice", shared.prompt, shared.choices, shared.answer, user("teacher1").id)
    assert [e.id for e in copy.events] == [e.id for e in shared.events]
    correct = str(copy.choices.index(copy.answer))
    edited = form(prompt="我的版本", timeline=str(copy.timeline_id), correct=correct,
                  **{f"options-{i}": c for i, c in enumerate(copy.choices)})
    assert teacher.post(f"/teach/questions/{copy.id}/edit", edited,
                        token_from=f"/teach/questions/{copy.id}/edit").status_code == 302
    db.session.expire_all()
    assert db.session.get(Question, copy.id).prompt == "我的版本"
    assert db.session.get(Question, shared.id).prompt == original
    other = signed_in(app, "teacher", "teacher2")
    assert other.client.get(f"/teach/questions/{copy.id}/edit").status_code == 403


def offers(actions, path: str, question: Question) -> set[str]:
    """The ways to act on the question a page offers: edit link, hide form, bulk tick box, copy form."""
    page = actions.client.get(path).get_data(as_text=True)
    base = f"/teach/questions/{question.id}"
    found = {"edit": f'href="{base}/edit"', "hide": f'action="{base}/hide"',
             "tick": f'name="ids" value="{question.id}"', "copy": f'action="{base}/copy"'}
    return {name for name, html in found.items() if html in page}


def test_the_bank_and_preview_offer_only_what_the_reader_may_do(app, teacher):
    shared = db.session.scalar(select(Question).where(Question.origin == "generated").order_by(Question.id))
    bank, preview = "/teach/questions?origin=generated", f"/teach/questions/{shared.id}/preview"
    # Nobody imported the bundled timeline: a teacher copies its questions and changes the copy.
    assert offers(teacher, bank, shared) == offers(teacher, preview, shared) == {"copy"}
    assert "bulk-form" not in teacher.client.get(bank).get_data(as_text=True)
    page = teacher.client.get(preview).get_data(as_text=True)
    assert "复制后编辑" in page and "编辑</a>" not in page and "归档" not in page
    admin = signed_in(app, "admin", "boss")
    assert offers(admin, bank, shared) == {"edit", "hide", "tick", "copy"}
    assert offers(admin, preview, shared) == {"edit", "hide", "copy"}
    # The teacher's own questions and the generated ones of a timeline they imported are theirs to change.
    text = generator.bundled_timeline_path().read_text(encoding="utf-8")
    imported = timelines.import_timeline("mine", "我的时间线", text[:1500])
    imported.owner_id = user("teacher1").id
    db.session.commit()
    theirs = db.session.scalar(select(Question).where(Question.timeline_id == imported.id).order_by(Question.id))
    mine = custom_question(user("teacher1"))
    for question, bank in ((theirs, "/teach/questions?origin=generated&text=" + quote(theirs.prompt[:50])),
                           (mine, "/teach/questions?origin=custom")):
        assert offers(teacher, bank, question) == {"edit", "hide", "tick", "copy"}
        assert offers(teacher, f"/teach/questions/{question.id}/preview", question) == {"edit", "hide", "copy"}
