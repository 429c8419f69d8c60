"""true/false questions teachers wrote before f12ec5d go to their authors' reported-questions queue

Revision ID: 0026_check_true_false_keys
Revises: 0025_era_rules_by_start

Until f12ec5d the true/false editor showed the multiple-choice boxes and saved every statement as true,
whatever the teacher ticked. Which of the stored "true" keys were meant cannot be known, so each visible
true/false question a teacher wrote with the key "true" is reported to its author (reason: wrong answer
key), who confirms it with "Nothing to fix" or corrects it with the form that now works. CSV imports
(origin "imported") read the key from the file and were right; generated questions kept theirs.
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = "0026_check_true_false_keys"
down_revision = "0025_era_rules_by_start"
branch_labels = None
depends_on = None

TRUE_WORDS = ("正确", "正確", "True")  # quiz/generator/wording.py, as stored when this revision was written
NOTE = ("系统提示：此题保存时，判断题编辑器有缺陷，无论勾选什么都存成了“正确”。请核对答案。"
        " / A bug saved every true/false statement as true when this was written: please check its key.")
questions = sa.table("questions", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                     sa.column("origin", sa.String), sa.column("hidden", sa.Boolean),
                     sa.column("author_id", sa.Integer), sa.column("answer", sa.JSON))
reports = sa.table("question_reports", sa.column("question_id", sa.Integer), sa.column("user_id", sa.Integer),
                   sa.column("reason", sa.String), sa.column("comment", sa.String),
                   sa.column("created_at", sa.DateTime))


def upgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.select(questions.c.id, questions.c.author_id, questions.c.answer).where(
        questions.c.kind == "true_false", questions.c.origin == "custom", questions.c.hidden.is_(False),
        questions.c.author_id.is_not(None))).all()
    reported = set(connection.execute(sa.select(reports.c.question_id, reports.c.user_id)).all())
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    new = [{"question_id": qid, "user_id": author, "reason": "wrong_key", "comment": NOTE, "created_at": now}
           for qid, author, answer in rows if answer in TRUE_WORDS and (qid, author) not in reported]
    if new:
        connection.execute(sa.insert(reports), new)


def downgrade():
    op.execute(sa.delete(reports).where(reports.c.comment == NOTE))
