"""Time parse + generate for the bundled timeline and a synthetic 10,000-event one; print figures."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quiz.generator import bundled_timeline_path, generate_questions, parse_timeline  # noqa: E402

SUBJECTS = ["支付平台", "研究院", "基金会", "实验室", "数据中心", "合作银行", "国际事业部"]
ACTIONS = ["正式成立", "推出新版本", "获得许可", "开设分部", "完成改组", "发布年度报告", "上线新服务"]
NAMES = ["王建国", "李晓红", "陈志强", "刘海燕", "张伟"]
PLACES = ["北京", "上海", "广州", "成都", "南京", "杭州"]
SLOGANS = ["“让支付更简单，让生活更美好”", "“信任第一，服务至上”", "“小而美，快而稳”"]


def synthetic(n: int, seed: int = 1) -> str:
    """Write an n-event timeline in the bundled style (mixed precisions, wrapped bodies)."""
    rng, lines = random.Random(seed), []
    for i in range(n):
        y, m, d = 1950 + i * 70 // n, rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice([f"{y}年，", f"{y}年{m}月，", f"{y}年{m}月{d}日，", f"{y}.{m} "])
        lines.append(f"## {date}{rng.choice(SUBJECTS)}{i}{rng.choice(ACTIONS)}。")
        if rng.random() < 0.4:
            body = (f"{rng.choice(NAMES)}在{rng.choice(PLACES)}宣布投入{rng.randint(2, 900)}万元，"
                    f"历时{rng.choice('三四五六')}天，提出{rng.choice(SLOGANS)}。")
            lines += [body[:20], body[20:]]
    return "\n".join(lines) + "\n"


def timed(text: str) -> tuple[float, int, int]:
    """Return seconds to parse and generate, the event count and the question count."""
    start = time.perf_counter()
    events = parse_timeline(text)
    questions = generate_questions(events, seed=0)
    return time.perf_counter() - start, len(events), len(questions)


def main() -> None:
    """Print the figures; the last line is per_event_ratio=X."""
    start = time.perf_counter()
    generate_questions(parse_timeline("## 2000年，预热。\n"))
    print(f"jieba warm-up: {time.perf_counter() - start:.2f} s (once per process, not counted below)")
    small_s, small_n, small_q = timed(bundled_timeline_path().read_text(encoding="utf-8"))
    print(f"bundled: {small_n} events, {small_q} questions, {small_s:.3f} s, {small_s / small_n * 1000:.2f} ms/event")
    big_s, big_n, big_q = timed(synthetic(10_000))
    print(f"synthetic: {big_n} events, {big_q} questions, {big_s:.3f} s, {big_s / big_n * 1000:.2f} ms/event")
    print(f"per_event_ratio={(big_s / big_n) / (small_s / small_n):.2f}")


if __name__ == "__main__":
    main()
