"""Time a 1,000-row CSV question import with 100 and 4,000 stored events; print rows/s.

The import must be linear in rows plus events: the rows/s at 4,000 events should stay close to
the figure at 100 (the ratio is printed last). Each catalogue size runs on a throw-away SQLite
database; the rows are checked and stored by the same functions the import job calls."""
from __future__ import annotations

import datetime
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from quiz import create_app  # noqa: E402
from quiz.cli import setup_database  # noqa: E402
from quiz.extensions import db  # noqa: E402
from quiz.models import Event, Timeline, User  # noqa: E402
from quiz.services import authoring  # noqa: E402
from quiz.teach import question_csv  # noqa: E402

ROWS = 1000
RUNS = 3
KINDS = [
    "choice,{i}：支付宝哪一年成立？,2003年|2004年|2005年,2004年,成立于2004年。,2004年12月8日",
    "true_false,{i}：支付宝成立于2004年。,,true,,",
    "order,{i}：排序,甲|乙|丙,,,",
    "fill_in,{i}：支付宝成立于____年,,二〇〇四|2004,,",
]


def csv_text(rows: int) -> str:
    """A clean file of `rows` questions of every kind, a quarter linked to an event by date."""
    lines = ["kind,prompt,choices,answer,explanation,event"]
    lines += [KINDS[i % len(KINDS)].format(i=i) for i in range(rows)]
    return "\n".join(lines) + "\n"


def padding_event(i: int) -> Event:
    """One year-precision event of the padding timeline."""
    year = 1900 + i % 100
    return Event(position=i, line=i + 1, date_text=f"{year}年", date_iso=str(year), date_label=f"{year}年",
                 precision="year", start_day=datetime.date(year, 1, 1).toordinal(),
                 end_day=datetime.date(year, 12, 31).toordinal(),
                 headline=f"第{i}件事")


def add_events(total: int) -> None:
    """Pad the catalogue with a second timeline so that `total` events are stored."""
    stored = len(db.session.scalars(select(Event.id)).all())
    timeline = Timeline(slug="padding", title="padding", source_text="")
    timeline.events = [padding_event(i) for i in range(max(total - stored, 0))]
    db.session.add(timeline)
    db.session.add(User(username="bench-teacher", nickname="bench", role="teacher", password_hash="x"))
    db.session.commit()


def timed_import(text: str, author: User) -> float:
    """Seconds to check and store the file (it must be clean)."""
    start = time.perf_counter()
    result = question_csv.read_questions(text)
    assert not result.errors, result.errors[:3]
    authoring.save_imported(result.drafts, author)
    return time.perf_counter() - start


def rows_per_second(events: int) -> float:
    """Import ROWS rows RUNS times with `events` events stored; print and return the best rows/s."""
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "SECRET_KEY": "bench"})
        with app.test_request_context():
            setup_database()
            add_events(events)
            author = db.session.scalar(select(User).where(User.username == "bench-teacher"))
            timed_import(csv_text(10), author)  # warm-up: translations, form classes, statement cache
            runs = [timed_import(csv_text(ROWS), author) for _ in range(RUNS)]
            db.engine.dispose()
    print(f"{events:>5} stored events: {ROWS} rows in {min(runs):.2f} s (best of {RUNS}; worst {max(runs):.2f} s)"
          f" = {ROWS / min(runs):,.0f} rows/s")
    return ROWS / min(runs)


def main() -> None:
    """Print rows/s at 100 and 4,000 stored events; the last line is their ratio."""
    small = rows_per_second(100)
    large = rows_per_second(4000)
    print(f"rows_per_s_ratio_4000_vs_100={large / small:.2f}")


if __name__ == "__main__":
    main()
