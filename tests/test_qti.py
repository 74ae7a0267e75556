"""QTI export (``python -m handbook export qti``): every knowledge check, both languages, both
QTI versions, unzipped and read back.

No XSD validation: the QTI 2.1 schema is ~550 kB and imports MathML 2, XInclude and APIP, and
the QTI 1.2 (ASI 1.2.1) schema is not available to us; so the structure the specs require
(element order, required attributes, the QTI 2.1 profile of IMS CP) is checked here by hand.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import markdown
import pytest

from handbook import cli
from handbook.model import Spec, assessment_files, load_all
from handbook.qti import build_package, export
from handbook.qti.model import page_url, short_title
from handbook.qti.xhtml import markdown_to_xhtml

ROOT = Path(__file__).resolve().parents[1]
ASSESSMENTS, REFERENCES = ROOT / "assessments", ROOT / "references"
LANGS = ("nb", "en")
VERSIONS = ("1.2", "2.1")
OTHER = {"nb": "en", "en": "nb"}

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {
    "cp": CP,
    "q12": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2",
    "q21": "http://www.imsglobal.org/xsd/imsqti_v2p1",
    "imsmd": "http://www.imsglobal.org/xsd/imsmd_v1p2",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9._-]*$")


def clark(prefix: str, local: str) -> str:
    """``{namespace}local``, the way ElementTree names a namespaced element."""
    return "{" + NS[prefix] + "}" + local


CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")

SPECS, _PROBLEMS = load_all(assessment_files([ASSESSMENTS]))
KNOWLEDGE = sorted((s for s in SPECS if s.kind == "knowledge"), key=lambda s: s.id)
REFLECTION = next(s for s in SPECS if s.kind == "reflection")


# --------------------------------------------------------------------------- helpers


def run_cli(*args: str, assessments: Path = ASSESSMENTS) -> int:
    argv = ["export", "qti", *args, "--dir", str(assessments), "--references", str(REFERENCES)]
    return cli.main(argv)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], bytes]:
    """All knowledge checks through the real command, once per version and language."""
    folder = tmp_path_factory.mktemp("qti")

    @cache
    def run(version: str, lang: str) -> bytes:
        out = folder / f"{version}-{lang}.zip"
        assert run_cli("--lang", lang, "--qti", version, "--out", str(out)) == 0
        return out.read_bytes()

    return run


def unpack(data: bytes) -> dict[str, ET.Element]:
    """Every file of the zip, parsed as XML (a file that does not parse fails the test)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}


def squash(text: str) -> str:
    """Text without any whitespace, so line wrapping in YAML or XML does not matter."""
    return re.sub(r"\s+", "", text)


def explain_pieces(text: str) -> list[str]:
    """The plain text of a Markdown explanation, split where citations stand.

    The export renders ``[@key]`` as "(Author, year)", so only the text between citations
    can be compared; links keep their text either way.
    """
    rendered = markdown.markdown(CITATION.sub("\x1f", text))
    plain = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    pieces = (squash(p).strip(".,;:()") for p in plain.split("\x1f"))
    return [p for p in pieces if len(p) >= 3]


def right_label(item, lang: str) -> str:
    def points(o) -> float:
        return o.points if o.points is not None else o.value

    return max(item.options, key=points).label.get(lang)


def resources(manifest: ET.Element) -> list[ET.Element]:
    return manifest.findall("cp:resources/cp:resource", NS)


def texts_of(root: ET.Element) -> str:
    """All character data and attribute values of a document."""
    parts = [*root.itertext()]
    for element in root.iter():
        parts.extend(element.attrib.values())
    return "\n".join(parts)


