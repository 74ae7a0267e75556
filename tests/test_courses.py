"""Course manifests: located errors for every mistake, the seven modules load, their sections
keep the course-modules page's anchors, each course has a page and a one-page handout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.site import Site

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "fixtures" / "courses" / "bad-course.yaml"
FILE = "tests/fixtures/courses/bad-course.yaml"


def check(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook", "check", *paths],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip


def test_every_mistake_in_a_course_is_reported_with_its_place() -> None:
    run = check(FILE)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{FILE}:5:7: error: summary (nb) has a broken link: 'theory/mastery.md#no-such-part' "
        "points to no heading (the page has no {#no-such-part})",
        f"{FILE}:10:5: error: chapters 2: 'theory/no-such-chapter.md' is not a page of the "
        "handbook",
        f"{FILE}:11:7: error: case: 'theory/mastery.md#kase' points to no heading (the page has "
        "no {#kase}) (did you mean 'case'?)",
        f"{FILE}:12:15: error: unknown assessment 'team-mastery-climat' (did you mean "
        "'team-mastery-climate'?)",
        f"{FILE}:12:36: error: 'knowledge-mastery' is a knowledge assessment: list it under "
        "knowledge_checks",
        f"{FILE}:20:9: error: the last step of session 1 ends at minute 40, but the session is "
        "45 minutes",
        f"{FILE}:20:16: error: step 2 of session 1 starts at minute 15, but the step before ends "
        "at 10",
        f"{FILE}:22:5: error: unknown key 'stepz' in session 2 (did you mean 'steps'?)",
    ]
    assert "Traceback" not in run.stderr


def test_an_anchor_missing_in_one_language_is_unknown(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for lang, heading in (("nb", "## Del {#part}"), ("en", "## Part {#other}")):
        (content / lang / "theory").mkdir(parents=True)
        (content / lang / "theory" / "x.md").write_text(f"# X\n\n{heading}\n")
    courses = tmp_path / "courses"
    courses.mkdir()
    text = BAD.read_text().split("chapters:")[0].replace("bad-course", "c")
    text = re.sub(r"summary:\n(  .*\n)+", "summary: S\n", text)
    text += "chapters: [theory/x.md#part]\ngoals: [G]\ndiscussion: [D]\n"
    text += "sessions:\n  - minutes: 5\n    steps: [{from: 0, to: 5, activity: A}]\n"
    (courses / "c.yaml").write_text(text)
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "check", "courses", "--content", "content/nb"],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert run.stdout.splitlines() == [
        "courses/c.yaml:6:12: error: chapters 1: 'theory/x.md#part' points to no heading "
        "(the page has no {#part})"
    ]


def test_check_counts_the_courses() -> None:
    run = check()
    assert run.returncode == 0, run.stdout
    assert run.stderr.strip().endswith(", 7 course(s)")


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.en.yml"])
def test_the_seven_modules_load_and_render(config: str) -> None:
    site = Site.from_config(ROOT / config)
    site.load()
    assert [c.module for c in sorted(site.courses.values(), key=lambda c: c.module)] == list(
        range(1, 8)
    )
    pages = site.generated_pages()
    for course_id in site.courses:
        assert f"instructors/courses/{course_id}/index.md" in pages
        assert f"instructors/courses/{course_id}/handout.md" in pages


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_course_modules_page_keeps_its_anchors(site_dir: Path, lang: str) -> None:
    build = site_dir / "en" if lang == "en" else site_dir
    html = (build / "instructors" / "course-modules" / "index.html").read_text(encoding="utf-8")
    for n in range(1, 8):
        for suffix in ("", "-goals", "-45", "-90", "-discussion"):
            assert f'id="module-{n}{suffix}"' in html, (n, suffix)
    page = (build / "instructors" / "courses" / "mastery" / "index.html").read_text("utf-8")
    for anchor in ("materials", "goals", "45", "90", "discussion"):
        assert f'id="{anchor}"' in page
    assert 'href="handout/"' in page


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_handout_prints_on_one_page(browser, base_url: str, lang: str) -> None:
    page = browser.new_page()
    prefix = "/en" if lang == "en" else ""
    site = Site.from_config(ROOT / ("mkdocs.en.yml" if lang == "en" else "mkdocs.yml"))
    site.load()
    for course_id in site.courses:
        page.goto(f"{base_url}{prefix}/instructors/courses/{course_id}/handout/")
        pdf = page.pdf(format="A4")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1, course_id
        # Full addresses for paper readers.
        assert "https://krav-og-mestring.example/" in page.inner_text(".km-handout")
    page.close()
