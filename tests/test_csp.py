"""Every page declares a Content-Security-Policy, and reading and completing assessments
causes no violation of it (DESIGN §7.4)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from test_browser import SPECS, answer, page_of, submit

COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def test_every_built_page_has_the_policy(site_dir: Path) -> None:
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 50
    missing = [
        p for p in pages if 'http-equiv="Content-Security-Policy"' not in p.read_text("utf-8")
    ]
    assert missing == []
    html = (site_dir / "index.html").read_text("utf-8")
    for directive in ("connect-src 'self'", "form-action 'none'", "'wasm-unsafe-eval'"):
        assert directive in html
    assert "unsafe-eval'" not in html.replace("'wasm-unsafe-eval'", "")
    assert "'unsafe-inline'" not in html
    # One policy per build (language), the same on each of its pages, allowing every inline
    # script of all of them (instant navigation runs the scripts of each page it swaps in
    # under the first page's policy).
    policies: dict[bool, set[bytes]] = {True: set(), False: set()}
    scripts: dict[bool, set[bytes]] = {True: set(), False: set()}
    for page in pages:
        data, english = page.read_bytes(), page.relative_to(site_dir).parts[0] == "en"
        found = re.findall(rb'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', data)
        assert len(found) == 1, page
        policies[english].add(found[0])
        for attrs, body in re.findall(rb"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", data, re.S):
            if b"application/json" not in attrs and b"application/ld+json" not in attrs:
                scripts[english].add(base64.b64encode(hashlib.sha256(body).digest()))
    for english in (True, False):
        assert len(policies[english]) == 1 and scripts[english]
        policy = next(iter(policies[english]))
        assert all(b"'sha256-" + h + b"'" in policy for h in scripts[english])


def test_a_build_written_with_the_last_policy_is_written_again_only_if_scripts_changed(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from handbook import csp
    from handbook.buildcache import Store

    def page(script: str) -> str:
        return f"<html><head><meta charset=utf-8><script>{script}</script></head></html>"

    writes: list[str] = []
    real = Path.write_bytes
    monkeypatch.setattr(
        Path,
        "write_bytes",
        lambda p, d: p.suffix == ".html" and writes.append(p.name) or real(p, d),
    )

    def build(scripts: dict[str, str]) -> dict[str, str]:
        policy = csp.BuildPolicy(Store(tmp_path / "kept"), "build")
        for name, script in scripts.items():
            (tmp_path / name).write_text(policy.page(page(script), tmp_path / name), "utf-8")
        writes.clear()
        policy.finish([tmp_path / name for name in scripts])
        return {name: (tmp_path / name).read_text("utf-8") for name in scripts}

    def expected(scripts: dict[str, str]) -> dict[str, str]:
        hashes = sorted({h for s in scripts.values() for h in csp.script_hashes(page(s).encode())})
        return {
            name: page(s).replace("utf-8>", "utf-8>" + csp.meta(hashes))
            for name, s in scripts.items()
        }

    first = {"a.html": "a()", "b.html": "b()"}
    assert build(first) == expected(first) and sorted(writes) == ["a.html", "b.html"]
    assert build(first) == expected(first) and writes == []  # final as written
    changed = {"a.html": "a()", "b.html": "c()"}
    assert build(changed) == expected(changed) and sorted(writes) == ["a.html", "b.html"]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_reading_and_completing_causes_no_violation(browser, base_url: str, lang: str) -> None:
    context = browser.new_context()
    context.add_init_script(COLLECT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    prefix = "/en" if lang == "en" else ""
    seen: list[str] = []
    for path in ("/", "/theory/job-demands-resources/", "/glossary/", "/self-assessments/",
                 "/my-results/", "/practice/absence-follow-up/"):  # fmt: skip
        page.goto(base_url + prefix + path)
        page.wait_for_timeout(300)
        seen += page.evaluate("window.__csp")
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id, lang))
    answer(page, spec.id, {item.id: item.options[1].value for item in spec.items})
    submit(page, spec.id)
    seen += page.evaluate("window.__csp")
    quiz = SPECS["knowledge-jdr"]
    page.goto(base_url + page_of(quiz.id, lang))
    answer(page, quiz.id, {item.id: item.options[0].value for item in quiz.items})
    submit(page, quiz.id)
    page.click("input[data-md-component='search-query']")
    page.keyboard.type("mestring" if lang == "nb" else "mastery")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    seen += page.evaluate("window.__csp")
    context.close()
    assert seen == []
    assert errors == []


def test_inline_scripts_are_found_as_the_whole_pattern_finds_them() -> None:
    from handbook import csp

    page = (
        '<SCRIPT>a()</SCRIPT><script src="x.js"></script><script type="application/json">{}'
        '</script><sCrIpT>var s = "<script>";</ScRiPt><p>é</p><script>"ø\ud800"</script>'
        "<scripts>b()</script><script>never closed"
    )
    written = page.encode("utf-8", "xmlcharrefreplace")
    expected = []
    for attrs, body in csp.INLINE_SCRIPT.findall(written):
        if not csp.DATA_TYPE.search(attrs):
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            expected.append(f"'sha256-{digest}'")
    assert len(expected) == 4
    assert csp.script_hashes(page) == csp.script_hashes(written) == expected
