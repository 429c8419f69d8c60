"""Import jobs: progress a teacher can read, failures that say why and store nothing, recovery
after a crash, and the real background consumer."""
import io
import subprocess
import threading

import pytest
from huey.signals import SIGNAL_COMPLETE, SIGNAL_ERROR
from sqlalchemy import func, select

from quiz import jobqueue
from quiz.extensions import db
from quiz.models import ImportJob, Question, Quiz, Timeline
from quiz.services import catalog, import_jobs
from quiz.teach import import_runs
from helpers import Actions
from security_support import extra_app
from teach_helpers import PASSWORD, signed_in, user

TIMELINE = "## 2001年3月，甲公司成立。\n甲公司在杭州成立。\n## 2005年，乙产品上线。\n乙产品上线了。\n"
CSV = "kind,prompt,choices,answer\r\n" + "".join(f"true_false,第{i}题,,true\r\n" for i in range(120))
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def teacher(app):
    """A signed-in teacher."""
    return signed_in(app, "teacher", "teacher1")


def queued(kind: str = "timeline", text: str = TIMELINE, slug: str = "job-line", locale: str = "en") -> ImportJob:
    """A job of teacher1's, queued but not run."""
    return import_jobs.create(user("teacher1"), kind, locale, text, slug=slug, title="任务")


def fresh(job_id: int) -> ImportJob:
    """The job's row as stored now."""
    db.session.expire_all()
    return db.session.get(ImportJob, job_id)


def stored(model) -> int:
    """Rows of a model now in the database."""
    return db.session.scalar(select(func.count()).select_from(model))


