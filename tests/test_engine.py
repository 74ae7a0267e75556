"""The engine at its seams: the compile step without MkDocs, page processing, the hook, the
format declared once, and one rule for numbers on both sides."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from handbook import urls
from handbook.model import assessment_files, load_file
from handbook.model.format import SHAPES, key_names, required_names
from handbook.numbers import format_number
from handbook.problems import HandbookError
from handbook.schema import schema
from handbook.site import Site

SPECS = [p.stem for p in assessment_files([ROOT / "assessments"])]
NUMBERS = json.loads((ROOT / "tests" / "fixtures" / "numbers.json").read_text(encoding="utf-8"))

WITHOUT_MKDOCS = """
import sys
sys.modules["mkdocs"] = None  # any 'import mkdocs…' now fails
from handbook.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compiled")
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, "compile", "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return out


def test_compile_runs_without_mkdocs_and_writes_everything(compiled: Path) -> None:
    for lang in ("nb", "en"):
        assert sorted(p.stem for p in (compiled / lang).glob("*.html")) == sorted(SPECS)
    assert sorted(p.stem for p in (compiled / "specs").glob("*.json")) == sorted(SPECS)
    assert (compiled / "scoring.py").read_bytes() == (ROOT / "handbook" / "scoring.py").read_bytes()
    assert (compiled / "pyodide" / "pyodide.asm.wasm").stat().st_size > 1_000_000
    assert json.loads((compiled / "assessment-schema.json").read_text()) == schema()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_compiled_fragment_is_byte_identical_to_the_built_page(
    compiled: Path, site_dir: Path, lang: str
) -> None:
    for spec_id in SPECS:
        fragment = (compiled / lang / f"{spec_id}.html").read_text(encoding="utf-8")
        page = (
            site_dir / ("en" if lang == "en" else "") / "self-assessments" / spec_id / "index.html"
        )
        assert fragment.startswith('<div class="km-assessment"')
        assert fragment in page.read_text(encoding="utf-8"), spec_id


def test_compiled_spec_is_what_scoring_reads(compiled: Path) -> None:
    for spec_id in SPECS:
        spec = load_file(ROOT / "assessments" / f"{spec_id}.yaml")
        assert json.loads((compiled / "specs" / f"{spec_id}.json").read_text()) == spec.to_dict()


def test_compile_reports_bad_input_as_located_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "content" / "nb").mkdir(parents=True)
    (project / "assessments").mkdir()
    (project / "references").mkdir()
    (project / "mkdocs.yml").write_text("docs_dir: content/nb\ntheme: {language: nb}\n")
    (project / "assessments" / "x.yaml").write_text("id: x\nversion: 010\n")
    run = subprocess.run(
        [sys.executable, "-c", WITHOUT_MKDOCS, "compile", "--out", str(tmp_path / "o"),
         "--no-runtime"],
        capture_output=True, text=True, cwd=project,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout.splitlines()[-1] == (
        "assessments/x.yaml:2:10: error: version must be written as a plain decimal: "
        "YAML reads '010' as 8; write 8 if you mean that"
    )


# ----------------------------------------------------------------------------- pages


@pytest.fixture(scope="module")
def site() -> Site:
    site = Site.from_config(ROOT / "mkdocs.yml")
    site.load()
    site.extend_nav(site.config.nav)
    return site


def test_process_page_expands_markers_and_locates_problems(site: Site) -> None:
    page = (
        "Tekst [@karasek1979, s. 290].\n\n[[assessment demand-control-support]]\n\n"
        "[[assessment-link leader-load]]\n\n```\n[[assessment nope]]\n```\n\n"
        "[[assessment nope]]\n\n## Referanser {#references}\n\n[[references]]\n"
    )
    result = site.process_page("theory/demand-control-support.md", page)
    assert result.has_form
    assert (
        site.widget("demand-control-support").replace("../../theory/demand-control-support/", "./")
        in result.markdown
    )
    assert 'href="../../self-assessments/leader-load/"' in result.markdown
    assert "[[assessment nope]]\n```" in result.markdown  # code stays code
    references = result.markdown[result.markdown.index("{#references}") :]
    assert "Karasek, R. A." in references and "[[references]]" not in references
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (11, 14, "unknown assessment 'nope'"),
    ]