class Read:
    """One knowledge check read back from an export: per question (prompt, choices, right
    choice text, feedback text)."""

    def __init__(self, files: dict[str, ET.Element], version: str, resource: ET.Element):
        self.title: str
        self.lang: str
        self.questions: list[tuple[str, list[str], str, str]] = []
        root = files[resource.get("href")]
        if version == "1.2":
            self._read12(root)
        else:
            self._read21(files, root)

    def _read12(self, root: ET.Element) -> None:
        assert root.tag == clark("q12", "questestinterop")
        assert root.get(XSI_LOCATION, "").startswith(NS["q12"] + " ")
        (assessment,) = root.findall("q12:assessment", NS)
        self.title, self.lang = assessment.get("title"), assessment.get(XML_LANG)
        (section,) = assessment.findall("q12:section", NS)
        for item in section.findall("q12:item", NS):
            assert item.get(XML_LANG) == self.lang
            assert NCNAME.match(item.get("ident"))
            children = [child.tag.split("}")[1] for child in item]
            assert children == ["itemmetadata", "presentation", "resprocessing", "itemfeedback"]
            presentation = item.find("q12:presentation", NS)
            prompt = presentation.find("q12:material/q12:mattext", NS)
            assert prompt.get("texttype") == "text/plain"
            lid = presentation.find("q12:response_lid", NS)
            assert lid.get("rcardinality") == "Single"
            labels = lid.findall("q12:render_choice/q12:response_label", NS)
            choices = {
                label.get("ident"): label.find("q12:material/q12:mattext", NS).text
                for label in labels
            }
            conditions = item.findall("q12:resprocessing/q12:respcondition", NS)
            scoring = [c for c in conditions if c.find("q12:setvar", NS) is not None]
            (right,) = scoring
            maximum = item.find("q12:resprocessing/q12:outcomes/q12:decvar", NS).get("maxvalue")
            assert right.find("q12:setvar", NS).text == maximum
            respident = right.find("q12:conditionvar/q12:varequal", NS)
            assert respident.get("respident") == lid.get("ident")
            # The explanation is shown after any answer, through displayfeedback → itemfeedback.
            shown = [c for c in conditions if c.find("q12:conditionvar/q12:other", NS) is not None]
            link = shown[0].find("q12:displayfeedback", NS).get("linkrefid")
            feedback = item.find(f"q12:itemfeedback[@ident='{link}']", NS)
            mattext = feedback.find("q12:flow_mat/q12:material/q12:mattext", NS)
            assert mattext.get("texttype") == "text/html"
            assert "<script" not in mattext.text
            feedback_text = "".join(ET.fromstring(mattext.text).itertext())
            self.questions.append(
                (prompt.text, list(choices.values()), choices[respident.text], feedback_text)
            )

    def _read21(self, files: dict[str, ET.Element], test: ET.Element) -> None:
        assert test.tag == clark("q21", "assessmentTest")
        assert [c.tag.split("}")[1] for c in test] == [
            "outcomeDeclaration", "testPart", "outcomeProcessing",
        ]  # fmt: skip
        self.title = test.get("title")
        part = test.find("q21:testPart", NS)
        assert part.get("navigationMode") in {"linear", "nonlinear"}
        assert part.get("submissionMode") in {"individual", "simultaneous"}
        assert part.find("q21:itemSessionControl", NS).get("showFeedback") == "true"
        langs = set()
        refs = part.findall("q21:assessmentSection/q21:assessmentItemRef", NS)
        for ref in refs:
            item = files[ref.get("href")]
            assert item.tag == clark("q21", "assessmentItem")
            assert item.get("identifier") == ref.get("identifier")
            assert {item.get("adaptive"), item.get("timeDependent")} == {"false"}
            langs.add(item.get(XML_LANG))
            children = [c.tag.split("}")[1] for c in item]
            assert children == [
                "responseDeclaration", "outcomeDeclaration", "outcomeDeclaration",
                "itemBody", "responseProcessing", "modalFeedback",
            ]  # fmt: skip
            declaration = item.find("q21:responseDeclaration", NS)
            assert declaration.get("cardinality") == "single"
            interaction = item.find("q21:itemBody/q21:choiceInteraction", NS)
            assert interaction.get("maxChoices") == "1"
            assert interaction.get("responseIdentifier") == declaration.get("identifier")
            choices = {
                c.get("identifier"): c.text for c in interaction.findall("q21:simpleChoice", NS)
            }
            assert all(NCNAME.match(identifier) for identifier in choices)
            correct = declaration.find("q21:correctResponse/q21:value", NS).text
            # The modal feedback shows because response processing sets its outcome.
            modal = item.find("q21:modalFeedback", NS)
            outcomes = {o.get("identifier") for o in item.findall("q21:outcomeDeclaration", NS)}
            assert modal.get("outcomeIdentifier") in outcomes
            setter = item.find("q21:responseProcessing/q21:setOutcomeValue", NS)
            assert setter.get("identifier") == modal.get("outcomeIdentifier")
            assert setter.find("q21:baseValue", NS).text == modal.get("identifier")
            assert modal.find(".//q21:script", NS) is None
            assert all(e.tag.startswith(clark("q21", "")) for e in modal.iter())
            prompt = interaction.find("q21:prompt", NS).text
            self.questions.append(
                (prompt, list(choices.values()), choices[correct], "".join(modal.itertext()))
            )
        (self.lang,) = langs


