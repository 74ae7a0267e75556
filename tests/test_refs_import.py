"""``python -m handbook refs import``: reference-manager exports → CSL-YAML, checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from handbook import citations
from handbook.cli import main

FIXTURES = ROOT / "tests" / "fixtures" / "refs"
EXISTING = """\
karasek1979:
  type: article-journal
  author:
    - {family: Karasek, given: R. A.}
  issued: {date-parts: [[1979]]}
  title: "Job demands, job decision latitude, and mental strain: Implications for job redesign"
  container-title: Administrative Science Quarterly
  DOI: 10.2307/2392498
demerouti2001:
  type: article-journal
  author:
    - {family: Demerouti, given: E.}
  issued: {date-parts: [[2001]]}
  title: The job demands-resources model of burnout
  container-title: Journal of Applied Psychology
  DOI: 10.1037/0021-9010.86.3.499
hansen2020:
  type: article-journal
  author:
    - {family: Hansen, given: P.}
  issued: {date-parts: [[2020]]}
  title: Another study by another Hansen
  container-title: Scandinavian Journal of Public Health
"""


@pytest.fixture()
def refs(tmp_path: Path) -> Path:
    folder = tmp_path / "references"
    folder.mkdir()
    (folder / "theory.yaml").write_text(EXISTING, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, list[str]]:
    code = main(["refs", "import", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, (out + err).splitlines()


def test_bibtex_from_zotero_imports_cleanly(refs: Path, capsys) -> None:
    source = FIXTURES / "zotero.bib"
    into = refs / "imported.yaml"
    code, lines = run(capsys, source, "--into", into)
    assert code == 0
    assert [line.replace(str(refs.parent) + "/", "") for line in lines] == [
        f"{source}:2:1: note: 'karasek_job_1979' is already in the bibliography as "
        "'karasek1979' (references/theory.yaml:1); left out",
        f"{source}:51:1: warning: key 'hansen2020' is taken by references/theory.yaml:17; "
        "added as 'hansen2020a'",
        f"{source}:62:1: warning: the title of 'world2019' looks like Title Case; APA 7 writes "
        "titles in sentence case",
        "added 5 entries to references/imported.yaml: einarsen2021, maddux2009, hjelmso2023, "
        "hansen2020a, world2019 (1 already there, 1 keys changed)",
    ]
    bib = citations.load_bibliography(refs.glob("*.yaml"))
    assert citations.reference_list(["maddux2009", "hansen2020a"], bib, "nb").split("\n\n") == [
        '<p class="km-ref" id="ref-hansen2020a">Hansen, I. L. S., Jensen, R. S., &amp; Fløtten, '
        "T. (2020). <i>Trøbbel i grenseflatene: samordnet innsats for utsatte barn og unge</i> "
        "(Fafo-rapport 2020:02). Fafo.</p>",
        '<p class="km-ref" id="ref-maddux2009">Maddux, J. E. (2009). Self-efficacy: The power of '
        "believing you can. I C. R. Snyder &amp; S. J. Lopez (Red.), <i>Oxford handbook of "
        "positive psychology</i> (2. utg., s. 335–343). Oxford University Press.</p>",
    ]
    text = into.read_text(encoding="utf-8")
    assert "  editor:\n    - {family: Einarsen, given: Ståle}\n" in text  # LaTeX {\aa} decoded
    assert "    - {literal: World Health Organization}\n" in text  # {braced} = organisation


def test_csl_json_from_zotero_imports_cleanly(refs: Path, capsys) -> None:
    source = FIXTURES / "zotero.json"
    code, lines = run(capsys, source, "--into", refs / "imported.yaml")
    assert code == 0
    assert [line.replace(str(refs.parent) + "/", "") for line in lines] == [
        f"{source}:2:2: note: 'http://zotero.org/users/local/Xq3vLb2d/items/7QZ4HJ2M' is "
        "already in the bibliography as 'demerouti2001' (references/theory.yaml:9); left out",
        f"{source}:21:2: note: 'einarsen2021': left out event-place",
        f"{source}:48:2: note: 'navnd': left out abstract",
        "added 4 entries to references/imported.yaml: einarsen2021, arbeidsmiljoloven2005, "
        "navnd, asplund2011 (1 already there, 0 keys changed)",
    ]
    bib = citations.load_bibliography(refs.glob("*.yaml"))
    assert citations.reference_list(["navnd"], bib, "en") == (
        '<p class="km-ref" id="ref-navnd">NAV. (n.d.). <i>Dialogmøte 1 – arbeidsgiveren</i>. '
        'nav.no. Retrieved May 2, 2024, from <a href="https://www.nav.no/arbeidsgiver/dialogmote">'
        "https://www.nav.no/arbeidsgiver/dialogmote</a></p>"
    )


def test_importing_twice_adds_nothing(refs: Path, capsys) -> None:
    source = FIXTURES / "zotero.json"
    run(capsys, source, "--into", refs / "imported.yaml")
    code, lines = run(capsys, source, "--into", refs / "imported.yaml")
    assert code == 0
    assert lines[-1].endswith("added 0 entries to " + str(refs / "imported.yaml") + ": - "
                              "(5 already there, 0 keys changed)")  # fmt: skip


def test_broken_exports_point_at_the_place(tmp_path: Path, refs: Path, capsys) -> None:
    bib = tmp_path / "broken.bib"
    bib.write_text("@book{a2020,\n  title = {A},\n\n@article{b2021,\n  title = {B\n", "utf-8")
    code, lines = run(capsys, bib, "--into", refs / "imported.yaml")
    assert code == 1
    assert lines == [
        f"{bib}:1:1: error: BibTeX error in the entry starting here: Expected a `=` after entry "
        "key, but found `@article`.",
        f"{bib}:4:1: error: BibTeX error in the entry starting here: Unexpectedly reached end of "
        "file.",
    ]
    js = tmp_path / "broken.json"
    js.write_text('[\n  {"id": "a", "type": "book"},\n  {"id": "b", "type": }\n]\n', "utf-8")
    code, lines = run(capsys, js, "--into", refs / "imported.yaml")
    assert (code, lines) == (1, [f"{js}:3:23: error: not valid JSON: Expecting value"])
    assert not (refs / "imported.yaml").exists()


def test_imported_entries_that_need_work_are_reported_where_they_were_written(
    tmp_path: Path, refs: Path, capsys
) -> None:
    source = tmp_path / "export.json"
    source.write_text('[{"id": "lai2013", "type": "book", "title": "Strategisk '
                      'kompetanseledelse", "author": [{"family": "Lai", "given": "Linda"}], '
                      '"issued": {"date-parts": [["2013"]]}}]', "utf-8")  # fmt: skip
    code, lines = run(capsys, source, "--into", refs / "imported.yaml")
    assert code == 1
    assert [line.replace(str(refs) + "/", "") for line in lines] == [
        "imported.yaml:4:1: error: entry 'lai2013' (book) needs 'publisher'",
        "added 1 entries to imported.yaml: lai2013 (0 already there, 0 keys changed); fix the "
        "problems above",
    ]


def test_missing_export_is_a_usage_error(refs: Path, capsys) -> None:
    code, lines = run(capsys, refs / "nope.bib")
    assert (code, lines) == (2, [f"{refs / 'nope.bib'}:0:0: error: no such file or directory"])


def test_the_repository_bibliography_round_trips_through_the_writer(tmp_path: Path) -> None:
    """Every entry, written back by the importer's writer, reads as the same CSL item."""
    from handbook.refmerge import entry_yaml

    bib = citations.load_bibliography((ROOT / "references").glob("*.yaml"))
    shutil.copy(FIXTURES / "zotero.json", tmp_path)  # a neighbour that is not YAML
    out = tmp_path / "all.yaml"
    out.write_text("".join(entry_yaml(k, e.data) for k, e in bib.entries.items()), "utf-8")
    again = citations.load_bibliography([out])
    assert {k: e.data for k, e in again.entries.items()} == {
        k: e.data for k, e in bib.entries.items()
    }