def test_slotted_markdown_gives_the_same_page_as_the_fragments_in_place(site: Site) -> None:
    # The hook converts `slotted` (forms as one-line placeholders) and fills the fragments
    # into the HTML; a generator without the hook converts `markdown`. Same page either way.
    import markdown as md_lib

    page = (
        "# Tittel\n\nTekst [@karasek1979, s. 290].\n\n[[assessment demand-control-support]]\n\n"
        "- [ ] Et punkt.\n\n[[assessment-link leader-load]]\n\n[[assessment-how leader-load]]\n\n"
        "[[deadline-planner]]\n\n## Referanser {#references}\n\n[[references]]\n"
    )
    result = site.process_page("practice/absence-follow-up.md", page)
    # Four markers, the reference list and the cite box (blocks), the citation (inline); only
    # the form holds nothing for search.
    assert result.problems == [] and len(result.fragments) == 7
    assert "<form" not in result.slotted and result.slotted.count("data-km-slot") == 6
    assert "Tekst KMSLOT4X." in result.slotted and "<a" not in result.slotted
    assert [result.fragments[k][:40] for k in result.unindexed] == [
        '<div class="km-assessment" data-km-widge'
    ]
    cfg = site.config
    convert = md_lib.Markdown(extensions=cfg.extensions, extension_configs=cfg.extension_configs)
    whole = site.finish_html(convert.convert(result.markdown))
    convert.reset()
    assert site.finish_html(convert.convert(result.slotted), result) == whole
    # The form left out of the page content (for the search indexer), then put in the page.
    convert.reset()
    content = site.finish_html(convert.convert(result.slotted), result, late=True)
    assert 'data-assessment="demand-control-support"' not in content
    assert site.finish_page(f"<main>{content}</main>", result) == f"<main>{whole}</main>"
    assert whole.count('data-assessment="demand-control-support"') == 1
    assert "data-km-slot" not in whole and "data-km-deadlines" in whole
    # A placeholder Markdown did not pass through is an error, not a page without its form.
    with pytest.raises(HandbookError, match="placeholder .* did not come through"):
        site.finish_html(convert.convert(result.slotted.replace("data-km-slot", "x")), result)
    # Authors cannot write the placeholders (they would clash with them).
    clash = site.process_page(
        "theory/mastery.md", 'Tekst.\n\n<div data-km-slot="0"></div>\n\nOg KMSLOT0X her.\n'
    )
    assert [(p.line, p.col, p.code) for p in clash.problems] == [
        (3, 6, "reserved"), (5, 4, "reserved"),
    ]  # fmt: skip


