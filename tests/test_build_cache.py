"""Results kept between builds (``handbook.buildcache``): validated assessments and rendered
fragments are used again only while everything they read is the same."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from handbook import buildcache, fragments
from handbook.model import load as model_load
from handbook.model import load_all
from handbook.problems import HandbookError
from handbook.site import Site

SPEC = ROOT / "assessments" / "knowledge-jdr.yaml"


def test_a_kept_result_is_used_only_while_its_lookups_answer_the_same(tmp_path: Path) -> None:
    store = buildcache.Store(tmp_path / "kept")
    name = buildcache.key("x", b"data")
    assert store.get(name, lambda q: True) is None
    store.put(name, {"theory/a.md": True, "theory/b.md#x": False}, {"value": 1})
    answers = {"theory/a.md": True, "theory/b.md#x": False}
    assert store.get(name, answers.__getitem__) == {"value": 1}
    answers["theory/b.md#x"] = True  # the section appeared: compute anew
    assert store.get(name, answers.__getitem__) is None
    (tmp_path / "kept" / name).write_bytes(b"not a pickle")
    assert store.get(name, lambda q: True) is None  # damaged: computed anew, not an error
    store.put(name, {}, 2)
    assert store.get(name, lambda q: True) == 2
    assert buildcache.Store(None).get(name, lambda q: True) is None
    # Every part is delimited: moving a byte from one part to the next is another key.
    assert buildcache.key("ab", "c") != buildcache.key("a", "bc") != buildcache.key("a", "b", "c")
    assert buildcache.key("x", b"data") == name


def test_a_pack_holds_the_results_the_last_build_used(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "kept"
    first = buildcache.Packed(folder, lambda: "pack")
    first.put("a", {"page": True}, "A")
    first.put("b", {}, "B")
    first.save()
    # The next build reads the pack alone (each result's own file is not read).
    for name in ("a", "b"):
        (folder / name).unlink()
    answers = {"page": True}
    second = buildcache.Packed(folder, lambda: "pack")
    assert second.get("a", answers.__getitem__) == "A" and second.get("b") == "B"
    puts: list[str] = []
    real_put = buildcache.Store.put
    monkeypatch.setattr(
        buildcache.Store, "put", lambda self, n, a, v: puts.append(n) or real_put(self, n, a, v)
    )
    second.save()
    assert puts == []  # the same results: the pack is not written again
    # An answer changed: not used; a build that used only "b" leaves a pack of "b".
    answers["page"] = False
    third = buildcache.Packed(folder, lambda: "pack")
    assert third.get("a", answers.__getitem__) is None and third.get("b") == "B"
    third.save()
    assert puts == ["pack"]
    assert buildcache.Packed(folder, lambda: "pack").get("a", lambda q: True) is None
    # A damaged pack: each result is read from its own file, and the pack written anew.
    real_put(buildcache.Store(folder), "c", {}, "C")
    (folder / "pack").write_bytes(b"not a pickle")
    fourth = buildcache.Packed(folder, lambda: "pack")
    assert fourth.get("c") == "C"
    fourth.save()
    assert buildcache.Packed(folder, lambda: "pack").get("c") == "C"
    (folder / "c").unlink()
    assert buildcache.Packed(folder, lambda: "pack").get("c") == "C"
    assert buildcache.Packed(None, lambda: "pack").get("c") is None


def test_the_library_versions_in_the_key_are_those_python_imports() -> None:
    from importlib import metadata

    names = (*buildcache.LIBRARIES, "mkdocs-material", "no-such-distribution-km")
    found = buildcache.installed_versions(names)
    assert list(found) == list(names)
    for name in names[:-1]:
        assert found[name] == metadata.version(name)
    assert found["no-such-distribution-km"] == "-"


def test_an_assessment_read_before_is_not_validated_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spec_file = tmp_path / SPEC.name
    shutil.copy2(SPEC, spec_file)
    store = buildcache.Store(tmp_path / "kept")
    pages = {"theory/job-demands-resources.md"}

    def exists(target: str) -> bool:
        return target.partition("#")[0] in pages

    first, problems = load_all([spec_file], exists, store)
    assert problems == [] and len(list((tmp_path / "kept").iterdir())) == 1
    real = model_load.load_file
    monkeypatch.setattr(model_load, "load_file", lambda *a, **k: pytest.fail("validated"))
    again, problems = load_all([spec_file], exists, store)
    assert again == first and problems == []
    # The chapter it links to is gone: validated again, and the problem is reported.
    monkeypatch.setattr(model_load, "load_file", real)
    pages.clear()
    _, problems = load_all([spec_file], exists, store)
    assert [p.code for p in problems] and all(p.file == str(spec_file) for p in problems)
    # A file with problems is never kept: reported at every build.
    _, again_problems = load_all([spec_file], exists, store)
    assert again_problems == problems
    assert len(list((tmp_path / "kept").iterdir())) == 1
    # Changed bytes are a new key.
    pages.add("theory/job-demands-resources.md")
    spec_file.write_text(SPEC.read_text("utf-8").replace("version: ", "version:  "), "utf-8")
    changed, problems = load_all([spec_file], exists, store)
    assert problems == [] and changed == first
    assert len(list((tmp_path / "kept").iterdir())) == 2
    # A file that cannot be read is reported; the others are still kept.
    gone = tmp_path / "gone.yaml"
    specs, problems = load_all([gone, spec_file], exists, buildcache.Store(tmp_path / "other"))
    assert len(specs) == 1 and {p.file for p in problems} == {str(gone)}
    assert len(list((tmp_path / "other").iterdir())) == 1


@pytest.fixture
def counted(tmp_path: Path, monkeypatch) -> tuple[Site, list[str]]:  # type: ignore[no-untyped-def]
    site = Site.from_config(ROOT / "mkdocs.yml")
    site.load()
    site.extend_nav(site.config.nav)
    site.renders = fragments.Renders(site, tmp_path / "renders")
    made: list[str] = []
    real = site.renderer.widget

    def widget(spec, ctx):  # type: ignore[no-untyped-def]
        made.append(spec.id)
        return real(spec, ctx)

    monkeypatch.setattr(site.renderer, "widget", widget)
    return site, made


PAGE = "Tekst.\n\n[[assessment knowledge-jdr]]\n\n## Referanser {#references}\n\n[[references]]\n"


def test_a_form_is_reused_only_where_its_links_lead_the_same(
    counted: tuple[Site, list[str]], tmp_path: Path
) -> None:
    site, made = counted
    chapter = site.process_page("theory/job-demands-resources.md", PAGE)
    other = site.process_page("theory/mastery.md", PAGE)  # the chapter is "../…/" from here
    assert made == ["knowledge-jdr", "knowledge-jdr"]
    third = site.process_page("theory/emotional-labour.md", PAGE)  # same links as mastery
    assert made == ["knowledge-jdr", "knowledge-jdr"]
    fresh = Site.from_config(ROOT / "mkdocs.yml")
    fresh.load()
    fresh.renders = fragments.Renders(fresh, None)  # nothing kept: every form rendered
    pages = [
        (chapter, "theory/job-demands-resources.md"),
        (other, "theory/mastery.md"),
        (third, "theory/emotional-labour.md"),
    ]
    for result, path in pages:
        assert result.markdown == fresh.process_page(path, PAGE).markdown
        # The feedback cites works: they are on the page's list, reused render or not.
        references = result.markdown[result.markdown.index("{#references}") :]
        assert 'id="ref-schaufeli2004"' in references and 'id="ref-bakker2005"' in references
    assert chapter.markdown != other.markdown


def test_a_kept_form_is_used_by_the_next_build_until_what_it_read_changes(
    counted: tuple[Site, list[str]], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    site, made = counted
    first = site.process_page("theory/mastery.md", PAGE).markdown
    folder = site.renders.store.folder
    # The next build: a new site over the same folder renders nothing.
    again = Site.from_config(ROOT / "mkdocs.yml")
    again.load()
    again.renders = fragments.Renders(again, folder)
    monkeypatch.setattr(again.renderer, "widget", lambda *a: pytest.fail("rendered"))
    assert again.process_page("theory/mastery.md", PAGE).markdown == first
    # Another chapter title (read from the chapter's page) is another key: rendered anew.
    later = Site.from_config(ROOT / "mkdocs.yml")
    later.load()
    later.renders = fragments.Renders(later, folder)
    monkeypatch.setattr(later, "chapter_title", lambda spec: "Ny tittel")
    page = later.process_page("theory/mastery.md", PAGE).markdown
    assert "Ny tittel" in page and page != first
    # A render that met a problem is not kept: each page reports its own.
    broken = site.process_page("theory/mastery.md", PAGE + "\n[[assessment-link nope]]\n")
    assert [p.code for p in broken.problems] == ["unknown-assessment"]


def test_a_form_rendered_from_a_new_assessment_is_used_by_the_next_build(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The first build validates the assessment; the next reads it from the kept ones. The
    form the first rendered is still the next one's (it need not take two builds to warm)."""
    from handbook import site as site_module

    monkeypatch.setattr(
        site_module, "Store", lambda folder: buildcache.Store(tmp_path / folder.name)
    )
    pages = []
    for build in ("first", "next"):
        site = Site.from_config(ROOT / "mkdocs.yml")
        site.load()
        site.extend_nav(site.config.nav)
        site.renders = fragments.Renders(site, tmp_path / "renders")
        if build == "next":
            monkeypatch.setattr(site.renderer, "widget", lambda *a: pytest.fail("rendered"))
        pages.append(site.process_page("theory/mastery.md", PAGE).markdown)
    assert len(list((tmp_path / "km-specs").iterdir())) == len(site.specs)
    assert pages[0] == pages[1]


