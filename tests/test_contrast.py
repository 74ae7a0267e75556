"""Colour contrast of our own CSS in both schemes, computed (WCAG 2.x) from the tokens in
km.css, and of every diagram's text on its box, as drawn and under the dark-mode filter."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

CSS = ROOT / "site_overrides" / "assets" / "km" / "km.css"
SCHEMES = {
    "light": ':root, [data-md-color-scheme="default"]',
    "dark": '[data-md-color-scheme="slate"]',
}
TEXT, GRAPHIC = 4.5, 3.0

# (foreground, background, minimum, what it is). Names are variables set in km.css.
PAIRS = [
    ("--km-fg-muted", "--km-bg", TEXT, "secondary text"),
    ("--km-fg-muted", "--km-selected-bg", TEXT, "secondary text inside a chosen answer"),
    ("--km-button-fg", "--km-bg", TEXT, "outline button text"),
    ("--km-button-fg", "--km-bg", GRAPHIC, "outline button border"),
    ("--km-button-primary-fg", "--km-button-primary-bg", TEXT, "primary button text"),
    ("--km-button-primary-bg", "--km-bg", GRAPHIC, "primary button against the page"),
    ("--md-accent-bg-color", "--md-accent-fg-color", TEXT, "button text on hover and focus"),
    ("--md-typeset-a-color", "--km-bg", TEXT, "links"),
    ("--md-primary-bg-color", "--md-primary-fg-color", TEXT, "header text"),
    ("--km-control-border", "--km-bg", GRAPHIC, "answer option border"),
    ("--km-selected-border", "--km-bg", GRAPHIC, "chosen answer border"),
    ("--km-selected-border", "--km-selected-bg", GRAPHIC, "chosen answer border on its tint"),
    ("--km-bar-fill", "--km-bg", GRAPHIC, "result bar fill"),
    ("--km-control-border", "--km-bg", GRAPHIC, "result bar outline (the whole scale)"),
    ("--km-focus", "--km-bg", GRAPHIC, "focus ring"),
    ("--km-focus", "--km-selected-bg", GRAPHIC, "focus ring around a chosen answer"),
    ("--km-tone-good", "--km-bg", TEXT, "a score in a good band"),
    ("--km-tone-neutral", "--km-bg", TEXT, "a score in a neutral band"),
    ("--km-tone-concern", "--km-bg", TEXT, "a score in a band of concern"),
    ("--km-tone-good", "--km-track", GRAPHIC, "good bar fill on its track"),
    ("--km-tone-neutral", "--km-track", GRAPHIC, "neutral bar fill on its track"),
    ("--km-tone-concern", "--km-track", GRAPHIC, "concern bar fill on its track"),
    ("--km-control-border", "--km-bg", GRAPHIC, "the bar track's outline"),
]


# ----------------------------------------------------------------------------- colour maths


def parse_colour(value: str) -> tuple[float, float, float]:
    value = value.strip().lower()
    match = re.fullmatch(r"#([0-9a-f]{6})", value)
    if not match:
        raise ValueError(f"not a #rrggbb colour: {value!r} (keep km.css tokens plain)")
    h = match.group(1)
    return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_maths_matches_wcag_examples() -> None:
    assert contrast(parse_colour("#000000"), parse_colour("#ffffff")) == pytest.approx(21)
    assert contrast(parse_colour("#767676"), parse_colour("#ffffff")) == pytest.approx(4.54, 0.01)
    assert contrast(parse_colour("#00695c"), parse_colour("#1e2129")) == pytest.approx(2.43, 0.01)


# ----------------------------------------------------------------------------- km.css


def tokens(css: str) -> dict[str, dict[str, str]]:
    """Custom properties per scheme, from every rule whose selector is exactly the scheme's."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: dict[str, dict[str, str]] = {scheme: {} for scheme in SCHEMES}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        selector = " ".join(selector.split())
        for scheme, wanted in SCHEMES.items():
            if selector == wanted:
                for name, value in re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", body):
                    found[scheme][name] = value.strip()
    # The dark scheme's element (body) inherits what it does not set from :root.
    found["dark"] = {**found["light"], **found["dark"]}
    return found


def resolve(values: dict[str, str], name: str) -> str:
    value = values[name]
    while match := re.fullmatch(r"var\((--[\w-]+)\)", value):
        value = values[match.group(1)]
    return value


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize(("fg", "bg", "minimum", "what"), PAIRS, ids=[p[3] for p in PAIRS])
def test_colour_pairs_reach_their_contrast(
    scheme: str, fg: str, bg: str, minimum: float, what: str
) -> None:
    values = tokens(CSS.read_text(encoding="utf-8"))[scheme]
    ratio = contrast(parse_colour(resolve(values, fg)), parse_colour(resolve(values, bg)))
    assert ratio >= minimum, f"{scheme}: {what} ({fg} on {bg}) is {ratio:.2f}:1"


def test_the_dark_scheme_sets_every_token_itself() -> None:
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    blocks = {
        scheme: " ".join(b for sel, b in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
                         if " ".join(sel.split()) == wanted)
        for scheme, wanted in SCHEMES.items()
    }  # fmt: skip
    km = {scheme: set(re.findall(r"(--km-[\w-]+)\s*:", body)) for scheme, body in blocks.items()}
    assert km["light"] == km["dark"] and len(km["light"]) >= 10


# ----------------------------------------------------------------------------- diagrams

SVG = "{http://www.w3.org/2000/svg}"
DIAGRAMS = sorted((ROOT / "content").glob("*/**/img/*.svg"))


