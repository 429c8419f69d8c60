"""Property-based checks: any timeline in the bundled style parses back and yields valid questions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from gen_invariants import check_question

from quiz.generator import generate_questions, parse_timeline

CN = "〇一二三四五六七八九"
SUBJECTS = ["公司", "平台", "团队", "研究院", "基金会", "合作社", "实验室"]
ACTIONS = ["正式成立", "推出新版本", "获得许可", "开设分部", "完成改组", "发布报告", "上线新服务"]
NAMES = ["王建国", "李晓红", "陈志强", "刘海燕"]
PLACES = ["北京", "上海", "广州", "成都", "南京"]
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def cn_date(y: int, m: int | None, d: int | None) -> str:
    """Write a date in Chinese numerals (二〇一三年六月)."""
    def small(n: int) -> str:
        return CN[n] if n < 10 else ("" if n < 20 else CN[n // 10]) + "十" + (CN[n % 10] if n % 10 else "")
    text = "".join(CN[int(c)] for c in str(y)) + "年"
    return text + (f"{small(m)}月" if m else "") + (f"{small(d)}日" if d else "")


@st.composite
def events(draw):
    """Draw (year, month, day, form, headline, body) tuples for one timeline."""
    n = draw(st.integers(2, 10))
    out = []
    for i in range(n):
        y = draw(st.integers(1990, 2020))
        m = draw(st.one_of(st.none(), st.integers(1, 12)))
        d = draw(st.one_of(st.none(), st.integers(1, 28))) if m else None
        form = draw(st.sampled_from(["cn", "dot", "nosep", "numerals", "range"]))
        what = f"{draw(st.sampled_from(SUBJECTS))}{i}{draw(st.sampled_from(ACTIONS))}"
        body = f"{draw(st.sampled_from(NAMES))}在{draw(st.sampled_from(PLACES))}主持，投入{draw(st.integers(2, 900))}元，历时{CN[draw(st.integers(2, 9))]}天。"
        out.append((y, m, d, form, what, body))
    return out


def render(rows) -> tuple[str, list[str]]:
    """Write rows as a timeline; return the text and the ISO date each event must get."""
    lines, isos = [], []
    for y, m, d, form, what, body in rows:
        iso = "-".join([f"{y:04d}"] + [f"{p:02d}" for p in (m, d) if p])
        if form == "range":
            head, iso = f"{y}~{y + 2}年，{what}", f"{y:04d}/{y + 2:04d}"
        elif form == "dot" and m and not d:
            head = f"{y}.{m} {what}"
        elif form == "numerals":
            head = f"{cn_date(y, m, d)}，{what}"
        else:
            date = f"{y}年" + (f"{m}月" if m else "") + (f"{d}日" if d else "")
            head = f"{date}{'' if form == 'nosep' and d else '，'}{what}。"
        half = len(body) // 2
        lines += [f"## {head}", body[:half] + "   ", body[half:], f"{y}年，正文里的日期不是事件。"]
        isos.append(iso)
    return "\n".join(lines) + "\n", isos


@SETTINGS
@given(events())
def test_generated_timelines_parse_back(rows):
    text, isos = render(rows)
    parsed = parse_timeline(text)
    assert [e.date.iso() for e in parsed] == isos
    for e, (_, _, _, _, what, body) in zip(parsed, rows):
        assert e.headline.rstrip("。") == what
        assert e.body.startswith(body)


@SETTINGS
@given(events(), st.integers(0, 3))
def test_generated_timelines_give_valid_questions(rows, seed):
    parsed = parse_timeline(render(rows)[0])
    questions = generate_questions(parsed, seed=seed)
    assert len({q.key for q in questions}) == len(questions)
    for q in questions:
        check_question(q, parsed)
    assert [q.to_dict() for q in generate_questions(parsed, seed=seed)] == [q.to_dict() for q in questions]
