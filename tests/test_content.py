"""Bilingual parity and house rules for pages, assessments and interface text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import handbook.ui_strings as ui_strings
from handbook.model import Text, assessment_files, load_file
from handbook.ui_strings import PLANNER

ROOT = Path(__file__).resolve().parents[1]
NB, EN = ROOT / "content" / "nb", ROOT / "content" / "en"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"
HEADING = re.compile(r"^(#{2,3}) (.+?)\s*$")
ANCHOR = re.compile(r"\{#([a-z0-9-]+)\}$")
FENCE = re.compile(r"^\s*(```|~~~)")
THEORY = sorted(p.name for p in (NB / "theory").glob("*.md") if p.name != "index.md")
CHAPTER_SECTIONS = [
    "key-ideas", "the-model", "what-the-studies-found", "what-you-can-do", "case", "discussion",
    "self-assessment", "references",
]  # fmt: skip


def relative_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def headings(path: Path) -> list[tuple[str, str]]:
    """(level, anchor or the heading text when it has no explicit anchor) of ## and ###."""
    out = []
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        m = None if fenced else HEADING.match(line)
        if m:
            anchor = ANCHOR.search(m.group(2))
            out.append((m.group(1), anchor.group(1) if anchor else f"NO ANCHOR: {m.group(2)}"))
    return out


def words(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"\[@[^\]]*\]|\[\[[^\]]*\]\]|<[^>]+>", " ", text)
    return len(re.findall(r"[A-Za-zÆØÅæøåÉé]+", text))


def test_every_file_exists_in_both_languages() -> None:
    assert relative_files(NB) == relative_files(EN)


def test_nav_is_the_same_in_both_builds() -> None:
    def paths(config: str) -> list[str]:
        text = (ROOT / config).read_text(encoding="utf-8")
        return re.findall(r"([\w/-]+\.md)\s*$", text[text.index("\nnav:") :], re.M)

    assert paths("mkdocs.yml") == paths("mkdocs.en.yml")
    nav = set(paths("mkdocs.yml"))
    pages = {p for p in relative_files(NB) if p.endswith(".md")}
    assert pages - nav == set(), "pages missing from the nav"


@pytest.mark.parametrize("page", sorted(p for p in relative_files(NB) if p.endswith(".md")))
def test_headings_have_the_same_anchors_in_both_languages(page: str) -> None:
    nb, en = headings(NB / page), headings(EN / page)
    assert [a for _, a in nb if a.startswith("NO ANCHOR")] == []
    assert nb == en


@pytest.mark.parametrize("chapter", THEORY)
def test_theory_chapters_have_the_house_structure_and_length(chapter: str) -> None:
    for root in (NB, EN):
        sections = [a for level, a in headings(root / "theory" / chapter) if level == "##"]
        assert sections == CHAPTER_SECTIONS
        assert 1200 <= words(root / "theory" / chapter) <= 3000
        text = (root / "theory" / chapter).read_text(encoding="utf-8")
        assert re.search(r"^\[\[references\]\]$", text, re.M)
        assert re.search(r"^\[\[assessment(-link)? [a-z0-9-]+\]\]$", text, re.M)


@pytest.mark.parametrize("page", sorted(p for p in relative_files(NB) if p.endswith(".md")))
def test_no_page_is_a_stub(page: str) -> None:
    for root in (NB, EN):
        if "[[bibliography]]" in (root / page).read_text(encoding="utf-8"):
            continue  # the reference list is generated
        assert words(root / page) >= 60, f"{root / page} is too short"


@pytest.mark.parametrize("page", sorted(p for p in relative_files(NB) if p.endswith(".md")))
def test_pages_have_front_matter_title_and_description(page: str) -> None:
    for root in (NB, EN):
        text = (root / page).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta.get("title") and meta.get("description"), root / page


def test_diagrams_have_title_desc_and_alt_text() -> None:
    for svg in NB.rglob("*.svg"):
        for root in (NB, EN):
            text = (root / svg.relative_to(NB)).read_text(encoding="utf-8")
            assert "<title" in text and "<desc" in text and "viewBox" in text
    for page in NB.rglob("*.md"):
        for root in (NB, EN):
            for alt in re.findall(r"!\[([^\]]*)\]\([^)]+\.svg\)", (root / page.relative_to(NB))
                                  .read_text(encoding="utf-8")):  # fmt: skip
                assert len(alt) > 20, f"alt text too short in {root / page.relative_to(NB)}"


SPECS = [load_file(p) for p in assessment_files([ROOT / "assessments"])]


