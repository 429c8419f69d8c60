"""Cost of reading heading dates: every form, and the AD path against the first date reader.

Prints microseconds per heading for each family of forms and two ratios measured in the same run:
- against the stdlib (`date.fromisoformat` on as many ISO strings), a floor for any date parsing;
- on the bundled style's AD headings, against the date reader at commit 81c5029 (year, month and day
  only, no BC), loaded from git: the price the new forms add to the common path.
Run: .venv/bin/python bench/dates.py
"""

from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quiz.generator.date_read import split_date  # noqa: E402

FIRST_READER = "81c5029"
COUNT = 20_000
FAMILIES = {
    "AD, bundled style": ["{y}年{m}月{d}日，甲", "{y}年{m}月，甲", "{y}年，甲", "{y}.{m} 甲"],
    "English": ["October {d}, {y} — a", "Nov. {d}, {y} — a", "{d} April {y} — a", "May {y} — a", "{y} — a"],
    "ISO and slashed": ["{y}-{mm}-{dd} 甲", "{y}/{m}/{d} 甲"],
    "BC, decades, centuries": ["公元前{b}年，甲", "{b} BC — a", "{y0}年代，甲", "{c}世纪，甲", "{c}th century — a"],
    "approximate and ranges": ["约公元前{b}年，甲", "circa {y} — a", "{y}年至{y2}年，甲", "{y}年8月8日至24日，甲"],
}


def headings(templates: list[str], n: int, seed: int = 1) -> list[str]:
    """Fill n headings from the templates with random dates."""
    rng, out = random.Random(seed), []
    for i in range(n):
        y, m, d = rng.randint(1000, 2020), rng.randint(1, 12), rng.randint(1, 28)
        out.append(templates[i % len(templates)].format(
            y=y, m=m, d=d, mm=f"{m:02d}", dd=f"{d:02d}", b=rng.randint(1, 2000), y0=y // 10 * 10,
            c=rng.randint(11, 19), y2=y + rng.randint(1, 9)))
    return out


def per_heading(read, texts: list[str]) -> float:
    """Microseconds per call of read over texts (best of three)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            read(text)
        best = min(best, time.perf_counter() - start)
    return best / len(texts) * 1e6


def first_reader():
    """Load the date reader as it was at FIRST_READER, from git (None when git cannot show it)."""
    try:
        source = subprocess.run(["git", "show", f"{FIRST_READER}:quiz/generator/dates.py"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "first_dates.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("first_dates", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["first_dates"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.split_date


def main() -> None:
    """Print the figures."""
    isos = [date(2008, 1, 1).fromordinal(730000 + i).isoformat() for i in range(COUNT)]
    floor = per_heading(date.fromisoformat, isos)
    print(f"stdlib date.fromisoformat: {floor:.2f} µs per string")
    for family, templates in FAMILIES.items():
        cost = per_heading(split_date, headings(templates, COUNT))
        print(f"{family:24} {cost:6.2f} µs per heading  ({cost / floor:5.1f}× fromisoformat)")
    old = first_reader()
    if old is not None:
        ad = headings(FAMILIES["AD, bundled style"], COUNT)
        new_cost, old_cost = per_heading(split_date, ad), per_heading(old, ad)
        print(f"AD headings: {new_cost:.2f} µs now, {old_cost:.2f} µs with the reader of {FIRST_READER} "
              f"({new_cost / old_cost:.2f}×)")


if __name__ == "__main__":
    main()
