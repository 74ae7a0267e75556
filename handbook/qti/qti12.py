"""IMS QTI 1.2 (ASI 1.2.1): one ``questestinterop`` document per knowledge check.

This is the shape Canvas (Classic Quizzes), Blackboard Learn and most other LMSs import:
the manifest lists each check as a resource of type ``imsqti_xmlv1p2`` (IMS CP 1.1.3 with
IMS Metadata 1.2), and its document holds ``assessment > section > item`` inline.

Each item is a ``response_lid`` with ``rcardinality="Single"``; response processing sets
``SCORE`` to 100 for the right label (``points_possible`` 1 tells Canvas the weight), and
a first condition with ``<other/>`` shows the explanation after any answer through
``displayfeedback`` → ``itemfeedback``. Question text and labels are ``text/plain``; the
explanation is ``text/html``, its XHTML carried as escaped character data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .base import NS_CP, NS_XSI, SCHEMA_LOCATION, XML_LANG, Exporter, Resource, qname, sub
from .model import Question, Quiz

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
NS_MD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
DOCUMENT_SCHEMA_LOCATION = (
    "http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
)
RESOURCE_TYPE = "imsqti_xmlv1p2"
RESPONSE = "response1"
FEEDBACK = "general_fb"
MAX_SCORE = "100"


def q(local: str) -> str:
    """A name in the QTI 1.2 ASI namespace."""
    return qname(NS, local)


def md(local: str) -> str:
    """A name in the IMS Metadata 1.2 namespace."""
    return qname(NS_MD, local)


def _material(parent: ET.Element, text: str, texttype: str = "text/plain") -> None:
    sub(sub(parent, q("material")), q("mattext"), text, {"texttype": texttype})


def _metadata_field(parent: ET.Element, label: str, entry: str) -> None:
    field = sub(parent, q("qtimetadatafield"))
    sub(field, q("fieldlabel"), label)
    sub(field, q("fieldentry"), entry)


class Qti12Exporter(Exporter):
    """Knowledge checks as a QTI 1.2 content package."""

    version = "1.2"
    schema = "IMS Content"
    schemaversion = "1.1.3"
    manifest_prefixes = {NS_CP: "", NS_MD: "imsmd", NS_XSI: "xsi"}
    manifest_schema_location = (
        "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
        "http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd"
    )
    document_prefixes = {NS: "", NS_XSI: "xsi"}

    def lom(self, title: str) -> ET.Element:
        """``imsmd:lom`` with the title as a ``langstring`` and the package language."""
        lang = self.package.lang
        lom = ET.Element(md("lom"))
        general = sub(lom, md("general"))
        sub(sub(general, md("title")), md("langstring"), title, {XML_LANG: lang})
        sub(general, md("language"), lang)
        return lom

    def resources(self) -> list[Resource]:
        """One document per knowledge check, items inline."""
        return [
            Resource(
                quiz.identifier,
                RESOURCE_TYPE,
                quiz.assessment_id + ".xml",
                quiz.title,
                self.document(quiz),
            )
            for quiz in self.package.quizzes
        ]

    def document(self, quiz: Quiz) -> ET.Element:
        """``questestinterop > assessment > section > item…`` for one knowledge check."""
        lang = self.package.lang
        root = ET.Element(q("questestinterop"), {SCHEMA_LOCATION: DOCUMENT_SCHEMA_LOCATION})
        attrib = {"ident": quiz.identifier, "title": quiz.title, XML_LANG: lang}
        assessment = sub(root, q("assessment"), attrib=attrib)
        section = sub(assessment, q("section"), attrib={"ident": quiz.identifier + "._section"})
        for question in quiz.questions:
            section.append(self.item(question))
        return root

    def item(self, question: Question) -> ET.Element:
        """One single-answer multiple-choice ``item`` with scoring and feedback."""
        attrib = {"ident": question.identifier, "title": question.title}
        item = ET.Element(q("item"), {**attrib, XML_LANG: self.package.lang})
        metadata = sub(sub(item, q("itemmetadata")), q("qtimetadata"))
        _metadata_field(metadata, "question_type", "multiple_choice_question")
        _metadata_field(metadata, "points_possible", "1")

        presentation = sub(item, q("presentation"))
        _material(presentation, question.prompt)
        lid = sub(
            presentation, q("response_lid"), attrib={"ident": RESPONSE, "rcardinality": "Single"}
        )
        choices = sub(lid, q("render_choice"), attrib={"shuffle": "No"})
        for choice in question.choices:
            label = sub(choices, q("response_label"), attrib={"ident": choice.identifier})
            _material(label, choice.text)

        processing = sub(item, q("resprocessing"))
        outcomes = sub(processing, q("outcomes"))
        sub(outcomes, q("decvar"), attrib={
            "varname": "SCORE", "vartype": "Decimal", "minvalue": "0", "maxvalue": MAX_SCORE,
        })  # fmt: skip
        if question.feedback is not None:
            show = sub(processing, q("respcondition"), attrib={"continue": "Yes"})
            sub(sub(show, q("conditionvar")), q("other"))
            sub(show, q("displayfeedback"), attrib={
                "feedbacktype": "Response", "linkrefid": FEEDBACK,
            })  # fmt: skip
        right = sub(processing, q("respcondition"), attrib={"continue": "No"})
        condition = sub(right, q("conditionvar"))
        sub(condition, q("varequal"), question.correct, {"respident": RESPONSE})
        sub(right, q("setvar"), MAX_SCORE, {"action": "Set", "varname": "SCORE"})

        if question.feedback is not None:
            feedback = sub(item, q("itemfeedback"), attrib={"ident": FEEDBACK})
            _material(sub(feedback, q("flow_mat")), question.feedback, "text/html")
        return item
