"""The site's clock: every time a page shows or a teacher types is wall-clock time in DAILY_TIMEZONE
(Asia/Shanghai unless configured), written one way (2026-03-01 14:30). The database keeps naive UTC
(deadlines excepted: they are stored as the wall-clock time the teacher typed, see dashboard.local_now).
"""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l

DEFAULT_ZONE = "Asia/Shanghai"
# What a zone is called where times are typed; any other zone is named by its IANA name.
ZONE_NAMES = {"Asia/Shanghai": _l("Beijing time")}


def zone_name() -> str:
    """The site's time zone (IANA name): the daily challenge's day, deadlines and every time shown."""
    return current_app.config.get("DAILY_TIMEZONE", DEFAULT_ZONE)


def zone_label() -> str:
    """The site's zone as a form names it: 北京时间 for Asia/Shanghai, else e.g. "Europe/Berlin"."""
    zone = zone_name()
    return str(ZONE_NAMES.get(zone, zone))


def to_site(moment: datetime) -> datetime:
    """A stored naive UTC time as naive wall-clock time in the site's zone."""
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo(zone_name())).replace(tzinfo=None)


def from_site(wall: datetime) -> datetime:
    """Naive wall-clock time typed in the site's zone as the naive UTC the database keeps."""
    return wall.replace(tzinfo=ZoneInfo(zone_name())).astimezone(UTC).replace(tzinfo=None)


def site_time(moment: datetime | None, utc: bool = True, date_only: bool = False) -> str:
    """Write a time as every page shows it, in the site's zone: 2026-03-01 14:30 (or 2026-03-01).

    `utc=False` for a value already stored as site wall-clock time (an assignment's deadline).
    """
    if moment is None:
        return "—"
    wall = to_site(moment) if utc else moment
    return wall.strftime("%Y-%m-%d" if date_only else "%Y-%m-%d %H:%M")
