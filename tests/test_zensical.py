"""The same handbook built by Zensical (`make site-zensical`): the engine prepares the pages,
Zensical builds them, and the result is checked like the MkDocs build — statically and in
Chromium."""

from __future__ import annotations

import html
import json
import os
import posixpath
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT
from serve import serve_in_thread
from test_browser import (
    SPECS,
    answer,
    axe_violations,
    cli_score,
    page_of,
    random_answers,
    submit,
)
from test_engine import WITHOUT_MKDOCS

from handbook import citations, markdown_text, pages
from handbook.prepare import split_front_matter, with_form_flag

LANGS = {"nb": "", "en": "en"}  # language → folder of its build


@pytest.fixture(scope="module")
def zensical_site() -> Path:
    """What `make site-zensical` builds (KM_ZENSICAL_SITE_DIR: a site built beforehand)."""
    if os.environ.get("KM_ZENSICAL_SITE_DIR"):
        return Path(os.environ["KM_ZENSICAL_SITE_DIR"])
    run = subprocess.run(["make", "-s", "site-zensical"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return ROOT / "site-zensical"


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    server, url = serve_in_thread(zensical_site)
    yield url
    server.shutdown()


MARKERS = (pages.MARKER, pages.LIST_MARKER, pages.BIBLIOGRAPHY, citations.REFERENCES_MARKER)
CITATION = re.compile(r"\[-?@")


def unexpanded(markdown: str) -> list[str]:
    """Marker lines and citations left in Markdown, outside code."""
    return [
        line
        for _, line, in_code in markdown_text.lines(markdown)
        if not in_code
        and (any(m.match(line) for m in MARKERS) or CITATION.search(re.sub(r"`[^`]*`", "", line)))
    ]


def built_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


# ----------------------------------------------------------------------------- prepare


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_prepare_runs_without_mkdocs_and_gives_what_make_built(
    zensical_site: Path, tmp_path: Path, lang: str
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, "prepare", "--out", str(tmp_path), "--lang", lang],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    made = ROOT / "build" / "zensical" / lang
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(made) for p in made.rglob("*") if p.is_file())
    for rel in files:
        assert (tmp_path / rel).read_bytes() == (made / rel).read_bytes(), rel
    pages = {p.relative_to(tmp_path / "docs").as_posix() for p in tmp_path.rglob("*.md")}
    assert {f"self-assessments/{spec_id}.md" for spec_id in SPECS} <= pages
    for page in tmp_path.rglob("*.md"):
        assert unexpanded(page.read_text(encoding="utf-8")) == [], page


def test_prepared_page_says_whether_it_holds_a_form(zensical_site: Path) -> None:
    docs = ROOT / "build" / "zensical" / "nb" / "docs"
    chapter = (docs / "theory" / "demand-control-support.md").read_text(encoding="utf-8")
    assert chapter.startswith("---\ntitle: ")
    assert "\nkm_has_form: true\n---\n" in chapter
    assert "km_has_form" not in (docs / "glossary.md").read_text(encoding="utf-8")
    settings = yaml.safe_load((docs.parent / "generated.yml").read_text(encoding="utf-8"))
    assert settings["extra"]["km"]["modules"]["scoring"] == ["scoring.py"]
    assert f"self-assessments/{'leader-load'}.md" in json.dumps(settings["nav"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("---\ntitle: A\n---\n\n# A\n", "---\ntitle: A\nkm_has_form: true\n---\n\n# A\n"),
        ("---\ntitle: A\n...\n# A\n", "---\ntitle: A\nkm_has_form: true\n...\n# A\n"),
        ("# A\n\n---\n", "---\nkm_has_form: true\n---\n\n# A\n\n---\n"),
    ],
)
def test_form_flag_joins_the_front_matter(text: str, expected: str) -> None:
    front, body = split_front_matter(text)
    assert with_form_flag(front) + body == expected


def test_prepare_reports_every_problem_with_its_place(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content" / "nb").mkdir(parents=True)
    (project / "assessments").mkdir()
    (project / "references").mkdir()
    (project / "mkdocs.yml").write_text("docs_dir: content/nb\ntheme: {language: nb}\n")
    (project / "content" / "nb" / "index.md").write_text(
        "---\ntitle: Start\n---\n\n# Start\n\nTekst [@nobody2020].\n\n[[assessment nope]]\n\n"
        "[[references]]\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, "prepare", "--out", str(tmp_path / "o"),
         "--lang", "nb"],
        capture_output=True, text=True, cwd=project,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [
        "content/nb/index.md:7:7: error: unknown citation key 'nobody2020'",
        "content/nb/index.md:9:14: error: unknown assessment 'nope'",
    ]
    assert run.stderr.splitlines()[-1] == "2 problem(s); nothing prepared"
    assert not (tmp_path / "o").exists()


# ----------------------------------------------------------------------------- configuration


def _shared(config: dict) -> dict:
    """The settings a Zensical file must share with its MkDocs file."""
    theme = {k: v for k, v in config["theme"].items() if k != "variant"}
    extensions = [
        e
        for e in config["markdown_extensions"]
        if e != "handbook.theme_html" and not (isinstance(e, dict) and "handbook.theme_html" in e)
    ]
    extra = {k: v for k, v in config["extra"].items() if k != "km"}
    keys = ("site_name", "site_description", "copyright", "strict", "use_directory_urls",
            "plugins", "validation", "extra_css")  # fmt: skip
    return {**{k: config.get(k) for k in keys}, "theme": theme, "md": extensions, "extra": extra}


@pytest.mark.parametrize("mkdocs, zensical", [("mkdocs.yml", "zensical.yml"),
                                               ("mkdocs.en.yml", "zensical.en.yml")])  # fmt: skip
def test_zensical_settings_follow_the_mkdocs_files(mkdocs: str, zensical: str) -> None:
    from handbook.config import read_raw

    ours = read_raw(ROOT / mkdocs)
    theirs = yaml.safe_load((ROOT / zensical).read_text(encoding="utf-8"))
    lang = ours["theme"]["language"]
    assert theirs["markdown_extensions"][-1] == {"handbook.theme_html": {"lang": lang}}
    assert _shared(theirs) == _shared(ours)
    folder = "build/zensical/" + ours["theme"]["language"]
    assert (theirs["INHERIT"], theirs["docs_dir"]) == (f"{folder}/generated.yml", f"{folder}/docs")
    assert theirs["site_dir"] == "site-zensical" + ours["site_dir"].removeprefix("site")


# ----------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_assessment_page_exists_and_is_in_the_nav(zensical_site: Path, lang: str) -> None:
    root = zensical_site / LANGS[lang]
    home = (root / "index.html").read_text(encoding="utf-8")
    for spec_id in SPECS:
        page = (root / "self-assessments" / spec_id / "index.html").read_text(encoding="utf-8")
        assert f'<form class="km-form" data-assessment="{spec_id}"' in page
        assert 'src="../../assets/km/site.js"' in page
        assert 'rel="modulepreload" href="../../assets/km/widget.js"' in page
        assert f'href="./self-assessments/{spec_id}/"' in home  # the nav links it


class _Page(HTMLParser):
    """Links (href, src) and ids of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name):
                self.links.append(str(found[name]))


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_resolves_to_a_file_and_an_anchor(zensical_site: Path) -> None:
    pages = {p: _parse(p) for p in built_pages(zensical_site)}
    sources = [p for lang in LANGS for p in (ROOT / "content" / lang).rglob("*.md")]
    courses = list((ROOT / "courses").glob("*.yaml"))  # each: a course page and a handout
    assert len(pages) == len(sources) + 2 * (len(SPECS) + 2 * len(courses))
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(zensical_site.resolve()):
                broken.append(f"{page.relative_to(zensical_site)}: {link}")
            elif parts.fragment and target.suffix == ".html":
                ids = (pages.get(target) or _parse(target)).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(zensical_site)}: {link} (no anchor)")
    assert broken == []


def test_no_page_has_an_external_link_to_a_resource(zensical_site: Path) -> None:
    for page in built_pages(zensical_site):
        text = page.read_text(encoding="utf-8")
        assert re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', text) == []


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_citations_and_markers_render(zensical_site: Path, lang: str) -> None:
    root = zensical_site / LANGS[lang]
    for page in built_pages(root):
        if lang == "nb" and page.relative_to(root).parts[0] == "en":
            continue
        text = re.sub(r"<(pre|code)\b.*?</\1>", "", page.read_text(encoding="utf-8"), flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
        assert not CITATION.search(text) and "[[assessment" not in text, page
        assert "[[references]]" not in text and "[[bibliography]]" not in text, page
    chapter = (root / "theory" / "demand-control-support" / "index.html").read_text("utf-8")
    assert '(<a href="#ref-karasek1979">Karasek, 1979</a>; ' in chapter
    assert 'id="ref-karasek1979"' in chapter


def test_widget_loads_only_on_pages_with_a_form(zensical_site: Path) -> None:
    """Every page loads the small site.js; the widget modules are preloaded only where a form
    is (site.js loads them on pages with a feature)."""
    with_form = 0
    for page in built_pages(zensical_site):
        text = page.read_text(encoding="utf-8")
        has_form = '<form class="km-form" data-assessment=' in text
        with_form += has_form
        assert "assets/km/site.js" in text, page
        preloaded = 'rel="modulepreload"' in text and "assets/km/widget.js" in text
        assert preloaded == ("data-km-feature" in text), page
    assert with_form > 2 * len(SPECS)


class _Article(HTMLParser):
    """A page's article, for comparing two builds: links resolved against the page's URL,
    attributes sorted, whitespace between tags dropped."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=False)
        self.url = url
        self.out: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and "md-content__inner" in (dict(attrs).get("class") or ""):
            self.inside = True
        elif self.inside:
            fixed = [(k, urljoin(self.url, v) if k in ("href", "src") and v else v)
                     for k, v in attrs]  # fmt: skip
            self.out.append(f"<{tag} {sorted(fixed, key=str)}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False
        elif self.inside:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.inside and data.strip():
            self.out.append(data.strip())


def article(page: Path, url: str) -> list[str]:
    """The article of a built page (without Zensical's skip-link target, which Material puts
    outside the article, and without data-search-exclude, which Zensical's search consumes and
    removes from the page while Material's search reads it from the page)."""
    text = re.sub(r'<a id="__skip" tabindex="-1">\s*</a>', "", page.read_text(encoding="utf-8"))
    text = text.replace(" data-search-exclude", "")
    parser = _Article(url)
    parser.feed(text)
    return parser.out


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "theory/demand-control-support/",  # citations, a card, an embedded knowledge check
        "self-assessments/",  # assessment lists
        "self-assessments/jdr-balance/",  # a generated page: form, how it is computed, sources
        "references/",  # the bibliography
        "practice/absence-follow-up/",  # checklists
    ],
)
def test_page_content_is_the_same_as_mkdocs_gives(
    site_dir: Path, zensical_site: Path, lang: str, path: str
) -> None:
    url = "http://x/" + posixpath.join(LANGS[lang], path)
    folder = Path(LANGS[lang]) / path / "index.html"
    ours = article(zensical_site / folder, url)
    theirs = article(site_dir / folder, url)
    assert len(ours) > 50
    assert ours == theirs


# ----------------------------------------------------------------------------- in Chromium

THREE = [("demand-control-support", "nb"), ("jdr-balance", "en"), ("knowledge-mastery", "nb")]


@pytest.mark.parametrize("spec_id, lang", THREE)
def test_browser_scores_equal_the_cli(
    page, zensical_url: str, spec_id: str, lang: str, tmp_path: Path
) -> None:
    rng = random.Random(f"zensical-{spec_id}")
    page.goto(zensical_url + page_of(spec_id, lang))
    for share in (1.0, 0.6):
        answers = random_answers(spec_id, rng, share)
        page.click(f'form[data-assessment="{spec_id}"] [data-km-restart]')
        answer(page, spec_id, answers)
        assert submit(page, spec_id) == cli_score(spec_id, answers, tmp_path)


def test_no_request_leaves_the_origin(browser, zensical_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(zensical_url))
    requests: list[tuple[str, str, str | None]] = []
    page.on("request", lambda r: requests.append((r.method, r.url, r.post_data)))
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    spec = SPECS["demand-control-support"]
    for path in ("/", "/theory/job-demands-resources/", "/en/", "/glossary/"):
        page.goto(zensical_url + path)
    page.goto(zensical_url + page_of(spec.id, "en"))
    answer(page, spec.id, {item.id: item.options[0].value for item in spec.items})
    submit(page, spec.id)
    context.close()
    assert [url for _, url, _ in requests if not url.startswith(origin)] == []
    assert {method for method, _, _ in requests} == {"GET"}
    assert all(body is None for _, _, body in requests)
    assert any(url.endswith("/assets/pyodide/pyodide.asm.wasm") for _, url, _ in requests)


def test_language_menu_links_to_the_same_page(page, zensical_url: str) -> None:
    page.goto(zensical_url + "/theory/job-demands-resources/")
    page.goto(urljoin(page.url, page.get_attribute('a[hreflang="en"][data-km-lang-link]', "href")))
    assert urlsplit(page.url).path == "/en/theory/job-demands-resources/"
    assert page.get_attribute("html", "lang") == "en"


@pytest.mark.parametrize("lang, word", [("nb", "mestringstro"), ("en", "self-efficacy")])
def test_search_finds_pages_in_each_language(page, zensical_url: str, lang: str, word: str) -> None:
    # Zensical's own search dialog (not Material's): a <dialog> in an open shadow root, which
    # Playwright's selectors pierce.
    page.goto(zensical_url + ("/en/" if lang == "en" else "/"))
    page.click(".md-search__button")
    page.keyboard.type(word)
    results = "dialog[open] [role=listbox] a[href]"
    page.locator(results + "[href*='/theory/mastery/']").first.wait_for()  # results stream in
    links = page.locator(results).evaluate_all("els => els.map(e => e.href)")
    assert all(("/en/" in href) == (lang == "en") for href in links)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(
    "path", ["/theory/demand-control-support/", "/self-assessments/jdr-balance/"]
)
def test_axe_finds_no_violations(
    page, zensical_url: str, lang: str, path: str, scheme: str
) -> None:
    page.goto(zensical_url + ("/en" if lang == "en" else "") + path)
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    assert axe_violations(page) == []