def texts(spec) -> list[tuple[str, Text]]:
    out = [("title", spec.title), ("intro", spec.intro)]
    out += [(f"item {i.id}", i.text) for i in spec.items]
    out += [(f"explain {i.id}", i.explain) for i in spec.items if i.explain]
    for d in spec.dimensions:
        out.append((f"dimension {d.id}", d.title))
        out += [(f"band {d.id}/{b.id}", b.feedback) for b in d.bands]
        out += [(f"discuss {d.id}/{b.id}", b.discuss) for b in d.bands if b.discuss]
    for p in spec.profiles:
        out += [(f"rule {p.id}/{r.id}", r.feedback) for r in p.rules]
    return out


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_assessment_texts_exist_and_differ_in_both_languages(spec) -> None:
    for where, text in texts(spec):
        assert text.nb.strip() and text.en.strip(), f"{spec.id}: {where} is empty"
        if len(text.nb) > 60:
            assert text.nb != text.en, f"{spec.id}: {where} is not translated"


REFLECTIONS = [s for s in SPECS if s.kind == "reflection"]


@pytest.mark.parametrize("spec", REFLECTIONS, ids=lambda s: s.id)
def test_every_band_of_a_reflection_has_questions_for_a_group(spec) -> None:
    # The group results page shows these under each band a group of five or more has.
    for d in spec.dimensions:
        for b in d.bands:
            assert b.discuss, f"{spec.id}: band {d.id}/{b.id} has no discuss"
            counts = {
                lang: len(re.findall(r"^- \S", getattr(b.discuss, lang), re.M))
                for lang in ("nb", "en")
            }
            assert counts["nb"] == counts["en"] and 2 <= counts["nb"] <= 3, (
                f"{spec.id}: band {d.id}/{b.id} has {counts} questions (want 2-3 in each language)"
            )


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_assessments_link_to_their_chapter_and_back(spec) -> None:
    assert spec.chapter, f"{spec.id} has no chapter"
    assert (
        "diagnos" in spec.intro.nb.lower()
        and "diagnos" in spec.intro.en.lower()
        or (spec.kind == "knowledge")
    ), f"{spec.id}: the intro must say it is not a diagnosis"
    assert len(spec.examples) >= 3
    linked = any(
        re.search(rf"^\[\[assessment(-link)? {spec.id}\]\]$", p.read_text(encoding="utf-8"), re.M)
        for p in (NB / "theory").glob("*.md")
    )
    assert linked, f"no theory chapter links to {spec.id}"


@pytest.mark.parametrize("name", ui_strings.__all__)
def test_interface_strings_have_the_same_keys(name: str) -> None:
    table: dict[str, dict[str, str]] = getattr(ui_strings, name)
    assert set(table) == {"nb", "en"}
    assert set(table["nb"]) == set(table["en"])
    for key in table["nb"]:
        assert set(re.findall(r"\{\w+\}", table["nb"][key])) == set(
            re.findall(r"\{\w+\}", table["en"][key])
        ), key


def test_planner_has_a_notice_for_each_error_code_of_the_engine() -> None:
    source = (ROOT / "handbook" / "deadlines.py").read_text(encoding="utf-8")
    codes = set(re.findall(r'RequestError\(\s*"([a-z-]+)"', source))
    assert {"missing-first-day", "bad-first-day", "out-of-range"} <= codes
    # Codes a reader of the form can cause get their own text; the rest (a bug of ours) the
    # general one, which names the engine's message.
    readers = {"missing-first-day", "bad-first-day", "out-of-range", "missing-kind", "bad-kind"}
    for code in readers:
        assert f"js_error_{code.replace('-', '_')}" in PLANNER["nb"], code
    assert "{message}" in PLANNER["nb"]["js_error_other"]


def test_abbreviations_cover_the_same_count_in_both_languages() -> None:
    def entries(lang: str) -> list[str]:
        path = ROOT / "includes" / f"abbreviations.{lang}.md"
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    assert len(entries("nb")) == len(entries("en")) >= 20


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    tool = SHARED_TOOLS / name
    if not tool.is_file():
        pytest.skip(f"{tool} is not on this machine (it ships beside the repository)")
    return subprocess.run([sys.executable, str(tool), *args], capture_output=True, text=True,
                          cwd=ROOT)  # fmt: skip


def test_no_passage_repeats_a_source_word_for_word() -> None:
    run = run_tool("source_overlap.py", "--words", "12")
    assert run.stdout == "" and run.returncode == 0, run.stdout


