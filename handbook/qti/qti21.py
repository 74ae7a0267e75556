"""IMS QTI 2.1: an ``assessmentTest`` per knowledge check plus one ``assessmentItem`` per question.

Packaged per the QTI 2.1 profile of IMS CP (``schema`` "QTIv2.1 Package", IEEE LOM metadata
with ``language``): the test resource (``imsqti_test_xmlv2p1``) depends on its item
resources (``imsqti_item_xmlv2p1``). Paths: ``<assessment>.xml`` for the test and
``<assessment>/<item>.xml`` for the items.

Each item has a ``choiceInteraction`` with ``maxChoices="1"`` and the right choice as
``correctResponse``. Response processing is written out rather than referenced as the
``match_correct`` template, because it must also set ``FEEDBACK`` so that the
``modalFeedback`` with the explanation shows after any answer. The explanation's XHTML is
placed as elements in the QTI namespace, as the 2.1 content model requires.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .base import NS_CP, NS_XSI, SCHEMA_LOCATION, XML_LANG, Exporter, Resource, qname, sub
from .model import Question, Quiz

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
NS_LOM = "http://ltsc.ieee.org/xsd/LOM"
DOCUMENT_SCHEMA_LOCATION = (
    "http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/imsqti_v2p1.xsd"
)
TEST_TYPE = "imsqti_test_xmlv2p1"
ITEM_TYPE = "imsqti_item_xmlv2p1"
RESPONSE = "RESPONSE"
SCORE = "SCORE"
FEEDBACK = "FEEDBACK"
EXPLAIN = "EXPLAIN"


def q(local: str) -> str:
    """A name in the QTI 2.1 namespace."""
    return qname(NS, local)


def lom_name(local: str) -> str:
    """A name in the IEEE LOM namespace."""
    return qname(NS_LOM, local)


def in_qti_namespace(element: ET.Element) -> ET.Element:
    """A copy of a plain XHTML tree with every element moved into the QTI namespace."""
    copy = ET.Element(q(element.tag), dict(element.attrib))
    copy.text, copy.tail = element.text, element.tail
    copy.extend(in_qti_namespace(child) for child in element)
    return copy


def _declare(parent: ET.Element, identifier: str, base_type: str, default: str | None) -> None:
    attrib = {"identifier": identifier, "cardinality": "single", "baseType": base_type}
    declaration = sub(parent, q("outcomeDeclaration"), attrib=attrib)
    if default is not None:
        sub(sub(declaration, q("defaultValue")), q("value"), default)


def _set_outcome(parent: ET.Element, identifier: str, base_type: str, value: str) -> None:
    setter = sub(parent, q("setOutcomeValue"), attrib={"identifier": identifier})
    sub(setter, q("baseValue"), value, {"baseType": base_type})


class Qti21Exporter(Exporter):
    """Knowledge checks as a QTI 2.1 content package."""

    version = "2.1"
    schema = "QTIv2.1 Package"
    schemaversion = "1.0.0"
    manifest_prefixes = {NS_CP: "", NS_LOM: "lom", NS_XSI: "xsi"}
    manifest_schema_location = (
        "http://www.imsglobal.org/xsd/imscp_v1p1 "
        "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd "
        "http://ltsc.ieee.org/xsd/LOM http://www.imsglobal.org/xsd/imsmd_loose_v1p3p2.xsd"
    )
    document_prefixes = {NS: "", NS_XSI: "xsi"}
    # Text content that pretty-printing must not touch.
    opaque = frozenset({q("prompt"), q("simpleChoice"), q("modalFeedback")})

    def lom(self, title: str) -> ET.Element:
        """``lom:lom`` with the title as a ``string`` in the package language."""
        lang = self.package.lang
        lom = ET.Element(lom_name("lom"))
        general = sub(lom, lom_name("general"))
        sub(sub(general, lom_name("title")), lom_name("string"), title, {"language": lang})
        sub(general, lom_name("language"), lang)
        return lom

    def resources(self) -> list[Resource]:
        """For each check: the test, then its items."""
        out: list[Resource] = []
        for quiz in self.package.quizzes:
            items = [
                Resource(
                    question.identifier,
                    ITEM_TYPE,
                    quiz.assessment_id + "/" + question.item_id + ".xml",
                    question.title,
                    self.item(question),
                )
                for question in quiz.questions
            ]
            test = Resource(
                quiz.identifier,
                TEST_TYPE,
                quiz.assessment_id + ".xml",
                quiz.title,
                self.test(quiz, items),
                tuple(item.identifier for item in items),
            )
            out += [test, *items]
        return out

    def test(self, quiz: Quiz, items: list[Resource]) -> ET.Element:
        """The ``assessmentTest``: one part, one section, the items in order, SCORE summed."""
        root = ET.Element(q("assessmentTest"), {
            "identifier": quiz.identifier, "title": quiz.title,
            SCHEMA_LOCATION: DOCUMENT_SCHEMA_LOCATION,
        })  # fmt: skip
        _declare(root, SCORE, "float", "0")
        part = sub(root, q("testPart"), attrib={
            "identifier": quiz.identifier + "._part",
            "navigationMode": "nonlinear", "submissionMode": "simultaneous",
        })  # fmt: skip
        # Like the handbook's own widget: answer everything, then see the right answers
        # and the explanations.
        sub(part, q("itemSessionControl"), attrib={
            "maxAttempts": "1", "showFeedback": "true", "allowReview": "true",
            "showSolution": "true",
        })  # fmt: skip
        section = sub(part, q("assessmentSection"), attrib={
            "identifier": quiz.identifier + "._section", "title": quiz.title, "visible": "true",
        })  # fmt: skip
        for item in items:
            sub(section, q("assessmentItemRef"), attrib={
                "identifier": item.identifier, "href": item.href,
            })  # fmt: skip
        processing = sub(root, q("outcomeProcessing"))
        total = sub(sub(processing, q("setOutcomeValue"), attrib={"identifier": SCORE}), q("sum"))
        sub(total, q("testVariables"), attrib={"variableIdentifier": SCORE})
        return root

    def item(self, question: Question) -> ET.Element:
        """One ``assessmentItem`` with a single-choice interaction and its explanation."""
        root = ET.Element(q("assessmentItem"), {
            "identifier": question.identifier, "title": question.title,
            XML_LANG: self.package.lang, "adaptive": "false", "timeDependent": "false",
            SCHEMA_LOCATION: DOCUMENT_SCHEMA_LOCATION,
        })  # fmt: skip
        response = sub(root, q("responseDeclaration"), attrib={
            "identifier": RESPONSE, "cardinality": "single", "baseType": "identifier",
        })  # fmt: skip
        sub(sub(response, q("correctResponse")), q("value"), question.correct)
        _declare(root, SCORE, "float", "0")
        if question.feedback is not None:
            _declare(root, FEEDBACK, "identifier", None)

        body = sub(root, q("itemBody"))
        interaction = sub(body, q("choiceInteraction"), attrib={
            "responseIdentifier": RESPONSE, "shuffle": "false", "maxChoices": "1",
        })  # fmt: skip
        sub(interaction, q("prompt"), question.prompt)
        for choice in question.choices:
            sub(interaction, q("simpleChoice"), choice.text, {"identifier": choice.identifier})

        processing = sub(root, q("responseProcessing"))
        condition = sub(processing, q("responseCondition"))
        when_right = sub(condition, q("responseIf"))
        match = sub(when_right, q("match"))
        sub(match, q("variable"), attrib={"identifier": RESPONSE})
        sub(match, q("correct"), attrib={"identifier": RESPONSE})
        _set_outcome(when_right, SCORE, "float", "1")
        _set_outcome(sub(condition, q("responseElse")), SCORE, "float", "0")

        if question.feedback is not None:
            _set_outcome(processing, FEEDBACK, "identifier", EXPLAIN)
            modal = sub(root, q("modalFeedback"), attrib={
                "outcomeIdentifier": FEEDBACK, "showHide": "show", "identifier": EXPLAIN,
            })  # fmt: skip
            modal.append(in_qti_namespace(ET.fromstring(question.feedback)))
        return root