# --------------------------------------------------------------------------- the package


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_manifest_and_zip_list_the_same_files(version: str, lang: str, exported) -> None:
    files = unpack(exported(version, lang))
    manifest = files["imsmanifest.xml"]
    assert manifest.tag == clark("cp", "manifest")
    parts = ("metadata", "organizations", "resources")
    assert [c.tag for c in manifest] == [clark("cp", part) for part in parts]
    schema = manifest.find("cp:metadata/cp:schema", NS).text
    schemaversion = manifest.find("cp:metadata/cp:schemaversion", NS).text
    assert (schema, schemaversion) == (
        ("IMS Content", "1.1.3") if version == "1.2" else ("QTIv2.1 Package", "1.0.0")
    )
    listed = set()
    ids = [manifest.get("identifier")]
    for resource in resources(manifest):
        ids.append(resource.get("identifier"))
        hrefs = [f.get("href") for f in resource.findall("cp:file", NS)]
        assert hrefs == [resource.get("href")]
        listed.update(hrefs)
    assert listed == set(files) - {"imsmanifest.xml"}
    assert len(ids) == len(set(ids)) and all(NCNAME.match(i) for i in ids)
    deps = {d.get("identifierref") for d in manifest.iterfind(".//cp:dependency", NS)}
    assert deps <= set(ids)
    types = {r.get("type") for r in resources(manifest)}
    v21 = {"imsqti_test_xmlv2p1", "imsqti_item_xmlv2p1"}
    assert types == ({"imsqti_xmlv1p2"} if version == "1.2" else v21)
    if version == "2.1":  # every item belongs to exactly one test, which depends on it
        items = {r.get("identifier") for r in resources(manifest) if "item" in r.get("type")}
        assert items == deps


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_question_keeps_its_text_right_answer_and_explanation(
    version: str, lang: str, exported
) -> None:
    files = unpack(exported(version, lang))
    tests = [
        r for r in resources(files["imsmanifest.xml"]) if r.get("type") != "imsqti_item_xmlv2p1"
    ]
    assert len(tests) == len(KNOWLEDGE)
    for spec, resource in zip(KNOWLEDGE, tests, strict=True):
        read = Read(files, version, resource)
        assert (read.title, read.lang) == (spec.title.get(lang), lang)
        assert len(read.questions) == len(spec.items)
        for item, question in zip(spec.items, read.questions, strict=True):
            prompt, choices, right, feedback = question
            where = f"{spec.id}/{item.id}"
            assert prompt == item.text.get(lang), where
            assert choices == [o.label.get(lang) for o in item.options], where
            assert right == right_label(item, lang), where
            for piece in explain_pieces(item.explain.get(lang)):
                assert piece in squash(feedback), f"{where}: {piece!r} missing from the feedback"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_metadata_is_in_the_chosen_language(version: str, lang: str, exported) -> None:
    manifest = unpack(exported(version, lang))["imsmanifest.xml"]
    if version == "1.2":
        titles = manifest.findall(".//imsmd:title/imsmd:langstring", NS)
        assert {t.get(XML_LANG) for t in titles} == {lang}
        languages = manifest.findall(".//imsmd:general/imsmd:language", NS)
    else:
        titles = manifest.findall(".//lom:title/lom:string", NS)
        assert {t.get("language") for t in titles} == {lang}
        languages = manifest.findall(".//lom:general/lom:language", NS)
    assert len(titles) == len(resources(manifest)) + 1
    assert {e.text for e in languages} == {lang}
    by_id = {r.get("identifier"): r for r in resources(manifest)}
    for spec in KNOWLEDGE:
        title = by_id["km." + spec.id].find(".//{*}title/{*}*").text
        assert title == spec.title.get(lang)


def _source_texts(spec: Spec, lang: str) -> list[str]:
    out = [spec.title.get(lang)]
    for item in spec.items:
        out += [item.text.get(lang), *(o.label.get(lang) for o in item.options)]
    return out


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_file_holds_text_of_the_other_language(version: str, lang: str, exported) -> None:
    files = unpack(exported(version, lang))
    own = squash(" ".join(t for s in KNOWLEDGE for t in _source_texts(s, lang)))
    for name, root in files.items():
        blob = squash(texts_of(root))
        for spec in KNOWLEDGE:
            foreign = [squash(t) for t in _source_texts(spec, OTHER[lang])]
            for item in spec.items:
                foreign += [p for p in explain_pieces(item.explain.get(OTHER[lang])) if len(p) > 20]
            for text in foreign:
                if text not in own:  # the same words in both languages (a name, say) are fine
                    assert text not in blob, f"{name}: {OTHER[lang]} text {text!r}"