def dead_worker() -> str:
    """The worker name of a process on this host that has ended (a `kill -9` leaves such a job)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{import_jobs.socket.gethostname()}:{process.pid}"


def test_the_csv_job_reports_progress_by_row_then_the_save(app, teacher, monkeypatch):
    seen = []
    real_report = import_jobs.report
    monkeypatch.setattr(import_jobs, "report", lambda job, *progress: (seen.append(progress), real_report(job, *progress)))
    job = queued("questions", CSV)
    import_runs.run(job.id)
    assert seen == [("checking", n, 121) for n in (0, 50, 100, 120)] + [("saving", 120, 121)]
    assert fresh(job.id).state == "done" and fresh(job.id).result == {"questions": 120}


@pytest.mark.parametrize("language, step, label", [
    ("en", "generating", "Step 2 of 3: generating questions"),
    ("zh-CN", "generating", "第 2 步，共 3 步：生成题目"),
    ("en", "checking", "Checking the rows: 40 of 120"),
])
def test_the_status_page_says_where_a_running_job_is_in_the_readers_language(app, teacher, language, step, label):
    job = queued("questions" if step == "checking" else "timeline")
    import_jobs.write(job.id, state="running", step=step, done=40 if step == "checking" else 1,
                      total=121 if step == "checking" else 3)
    status = teacher.client.get(f"/teach/imports/{job.id}/status", headers={"Accept-Language": language}).get_json()
    assert status == {"state": "running", "finished": False, "percent": 33, "label": label}
    page = teacher.client.get(f"/teach/imports/{job.id}", headers={"Accept-Language": language})
    html = page.get_data(as_text=True)
    assert '<progress id="job-progress" max="100" value="33">' in html and label in html
    assert 'http-equiv="refresh"' in html  # without JavaScript the page still refreshes


def test_only_the_teacher_who_started_an_import_sees_it(app, teacher):
    job = queued()
    other = signed_in(app, "teacher", "teacher2")
    assert other.client.get(f"/teach/imports/{job.id}").status_code == 404
    assert other.client.get(f"/teach/imports/{job.id}/status").status_code == 404
    assert f"/teach/imports/{job.id}" not in other.client.get("/teach/imports").get_data(as_text=True)
    assert f"/teach/imports/{job.id}" in teacher.client.get("/teach/imports").get_data(as_text=True)


def test_a_job_that_fails_midway_stores_nothing_and_says_why(app, teacher, monkeypatch):
    def broken(timeline):
        raise RuntimeError("disk full")

    monkeypatch.setattr(catalog, "ensure_default_quizzes", broken)  # after the events and questions are added
    before = stored(Timeline), stored(Question), stored(Quiz)
    job = queued()
    import_runs.run(job.id)
    assert (stored(Timeline), stored(Question), stored(Quiz)) == before
    assert fresh(job.id).state == "failed"
    html = teacher.client.get(f"/teach/imports/{job.id}", headers=ENGLISH).get_data(as_text=True)
    assert "The import stopped on an unexpected error (RuntimeError). Nothing was saved" in html


@pytest.mark.parametrize("kind, text, running, done", [
    ("timeline", TIMELINE, "正在导入时间线“任务”", "时间线“任务”已导入"),
    ("questions", CSV, "正在从 CSV 导入题目", "已从 CSV 导入题目"),
])
def test_the_heading_says_importing_only_while_the_job_runs(app, teacher, kind, text, running, done):
    job = queued(kind, text)
    heading = lambda: teacher.client.get(f"/teach/imports/{job.id}").get_data(as_text=True).split("<h1>")[1]  # noqa: E731
    assert heading().startswith(running)
    import_runs.run(job.id)
    assert fresh(job.id).state == "done" and heading().startswith(done)


def test_a_failed_job_is_headed_as_failed(app, teacher):
    job = queued(slug="alipay")  # the bundled timeline's short name: the job fails
    import_runs.run(job.id)
    html = teacher.client.get(f"/teach/imports/{job.id}", headers=ENGLISH).get_data(as_text=True)
    assert "<h1>Import of the timeline “任务” failed</h1>" in html


def test_a_short_name_taken_while_the_job_waited_fails_the_job_with_that_reason(app, teacher):
    job = queued(slug="alipay")
    import_runs.run(job.id)
    assert fresh(job.id).state == "failed"
    assert fresh(job.id).reason == "A timeline with this short name exists already."
    assert stored(Timeline) == 1


def test_a_job_runs_once_even_if_queued_twice(app, teacher):
    job = queued()
    import_runs.run(job.id)
    import_runs.run(job.id)
    assert fresh(job.id).state == "done" and fresh(job.id).attempts == 1
    assert stored(Timeline) == 2


def test_a_job_killed_midway_is_run_again_by_the_recovery(app, teacher):
    job = queued()
    import_jobs.write(job.id, state="running", attempts=1, worker=dead_worker(), step="generating")
    alive = queued(slug="still-running")
    import_jobs.write(alive.id, state="running", attempts=1, worker=import_jobs.this_worker(), step="generating")
    assert jobqueue.recover_interrupted() == 1  # runs it at once here (JOB_IMMEDIATE)
    assert fresh(job.id).state == "done" and fresh(job.id).attempts == 2
    assert db.session.scalar(select(Timeline).where(Timeline.slug == "job-line")) is not None
    assert fresh(alive.id).state == "running"  # a live run is left alone


def test_a_job_interrupted_twice_is_failed_in_its_language(app, teacher):
    job = queued(locale="zh_CN")
    import_jobs.write(job.id, state="running", attempts=import_jobs.MAX_ATTEMPTS, worker=dead_worker())
    assert jobqueue.recover_interrupted() == 0
    assert fresh(job.id).state == "failed" and "中断" in fresh(job.id).reason
    assert stored(Timeline) == 1


@pytest.fixture
def background_app(tmp_path, app):
    """The app as `flask run` serves it: jobs go to a SQLite queue file and a consumer thread runs them."""
    with extra_app(app, JOB_IMMEDIATE=False, JOB_CONSUMER="thread",
                   JOB_QUEUE_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}") as background:
        yield background
        consumer = background.extensions.get("huey_consumer")
        if consumer is not None:
            consumer.stop(graceful=True)


def test_the_consumer_thread_of_the_app_runs_a_queued_import(background_app, app):
    finished = threading.Event()
    huey = background_app.extensions["huey"]
    huey.signal(SIGNAL_COMPLETE, SIGNAL_ERROR)(lambda signal, task, *rest: task.name == "run_import" and finished.set())
    signed_in(app, "teacher", "teacher1")
    teacher = Actions(background_app.test_client())
    teacher.login("teacher1", PASSWORD)
    response = teacher.post("/teach/import/questions", {"file": (io.BytesIO(CSV.encode()), "q.csv")},
                         token_from="/teach/import/questions", content_type="multipart/form-data")
    assert response.status_code == 302
    assert finished.wait(timeout=60), "the consumer thread did not run the job"
    job = db.session.scalar(select(ImportJob).order_by(ImportJob.id.desc()))
    assert fresh(job.id).state == "done" and fresh(job.id).result == {"questions": 120}
