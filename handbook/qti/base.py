"""What every QTI version shares: the IMS content package (manifest + zip) and XML output.

An exporter subclass turns a ``model.Package`` into ``Resource`` objects (one XML document
each) and says how its manifest metadata is spelled; this base class writes
``imsmanifest.xml`` and the zip. Trees are built with namespaced (Clark) names,
``{uri}local``, and only turned into prefixed names when serialized, with an explicit
prefix map, so no global ElementTree state is touched and the root always carries a
default namespace (LMS importers look resources up as ``//xmlns:resource``).

Output is deterministic: stable identifiers come from the model, files are written in a
fixed order with a fixed timestamp and mode, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from .model import Package

NS_CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_XML = "http://www.w3.org/XML/1998/namespace"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
MANIFEST = "imsmanifest.xml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold; fixed for equal bytes
ZIP_MODE = 0o100644  # a regular file, rw-r--r--


def qname(ns: str, local: str) -> str:
    """The Clark name ``{ns}local`` that ElementTree uses for namespaced names."""
    return "{" + ns + "}" + local


def sub(
    parent: ET.Element, tag: str, text: str | None = None, attrib: Mapping[str, str] | None = None
) -> ET.Element:
    """Append a child element with optional text and attributes, and return it."""
    child = ET.SubElement(parent, tag, dict(attrib or {}))
    if text is not None:
        child.text = text
    return child


@dataclass(frozen=True)
class Resource:
    """One XML document in the package and its ``<resource>`` entry in the manifest."""

    identifier: str
    type: str  # e.g. imsqti_xmlv1p2, imsqti_test_xmlv2p1, imsqti_item_xmlv2p1
    href: str  # path inside the zip
    title: str
    root: ET.Element = field(compare=False)
    dependencies: tuple[str, ...] = ()  # identifiers of resources this one uses


def indent(elem: ET.Element, opaque: Collection[str] = (), level: int = 0) -> None:
    """Pretty-print in place, but never inside ``opaque`` tags or mixed content.

    ``ET.indent`` would add whitespace between inline elements of feedback text and so
    change how it reads; here, any element holding text next to children is left as is.
    """
    if not len(elem) or elem.tag in opaque:
        return
    if (elem.text or "").strip() or any((c.tail or "").strip() for c in elem):
        return
    pad = "\n" + "  " * (level + 1)
    elem.text = pad
    for child in elem:
        indent(child, opaque, level + 1)
        child.tail = pad
    elem[-1].tail = "\n" + "  " * level


def _prefixed(elem: ET.Element, prefixes: Mapping[str, str]) -> ET.Element:
    """A copy of ``elem`` with Clark names replaced by ``prefix:local`` (or bare, for "")."""

    def name(clark: str, is_tag: bool) -> str:
        if not clark.startswith("{"):
            if is_tag:
                raise ValueError(f"element '{clark}' has no namespace")
            return clark
        uri, local = clark[1:].split("}", 1)
        prefix = "xml" if uri == NS_XML else prefixes[uri]
        return f"{prefix}:{local}" if prefix else local

    attrib = {name(k, False): v for k, v in elem.attrib.items()}
    copy = ET.Element(name(elem.tag, True), attrib)
    copy.text, copy.tail = elem.text, elem.tail
    copy.extend(_prefixed(child, prefixes) for child in elem)
    return copy


def serialize(root: ET.Element, prefixes: Mapping[str, str], opaque: Collection[str] = ()) -> bytes:
    """UTF-8 XML with a declaration; ``prefixes`` maps namespace URI → prefix ("" = default)."""
    indent(root, opaque)
    plain = _prefixed(root, prefixes)
    declarations = {
        ("xmlns:" + prefix if prefix else "xmlns"): uri for uri, prefix in prefixes.items()
    }
    plain.attrib = {**declarations, **plain.attrib}
    return ET.tostring(plain, encoding="utf-8", xml_declaration=True) + b"\n"


class Exporter(ABC):
    """Base of the per-version exporters: subclasses supply resources and LOM metadata."""

    version: ClassVar[str]
    schema: ClassVar[str]  # manifest <schema>
    schemaversion: ClassVar[str]  # manifest <schemaversion>
    manifest_prefixes: ClassVar[Mapping[str, str]]  # namespace URI → prefix in the manifest
    manifest_schema_location: ClassVar[str]
    document_prefixes: ClassVar[Mapping[str, str]]  # the same for the QTI documents
    opaque: ClassVar[frozenset[str]] = frozenset()  # tags whose content is never re-indented

    def __init__(self, package: Package):
        self.package = package

    @abstractmethod
    def resources(self) -> list[Resource]:
        """Every QTI document of the package, in manifest order."""

    @abstractmethod
    def lom(self, title: str) -> ET.Element:
        """Title and language metadata in this version's LOM binding."""

    def manifest(self, resources: list[Resource]) -> ET.Element:
        """The ``imsmanifest.xml`` tree listing ``resources``."""
        cp = NS_CP
        root = ET.Element(qname(cp, "manifest"), {"identifier": self.package.identifier})
        root.set(SCHEMA_LOCATION, self.manifest_schema_location)
        metadata = sub(root, qname(cp, "metadata"))
        sub(metadata, qname(cp, "schema"), self.schema)
        sub(metadata, qname(cp, "schemaversion"), self.schemaversion)
        metadata.append(self.lom(self.package.title))
        sub(root, qname(cp, "organizations"))
        listing = sub(root, qname(cp, "resources"))
        for res in resources:
            attrib = {"identifier": res.identifier, "type": res.type, "href": res.href}
            entry = sub(listing, qname(cp, "resource"), attrib=attrib)
            sub(entry, qname(cp, "metadata")).append(self.lom(res.title))
            sub(entry, qname(cp, "file"), attrib={"href": res.href})
            for dep in res.dependencies:
                sub(entry, qname(cp, "dependency"), attrib={"identifierref": dep})
        return root

    def files(self) -> dict[str, bytes]:
        """Path in the zip → bytes, the manifest first."""
        resources = self.resources()
        out = {MANIFEST: serialize(self.manifest(resources), self.manifest_prefixes)}
        for res in resources:
            if res.href in out:
                raise ValueError(f"two resources would be written to '{res.href}'")
            out[res.href] = serialize(res.root, self.document_prefixes, self.opaque)
        return out

    def zip_bytes(self) -> bytes:
        """The IMS content package as zip bytes, identical for identical input."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path, data in self.files().items():
                info = zipfile.ZipInfo(path, ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so the mode below means what it says
                info.external_attr = ZIP_MODE << 16
                archive.writestr(info, data)
        return buffer.getvalue()