@pytest.mark.parametrize("version", VERSIONS)
def test_same_input_gives_the_same_bytes(version: str, tmp_path: Path, exported) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert run_cli("--lang", "nb", "--qti", version, "--out", str(first)) == 0
    # A fresh process with another hash seed: no set or dict order may leak into the output.
    run = subprocess.run(
        [sys.executable, "-m", "handbook", "export", "qti", "--lang", "nb", "--qti", version,
         "--out", str(second)],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "4711"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert first.read_bytes() == second.read_bytes() == exported(version, "nb")
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "imsmanifest.xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_one_check_by_id_and_qti_12_is_the_default(tmp_path: Path) -> None:
    out = tmp_path / "one.zip"
    spec = KNOWLEDGE[0]
    assert run_cli(spec.id, "--lang", "en", "--out", str(out)) == 0
    files = unpack(out.read_bytes())
    assert set(files) == {"imsmanifest.xml", f"{spec.id}.xml"}
    manifest = files["imsmanifest.xml"]
    assert manifest.find("cp:metadata//{*}langstring", NS).text == spec.title.get("en")


# --------------------------------------------------------------------------- bad input


def test_unknown_id_exits_2_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    typo = KNOWLEDGE[0].id.replace("knowledge", "knowlege")
    assert run_cli(typo, "--lang", "nb", "--out", str(tmp_path / "x.zip")) == 2
    err = capsys.readouterr().err
    hint = f"(did you mean '{KNOWLEDGE[0].id}'?)"
    assert f"error: no assessment '{typo}' in {ASSESSMENTS}/ {hint}" in err
    assert "note: knowledge checks: " in err
    assert not (tmp_path / "x.zip").exists()


def test_reflection_assessment_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_cli(REFLECTION.id, "--lang", "nb", "--out", str(tmp_path / "x.zip")) == 2
    assert (
        f"error: '{REFLECTION.id}' is a reflection assessment, not a knowledge check; "
        "only knowledge checks (kind: knowledge) can be exported to QTI"
    ) in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], "argument --lang: invalid choice: 'de' (choose from 'nb', 'en')"),
        (["--lang", "nb", "--qti", "3.0"], "argument --qti: invalid choice: '3.0'"),
    ],
)
def test_bad_options_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli(*args, "--out", str(tmp_path / "x.zip"))
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_site_url_and_unwritable_out_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = str(tmp_path / "x.zip")
    assert run_cli("--lang", "nb", "--site-url", "example.org", "--out", out) == 2
    assert "error: --site-url must start with https://" in capsys.readouterr().err
    missing = str(tmp_path / "no" / "x.zip")
    assert run_cli("--lang", "nb", "--out", missing) == 2
    assert f"{missing}: error: cannot write: No such file or directory" in capsys.readouterr().err


TRICKY = """<script>alert("x")</script> & "double" 'single' ]]> <![CDATA[ &amp;"""
CHECK = """\
id: tricky-check
version: 1
kind: knowledge
title: {nb: "Norsk <tittel> & sånt", en: "English <title> & such"}
intro: {nb: Innledning., en: Introduction.}
items:
  - id: q1
    text: {nb: 'NB %(text)s', en: 'EN %(text)s'}
    dimension: knowledge
    options:
      - {value: 1, points: 0, label: {nb: 'feil <b>&amp;</b>', en: 'wrong <b>&amp;</b>'}}
      - {value: 2, points: 1, label: {nb: 'rett %(text)s', en: 'right %(text)s'}}
    explain:
      nb: 'Fordi R&D "sier" det, og `<tag>` er kode. %(bad)s'
      en: 'Because R&D "says" so, and `<tag>` is code. %(bad)s'
dimensions:
  knowledge:
    title: {nb: Riktige svar, en: Right answers}
    method: sum
    min_answered: 1
    bands:
      - {id: all, label: {nb: Alle, en: All}, feedback: {nb: Bra., en: Good.}}
"""


