"""Game points: right answers earn more the faster they come, plus a bonus for a run of right answers.

points = round(1000 × fraction × (1 − t / (2T))) + streak bonus
  fraction: the grader's 0..1 (1 = right; orderings earn a share by pairs in order)
  t: seconds from the question's start to the answer, by the server's clock, at most T
  T: the question's time; so a right answer earns 1000 at once and 500 at the last moment
streak bonus = 100 × min(streak − 1, 5) for a fully right answer that extends a run (streak ≥ 2),
  where streak counts the fully right answers in a row, this one included; anything else ends the run.
"""
from dataclasses import dataclass

MAX_POINTS = 1000
STREAK_STEP, STREAK_STEPS = 100, 5


def speed_points(fraction: float, seconds: float, limit: int) -> int:
    """Points for an answer worth `fraction` given `seconds` into a `limit`-second question."""
    t = min(max(seconds, 0.0), float(limit))
    return round(MAX_POINTS * fraction * (1 - t / (2 * limit)))


def next_streak(streak: int, fraction: float) -> int:
    """The run of fully right answers after this answer."""
    return streak + 1 if fraction >= 1.0 else 0


def streak_bonus(streak: int) -> int:
    """Bonus for a run of `streak` right answers (the first right answer earns none)."""
    return STREAK_STEP * min(max(streak - 1, 0), STREAK_STEPS)


@dataclass(frozen=True)
class Scored:
    """What one answer is worth in the game."""

    points: int
    streak: int


def score_answer(fraction: float, seconds: float, limit: int, streak_before: int) -> Scored:
    """Points and the new streak for one answer."""
    streak = next_streak(streak_before, fraction)
    bonus = streak_bonus(streak) if fraction >= 1.0 else 0
    return Scored(speed_points(fraction, seconds, limit) + bonus, streak)
