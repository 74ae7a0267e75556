"""APA 7 from the CSL processor: reference lists, in-text citations and located errors.

The golden strings are what citeproc-py renders with the official apa.csl and the nb-NO/en-US
locales (plus the fixes in handbook.csl_fixes); each was checked against the APA 7 manual.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import citations
from handbook.problems import HandbookError

BIB_YAML = """\
karasek1979:
  type: article-journal
  author:
    - {family: Karasek, given: R. A.}
  issued: {date-parts: [[1979]]}
  title: "Job demands, job decision latitude, and mental strain: Implications for job redesign"
  container-title: Administrative Science Quarterly
  volume: 24
  issue: 2
  page: 285–308
  DOI: 10.2307/2392498
johnson1988:
  type: article-journal
  author:
    - {family: Johnson, given: J. V.}
    - {family: Hall, given: E. M.}
  issued: {date-parts: [[1988]]}
  title: Job strain, work place social support, and cardiovascular disease
  container-title: American Journal of Public Health
  volume: 78
  issue: 10
  page: 1336–1342
bakker2005:
  type: article-journal
  author:
    - {family: Bakker, given: A. B.}
    - {family: Demerouti, given: E.}
    - {family: Euwema, given: M. C.}
  issued: {date-parts: [[2005]]}
  title: Job resources buffer the impact of job demands on burnout
  container-title: Journal of Occupational Health Psychology
karasek1990:
  type: book
  author:
    - {family: Karasek, given: R.}
    - {family: Theorell, given: T.}
  issued: {date-parts: [[1990]]}
  title: "Healthy work: Stress, productivity, and the reconstruction of working life"
  publisher: Basic Books
einarsen2021:
  type: book
  language: nb
  editor:
    - {family: Einarsen, given: S.}
    - {family: Skogstad, given: A.}
  issued: {date-parts: [[2021]]}
  title: "Det gode arbeidsmiljø: Krav og utfordringer"
  edition: 3
  publisher: Fagbokforlaget
maddux2009:
  type: chapter
  author:
    - {family: Maddux, given: J. E.}
  editor:
    - {family: Snyder, given: C. R.}
    - {family: Lopez, given: S. J.}
  issued: {date-parts: [[2009]]}
  title: "Self-efficacy: The power of believing you can"
  container-title: Oxford handbook of positive psychology
  edition: 2
  page: 335–343
  publisher: Oxford University Press
who2019:
  type: report
  author:
    - {literal: World Health Organization}
  issued: {date-parts: [[2019]]}
  title: Burn-out an "occupational phenomenon"
  number: WHO/MSD/19.1
taranger2023:
  type: thesis
  language: nb
  author:
    - {family: Taranger, given: S. R.}
  issued: {date-parts: [[2023]]}
  title: Lederes håndtering
  genre: Masteroppgave
  publisher: Universitetet i Sørøst-Norge
aml2005:
  type: legislation
  language: nb
  issued: {date-parts: [[2005]]}
  title: Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven)
  title-short: Arbeidsmiljøloven
  container-title: LOV-2005-06-17-62
  URL: https://lovdata.no/lov/2005-06-17-62
  note: internal note that must not be printed
navnd:
  type: webpage
  language: nb
  author:
    - {literal: NAV}
  title: Dialogmøte 1
  URL: https://www.nav.no/dialogmote
  accessed: {date-parts: [[2026, 11, 25]]}
ks2015a:
  type: webpage
  language: nb
  author:
    - {literal: KS}
  issued: {date-parts: [[2015]]}
  title: Beta page
  container-title: ks.no
ks2015b:
  type: webpage
  language: nb
  author:
    - {literal: KS}
  issued: {date-parts: [[2015]]}
  title: Alpha page
  container-title: ks.no
stress2020:
  type: webpage
  title: Stress at work
  container-title: Health Site
  issued: {date-parts: [[2020]]}
  URL: https://example.org/stress
