"""Study modes' own state: games of the card-placement game."""
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quiz.base import now_utc
from quiz.extensions import db
from quiz.models.timeline import Timeline
from quiz.models.user import User

LIVES = 3


class PlaceGame(db.Model):
    """One game of placing a timeline's cards in order, drawn from that day's deck.

    `number` counts a player's games of the day: the first (number 1) is the one ranked on the
    daily board, and the unique constraint stops two parallel starts from both becoming it.
    """

    __tablename__ = "place_games"
    __table_args__ = (
        UniqueConstraint("user_id", "timeline_id", "day", "number", name="uq_place_games_user_day_number"),
        Index("ix_place_games_board", "timeline_id", "day", "number", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    timeline_id: Mapped[int] = mapped_column(ForeignKey("timelines.id", ondelete="CASCADE"))
    day: Mapped[date]
    number: Mapped[int] = mapped_column(default=1)
    # Event ids: the day's deck in drawing order, and the player's line in timeline order.
    deck: Mapped[list[int]] = mapped_column(JSON)
    line: Mapped[list[int]] = mapped_column(JSON)
    drawn: Mapped[int] = mapped_column(default=1)  # deck index of the card being placed
    lives: Mapped[int] = mapped_column(default=LIVES)
    score: Mapped[int] = mapped_column(default=0)
    # The last placement, for feedback: {"event": id, "right": bool, "at": index in line}.
    last: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    started_at: Mapped[datetime] = mapped_column(default=now_utc)
    finished_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    timeline: Mapped[Timeline] = relationship()

    @property
    def is_finished(self) -> bool:
        """Out of lives, or every card of the deck placed."""
        return self.finished_at is not None

    @property
    def ranked(self) -> bool:
        """Only a player's first game of the day counts on the daily board."""
        return self.number == 1