def test_a_citation_goes_in_after_markdown_except_in_a_heading(site: Site) -> None:
    import markdown as md_lib

    page = (
        "# Tittel\n\n## Krav og kontroll [@karasek1979]\n\nTekst\n[@karasek1979, s. 285]\n"
        "=====\n\n| Hva | Kilde |\n|---|---|\n| Krav | [@karasek1979; @johnson1988] |\n\n"
        "Tekst `[@karasek1979]` og *uthevet [-@karasek1979]*.\n\n"
        "## Referanser {#references}\n\n[[references]]\n"
    )
    result = site.process_page("theory/demand-control-support.md", page)
    assert result.problems == []
    # The headings (ATX and underlined) keep the citation's HTML: their text makes the table
    # of contents and the anchor. Elsewhere (a table cell, emphasis) a placeholder.
    lines = result.slotted.split("\n")
    assert lines[2] == '## Krav og kontroll (<a href="#ref-karasek1979">Karasek, 1979</a>)'
    assert lines[5].startswith("(<a href=")
    assert "| Krav | KMSLOT" in result.slotted and "*uthevet KMSLOT" in result.slotted
    assert "`[@karasek1979]`" in result.slotted  # code stays code
    cfg = site.config
    convert = md_lib.Markdown(extensions=cfg.extensions, extension_configs=cfg.extension_configs)
    html = site.finish_html(convert.convert(result.slotted), result)
    assert "KMSLOT" not in html
    assert '<td>(<a href="#ref-johnson1988">Johnson &amp; Hall, 1988</a>; <a href="#ref-k' in html
    assert '<em>uthevet (<a href="#ref-karasek1979">1979</a>)</em>' in html
    # A glossary term in a citation's text is marked as Markdown would mark it in place, so the
    # page is the same either way; `markdown` keeps the citation as written.
    glossary = site.process_page("theory/mastery.md", "Fra KS [@ksnd].\n\n[[references]]\n")
    assert '(<a href="#ref-ksnd">KS, u.å.</a>)' in glossary.markdown
    convert.reset()
    whole = site.finish_html(convert.convert(glossary.markdown))
    convert.reset()
    assert site.finish_html(convert.convert(glossary.slotted), glossary) == whole
    assert whole.count("<abbr") == 2 and '<a href="#ref-ksnd"><abbr' in whole
    # The same citation twice gives the same HTML; an unknown key is reported at each place.
    twice = site.process_page("theory/mastery.md", "A [@nokey1999].\n\nB [@nokey1999].\n")
    assert [(p.line, p.code) for p in twice.problems] == [(1, "unknown-cite"), (3, "unknown-cite")]


def test_deadline_planner_marker_expands_with_links_resolved_at_build_time(site: Site) -> None:
    page = "Tekst.\n\n[[deadline-planner]]\n\n```\n[[deadline-planner]]\n```\n"
    result = site.process_page("practice/absence-follow-up.md", page)
    assert result.has_form and not result.has_checklist and result.problems == []
    assert result.markdown.count("data-km-deadlines") == 1
    assert "[[deadline-planner]]\n```" in result.markdown  # code stays code
    links = dict(re.findall(r'<a data-target="([^"]+)" href="([^"]+)">', result.markdown))
    assert links == {
        "practice/absence-follow-up.md#follow-up-plan": "./#follow-up-plan",
        "practice/absence-follow-up.md#timeline": "./#timeline",
    }
    # From another page the same targets are relative to that page, and the runtime's root too.
    other = site.process_page("theory/sickness-absence.md", "[[deadline-planner]]\n")
    assert (
        '<a data-target="practice/absence-follow-up.md#timeline" '
        'href="../../practice/absence-follow-up/#timeline">' in other.markdown
    )
    assert 'data-km-root="../../"' in other.markdown
    assert 'min="2014-07-01" max="2099-12-31"' in other.markdown