"""


@pytest.fixture(scope="module")
def bib(tmp_path_factory: pytest.TempPathFactory) -> citations.Bibliography:
    path = tmp_path_factory.mktemp("bib") / "refs.yaml"
    path.write_text(BIB_YAML, encoding="utf-8")
    return citations.load_bibliography([path])


def ref(bib: citations.Bibliography, key: str, lang: str) -> str:
    """One entry of the reference list, without its paragraph."""
    html = citations.reference_list([key], bib, lang)
    prefix = f'<p class="km-ref" id="ref-{key}">'
    assert html.startswith(prefix) and html.endswith("</p>")
    return html[len(prefix) : -len("</p>")]


def link(url: str) -> str:
    return f'<a href="{url}">{url}</a>'


GOLDEN = {
    # APA 7 10.1, example 1: journal article with a DOI.
    ("karasek1979", "nb"): "Karasek, R. A. (1979). Job demands, job decision latitude, and mental "
    "strain: Implications for job redesign. <i>Administrative Science Quarterly</i>, <i>24</i>(2), "
    "285–308. " + link("https://doi.org/10.2307/2392498"),
    # APA 7 10.2, example 20: authored book.
    ("karasek1990", "en"): "Karasek, R., &amp; Theorell, T. (1990). <i>Healthy work: Stress, "
    "productivity, and the reconstruction of working life</i>. Basic Books.",
    # APA 7 10.2, example 24: edited book with edition; "(Red.)"/"(Eds.)", "3. utg."/"3rd ed.".
    ("einarsen2021", "nb"): "Einarsen, S., &amp; Skogstad, A. (Red.). (2021). <i>Det gode "
    "arbeidsmiljø: Krav og utfordringer</i> (3. utg.). Fagbokforlaget.",
    ("einarsen2021", "en"): "Einarsen, S., &amp; Skogstad, A. (Eds.). (2021). <i>Det gode "
    "arbeidsmiljø: Krav og utfordringer</i> (3rd ed.). Fagbokforlaget.",
    # APA 7 10.3, example 38: chapter in an edited book.
    ("maddux2009", "nb"): "Maddux, J. E. (2009). Self-efficacy: The power of believing you can. "
    "I C. R. Snyder &amp; S. J. Lopez (Red.), <i>Oxford handbook of positive psychology</i> "
    "(2. utg., s. 335–343). Oxford University Press.",
    ("maddux2009", "en"): "Maddux, J. E. (2009). Self-efficacy: The power of believing you can. "
    "In C. R. Snyder &amp; S. J. Lopez (Eds.), <i>Oxford handbook of positive psychology</i> "
    "(2nd ed., pp. 335–343). Oxford University Press.",
    # APA 7 10.4, example 50: report by a group author, no publisher when it is the author.
    ("who2019", "en"): 'World Health Organization. (2019). <i>Burn-out an "occupational '
    'phenomenon"</i> (WHO/MSD/19.1).',
    # APA 7 10.6, example 66: unpublished thesis, institution as the source.
    ("taranger2023", "nb"): "Taranger, S. R. (2023). <i>Lederes håndtering</i> [Masteroppgave]. "
    "Universitetet i Sørøst-Norge.",
    # APA 7 11.5: statute, "Name of act, source (year). URL".
    ("aml2005", "nb"): "Lov om arbeidsmiljø, arbeidstid og stillingsvern mv. (arbeidsmiljøloven), "
    "LOV-2005-06-17-62 (2005). " + link("https://lovdata.no/lov/2005-06-17-62"),
    # APA 7 10.16, example 113: undated web page with a retrieval date.
    ("navnd", "nb"): "NAV. (u.å.). <i>Dialogmøte 1</i>. Hentet 25. november 2026, fra "
    + link("https://www.nav.no/dialogmote"),
    ("navnd", "en"): "NAV. (n.d.). <i>Dialogmøte 1</i>. Retrieved November 25, 2026, from "
    + link("https://www.nav.no/dialogmote"),
    # APA 7 9.47: same author and year, letters by title.
    ("ks2015b", "nb"): "KS. (2015a). <i>Alpha page</i>. ks.no.",
    ("ks2015a", "nb"): "KS. (2015b). <i>Beta page</i>. ks.no.",
    # APA 7 9.12: no author, the title moves to the front.
    ("stress2020", "en"): "<i>Stress at work</i>. (2020). Health Site. "
    + link("https://example.org/stress"),
}


@pytest.mark.parametrize("key, lang", list(GOLDEN))
def test_reference_entries_in_apa7(bib, key: str, lang: str) -> None:
    assert ref(bib, key, lang) == GOLDEN[(key, lang)]


def a(key: str, text: str) -> str:
    return f'<a href="#ref-{key}">{text}</a>'


def one(key: str, text: str) -> str:
    """A parenthetical citation of one work."""
    return f"({a(key, text)})"


@pytest.mark.parametrize(
    "source, lang, expected",
    [
        ("[@karasek1979]", "nb", one("karasek1979", "Karasek, 1979")),
        ("[@johnson1988, s. 1337]", "nb", one("johnson1988", "Johnson &amp; Hall, 1988, s. 1337")),
        ("[@johnson1988, p. 1337]", "en", one("johnson1988", "Johnson &amp; Hall, 1988, p. 1337")),
        ("[@johnson1988, pp. 1–2]", "en", one("johnson1988", "Johnson &amp; Hall, 1988, pp. 1–2")),
        ("[@bakker2005]", "en", one("bakker2005", "Bakker et al., 2005")),
        ("[@taranger2023, avsnitt 4.3]", "nb", one("taranger2023", "Taranger, 2023, avsnitt 4.3")),
        ("[@taranger2023, section 4.3]", "en", one("taranger2023", "Taranger, 2023, Section 4.3")),
        ("[@taranger2023, avsnitt 3 og 4]", "nb", one("taranger2023", "Taranger, 2023, avsnitt 3 og 4")),
        ("[@taranger2023, sections 3 and 4]", "en", one("taranger2023", "Taranger, 2023, Sections 3 and 4")),
        ("[@taranger2023, kap. 2]", "nb", one("taranger2023", "Taranger, 2023, kapittel 2")),
        ("[@taranger2023, ch. 2]", "en", one("taranger2023", "Taranger, 2023, Chapter 2")),
        ("[@taranger2023, sammendraget]", "nb", f"({a('taranger2023', 'Taranger, 2023')}, sammendraget)"),
        # Several works: the processor orders them as the reference list does (APA 8.12).
        (
            "[@karasek1990; @johnson1988, p. 70]", "en",
            f"({a('johnson1988', 'Johnson &amp; Hall, 1988, p. 70')}; "
            f"{a('karasek1990', 'Karasek &amp; Theorell, 1990')})",
        ),
        # Same authors: the names once, then the years (APA 8.12; the style's collapse="year").
        ("[@ks2015a; @ks2015b]", "nb", f"({a('ks2015b', 'KS, 2015a')}, {a('ks2015a', '2015b')})"),
        ("[@karasek1979; @karasek1990; @johnson1988]", "en", f"({a('johnson1988', 'Johnson &amp; Hall, 1988')}; {a('karasek1979', 'Karasek, 1979')}; {a('karasek1990', 'Karasek &amp; Theorell, 1990')})"),
        ("Karasek [-@karasek1979] viste", "nb", f"Karasek {one('karasek1979', '1979')} viste"),
        ("Karasek [-@karasek1979, s. 3]", "nb", f"Karasek {one('karasek1979', '1979, s. 3')}"),
        ("[@aml2005, § 4-6]", "nb", f"({a('aml2005', 'Arbeidsmiljøloven, 2005')}, § 4-6)"),
        ("[@navnd]", "nb", one("navnd", "NAV, u.å.")),
        ("[@navnd]", "en", one("navnd", "NAV, n.d.")),
        ("[@ks2015b] [@ks2015a]", "nb", f"{one('ks2015b', 'KS, 2015a')} {one('ks2015a', 'KS, 2015b')}"),
        ("[@stress2020]", "en", one("stress2020", "<i>Stress at Work</i>, 2020")),
        ("[@einarsen2021]", "nb", one("einarsen2021", "Einarsen &amp; Skogstad, 2021")),
        ("a [link](x.md) and an [@](mail)", "nb", "a [link](x.md) and an [@](mail)"),
        ("`[@karasek1979]` stays code", "nb", "`[@karasek1979]` stays code"),
    ],
)  # fmt: skip
def test_in_text_citations(bib, source: str, lang: str, expected: str) -> None:
    out, cited = citations.cite_markdown(source, bib, "page.md", None, lang)
    assert out == expected
    assert cited.problems == []


def test_fenced_code_is_left_alone(bib) -> None:
    text = "```markdown\n[@karasek1979]\n```\n[@karasek1979]"
    out, cited = citations.cite_markdown(text, bib)
    assert out.split("\n")[1] == "[@karasek1979]"
    assert cited.keys == ["karasek1979"]


def test_unknown_key_has_a_position_and_a_hint(bib) -> None:
    _, cited = citations.cite_markdown("Intro\n\nSee [@karsek1979, s. 3].", bib, "c.md")
    assert [str(p) for p in cited.problems] == [
        "c.md:3:5: error: unknown citation key 'karsek1979' (did you mean 'karasek1979'?)"
    ]


def test_author_suppressed_for_some_works_only_is_a_problem(bib) -> None:
    _, cited = citations.cite_markdown("x [-@karasek1979; @johnson1988]", bib, "c.md")
    assert [str(p) for p in cited.problems] == [
        "c.md:1:3: error: write [-@key] only for single works or for all works of a citation"
    ]


def test_reference_list_is_sorted_and_anchored(bib) -> None:
    keys = ["stress2020", "karasek1990", "johnson1988", "karasek1979", "aml2005"]
    listing = citations.reference_list(keys, bib, "en")
    assert [line.split('"')[3] for line in listing.split("\n\n")] == [
        "ref-johnson1988",
        "ref-karasek1979",
        "ref-karasek1990",
        "ref-aml2005",  # Lov om arbeidsmiljø …
        "ref-stress2020",  # Stress at work (a title sorts like a name)
    ]


def test_notes_are_never_printed(bib) -> None:
    assert "internal note" not in citations.reference_list(bib.entries, bib, "nb")


def test_undated_works_by_one_author_get_letters_in_each_language(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "nava:\n  type: webpage\n  author: [{literal: NAV}]\n  title: B page\n"
        "navb:\n  type: webpage\n  author: [{literal: NAV}]\n  title: A page\n",
        encoding="utf-8",
    )
    bib = citations.load_bibliography([tmp_path / "r.yaml"])
    nb, _ = citations.cite_markdown("[@nava; @navb]", bib, lang="nb")
    en, _ = citations.cite_markdown("[@nava; @navb]", bib, lang="en")
    assert nb == f"({a('navb', 'NAV, u.å.-a')}, {a('nava', 'u.å.-b')})"
    assert en == f"({a('navb', 'NAV, n.d.-a')}, {a('nava', 'n.d.-b')})"


def test_repo_bibliography_loads() -> None:
    root = Path(__file__).resolve().parents[1]
    bib = citations.load_bibliography((root / "references").glob("*.yaml"))
    assert {"taranger2023", "karasek1979", "aml2005"} <= set(bib.entries)
    assert len(bib.processor("nb").order) == len(bib.entries)


# ----------------------------------------------------------------------------- errors


def problems(tmp_path: Path, **files: str) -> list[str]:
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(HandbookError) as info:
        citations.load_bibliography(sorted(tmp_path.glob("*.yaml")))
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_every_bibliography_problem_at_once_with_its_place(tmp_path: Path) -> None:
    a_yaml = """\
