"""Site search finds what a manager types: synonyms, no form widgets in the index, and the
real search box in Chromium putting a relevant page in the top three."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, wait_js

from handbook.model import assessment_files, load_file
from handbook.problems import HandbookError
from handbook.search import Synonym, enrich_index, load_synonyms
from handbook.ui_strings import strings

TIMEOUT = 60_000
SPECS = [load_file(p) for p in assessment_files([ROOT / "assessments"])]

# Everyday queries, each with the pages that answer it (any of them in the top three passes).
QUERIES = [
    # A word the handbook does not use: it says «nærstående».
    ("nb", "pårørende", ["/practice/demanding-life-situations/", "/theory/work-and-life/"]),
    # A common misspelling of «sykmelding».
    ("nb", "sykemelding", ["/practice/absence-follow-up/", "/theory/sickness-absence/"]),
    ("nb", "dialogmøte", ["/practice/absence-follow-up/"]),
    ("nb", "tilrettelegging", ["/practice/accommodation/"]),
    # The abbreviation, for «bedriftshelsetjeneste».
    ("nb", "BHT", ["/practice/accommodation/", "/practice/absence-follow-up/"]),
    # The law says «aktivitetskrav»; readers often say «aktivitetsplikt».
    ("nb", "aktivitetsplikt", ["/practice/absence-follow-up/", "/theory/sickness-absence/"]),
    ("nb", "oppfølgingsplan", ["/practice/absence-follow-up/"]),
    ("nb", "emosjonelt arbeid", ["/theory/emotional-labour/", "/practice/emotional-load/"]),
    ("nb", "utbrenthet", ["/theory/job-demands-resources/", "/theory/leader-load/"]),
    # The handbook speaks of NAV's «saksbehandlere» in the follow-up of sick leave.
    ("nb", "NAV-veileder", ["/theory/sickness-absence/", "/practice/absence-follow-up/"]),
    ("en", "relatives", ["/en/practice/demanding-life-situations/", "/en/theory/work-and-life/"]),
    ("en", "sick note", ["/en/practice/absence-follow-up/", "/en/theory/sickness-absence/"]),
    ("en", "reasonable adjustments", ["/en/practice/accommodation/"]),
    ("en", "burnout", ["/en/theory/job-demands-resources/", "/en/theory/leader-load/"]),
    ("en", "emotional labour", ["/en/theory/emotional-labour/", "/en/practice/emotional-load/"]),
]


def top_pages(page, base_url: str, lang: str, query: str) -> list[str]:
    """Type into Material's search box and read the pages of the results, best first."""
    page.goto(base_url + ("/en/" if lang == "en" else "/"))
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    # The whole query at once (typing letter by letter would show results for its first
    # letters in between); Material reads the box on key up, so end with a key.
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT)
    return page.eval_on_selector_all(
        ".md-search-result__list > li > a:first-child",
        "links => links.map(a => new URL(a.href).pathname)",
    )


@pytest.mark.parametrize(("lang", "query", "relevant"), QUERIES, ids=[q for _, q, _ in QUERIES])
def test_everyday_queries_find_a_relevant_page_in_the_top_three(
    page, base_url: str, lang: str, query: str, relevant: list[str]
) -> None:
    found = top_pages(page, base_url, lang, query)
    assert set(found[:3]) & set(relevant), f"{query!r}: top three {found[:3]}"


