"""Read a timeline file: `## ` lines start events, every other line is body text."""

from __future__ import annotations

import re
from pathlib import Path

from .dates import DateValueError, split_date
from .errors import TimelineError
from .model import Event
from .text import join_wrapped

HEADING_RE = re.compile(r"^##(?!#)\s*(.*)$")
TITLE_RE = re.compile(r"^#(?!#)\s")
LEAD_SEP = "，,、：:　 \t"


def bundled_timeline_path() -> Path:
    """Return the path of the timeline shipped with the app."""
    return Path(__file__).resolve().parent.parent / "data" / "alipay_timeline.md"


def parse_file(path: str | Path) -> list[Event]:
    """Read a timeline file (UTF-8, with or without BOM) and parse it."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TimelineError(0, f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    return parse_timeline(decode(raw))


def decode(raw: bytes) -> str:
    """Decode UTF-8 bytes, refusing binary data with the line where it starts."""
    if b"\x00" in raw:
        raise TimelineError(raw.count(b"\n", 0, raw.index(b"\x00")) + 1, "文件是二进制数据，不是文本")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TimelineError(line, "文件不是UTF-8编码的文本") from exc


def parse_timeline(text: str) -> list[Event]:
    """Parse timeline text into events; raise TimelineError naming the bad line."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise TimelineError(1, "文件是空的")
    heads: list[tuple[int, str]] = []
    bodies: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        _check_chars(line, number)
        if m := HEADING_RE.match(line):
            heads.append((number, m.group(1).strip()))
            bodies.append([])
        elif line and bodies:
            bodies[-1].append(line)
        elif line and not TITLE_RE.match(line):
            raise TimelineError(number, "第一个事件（以“## 日期”开头的行）之前不能有正文")
    if not heads:
        raise TimelineError(1, "没有找到事件：每个事件要以“## ”加日期开头")
    return [_event(i, n, h, b) for i, ((n, h), b) in enumerate(zip(heads, bodies))]


def _check_chars(line: str, number: int) -> None:
    """Refuse control characters, which only appear in binary or broken files."""
    if any(ord(c) < 32 and c != "\t" for c in line):
        raise TimelineError(number, "这一行含有控制字符，文件可能不是文本")


def _event(index: int, number: int, heading: str, body: list[str]) -> Event:
    """Build one event from its heading and body lines."""
    try:
        found = split_date(heading)
    except DateValueError as exc:
        raise TimelineError(number, f"日期无效：{exc}") from exc
    if found is None:
        raise TimelineError(number, f"事件标题要以日期开头（如“2008年10月，”），这里是“{heading[:20]}”")
    date, date_text, rest = found
    if rest[:1].isdigit():
        raise TimelineError(number, f"无法识别的日期“{date_text}{rest[:3]}”")
    headline = rest.lstrip(LEAD_SEP).strip()
    if not headline:
        raise TimelineError(number, "日期后面缺少事件内容")
    return Event(index, number, date_text, headline, join_wrapped(body), date)