x2020:
  type: article-journal
  author:
    - {family: X, given: A.}
  title: A
  jornal: J
  year: 2020
"""
    b_yaml = """\
x2020:
  type: book
  title: B
y2021:
  title: C
z2022:
  type: artcle-journal
  author:
    - "Zed, A."
    - {famly: Zed, given: B.}
    - {given: C.}
  issued: 2022
  title: [D]
w2023:
  type: book
  author: [{literal: W}]
  issued: {date-parts: [[2023, 13]]}
  title: E
  publisher: P
Bad_Key:
  type: webpage
  title: F
  author: [{literal: G}]
v2024:
  type: webpage
  title: H
  author: [{literal: I}]
  URL: https://example.org/h
"""
    assert problems(tmp_path, a=a_yaml, b=b_yaml) == [
        "a.yaml:1:1: error: entry 'x2020' (article-journal) needs 'container-title'",
        "a.yaml:6:3: error: unknown field 'jornal' in entry 'x2020' (did you mean "
        "'container-title'?)",
        "a.yaml:7:3: error: unknown field 'year' in entry 'x2020' (CSL calls it 'issued')",
        "b.yaml:1:1: error: citation key 'x2020' is already defined in a.yaml:1",
        "b.yaml:4:1: error: entry 'y2021' needs a type: article-journal, book, chapter, report, "
        "thesis, legislation, webpage (or another CSL type)",
        "b.yaml:7:9: error: unknown type 'artcle-journal' in entry 'z2022' (did you mean "
        "'article-journal'?)",
        "b.yaml:9:7: error: name 'Zed, A.' in author of 'z2022' must be written "
        "{family: Zed, given: A.}",
        "b.yaml:10:7: error: a name in author of 'z2022' needs 'family' (a person) or 'literal' "
        "(an organisation)",
        "b.yaml:10:8: error: unknown name part 'famly' in author of 'z2022' (did you mean "
        "'family'?)",
        "b.yaml:11:7: error: a name in author of 'z2022' needs 'family' (a person) or 'literal' "
        "(an organisation)",
        "b.yaml:12:11: error: issued of 'z2022' must be {date-parts: [[YEAR]]} or "
        "{date-parts: [[YEAR, MONTH, DAY]]}, e.g. {date-parts: [[2022]]}",
        "b.yaml:13:10: error: title of 'z2022' must be text",
        "b.yaml:17:25: error: issued of 'w2023' has month 13; a month is 1–12",
        "b.yaml:20:1: error: citation key 'Bad_Key' may hold only lower-case letters, digits, "
        "'-', '_' and ':' (e.g. karasek1979)",
        "b.yaml:24:1: error: entry 'v2024' (webpage) has a URL but no date, so APA 7 needs "
        "'accessed': the day you read the page",
    ]


def test_an_entry_the_processor_cannot_render(tmp_path: Path) -> None:
    mail = """\
