"""Timelines and the events parsed from them."""
import re
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.base import now_utc
from quiz.generator.dates import from_day_number

HTML_DATE_RE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class Timeline(db.Model):
    """A source text of dated events, e.g. the bundled Alipay history."""

    __tablename__ = "timelines"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    source_text: Mapped[str] = mapped_column(Text)
    # The text's own language (zh-Hans, zh-Hant, en): its questions and quiz names are worded in it.
    language: Mapped[str] = mapped_column(String(16), default="zh-Hans")
    description: Mapped[str] = mapped_column(Text, default="")  # the title and preface before the first event
    # Who imported it (None: bundled): they and admins curate its generated questions, nobody else.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    events: Mapped[list["Event"]] = relationship(
        back_populates="timeline", order_by="Event.position", cascade="all, delete-orphan"
    )


class Event(db.Model):
    """One dated event; dates are ranges of days at the precision the source gives.

    Days are proleptic Gregorian day numbers with astronomical years (quiz.generator.dates), so BC
    dates, decades and centuries store and sort like any other: 0001-01-01 is day 1.
    """

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("timeline_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    timeline_id: Mapped[int] = mapped_column(ForeignKey("timelines.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    line: Mapped[int]
    date_text: Mapped[str] = mapped_column(String(80))
    date_iso: Mapped[str] = mapped_column(String(24))
    date_label: Mapped[str] = mapped_column(String(60))
    precision: Mapped[str] = mapped_column(String(12))
    start_day: Mapped[int]
    end_day: Mapped[int]
    headline: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")

    timeline: Mapped[Timeline] = relationship(back_populates="events")

    @property
    def start_year(self) -> int:
        """Return the (astronomical) year the event may start in: 221 BC is -220."""
        return from_day_number(self.start_day)[0]

    @property
    def end_year(self) -> int:
        """Return the (astronomical) year the event may end in."""
        return from_day_number(self.end_day)[0]

    @property
    def html_datetime(self) -> str | None:
        """Return the date for a <time datetime=…> attribute, None when HTML has no form for it (BC, decades)."""
        return self.date_iso if HTML_DATE_RE.fullmatch(self.date_iso) else None