def test_deadline_planner_link_to_a_missing_section_is_a_problem(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handbook import deadlines

    rows = deadlines.milestones(deadlines.EARLIEST, "full")
    rows[0]["link"] = "practice/absence-follow-up.md#no-such-section"
    monkeypatch.setattr(deadlines, "milestones", lambda day, kind: rows)
    result = site.process_page("practice/absence-follow-up.md", "Tekst.\n\n[[deadline-planner]]\n")
    assert [(p.line, p.col, p.message) for p in result.problems] == [
        (3, 1, "the deadline planner links to 'practice/absence-follow-up.md#no-such-section', "
               "which does not exist"),
    ]  # fmt: skip


def test_pages_with_a_checklist_are_marked(site: Site) -> None:
    assert site.process_page("practice/own-load.md", "Tekst.\n\n- [ ] Ett punkt.\n").has_checklist
    assert site.process_page("practice/own-load.md", "  * [x] Ferdig.\n").has_checklist
    plain = site.process_page("practice/own-load.md", "- Ikke et punkt.\n\n```\n- [ ] kode\n```\n")
    assert not plain.has_checklist and not plain.has_form


def test_problems_carry_the_source_file_and_its_line(site: Site) -> None:
    source = (ROOT / "content" / "nb" / "theory" / "mastery.md").read_text(encoding="utf-8")
    body = source.split("---\n", 2)[2]  # what a generator hands over: no front matter
    body = body.replace("[@", "[@zz", 1)
    result = site.process_page("theory/mastery.md", body)
    line = source.split("---\n", 2)[2].count("\n", 0, body.index("[@zz")) + source.count(
        "\n", 0, source.index("---\n", 4) + 4
    )
    (problem,) = result.problems
    assert problem.file == "content/nb/theory/mastery.md"
    assert problem.line == line + 1
    assert problem.message.startswith("unknown citation key 'zz")


def test_nav_gets_every_assessment_page_once(site: Site) -> None:
    nav = site.extend_nav(site.config.nav)
    flat = json.dumps(nav)
    for spec_id in SPECS:
        assert flat.count(f"self-assessments/{spec_id}.md") == 1
    assert site.chapter_order[0] == "index.md"


def test_relative_urls_match_mkdocs() -> None:
    from mkdocs.utils import get_relative_url

    pages = ["index.md", "theory/index.md", "theory/x.md", "self-assessments/a.md", "a/b/c.md"]
    for target in pages:
        for source in pages:
            url, other = urls.page_url(target), urls.page_url(source)
            assert urls.relative_url(url, other) == get_relative_url(url, other), (target, source)


def test_hook_with_a_minimal_config(tmp_path: Path) -> None:
    """Each hook event is one engine call; here they run on a tiny project, without a build."""
    import importlib.util

    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from test_build import small_project

    project = small_project(tmp_path)
    spec = importlib.util.spec_from_file_location("km_hook", ROOT / "hooks" / "km.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins._current_plugin = "hooks/km.py"  # what MkDocs sets while an event runs
    config = hook.on_config(config)
    assert config.nav[1] == {
        "Tests": ["self-assessments/index.md", {"Liten test": "self-assessments/minimal.md"}]
    }
    assert config.extra["km"]["runtime_bytes"] > 1_000_000
    files = hook.on_files(Files([]), config)
    assert [f.src_uri for f in files] == ["self-assessments/minimal.md"]

    class Page:  # what the hook reads of a page
        class file:  # noqa: N801
            src_uri = "index.md"
            abs_dest_path = str(tmp_path / "site" / "index.html")

        meta: dict[str, object] = {}

    markdown = hook.on_page_markdown("[[assessment minimal]]\n", Page, config, files)
    assert Page.meta["km_has_form"] is True
    assert Page.meta["km_has_checklist"] is False
    # Markdown gets a placeholder; the form goes into the final page, after the search plugin.
    assert "<form" not in markdown and 'data-km-slot="0"' in markdown
    content = hook.on_page_content(markdown, Page, config, files)
    assert "<form" not in content
    assert 'data-assessment="minimal"' in hook.on_post_page(f"<main>{content}</main>", Page, config)
    hook.on_page_markdown("- [ ] Et punkt\n", Page, config, files)
    assert Page.meta == {"km_has_form": False, "km_has_checklist": True, "km_cite": False}
    assert config.extra["km"]["checklist_strings"]["print"] == "Skriv ut sjekklista"
    hook.on_page_markdown("[[assessment nope]]\n", Page, config, files)
    with pytest.raises(Exception, match="unknown assessment 'nope'"):
        hook.on_env(None, config, files)


# ----------------------------------------------------------------------------- format


def test_schema_and_loader_declare_the_same_keys_for_every_mapping() -> None:
    defs = schema()["$defs"]
    for shape in SHAPES:
        body = schema() if shape == "assessment" else defs[shape]
        assert sorted(body["properties"]) == sorted(key_names(shape)), shape
        assert sorted(body.get("required", [])) == sorted(required_names(shape)), shape


def _mappings(data: object, path: tuple = ()) -> list[tuple[tuple, dict]]:
    """(path, mapping) of every mapping in a loaded assessment whose keys the format fixes."""
    found = []
    if isinstance(data, dict):
        found.append((path, data))
        for key, value in data.items():
            found += _mappings(value, (*path, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += _mappings(value, (*path, n))
    return found


def _shape(path: tuple) -> str | None:
    names = [p for p in path if isinstance(p, str)]
    last = path[-1] if path else None
    if not path:
        return "assessment"
    if names[-1:] in (
        ["title"],
        ["label"],
        ["feedback"],
        ["intro"],
        ["about"],
        ["text"],
        ["explain"],
    ):
        return "translations"
    table = {
        ("scales",): "scale", ("options",): "option", ("items",): "item",
        ("dimensions",): "dimension", ("bands",): "band", ("profiles",): "profile",
        ("rules",): "rule", ("examples",): "example", ("expect",): "expect",
    }  # fmt: skip
    if isinstance(last, int):
        return table.get((path[-2],))
    if len(path) >= 2 and path[-2] in ("scales", "dimensions", "profiles"):
        return table[(path[-2],)]
    return table.get((last,)) if last == "expect" else None


@pytest.mark.parametrize("name", ["demand-control-support", "knowledge-jdr", "jdr-balance"])
def test_loader_and_schema_agree_on_unknown_and_missing_keys(name: str) -> None:
    import copy

    import jsonschema

    from handbook.model import load_text
    from handbook.problems import HandbookError

    validator = jsonschema.Draft202012Validator(schema())
    text = (ROOT / "assessments" / f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    checked = set()
    for path, mapping in _mappings(data):
        shape = _shape(path)
        if shape is None or (shape, len(path)) in checked:
            continue
        checked.add((shape, len(path)))
        variants = [("unknown", "zzz_unknown")] + [
            ("drop", k) for k in required_names(shape) if k in mapping
        ]
        for what, key in variants:
            mutated = copy.deepcopy(data)
            target = mutated
            for part in path:
                target = target[part]
            if what == "unknown":
                target[key] = 1
            else:
                del target[key]
            assert not validator.is_valid(mutated), (shape, what, key)
            with pytest.raises(HandbookError):
                load_text(yaml.safe_dump(mutated, allow_unicode=True), f"{name}.yaml", name)
    assert {s for s, _ in checked} >= {"assessment", "translations", "item", "dimension", "band"}


def test_loader_and_schema_agree_on_ids_that_yaml_reads_as_booleans_or_numbers() -> None:
    """`id: no` or `id: 12` is refused by both with a hint to quote it; quoted, both accept it."""
    import jsonschema

    from handbook.model import load_text

    original = (ROOT / "assessments" / "team-mastery-climate.yaml").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(schema())
    for quote in ("", '"'):
        text = original
        for old, new in (("climate-own-mistake", "no"), ("climate-ask-how", "12")):
            assert text.count(f"- id: {old}\n") == 1
            text = text.replace(f"- id: {old}\n", f"- id: {quote}{new}{quote}\n")
        schema_errors = list(validator.iter_errors(yaml.safe_load(text)))
        if quote:
            spec = load_text(text, "team-mastery-climate.yaml", "team-mastery-climate")
            ids = [a.id for d in spec.dimensions for b in d.bands for a in b.actions]
            assert "no" in ids and "12" in ids
            assert schema_errors == []
        else:
            with pytest.raises(HandbookError) as raised:
                load_text(text, "team-mastery-climate.yaml", "team-mastery-climate")
            messages = [str(p) for p in raised.value.problems]
            assert len(messages) == 2 and all("write it in quotes" in m for m in messages)
            assert all(":" in m.split(" ")[0] for m in messages)  # file:line:col
            assert len(schema_errors) == 2


# ----------------------------------------------------------------------------- numbers


def test_numbers_follow_the_rule_in_python() -> None:
    for value, nb, en in NUMBERS["cases"]:
        assert (format_number(value, "nb"), format_number(value, "en")) == (nb, en), value


def test_numbers_follow_the_same_rule_in_javascript() -> None:
    run = subprocess.run(
        ["node", str(ROOT / "tests" / "format_numbers.mjs")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert json.loads(run.stdout) == [[nb, en] for _, nb, en in NUMBERS["cases"]]


def test_how_computed_uses_the_rule(site: Site) -> None:
    from handbook.pages import PageProcessor

    checked = 0
    for spec in site.specs.values():
        path = site.assessment_path(spec.id)
        html = site.renderer.how_computed(spec, PageProcessor(site, path, path).context(spec.id))
        for dim in spec.dimensions:
            for band in dim.bands:
                if band.upto is not None and not float(band.upto).is_integer():
                    assert f"til og med {format_number(band.upto, 'nb')}" in html
                    assert f"{band.upto:.2f}".replace(
                        ".", ","
                    ) not in html or f"{band.upto:.2f}".endswith(tuple("123456789"))
                    checked += 1
    assert checked > 10


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_author_texts_get_the_glossary_definitions_they_use(lang: str) -> None:
    """Author texts get only the abbreviation definitions whose term they use (for speed);
    their HTML must be what appending the whole glossary file gives."""
    import markdown

    site = Site.from_config(ROOT / ("mkdocs.yml" if lang == "nb" else "mkdocs.en.yml"))
    whole = markdown.Markdown(
        extensions=site.config.extensions, extension_configs=site.config.extension_configs
    )
    glossary = (ROOT / "includes" / f"abbreviations.{lang}.md").read_text(encoding="utf-8")
    terms = re.findall(r"^\*\[([^\]]+)\]:", glossary, re.M)
    assert len(terms) > 5
    texts = [
        f"Ring {terms[0]} og {terms[-1]}, og les [mer](https://example.org/).",
        f"**{terms[1]}**: se tabellen.\n\n| a | b |\n|---|---|\n| {terms[2]} | x |",
        f"Ordet X{terms[0]}X og {terms[0].lower()}x er ikke forkortelser.",
        "Ingen forkortelser her, bare *kursiv*.",
    ]
    for text in texts:
        whole.reset()
        assert site.author_html(text) == whole.convert(text)
    assert "<abbr" in site.author_html(texts[0])
    assert "<abbr" not in site.author_html(texts[3])


def test_the_on_this_page_list_reads_each_section_heading_as_a_reader_sees_it() -> None:
    from handbook.page_html import headings

    html = (
        '<h1 id="t">Tittel</h1>\n'
        '<h2 id="a&amp;b">Krav &amp; <abbr title="Ny arbeids- og velferdsforvaltning">NAV</abbr>'
        '<a class="headerlink" href="#a&amp;b" title="Lenke">#</a></h2>\n'
        "<h2 id='q'>  Mange\n  mellomrom <em>her</em></h2>\n<h2>Uten id</h2>\n"
        '<h2 id="">Tom id</h2>\n<h3 id="h3">Ikke h2</h3>\n'
        '<h2 class="x" id=bar data-x>Før<a class="md-x headerlink" href="#bar">¶</a> etter</h2>\n'
        '<h2 id="lenke">Se <a href="../x/">kapitlet</a></h2>'
    )
    assert [(h.id, h.text) for h in headings(html)] == [
        ("a&b", "Krav & NAV"),
        ("q", "Mange mellomrom her"),
        ("bar", "Før etter"),
        ("lenke", "Se kapitlet"),
    ]