def filter_of(scheme: str) -> list[tuple[str, float]]:
    """The diagram filter of a scheme as [(function, amount)], e.g. invert(0.88)."""
    value = resolve(tokens(CSS.read_text(encoding="utf-8"))[scheme], "--km-diagram-filter")
    if value == "none":
        return []
    steps = []
    for name, amount in re.findall(r"([a-z-]+)\(([^)]*)\)", value):
        number = float(amount.removesuffix("deg").removesuffix("%"))
        steps.append((name, number / 100 if amount.endswith("%") else number))
    return steps


def apply_filter(rgb: tuple[float, float, float], steps: list[tuple[str, float]]):
    """CSS filter functions on an sRGB colour (Filter Effects 1, as the shorthands compute)."""
    r, g, b = rgb
    for name, amount in steps:
        if name == "invert":
            r, g, b = (c * (1 - amount) + (1 - c) * amount for c in (r, g, b))
        elif name == "hue-rotate":
            cos, sin = math.cos(math.radians(amount)), math.sin(math.radians(amount))
            matrix = [
                (0.213 + cos * 0.787 - sin * 0.213, 0.715 - cos * 0.715 - sin * 0.715,
                 0.072 - cos * 0.072 + sin * 0.928),
                (0.213 - cos * 0.213 + sin * 0.143, 0.715 + cos * 0.285 + sin * 0.140,
                 0.072 - cos * 0.072 - sin * 0.283),
                (0.213 - cos * 0.213 - sin * 0.787, 0.715 - cos * 0.715 + sin * 0.715,
                 0.072 + cos * 0.928 + sin * 0.072),
            ]  # fmt: skip
            r, g, b = (min(1.0, max(0.0, x * r + y * g + z * b)) for x, y, z in matrix)
        else:
            raise ValueError(f"the test does not know the filter {name}()")
    return (r, g, b)


def text_on_boxes(path: Path) -> list[tuple[str, str, str]]:
    """(text, its fill, the fill of the box it sits on) for every text of a diagram.

    The box is the last filled shape (rectangle, circle, polygon: by its bounding box) drawn
    before the text that holds the text's anchor point (SVG's painter's order), else the
    drawing's first shape (its card)."""
    root = ET.parse(path).getroot()
    rects: list[tuple[float, float, float, float, str]] = []
    out = []

    def walk(node: ET.Element, inherited: dict[str, str]) -> None:
        attrs = {**inherited, **{k: v for k, v in node.attrib.items() if k in INHERITED}}
        tag = node.tag.removeprefix(SVG)
        filled = attrs.get("fill", "#000000") not in ("none", "transparent")
        if tag == "rect" and filled:
            x, y = float(node.get("x", 0)), float(node.get("y", 0))
            rects.append((x, y, float(node.get("width")), float(node.get("height")), attrs["fill"]))
        elif tag == "circle" and filled:
            cx, cy, r = (float(node.get(k)) for k in ("cx", "cy", "r"))
            rects.append((cx - r, cy - r, 2 * r, 2 * r, attrs["fill"]))
        elif tag == "polygon" and filled:  # its bounding box (warning triangles)
            points = [float(v) for v in re.split(r"[ ,]+", node.get("points").strip())]
            xs, ys = points[0::2], points[1::2]
            rects.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys), attrs["fill"]))
        elif tag == "text":
            x, y = float(node.get("x", 0)), float(node.get("y", 0))
            if match := re.match(r"translate\(([\d.]+)[ ,]+([\d.]+)\)", node.get("transform", "")):
                x, y = float(match.group(1)), float(match.group(2))
            size = float(attrs.get("font-size", 16))
            anchor = attrs.get("text-anchor", "start")
            px = x + (2 if anchor == "start" else -2 if anchor == "end" else 0)
            py = y - size * 0.35
            under = [r for r in rects if r[0] <= px <= r[0] + r[2] and r[1] <= py <= r[1] + r[3]]
            box = (under[-1] if under else rects[0])[4]
            words = "".join(node.itertext()).strip()
            out.append((words, attrs.get("fill", "#000000"), box))
        for child in node:
            walk(child, attrs)

    walk(root, {})
    return out


INHERITED = {"fill", "font-size", "text-anchor"}


def test_every_diagram_has_text_to_check() -> None:
    assert len(DIAGRAMS) == 20
    assert all(len(text_on_boxes(path)) >= 5 for path in DIAGRAMS)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize(
    "path", DIAGRAMS, ids=[f"{p.parent.parent.parent.name}/{p.name}" for p in DIAGRAMS]
)
def test_diagram_text_reads_on_its_box(path: Path, scheme: str) -> None:
    steps = filter_of(scheme)
    weak = []
    for words, fill, box in text_on_boxes(path):
        ratio = contrast(
            apply_filter(parse_colour(fill), steps), apply_filter(parse_colour(box), steps)
        )
        if ratio < TEXT:
            weak.append(f"{words!r}: {fill} on {box} is {ratio:.2f}:1")
    assert weak == []


def test_dark_filter_keeps_black_and_white_apart() -> None:
    steps = filter_of("dark")
    white, black = apply_filter((1, 1, 1), steps), apply_filter((0, 0, 0), steps)
    assert luminance(white) < 0.05 < luminance(black)  # a light card turns dark, text light


# ----------------------------------------------------------------------------- in the page


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_page_background_is_the_token(page, base_url: str, scheme: str) -> None:
    page.goto(base_url + "/theory/job-demands-resources/")
    page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    background, token = page.evaluate(
        "() => [getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.body).getPropertyValue('--km-bg').trim()]"
    )
    rgb = tuple(round(c * 255) for c in parse_colour(token))
    assert background == f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})"
