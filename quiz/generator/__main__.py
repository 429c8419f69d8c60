"""Command line: print every question a timeline allows, as JSON or for a person to read."""

from __future__ import annotations

import argparse
import json
import sys

from collections import Counter

from . import TimelineError, bundled_timeline_path, parse_file
from .generate import Generated, generate_with_report
from .model import Question


def build_parser() -> argparse.ArgumentParser:
    """Describe the command's arguments."""
    parser = argparse.ArgumentParser(prog="python -m quiz.generator", description="从时间线生成测验题目")
    parser.add_argument("path", nargs="?", default=str(bundled_timeline_path()), help="时间线文件（默认：内置时间线）")
    parser.add_argument("--json", action="store_true", help="以JSON数组输出")
    parser.add_argument("--report", action="store_true", help="每种题型的数量，以及被质量检查丢弃的题目和原因")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（默认0）")
    return parser


def render(q: Question, number: int) -> str:
    """Format one question for a person to read."""
    lines = [f"{number}. [{q.kind}] {q.prompt}"]
    lines += [f"   {chr(65 + i)}. {c}" for i, c in enumerate(q.choices)]
    answer = " → ".join(q.answer) if isinstance(q.answer, list) else q.answer
    lines += [f"   答案：{answer}", f"   解析：{q.explanation}"]
    return "\n".join(lines)


def report(result: Generated) -> str:
    """Per-kind counts of admitted questions, then every drop with its reason."""
    kept = Counter(q.kind for q in result.questions)
    dropped = Counter(d.kind for d in result.drops)
    lines = [f"{'kind':<16}{'kept':>6}{'dropped':>9}"]
    lines += [f"{k:<16}{kept[k]:>6}{dropped[k]:>9}" for k in sorted(kept.keys() | dropped.keys())]
    lines.append(f"{'total':<16}{sum(kept.values()):>6}{sum(dropped.values()):>9}")
    lines += ["", "Dropped by the quality gate:"]
    lines += [f"- [{d.kind}] {d.key}: {d.reason}\n    {d.prompt}" for d in result.drops]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command; a bad file prints one line on stderr and returns 2."""
    args = build_parser().parse_args(argv)
    try:
        result = generate_with_report(parse_file(args.path), seed=args.seed)
    except TimelineError as exc:
        print(f"{args.path}: {exc}", file=sys.stderr)
        return 2
    questions = result.questions
    if args.report:
        print(report(result))
    elif args.json:
        json.dump([q.to_dict() for q in questions], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print("\n\n".join(render(q, i) for i, q in enumerate(questions, start=1)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: that is not an error of ours.
        sys.stderr.close()
        sys.exit(0)