def test_compiled_templates_are_kept_and_follow_their_source(tmp_path: Path) -> None:
    from handbook.render import Renderer

    theme, kept = tmp_path / "theme", tmp_path / "jinja"
    (theme / "km").mkdir(parents=True)
    (theme / "km" / "probe.html").write_text("one {{ v }}", "utf-8")
    assert Renderer(theme, kept).render("km/probe.html", v=1) == "one 1"
    assert len(list(kept.iterdir())) == 1
    (theme / "km" / "probe.html").write_text("two {{ v }}", "utf-8")  # the next build
    assert Renderer(theme, kept).render("km/probe.html", v=1) == "two 1"


def test_the_bibliography_read_before_is_not_parsed_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handbook import bibliography

    files = sorted((ROOT / "references").glob("*.yaml"))
    store = buildcache.Store(tmp_path / "kept")
    first = bibliography.load_bibliography(files, None, store)
    parsed: list[str] = []
    real = bibliography.compose_file
    monkeypatch.setattr(
        bibliography, "compose_file", lambda path, file: parsed.append(file) or real(path, file)
    )
    again = bibliography.load_bibliography(files, None, store)
    assert parsed == [] and again.entries == first.entries
    # Changed bytes: read and checked again; a file with a problem is reported, never kept.
    copy = tmp_path / "refs.yaml"
    copy.write_text(files[0].read_text("utf-8") + "\nbad key!:\n  type: book\n", "utf-8")
    for _ in range(2):
        with pytest.raises(HandbookError) as caught:
            bibliography.load_bibliography([copy], None, store)
        assert [p.code for p in caught.value.problems] == ["key"]
    assert parsed == [str(copy), str(copy)]