karasek1979:
  type: book
  author: [{family: Karasek, given: R.}]
  title: Healthy work
  publisher: Basic Books
berg2024:
  type: personal_communication
  author: [{family: Berg, given: K.}]
  issued: {date-parts: [[2024, 3, 1]]}
  title: E-mail about rosters
"""
    assert problems(tmp_path, r=mail) == [
        "r.yaml:6:1: error: entry 'berg2024' cannot be rendered in APA 7 (nb, en): the style "
        "gives this type no reference-list entry (APA cites a personal communication in the "
        "text only); check its type and fields against CONTRIBUTING.md"
    ]


# ----------------------------------------------------------------------------- kept results


def test_kept_results_give_the_same_html_and_a_changed_entry_is_rendered_anew(
    tmp_path: Path,
) -> None:
    """Builds keep the processor's results in a cache folder; the next build must give the
    very same HTML from them, and any change to the entries must not be served from them."""
    (tmp_path / "r.yaml").write_text(BIB_YAML, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "nava:\n  type: webpage\n  author: [{literal: NAV}]\n  title: B page\n"
        "navb:\n  type: webpage\n  author: [{literal: NAV}]\n  title: A page\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    files = sorted(tmp_path.glob("*.yaml"))
    source = "Se [@karasek1979, s. 290; @johnson1988], Karasek [-@karasek1979] og [@nava; @navb]."

    def render(bib: citations.Bibliography) -> tuple[str, str]:
        cited = citations.Cited()
        text, _ = citations.cite_markdown(source, bib, cited=cited, lang="nb")
        return text, citations.reference_list(cited.keys, bib, "nb")

    fresh = render(citations.load_bibliography(files))
    first = citations.load_bibliography(files, cache)
    assert render(first) == fresh
    first.save()
    assert len(list(cache.glob("csl-*.json"))) == 2  # both languages (the load checks both)

    again = citations.load_bibliography(files, cache)
    assert not again.processor("nb")._live  # served from the kept results
    assert render(again) == fresh
    assert not again.processor("nb")._live

    # A citation the last build never rendered starts the processor and gives its own HTML.
    new, _ = citations.cite_markdown("[@bakker2005, s. 3]", again, lang="nb")
    plain, _ = citations.cite_markdown("[@bakker2005, s. 3]", citations.load_bibliography(files))
    assert new == plain

    # A changed entry: the kept results are not used for it.
    (tmp_path / "s.yaml").write_text(
        (tmp_path / "s.yaml").read_text(encoding="utf-8").replace("B page", "C page"),
        encoding="utf-8",
    )
    changed = citations.load_bibliography(files, cache)
    assert changed.processor("nb")._live
    text, _ = render(changed)
    assert "C page" not in fresh[1] and "C page" in render(changed)[1]
    assert text == render(citations.load_bibliography(files))[0]


def test_a_damaged_cache_file_is_only_slower(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(BIB_YAML, encoding="utf-8")
    cache = tmp_path / "cache"
    bib = citations.load_bibliography([tmp_path / "r.yaml"], cache)
    bib.save()
    for kept in cache.glob("csl-*.json"):
        kept.write_text('{"order": 3', encoding="utf-8")
    again = citations.load_bibliography([tmp_path / "r.yaml"], cache)
    assert again.processor("nb")._live
    assert again.processor("nb").order == bib.processor("nb").order
