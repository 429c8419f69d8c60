"""Time and peak memory of parse + generate: the bundled timeline and synthetic 2,500/5,000/10,000-event ones.

Each size runs in a fresh process so its peak resident memory is its own. CPU time is the figure to
compare with the target (<= 20 s for 10,000 events): wall time on a shared machine includes waiting.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
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
SIZES = (2_500, 5_000, 10_000)


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


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(text: str) -> dict[str, float]:
    """Parse and generate text after loading the NLP once; return the figures of that run."""
    generate_questions(parse_timeline("## 2000年，预热。\n"))
    warm = peak_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    events = parse_timeline(text)
    questions = generate_questions(events, seed=0)
    return {
        "events": len(events), "questions": len(questions), "cpu_s": time.process_time() - cpu,
        "wall_s": time.perf_counter() - wall, "peak_mb": peak_mb(), "warm_mb": warm,
    }


def child(size: int) -> dict[str, float]:
    """Run one size in a fresh interpreter and read its figures."""
    done = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    """Print one line per timeline, then the per-event CPU ratio of the largest to the smallest size."""
    if sys.argv[1:2] == ["--one"]:
        size = int(sys.argv[2])
        text = bundled_timeline_path().read_text(encoding="utf-8") if size == 0 else synthetic(size)
        print(json.dumps(measure(text)))
        return
    rows = [("bundled", child(0))] + [(f"synthetic {n}", child(n)) for n in SIZES]
    for name, r in rows:
        print(f"{name}: {r['events']} events, {r['questions']} questions, cpu {r['cpu_s']:.2f} s, "
              f"wall {r['wall_s']:.2f} s, peak {r['peak_mb']:.0f} MB (NLP loaded: {r['warm_mb']:.0f} MB)")
    small, big = rows[1][1], rows[-1][1]
    ratio = (big["cpu_s"] / big["events"]) / (small["cpu_s"] / small["events"])
    print(f"per_event_cpu_ratio_10000_vs_2500={ratio:.2f}")


if __name__ == "__main__":
    main()