def test_norwegian_pages_are_readable() -> None:
    run = run_tool("lix.py", "content/nb")
    hard = [
        line
        for line in run.stdout.splitlines()
        if re.match(r"^\s*\d", line) and "content/" in line and float(line.split()[0]) > 45
    ]
    assert hard == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_authoring_guide_example_passes_check(lang: str, tmp_path: Path) -> None:
    """The complete example in the instructors' guide must stay a working assessment."""
    text = (ROOT / "content" / lang / "instructors" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    example = next(b for b in blocks if re.search(r"^id: ", b, re.M) and "examples:" in b)
    spec_id = re.search(r"^id: (\S+)", example, re.M).group(1)
    path = tmp_path / f"{spec_id}.yaml"
    path.write_text(example, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "check", str(path), "--content", str(NB)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_authoring_guide_shows_real_error_messages(lang: str) -> None:
    """Every `FILE:L:C: error:` line quoted in the guide is what `check` prints today."""
    text = (ROOT / "content" / lang / "instructors" / "authoring.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^(tests/fixtures/bad/[\w-]+\.yaml:\d+:\d+: error: .*)$", text, re.M)
    assert quoted
    files = sorted({line.split(":")[0] for line in quoted})
    run = subprocess.run([sys.executable, "-m", "handbook", "check", *files],
                         capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert set(quoted) <= set(run.stdout.splitlines())


def anchors_of(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"\{#([a-z0-9-]+)[^}]*\}", text)) | set(re.findall(r'id="([^"]+)"', text))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_assessment_links_point_to_existing_sections(spec) -> None:
    """Feedback and explanations link to chapter sections; every anchor must exist."""
    broken = []
    for where, text in texts(spec) + [("about", spec.about)] if spec.about else texts(spec):
        for lang, root in (("nb", NB), ("en", EN)):
            for page, anchor in re.findall(r"\]\(([^)#\s]+\.md)(?:#([^)\s]+))?\)", text.get(lang)):
                target = root / page
                if not target.is_file() or (anchor and anchor not in anchors_of(target)):
                    broken.append(f"{where} ({lang}): {page}#{anchor}")
    assert broken == []


def test_glossary_terms_have_the_same_anchors_in_both_languages() -> None:
    def term_ids(lang: str) -> list[str]:
        text = (ROOT / "content" / lang / "glossary.md").read_text(encoding="utf-8")
        return re.findall(r"\{ #(term-[a-z0-9-]+) \}$", text, re.M)

    nb, en = term_ids("nb"), term_ids("en")
    assert len(nb) == len(set(nb)) >= 40
    assert set(nb) == set(en)


def test_seed_001_is_cited_by_section_not_by_page() -> None:
    """Seed 001's page markers read as header or footer give pages one apart: cite sections."""
    paged = re.compile(r"@hjelmso2023, (?:s|pp?)\. ")
    files = [*NB.rglob("*.md"), *EN.rglob("*.md"), *(ROOT / "assessments").glob("*.yaml")]
    hits = [f"{p.relative_to(ROOT)}:{n}" for p in files
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if paged.search(line)]  # fmt: skip
    assert hits == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_glossary_jump_list_links_each_letter_to_its_first_term(lang: str) -> None:
    """The A–Å row at the top: one link per initial in use, to that initial's first term."""
    text = (ROOT / "content" / lang / "glossary.md").read_text(encoding="utf-8")
    alphabet = "0–9ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
    first: dict[str, str] = {}
    for name, anchor in re.findall(r"^(.+?) \{ #(term-[a-z0-9-]+) \}$", text, re.M):
        first.setdefault("0–9" if name[0].isdigit() else name[0].upper(), anchor)
    expected = sorted(first.items(), key=lambda kv: alphabet.index(kv[0]))
    nav = re.search(r'<nav class="km-az"[^>]*>(.*?)</nav>', text, re.S)
    assert nav and text.index(nav.group(0)) < text.index("\n## ")
    assert re.findall(r"^- \[([^\]]+)\]\(#([a-z0-9-]+)\)$", nav.group(1), re.M) == expected


def test_our_stylesheets_have_balanced_blocks() -> None:
    """A rule or @media block left open swallows every rule after it without an error."""
    for path in (ROOT / "site_overrides").rglob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        depth = 0
        for number, line in enumerate(text.splitlines(), 1):
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path}:{number}: '}}' without '{{'"
        assert depth == 0, f"{path}: {depth} block(s) left open"


def css_rules(block: str, context: str = "") -> list[tuple[str, str]]:
    """(context, selector) of every rule, @media and other at-rules as the context."""
    rules: list[tuple[str, str]] = []
    start = i = 0
    while i < len(block):
        if block[i] != "{":
            i += 1
            continue
        selector = " ".join(block[start:i].split())
        depth, j = 1, i + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(block[j], 0)
            j += 1
        if selector.startswith("@"):
            rules += css_rules(block[i + 1 : j - 1], f"{context} {selector}".strip())
        else:
            rules.append((context, selector))
        start = i = j
    return rules


def test_our_stylesheets_set_each_selector_once() -> None:
    """A second rule for the same selector (often left by a merge) silently overrides the first;
    keep one rule per selector in each context, so what a rule says is what the page gets."""
    for path in (ROOT / "site_overrides").rglob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        rules = [r for r in css_rules(text) if "@keyframes" not in r[0]]
        duplicates = sorted({" ".join(r).strip() for r in rules if rules.count(r) > 1})
        assert duplicates == [], f"{path.name}: selectors set in more than one rule"
