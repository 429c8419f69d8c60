"""Timelines and the events parsed from them."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.extensions import db
from quiz.base import now_utc


class Timeline(db.Model):
    """A source text of dated events, e.g. the bundled Alipay history."""

    __tablename__ = "timelines"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    source_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    events: Mapped[list["Event"]] = relationship(
        back_populates="timeline", order_by="Event.position", cascade="all, delete-orphan"
    )


class Event(db.Model):
    """One dated event; dates are ranges at the precision the source gives."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("timeline_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    timeline_id: Mapped[int] = mapped_column(ForeignKey("timelines.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    line: Mapped[int]
    date_text: Mapped[str] = mapped_column(String(80))
    date_iso: Mapped[str] = mapped_column(String(24))
    date_label: Mapped[str] = mapped_column(String(40))
    precision: Mapped[str] = mapped_column(String(8))
    start_on: Mapped[date]
    end_on: Mapped[date]
    headline: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")

    timeline: Mapped[Timeline] = relationship(back_populates="events")
