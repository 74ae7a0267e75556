"""APA 7 in-text citations and reference lists from the bibliography YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook import citations
from handbook.problems import HandbookError

BIB_YAML = """\
karasek1979:
  type: article
  author: ["Karasek, R. A."]
  year: 1979
  title: "Job demands, job decision latitude, and mental strain: Implications for job redesign"
  journal: Administrative Science Quarterly
  volume: 24
  issue: 2
  pages: 285–308
  doi: 10.2307/2392498
johnson1988:
  type: article
  author: ["Johnson, J. V.", "Hall, E. M."]
  year: 1988
  title: Job strain, work place social support, and cardiovascular disease
  journal: American Journal of Public Health
  volume: 78
  issue: 10
  pages: 1336–1342
bakker2005:
  type: article
  author: ["Bakker, A. B.", "Demerouti, E.", "Euwema, M. C."]
  year: 2005
  title: Job resources buffer the impact of job demands on burnout
  journal: Journal of Occupational Health Psychology
karasek1990:
  type: book
  author: ["Karasek, R.", "Theorell, T."]
  year: 1990
  title: "Healthy work: Stress, productivity, and the reconstruction of working life"
  publisher: Basic Books
taranger2023:
  type: thesis
  author: ["Taranger, S. R."]
  year: 2023
  title: Lederes håndtering
  genre: Masteroppgave
  institution: Universitetet i Sørøst-Norge
ks2015a:
  type: web
  author: [KS]
  year: 2015
  title: Beta page
ks2015b:
  type: web
  author: [KS]
  year: 2015
  title: Alpha page
navnd:
  type: web
  author: [NAV]
  year: n.d.
  title: Dialogmøte 1
  url: https://www.nav.no/dialogmote
  accessed: 2026-11-25
aml2005:
  type: law
  author: [Arbeidsmiljøloven]
  year: 2005
  title: Lov om arbeidsmiljø, arbeidstid og stillingsvern mv.
  number: LOV-2005-06-17-62
  publisher: Lovdata
  url: https://lovdata.no/lov/2005-06-17-62
  note: internal note that must not be printed