def test_the_next_build_uses_the_citations_made_before(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handbook import citations

    page = "Tekst [@schaufeli2004, s. 296] og NAV [@navnda].\n\n[[references]]\n"

    def build() -> tuple[Site, tuple[str, dict[str, str]]]:
        site = Site.from_config(ROOT / "mkdocs.yml")
        site.renders = fragments.Renders(site, tmp_path / "renders")
        site.load()
        result = site.process_page("theory/mastery.md", page)
        return site, (result.markdown, result.fragments)

    first, made = build()
    assert not first.process_page("theory/mastery.md", page).problems
    first.save()
    monkeypatch.setattr(citations, "_in_text", lambda *a: pytest.fail("cited anew"))
    monkeypatch.setattr(Site, "_glossary_marked", lambda *a: pytest.fail("marked anew"))
    again, same = build()
    assert same == made
    assert any("<abbr" in html for html in same[1].values())  # with the glossary's marks
    # Other settings, glossary or bibliography (all in the site digest): made anew.
    monkeypatch.setattr(fragments.Renders, "site_digest", lambda self: b"other")
    site = Site.from_config(ROOT / "mkdocs.yml")
    site.renders = fragments.Renders(site, tmp_path / "renders")
    site.load()
    assert site.bib.cited_groups == {} and site.citations_marked == {}


def test_a_course_checked_before_is_used_while_its_links_answer_the_same(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from handbook import course_store, courses
    from handbook import site as site_module

    monkeypatch.setattr(
        site_module, "Store", lambda folder: buildcache.Store(tmp_path / folder.name)
    )
    site = Site.from_config(ROOT / "mkdocs.yml")
    site.load()
    first, problems = site.load_courses()
    assert first and not problems
    checked: list[str] = []
    real = courses.build_course
    monkeypatch.setattr(
        courses, "build_course", lambda c, root, name: checked.append(name) or real(c, root, name)
    )
    again, problems = site.load_courses()
    assert again == first and checked == [] and not problems
    # A page a course links to is gone: that course is checked again and reports it.
    gone = first[0].chapters[0].partition("#")[0]
    real_problem = courses.Pages.problem
    monkeypatch.setattr(
        courses.Pages,
        "problem",
        lambda self, t: "gone" if t.partition("#")[0] == gone else real_problem(self, t),
    )
    _, problems = site.load_courses()
    assert first[0].id in checked and problems and all("gone" in p.message for p in problems)
    assert all(p.file.endswith(".yaml") for p in problems)
    # Other bytes (a comment added): checked again.
    monkeypatch.setattr(courses.Pages, "problem", real_problem)
    source = ROOT / "courses" / f"{first[0].id}.yaml"
    edited = tmp_path / "courses" / source.name
    edited.parent.mkdir()
    edited.write_text(source.read_text("utf-8") + "# a comment\n", "utf-8")
    load = course_store.kept_loader(buildcache.Store(tmp_path / "km-courses"))
    pages = courses.Pages(site.content_folders(), site.generated_exists)
    checked.clear()
    assert load(edited, edited.name, pages, site.specs) == first[0] and checked == [first[0].id]
    assert load(edited, edited.name, pages, site.specs) == first[0] and len(checked) == 1


def site_keeping_renders(folder: Path) -> Site:
    """The handbook's site, loaded, its renders kept in ``folder``."""
    made = Site.from_config(ROOT / "mkdocs.yml")
    made.load()
    made.renders = fragments.Renders(made, folder)
    return made


def test_an_assessment_page_is_rendered_once_for_its_spec_and_chapter_title(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def site() -> Site:
        return site_keeping_renders(tmp_path / "renders")

    first = site().assessment_page("knowledge-jdr")
    again = site()
    monkeypatch.setattr(again.renderer, "page", lambda *a: pytest.fail("rendered"))
    assert again.assessment_page("knowledge-jdr") == first
    later = site()
    monkeypatch.setattr(later, "chapter_title", lambda spec: "Ny tittel")
    assert "Ny tittel" in later.assessment_page("knowledge-jdr")


def test_a_course_page_is_made_again_only_when_what_it_reads_changes(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from handbook import course_pages

    def site() -> Site:
        return site_keeping_renders(tmp_path / "renders")

    def site_with_title(made: Site, chapter: str) -> Site:
        made._titles[chapter] = "Et nytt kapittelnavn"
        return made

    first = site()
    course = next(iter(first.courses.values()))
    path = first.course_path(course.id, True)
    handout = first.course_markdown(course.id, "handout", path)
    page = first.course_markdown(course.id, "page", first.course_path(course.id, False))
    assert handout != page
    real = course_pages._course_markdown
    made: list[str] = []
    monkeypatch.setattr(course_pages, "_course_markdown", lambda *a: made.append(a[2]) or real(*a))
    again = site()
    assert again.course_markdown(course.id, "handout", path) == handout and made == []
    # A chapter it reads is retitled: made again, with the new title.
    chapter = course.chapters[0].partition("#")[0]
    later = site_with_title(site(), chapter)
    changed = later.course_markdown(course.id, "handout", path)
    assert made == ["handout"] and "Et nytt kapittelnavn" in changed
    assert site_with_title(site(), chapter).course_markdown(course.id, "handout", path) == changed
    assert made == ["handout"]
    # An assessment it lists is renamed (all else as the last build read it): made again.
    spec_id = (course.assessments or course.knowledge_checks)[0]
    renamed = site_with_title(site(), chapter)
    spec = renamed.specs[spec_id]
    title = type(spec.title)(nb="Nytt navn på skjemaet", en="A new name")
    monkeypatch.setitem(renamed.specs, spec_id, spec.__class__(**{**vars(spec), "title": title}))
    assert "Nytt navn på skjemaet" in renamed.course_markdown(course.id, "handout", path)
    assert made == ["handout", "handout"]


def test_output_linked_to_a_kept_copy_reads_the_same_and_cannot_spoil_it(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from handbook import output_files
    from handbook.output_files import Output

    output = Output(tmp_path / "kept")
    first, second = tmp_path / "site1" / "spec.json", tmp_path / "site2" / "spec.json"
    for target in (first, second):
        target.parent.mkdir()
        output.write_text(target, '{"id": "a"}')
    assert first.read_text("utf-8") == second.read_text("utf-8") == '{"id": "a"}'
    assert first.stat().st_ino == second.stat().st_ino  # one kept copy, linked twice
    # An output edited in place after its build (which edits the kept copy too) …
    with first.open("r+b") as handle:
        handle.write(b'{"id": "X"}')
    # … is not what the next build links: the copy is compared and made again.
    third = tmp_path / "site3" / "spec.json"
    third.parent.mkdir()
    output.write_text(third, '{"id": "a"}')
    assert third.read_text("utf-8") == '{"id": "a"}'
    # Writing over an output of an earlier build replaces it, never writes through its link.
    kept = tmp_path / "kept" / hashlib.sha256(b'{"id": "a"}').hexdigest()
    assert kept.stat().st_ino == third.stat().st_ino
    output.write_text(third, '{"id": "b"}')
    assert third.read_text("utf-8") == '{"id": "b"}' and kept.read_text("utf-8") == '{"id": "a"}'
    # Without a folder, or where no link can be made, the file is written as usual.
    plain = tmp_path / "site3" / "plain.json"
    Output(None).write_text(plain, "{}")
    assert plain.read_text("utf-8") == "{}" and plain.stat().st_nlink == 1
    other_disk = tmp_path / "site3" / "elsewhere.json"
    monkeypatch.setattr(output_files.os, "link", lambda *a: (_ for _ in ()).throw(OSError(18, "")))
    output.write_text(other_disk, '{"id": "a"}')
    assert other_disk.read_text("utf-8") == '{"id": "a"}' and other_disk.stat().st_nlink == 1