def test_the_index_is_fetched_on_first_use_of_search_not_on_every_page(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    index = "/search/search_index.json"
    page.goto(base_url + "/theory/demand-control-support/", wait_until="load")
    page.wait_for_timeout(1000)  # an idle reader: nothing more may arrive
    page.click("a.md-footer__link--prev")  # to the chapter before, by instant navigation
    page.wait_for_url(re.compile(r"/theory/job-demands-resources/(#.*)?$"))
    # The new page is in (its address changes first; Material closes search as it swaps).
    wait_js(page, "() => document.querySelector('.md-content h1')?.textContent.includes('JD-R')")
    assert [u for u in asked if u.endswith(index)] == []
    page.keyboard.press("s")  # Material's shortcut opens search and focuses the box
    box = page.locator("input[data-md-component='search-query']")
    wait_js(page, "() => document.activeElement.matches('[data-md-component=search-query]')")
    box.fill("utbrenthet")
    box.press("End")
    # The results are in (whether Material has since closed the dialog for the navigation's
    # address change or not: the test above reads them in the open dialog).
    wait_js(page, "() => document.querySelector('.md-search-result__item') !== null", None, TIMEOUT)
    assert [u for u in asked if u.endswith(index)] == [base_url + index]
    context.close()


def test_a_page_opened_from_a_search_result_highlights_the_words(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/theory/job-demands-resources/?h=utbrenthet")
    page.wait_for_selector("mark[data-md-highlight]", timeout=TIMEOUT)
    assert "utbrenthet" in page.inner_text("mark[data-md-highlight]").lower()
    context.close()


# ----------------------------------------------------------------------------- the index


def index_of(site_dir: Path, lang: str) -> dict:
    path = site_dir / ("en" if lang == "en" else "") / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_form_widgets_stay_out_of_the_index(site_dir: Path, lang: str) -> None:
    docs = index_of(site_dir, lang)["docs"]
    everywhere = " ".join(f"{d['title']} {d['text']}" for d in docs)
    for spec in SPECS:
        # The form's own page: its intro and "about" stay, the form's texts do not.
        own = " ".join(
            d["text"] for d in docs if d["location"].startswith(f"self-assessments/{spec.id}/")
        )
        for item in spec.items:
            assert item.text.get(lang) not in everywhere, (spec.id, item.id)
            labels = [o.label.get(lang) for o in item.options if len(o.label.get(lang)) > 12]
            assert not [label for label in labels if label in own], (spec.id, item.id)
            if item.explain is not None:
                assert item.explain.get(lang).split("\n")[0][:60] not in own, (spec.id, item.id)
        answer = [d for d in docs if d["location"] == f"self-assessments/{spec.id}/#answer"]
        for group in spec.groups:  # the names the result groups its dimensions by
            assert not [d for d in answer if group.title.get(lang) in d["text"]], spec.id
    ui = [strings(lang)[key] for key in ("privacy", "keys_hint", "no_js")]
    assert not [d["location"] for d in docs if any(text in d["text"] for text in ui)]
    assert not [d["location"] for d in docs if "#km-" in d["location"]]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_practice_guides_are_boosted_and_knowledge_checks_lowered(
    site_dir: Path, lang: str
) -> None:
    boosts = {
        d["location"].split("#")[0]: d.get("boost", 1) for d in index_of(site_dir, lang)["docs"]
    }
    practice = {loc: b for loc, b in boosts.items() if loc.startswith("practice/")}
    assert practice and set(practice.values()) == {2}
    knowledge = {s.id for s in SPECS if s.kind == "knowledge"}
    assert {boosts[f"self-assessments/{k}/"] for k in knowledge} == {0.5}


def test_synonyms_are_added_where_the_handbook_word_is_used(site_dir: Path) -> None:
    docs = {d["location"]: d for d in index_of(site_dir, "nb")["docs"]}
    with_relatives = [loc for loc, d in docs.items() if "pårørende" in d.get("synonyms", "")]
    assert with_relatives and all("nærstående" in docs[loc]["text"] for loc in with_relatives)
    assert index_of(site_dir, "nb")["config"]["fields"]["synonyms"] == {"boost": 1.0}


# ----------------------------------------------------------------------------- the engine


def test_enrich_index_counts_uses_and_matches_word_starts_in_any_case() -> None:
    index = {
        "config": {"fields": {"title": {"boost": 1000}}},
        "docs": [
            {"location": "a/", "title": "Sykmelding", "text": "<p>Sykmeldingen og sykmeldte</p>"},
            {"location": "b/", "title": "B", "text": "<p>Ingen sykemelding, bare usykmeldt</p>"},
            {"location": "b/#km-b-result", "title": "B", "text": ""},
        ],
    }
    enrich_index(index, [Synonym("sykemelding", ("sykmeld",))], "syn.yml")
    assert index["config"]["fields"]["synonyms"] == {"boost": 1.0}
    assert index["docs"] == [
        {
            "location": "a/",
            "title": "Sykmelding",
            "text": "<p>Sykmeldingen og sykmeldte</p>",
            "synonyms": "sykemelding sykemelding sykemelding",
        },
        {"location": "b/", "title": "B", "text": "<p>Ingen sykemelding, bare usykmeldt</p>"},
    ]


def test_sections_met_before_are_not_searched_again(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handbook import search

    def index() -> dict[str, Any]:
        return {
            "config": {"fields": {}},
            "docs": [
                {"location": "a/", "title": "A", "text": "<p>Sykmeldingen og sykmeldte</p>"},
                {"location": "b/", "title": "B", "text": "<p>Ingen her</p>"},
            ],
        }

    synonyms = [Synonym("sykemelding", ("sykmeld",))]
    known: dict[bytes, tuple[str, ...]] = {}
    first = enrich_index(index(), synonyms, "syn.yml", known)
    assert first == enrich_index(index(), synonyms, "syn.yml") and len(known) == 2
    searched: list[str] = []
    real = search._readers_words
    monkeypatch.setattr(
        search, "_readers_words", lambda text, p: searched.append(text) or real(text, p)
    )
    assert enrich_index(index(), synonyms, "syn.yml", known) == first and searched == []
    changed = index()
    changed["docs"][1]["text"] = "<p>Sykmeldt</p>"
    assert enrich_index(changed, synonyms, "syn.yml", known)["docs"][1]["synonyms"] == (
        "sykemelding"
    )
    assert searched == ["B <p>Sykmeldt</p>"] and len(known) == 2  # only this index's sections


def test_an_index_enriched_before_is_written_again_as_it_was(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handbook import buildcache, search

    def written(text: str, synonyms: list[Synonym]) -> str:
        path = tmp_path / "search_index.json"
        path.write_text(text, encoding="utf-8")
        search.enrich_index_file(path, synonyms, "syn.yml", buildcache.Store(tmp_path / "kept"))
        return path.read_text(encoding="utf-8")

    docs = [{"location": "a/", "title": "A", "text": "<p>Sykmeldt</p>"}]
    source = json.dumps({"config": {"fields": {}}, "docs": docs})
    synonyms = [Synonym("sykemelding", ("sykmeld",))]
    first = written(source, synonyms)
    assert json.loads(first)["docs"][0]["synonyms"] == "sykemelding"
    real = search.enrich_index
    enriched: list[int] = []
    monkeypatch.setattr(search, "enrich_index", lambda *a: enriched.append(1) or real(*a))
    assert written(source, synonyms) == first and enriched == []
    # Another index, other synonyms: enriched anew.
    other = source.replace("Sykmeldt", "Sykmeldt i dag")
    assert json.loads(written(other, synonyms))["docs"][0]["text"] == "<p>Sykmeldt i dag</p>"
    assert enriched == [1]
    more = [*synonyms, Synonym("legeerklæring", ("sykmeldt",))]
    assert json.loads(written(source, more))["docs"][0]["synonyms"] == "sykemelding legeerklæring"
    # An index where a synonym has gone stale fails every time, kept or not.
    stale = [Synonym("BHT", ("bedriftshelsetjeneste",), 4, 1)]
    for _ in range(2):
        with pytest.raises(HandbookError):
            written(source, stale)


def test_a_synonym_no_page_uses_fails_with_its_place() -> None:
    index = {"config": {"fields": {}}, "docs": [{"location": "", "title": "T", "text": "x"}]}
    with pytest.raises(HandbookError) as error:
        enrich_index(index, [Synonym("BHT", ("bedriftshelsetjeneste",), 4, 1)], "syn.yml")
    assert str(error.value) == (
        "syn.yml:4:1: error: no page uses 'bedriftshelsetjeneste' (for 'BHT')"
    )


def test_bad_synonyms_file_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "search-synonyms.nb.yml"
    path.write_text(
        "# comment\npårørende: [nærstående]\nBHT: 12\non: [x]\ntom: []\nfoo: {a: b}\n",
        encoding="utf-8",
    )
    with pytest.raises(HandbookError) as error:
        load_synonyms(path, "includes/search-synonyms.nb.yml")
    assert str(error.value).splitlines() == [
        "includes/search-synonyms.nb.yml:3:6: error: a handbook word for 'BHT' must be a word, "
        "got a number",
        "includes/search-synonyms.nb.yml:4:1: error: a reader's word must be a word; YAML reads "
        "'on' as no text: put it in quotes",
        "includes/search-synonyms.nb.yml:5:6: error: no handbook word for 'tom'",
        "includes/search-synonyms.nb.yml:6:6: error: a handbook word for 'foo' must be a word, "
        "got a mapping",
    ]


def test_synonyms_files_load(tmp_path: Path) -> None:
    for lang in ("nb", "en"):
        found = load_synonyms(ROOT / "includes" / f"search-synonyms.{lang}.yml", lang)
        assert len(found) >= 10
    assert load_synonyms(tmp_path / "missing.yml", "missing.yml") == []