@pytest.fixture
def tricky(tmp_path: Path) -> Path:
    folder = tmp_path / "assessments"
    folder.mkdir()
    # Raw HTML and javascript: links in Markdown fields are refused by the loader now (see the
    # "markup" fixture); the exporter's own sanitizer is the second wall (unit-tested below).
    bad = "[link](https://example.org)"
    text = CHECK % {"text": TRICKY.replace("'", "''"), "bad": bad}
    (folder / "tricky-check.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_question_text_round_trips_as_text(
    version: str, lang: str, tricky: Path, tmp_path: Path
) -> None:
    out = tmp_path / "t.zip"
    args = ("--lang", lang, "--qti", version, "--out", str(out))
    assert run_cli(*args, assessments=tricky) == 0
    files = unpack(out.read_bytes())
    (resource,) = [r for r in resources(files["imsmanifest.xml"]) if "item" not in r.get("type")]
    read = Read(files, version, resource)
    prefix = lang.upper()
    assert read.title == ("Norsk <tittel> & sånt" if lang == "nb" else "English <title> & such")
    ((prompt, choices, right, feedback),) = read.questions
    assert prompt == f"{prefix} {TRICKY}"
    assert choices[0] == ("feil" if lang == "nb" else "wrong") + " <b>&amp;</b>"
    assert right == ("rett " if lang == "nb" else "right ") + TRICKY
    assert ('R&D "sier" det' if lang == "nb" else 'R&D "says" so') in feedback
    assert "<tag>" in feedback
    assert "alert(1)" not in feedback


def test_an_unknown_citation_is_an_error(
    tricky: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tricky / "tricky-check.yaml"
    path.write_text(path.read_text().replace("is code.", "is code [@nobody1999]."), "utf-8")
    assert run_cli("--lang", "en", "--out", str(tmp_path / "x.zip"), assessments=tricky) == 1
    assert (
        "error: tricky-check: explanation of 'q1' (en): unknown citation key 'nobody1999'"
        in capsys.readouterr().err
    )


def test_a_tie_for_the_right_answer_is_an_error(
    tricky: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tricky / "tricky-check.yaml"
    path.write_text(path.read_text().replace("points: 0", "points: 1"), encoding="utf-8")
    assert run_cli("--lang", "nb", "--out", str(tmp_path / "x.zip"), assessments=tricky) == 1
    assert (
        "error: tricky-check: question 'q1' has 2 options with the highest points (1; values 1, 2)"
        in capsys.readouterr().err
    )


# --------------------------------------------------------------------------- the pieces


def test_explanations_keep_only_safe_markup_and_reachable_links() -> None:
    site = "https://example.org/km/"

    def resolve(href: str) -> str | None:
        return page_url(site, "en", href)

    text = (
        "**Bold** and [a page](theory/mastery.md#the-model), [a source](#ref-x), "
        "[the web](https://example.org/a?b=1&c=2), [bad](javascript:alert(1)).\n\n"
        '<div onclick="x()"><img src="a.png"><style>p{}</style><svg><g></g></svg>kept</div>'
    )
    got = markdown_to_xhtml(text, resolve)
    assert got == (
        '<div><p><strong>Bold</strong> and <a href="https://example.org/km/en/theory/mastery/'
        '#the-model">a page</a>, a source, <a href="https://example.org/a?b=1&amp;c=2">the web</a>'
        ", bad.</p>\n<div>kept</div></div>"
    )
    assert "a page</a>" not in markdown_to_xhtml(text)  # no site URL: the link keeps its text


def test_page_urls_follow_the_site_layout() -> None:
    assert page_url("https://x.no", "nb", "theory/jdr.md#a") == "https://x.no/theory/jdr/#a"
    assert page_url("https://x.no/", "en", "index.md") == "https://x.no/en/"
    assert page_url("https://x.no/", "en", "tools/index.md") == "https://x.no/en/tools/"
    assert page_url("https://x.no/", "en", "https://other.org/") is None


def test_short_titles_cut_at_a_word() -> None:
    assert short_title("  Kort\n spørsmål? ") == "Kort spørsmål?"
    long = "ord " * 40
    assert short_title(long) == ("ord " * 19).strip() + "…"
    assert len(short_title(long)) <= 80


def test_the_python_api_defaults_to_qti_12() -> None:
    package = build_package(KNOWLEDGE[:1], "nb")
    assert export(package) == export(package, "1.2") != export(package, "2.1")
    question = package.quizzes[0].questions[0]
    assert question.correct in {c.identifier for c in question.choices}