"""


@pytest.fixture()
def bib(tmp_path: Path) -> citations.Bibliography:
    (tmp_path / "refs.yaml").write_text(BIB_YAML, encoding="utf-8")
    return citations.load_bibliography([tmp_path / "refs.yaml"])


@pytest.mark.parametrize(
    "source, expected",
    [
        ("[@karasek1979]", "([Karasek, 1979](#ref-karasek1979))"),
        ("[@johnson1988, s. 1337]", "([Johnson & Hall, 1988](#ref-johnson1988), s. 1337)"),
        ("[@bakker2005]", "([Bakker et al., 2005](#ref-bakker2005))"),
        (
            "[@karasek1979; @karasek1990, p. 70]",
            "([Karasek, 1979](#ref-karasek1979); [Karasek & Theorell, 1990](#ref-karasek1990),"
            " p. 70)",
        ),
        ("Karasek [-@karasek1979] viste", "Karasek ([1979](#ref-karasek1979)) viste"),
        ("[@aml2005, § 4-6]", "([Arbeidsmiljøloven, 2005](#ref-aml2005), § 4-6)"),
        ("[@navnd]", "([NAV, u.å.](#ref-navnd))"),
        ("[@ks2015b] [@ks2015a]", "([KS, 2015a](#ref-ks2015b)) ([KS, 2015b](#ref-ks2015a))"),
        ("a [link](x.md) and an [@](mail)", "a [link](x.md) and an [@](mail)"),
        ("`[@karasek1979]` stays code", "`[@karasek1979]` stays code"),
    ],
)
def test_in_text_citations(bib, source: str, expected: str) -> None:
    out, _ = citations.cite_markdown(source, bib, "page.md")
    assert out == expected


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


def test_reference_entries_in_apa7(bib) -> None:
    ref = citations.reference
    assert ref(bib.entries["karasek1979"], bib, "en") == (
        "Karasek, R. A. (1979). Job demands, job decision latitude, and mental strain: "
        "Implications for job redesign. *Administrative Science Quarterly*, *24*(2), 285–308. "
        "<https://doi.org/10.2307/2392498>"
    )
    assert ref(bib.entries["karasek1990"], bib, "en") == (
        "Karasek, R., & Theorell, T. (1990). *Healthy work: Stress, productivity, and the "
        "reconstruction of working life*. Basic Books."
    )
    assert ref(bib.entries["taranger2023"], bib, "nb") == (
        "Taranger, S. R. (2023). *Lederes håndtering* [Masteroppgave, Universitetet i "
        "Sørøst-Norge]."
    )
    assert ref(bib.entries["navnd"], bib, "nb") == (
        "NAV. (u.å.). *Dialogmøte 1*. Hentet 2026-11-25 fra <https://www.nav.no/dialogmote>"
    )
    law = ref(bib.entries["aml2005"], bib, "nb")
    assert law.startswith("Arbeidsmiljøloven. (2005). *Lov om arbeidsmiljø")
    assert "internal note" not in law


def test_reference_list_is_sorted_and_anchored(bib) -> None:
    listing = citations.reference_list(["karasek1990", "johnson1988", "karasek1979"], bib, "en")
    anchors = [line for line in listing.split("\n") if line.startswith("{:")]
    assert anchors == [
        "{: #ref-johnson1988 .km-ref }",
        "{: #ref-karasek1979 .km-ref }",
        "{: #ref-karasek1990 .km-ref }",
    ]


def test_bad_bibliography_lists_every_problem(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x2020:\n  type: article\n  title: A\n  jornal: J\n")
    (tmp_path / "b.yaml").write_text("x2020:\n  type: book\n  title: B\ny2021:\n  title: C\n")
    with pytest.raises(HandbookError) as info:
        citations.load_bibliography([tmp_path / "a.yaml", tmp_path / "b.yaml"])
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [
        "a.yaml:4:3: error: unknown field 'jornal' in entry 'x2020' (did you mean 'journal'?)",
        "b.yaml:1:1: error: citation key 'x2020' is already defined in a.yaml:1",
        "b.yaml:4:1: error: entry 'y2021' needs a type: article, book, chapter, report, thesis, "
        "web, law",
    ]


def test_repo_bibliography_loads() -> None:
    root = Path(__file__).resolve().parents[1]
    bib = citations.load_bibliography((root / "references").glob("*.yaml"))
    assert {"taranger2023", "karasek1979", "aml2005"} <= set(bib.entries)


def test_undated_works_by_one_author_get_letters_in_each_language(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(
        "nava:\n  type: web\n  author: [NAV]\n  year: n.d.\n  title: A page\n"
        "navb:\n  type: web\n  author: [NAV]\n  year: n.d.\n  title: B page\n"
        "figley1995:\n  type: book\n  editor: ['Figley, C. R.']\n  year: 1995\n"
        "  title: Compassion fatigue\n  publisher: Brunner/Mazel\n",
        encoding="utf-8",
    )
    bib = citations.load_bibliography([tmp_path / "r.yaml"])
    nb, _ = citations.cite_markdown("[@nava; @navb; @figley1995]", bib, lang="nb")
    en, _ = citations.cite_markdown("[@nava; @navb]", bib, lang="en")
    assert nb == (
        "([NAV, u.å.-a](#ref-nava); [NAV, u.å.-b](#ref-navb); [Figley, 1995](#ref-figley1995))"
    )
    assert en == "([NAV, n.d.-a](#ref-nava); [NAV, n.d.-b](#ref-navb))"
    assert citations.reference(bib.entries["figley1995"], bib, "en") == (
        "Figley, C. R. (Ed.). (1995). *Compassion fatigue*. Brunner/Mazel."
    )
