"""Citable pages: site_url per language, canonical and hreflang links without sitemap fetches,
the last-changed date from git (with no date where git cannot tell) and the APA 7 box."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from handbook import cite
from handbook.config import read_config
from handbook.site import Site

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://krav-og-mestring.example/"


def git(cwd: Path, *args: str, date_: str = "2026-03-04T05:06:07") -> str:
    env = {"GIT_AUTHOR_DATE": date_, "GIT_COMMITTER_DATE": date_, "HOME": str(cwd),
           "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    run = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd, capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return run.stdout


def test_the_english_build_lives_below_the_one_site_url() -> None:
    assert read_config(ROOT / "mkdocs.yml").build_url == SITE_URL
    assert read_config(ROOT / "mkdocs.en.yml").build_url == SITE_URL + "en/"
    en = Site.from_config(ROOT / "mkdocs.en.yml")
    assert en.alternates() == [
        {"lang": "nb", "url": SITE_URL},
        {"lang": "en", "url": SITE_URL + "en/"},
    ]
    assert en.page_url_absolute("theory/mastery.md") == SITE_URL + "en/theory/mastery/"


def test_last_changed_comes_from_git_or_is_unknown(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.md").write_text("one")
    (repo / "b.md").write_text("one")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", date_="2026-01-02T10:00:00")
    (repo / "b.md").write_text("two")
    git(repo, "commit", "-qam", "second", date_="2026-02-03T10:00:00")
    (repo / "new.md").write_text("never committed")
    assert cite.last_changed(repo / "a.md", repo) == date(2026, 1, 2)
    assert cite.last_changed(repo / "b.md", repo) == date(2026, 2, 3)
    assert cite.last_changed(repo / "new.md", repo) is None
    # A site in a folder of a larger repository; names with spaces and letters beyond ASCII.
    (repo / "site" / "mål").mkdir(parents=True)
    (repo / "site" / "mål" / "en side.md").write_text("three")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "third", date_="2026-03-04T10:00:00")
    (repo / "b.md").write_text("four")
    git(repo, "commit", "-qam", "fourth", date_="2026-04-05T10:00:00")
    site = repo / "site"
    assert cite.last_changed(site / "mål" / "en side.md", site) == date(2026, 3, 4)
    assert cite.last_changed(repo / "b.md", site) is None  # outside the site's folder
    assert cite.last_changed(repo / "site" / "mål" / "en side.md", repo) == date(2026, 3, 4)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.md").write_text("no history")
    assert cite.last_changed(plain / "a.md", plain) is None
    # A shallow clone keeps one commit: a.md's last change is older than what it holds.
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert cite.last_changed(shallow / "a.md", shallow) is None
    assert cite.last_changed(shallow / "b.md", shallow) is None  # the boundary commit itself
    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(deeper))
    dates = cite.Dates(deeper)
    assert dates.last_changed(deeper / "b.md") == date(2026, 4, 5)
    assert dates.last_changed(deeper / "a.md") is None
    assert dates.last_changed(deeper / "site" / "mål" / "en side.md") is None  # the boundary


def test_dates_are_kept_for_the_commit_checked_out(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handbook.buildcache import Store

    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "a.md").write_text("one")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", date_="2026-01-02T10:00:00")
    store = Store(tmp_path / "kept")
    assert cite.Dates(repo, store).last_changed(repo / "a.md") == date(2026, 1, 2)
    logs: list[Path] = []
    real = cite._history
    monkeypatch.setattr(cite, "_history", lambda root: logs.append(root) or real(root))
    assert cite.Dates(repo, store).last_changed(repo / "a.md") == date(2026, 1, 2)
    assert logs == []  # the same commit: the kept dates
    (repo / "a.md").write_text("two")
    git(repo, "commit", "-qam", "second", date_="2026-02-03T10:00:00")
    assert cite.Dates(repo, store).last_changed(repo / "a.md") == date(2026, 2, 3)
    assert len(logs) == 1
    # A shallow clone deepened at the same commit: its dates are read again.
    (repo / "b.md").write_text("three")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "third", date_="2026-03-04T10:00:00")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    assert cite.Dates(shallow, store).last_changed(shallow / "a.md") is None
    git(shallow, "fetch", "-q", "--deepen=2")
    assert cite.Dates(shallow, store).last_changed(shallow / "a.md") == date(2026, 2, 3)


def test_apa_references_in_both_languages() -> None:
    url = SITE_URL + "en/theory/mastery/"
    en = cite.reference("Mastery", "Demands and mastery", url, date(2026, 11, 5), "en")
    assert en.text("December 6, 2026") == (
        "Krav og mestring. (2026, November 5). Mastery. Demands and mastery. "
        f"Retrieved December 6, 2026, from {url}"
    )
    nb = cite.reference("Mestring", "Krav og mestring", SITE_URL, date(2026, 11, 5), "nb")
    assert nb.text("6. desember 2026") == (
        f"Krav og mestring. (2026, 5. november). Mestring. Hentet 6. desember 2026 fra {SITE_URL}"
    )
    undated = cite.reference("Hva nå?", "Krav og mestring", SITE_URL, None, "nb")
    assert undated.text("1. mai 2027").startswith("Krav og mestring. (u.å.). Hva nå? Hentet")
    assert cite.reference("T", "S", "u", None, "en").before == "Krav og mestring. (n.d.)."


CHAPTERS = sorted(
    str(p.relative_to(ROOT / "content" / "nb"))
    for folder in ("theory", "practice")
    for p in (ROOT / "content" / "nb" / folder).glob("*.md")
    if p.name != "index.md"
)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_built_pages_have_canonical_hreflang_and_a_cite_box(site_dir: Path, lang: str) -> None:
    build = site_dir / "en" if lang == "en" else site_dir
    base = SITE_URL + ("en/" if lang == "en" else "")
    for path in CHAPTERS:
        url_path = path[: -len(".md")] + "/"
        html = (build / url_path / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{base}{url_path}">' in html
        for hreflang, href in (("nb", SITE_URL), ("en", SITE_URL + "en/"), ("x-default", SITE_URL)):
            assert f'<link rel="alternate " hreflang="{hreflang}" href="{href}{url_path}">' in html
        assert 'rel="alternate"' not in html  # what Material's script would fetch a sitemap for
        box = re.search(r"<aside class=\"km-cite\".*?</aside>", html, re.S)
        assert box, path
        changed = cite.last_changed(ROOT / "content" / lang / path, ROOT)
        if changed:
            assert f'datetime="{changed.isoformat()}"' in box.group(0)
        assert f"<span data-km-cite-url>{base}{url_path}</span>" in box.group(0)
    index = (build / "theory" / "index.html").read_text(encoding="utf-8")
    assert "km-cite" not in index
    sitemap = (build / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{base}theory/mastery/</loc>" in sitemap


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/theory/mastery/", r"^Krav og mestring\. \((\d{4}, \d{1,2}\. \w+|u\.å\.)\)\. "
         r"Mestring og mestringsorientert ledelse\. Hentet \d{1,2}\. \w+ \d{4} fra "
         r"https://krav-og-mestring\.example/theory/mastery/$"),
        ("/en/practice/own-load/", r"^Krav og mestring\. \((\d{4}, \w+ \d{1,2}|n\.d\.)\)\. "
         r".+\. Demands and mastery\. Retrieved \w+ \d{1,2}, \d{4}, from "
         r"https://krav-og-mestring\.example/en/practice/own-load/$"),
    ],
)  # fmt: skip
def test_cite_box_in_the_browser_fills_the_date_and_copies_without_the_sitemap(
    browser, base_url: str, path: str, pattern: str
) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    # The date comes from the page itself: with the sitemap (which Material's instant navigation
    # reads) refused, the box still fills in and copies.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(origin) and "sitemap" not in route.request.url
            else route.abort()
        ),
    )
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_selector("[data-km-cite-copy]:not([hidden])")
    page.click("[data-km-cite-copy]")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert re.match(pattern, copied), copied
    assert page.inner_text("[data-km-cite-status]") in ("Referansen er kopiert", "Reference copied")
    page.wait_for_load_state("networkidle")
    context.close()
    assert [u for u in requests if not u.startswith(origin)] == []
