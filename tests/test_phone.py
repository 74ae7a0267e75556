"""Reading on a 390 px phone: tables as cards, the diagram viewer, "on this page", the
glossary's letters, and the answer widget's marks for the chosen answer and for keyboard use."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import wait_js
from test_browser import SPECS, axe_violations, page_of, use_scheme

PHONE = {"width": 390, "height": 844}
CHAPTER = "/theory/sickness-absence/"


@pytest.fixture()
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def overflow(page) -> int:
    """How far the page is wider than the screen, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# ----------------------------------------------------------------------------- tables


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_wide_tables_become_labelled_cards(phone, base_url: str, lang: str) -> None:
    phone.goto(base_url + ("/en" if lang == "en" else "") + "/practice/absence-follow-up/")
    table = phone.locator("#timeline ~ div table, #timeline ~ table").first
    assert table.get_attribute("data-km-cards") == ""
    headings = table.locator("thead th").all_inner_texts()
    assert len(headings) == 4
    first = table.locator("tbody tr").first.locator("td")
    assert [first.nth(n).get_attribute("data-label") for n in range(4)] == headings
    # Each cell shows its heading before its text, and the row is one card in the column.
    shown = first.nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert shown.startswith(f'"{headings[1]}"')
    box = table.locator("tbody tr").first.bounding_box()
    assert box["width"] <= PHONE["width"] and box["x"] >= 0
    assert overflow(phone) == 0
    assert phone.locator(".km-table-hint:visible").count() == 0
    # Screen readers still get a table with its column headers.
    assert table.get_attribute("role") == "table"
    assert first.nth(0).get_attribute("role") == "cell"


def test_a_table_that_still_scrolls_says_so(phone, base_url: str) -> None:
    phone.goto(base_url + "/practice/absence-follow-up/")
    # A two-column table stays a table; squeeze its box until it must scroll sideways.
    table = phone.locator("#who-does-what ~ div table").first
    assert table.get_attribute("data-km-cards") is None
    hint = phone.locator("#who-does-what ~ .km-table-hint").first
    assert hint.evaluate("h => h.nextElementSibling.className") == "md-typeset__scrollwrap"
    assert hint.is_hidden()
    table.evaluate("t => { t.style.minWidth = '900px'; }")
    hint.wait_for(state="visible")
    assert "scroll" in hint.inner_text() or "rull" in hint.inner_text()
    assert table.evaluate("t => t.closest('.md-typeset__scrollwrap').tabIndex") == 0


def test_cards_are_a_phone_layout_only(page, base_url: str) -> None:
    page.goto(base_url + "/practice/absence-follow-up/")
    table = page.locator("table[data-km-cards]").first
    assert table.evaluate("t => getComputedStyle(t).display") != "block"
    assert table.locator("thead").is_visible()


# ----------------------------------------------------------------------------- diagrams


def open_viewer(page, base_url: str, path: str = CHAPTER):
    page.goto(base_url + path)
    link = page.locator("a[data-km-diagram]").first
    link.scroll_into_view_if_needed()
    link.click()
    dialog = page.locator("dialog.km-viewer[open]")
    dialog.wait_for()
    return link, dialog


def scale(dialog) -> float:
    return float(dialog.get_attribute("data-km-scale"))


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_diagram_opens_in_the_page_with_its_text(phone, base_url: str, lang: str) -> None:
    path = ("/en" if lang == "en" else "") + CHAPTER
    link, dialog = open_viewer(phone, base_url, path)
    assert urlsplit(phone.url).path == path  # still on the chapter, not on a bare SVG
    alt = link.locator("img").get_attribute("alt")
    assert dialog.locator("#km-viewer-text").inner_text() == alt
    assert dialog.locator("img").evaluate("i => i.src") == link.evaluate("a => a.href")
    name = {"nb": "Lukk", "en": "Close"}[lang]
    assert dialog.locator("[data-km-close]").get_attribute("aria-label") == name
    assert phone.evaluate("document.activeElement.hasAttribute('data-km-close')")
    box = dialog.bounding_box()
    assert box["width"] <= PHONE["width"] and box["height"] <= PHONE["height"]
    # All controls fit on one row on a phone.
    tops = dialog.locator(".km-viewer__bar button").evaluate_all(
        "bs => bs.map(b => Math.round(b.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1
    dialog.locator("[data-km-close]").click()
    assert phone.locator("dialog.km-viewer[open]").count() == 0
    # Focus goes back to the diagram (once the viewer's history entry is gone).
    wait_js(phone, "() => document.activeElement.hasAttribute('data-km-diagram')")
    assert urlsplit(phone.url).path == path


def test_zoom_by_buttons_keys_wheel_and_pinch(page, base_url: str) -> None:
    _, dialog = open_viewer(page, base_url)
    canvas = dialog.locator(".km-viewer__canvas")
    assert scale(dialog) == 1
    assert dialog.locator("[data-km-zoom=out]").is_disabled()
    dialog.locator("[data-km-zoom=in]").click()
    assert scale(dialog) == 1.25
    assert dialog.locator(".km-viewer__level").inner_text() == "125 %"
    assert canvas.evaluate("c => c.scrollWidth > c.clientWidth")  # the drawing now pans
    page.keyboard.press("+")
    assert scale(dialog) == pytest.approx(1.56, abs=0.01)
    page.keyboard.press("0")
    assert scale(dialog) == 1
    # ctrl + wheel (and a trackpad pinch, which browsers send as one) zooms; a plain wheel
    # does not.
    canvas.hover()
    page.mouse.wheel(0, -200)
    assert scale(dialog) == 1
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    wait_js(page, "d => d.dataset.kmScale !== '1'", dialog.element_handle())
    assert 1 < scale(dialog) <= 4
    dialog.locator("[data-km-zoom=fit]").click()
    # A two-finger pinch: the fingers move apart to twice their distance.
    canvas.evaluate(
        """c => {
          const box = c.getBoundingClientRect(), y = box.top + 100, x = box.left + box.width / 2;
          const fire = (type, id, dx) => c.dispatchEvent(new PointerEvent(type, {
            pointerId: id, pointerType: "touch", clientX: x + dx, clientY: y, bubbles: true }));
          fire("pointerdown", 1, -40); fire("pointerdown", 2, 40);
          fire("pointermove", 1, -80); fire("pointermove", 2, 80);
          fire("pointerup", 1, -80); fire("pointerup", 2, 80);
        }"""
    )
    assert scale(dialog) == 2
    zoom_in = dialog.locator("[data-km-zoom=in]")
    while zoom_in.is_enabled():
        zoom_in.click()
    assert scale(dialog) == 4  # the most it goes


def test_escape_and_the_back_button_close_the_viewer(page, base_url: str) -> None:
    link, dialog = open_viewer(page, base_url)
    page.keyboard.press("Escape")
    assert page.locator("dialog.km-viewer[open]").count() == 0
    wait_js(page, "() => document.activeElement.hasAttribute('data-km-diagram')")
    assert urlsplit(page.url).path == CHAPTER
    # Back closes the viewer and stays on the chapter (a phone's back gesture).
    link.click()
    dialog.wait_for()
    page.go_back()
    wait_js(page, "() => !document.querySelector('dialog.km-viewer[open]')")
    assert urlsplit(page.url).path == CHAPTER
    # Closing by the button leaves no extra history entry behind: Back leaves the page.
    page.goto(base_url + "/")
    page.goto(base_url + CHAPTER)
    link.click()
    dialog.wait_for()
    dialog.locator("[data-km-close]").click()
    wait_js(page, "() => !(history.state && history.state.kmViewer)")
    page.go_back()
    assert urlsplit(page.url).path == "/"


def test_the_viewer_needs_no_runtime(page, base_url: str) -> None:
    # The widget and the Pyodide runtime cannot load at all; the viewer works regardless.
    page.route("**/assets/pyodide/**", lambda route: route.abort())
    page.route("**/assets/km/widget.js", lambda route: route.abort())
    _, dialog = open_viewer(page, base_url, "/theory/job-demands-resources/")
    dialog.locator("[data-km-zoom=in]").click()
    assert scale(dialog) == 1.25


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_diagrams_follow_the_colour_scheme(page, base_url: str, scheme: str) -> None:
    page.goto(base_url + CHAPTER)
    use_scheme(page, scheme)
    image = page.locator("a[data-km-diagram] img").first
    expected = "none" if scheme == "default" else "invert(0.88) hue-rotate(180deg)"
    assert image.evaluate("i => getComputedStyle(i).filter") == expected
    page.locator("a[data-km-diagram]").first.click()
    viewer_image = page.locator("dialog.km-viewer[open] img")
    assert viewer_image.evaluate("i => getComputedStyle(i).filter") == expected


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_on_a_phone_with_cards_and_the_viewer(phone, base_url: str, scheme: str) -> None:
    phone.goto(base_url + "/practice/absence-follow-up/")
    use_scheme(phone, scheme)
    phone.locator(".km-page-toc summary").click()
    assert axe_violations(phone) == []
    open_viewer(phone, base_url)
    use_scheme(phone, scheme)
    assert axe_violations(phone) == []


# ----------------------------------------------------------------------------- on this page


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_long_pages_list_their_sections_on_a_phone(phone, base_url: str, lang: str) -> None:
    phone.goto(base_url + ("/en" if lang == "en" else "") + CHAPTER)
    toc = phone.locator("nav.km-page-toc")
    assert toc.is_visible()
    assert toc.get_attribute("aria-label") == {"nb": "På denne siden", "en": "On this page"}[lang]
    # Right under the title, before the first paragraph.
    assert toc.evaluate("n => n.previousElementSibling.tagName") == "H1"
    ids = phone.locator(".md-content h2[id]").evaluate_all("hs => hs.map(h => '#' + h.id)")
    links = toc.locator("a")
    # (The theme's instant navigation writes every link out in full: compare the sections.)
    hashes = links.evaluate_all("as => as.map(a => new URL(a.href).hash)")
    assert hashes == ids
    toc.locator("summary").click()
    links.nth(2).click()
    assert phone.evaluate("location.hash") == ids[2]
    top = phone.locator(ids[2]).evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2


def test_the_list_hides_where_the_theme_shows_its_own(page, base_url: str) -> None:
    page.goto(base_url + CHAPTER)
    assert page.locator("nav.km-page-toc").is_hidden()
    assert page.locator(".md-sidebar--secondary nav.md-nav--secondary").is_visible()


def test_short_pages_have_no_list(phone, base_url: str) -> None:
    phone.goto(base_url + page_of("demand-control-support"))
    assert phone.locator("nav.km-page-toc").count() == 0


# ----------------------------------------------------------------------------- glossary


def test_glossary_letters_are_tap_targets_that_land_on_the_term(phone, base_url: str) -> None:
    phone.goto(base_url + "/glossary/")
    letters = phone.locator("nav.km-az a")
    sizes = letters.evaluate_all(
        "as => as.map(a => [a.getBoundingClientRect().width, a.getBoundingClientRect().height])"
    )
    assert min(min(w, h) for w, h in sizes) >= 44
    assert overflow(phone) == 0
    phone.locator("nav.km-az a", has_text="T").first.tap()
    term = phone.locator("#term-trust")
    header = phone.locator(".md-header").bounding_box()
    top = term.evaluate("t => t.getBoundingClientRect().top")
    assert header["y"] + header["height"] <= top < PHONE["height"] / 2  # not under the header
    assert term.evaluate("t => getComputedStyle(t).borderLeftStyle") == "solid"  # :target mark


# ----------------------------------------------------------------------------- answers


def test_the_chosen_answer_is_marked_by_more_than_a_tint(page, base_url: str) -> None:
    spec = SPECS["demand-control-support"]
    page.goto(base_url + page_of(spec.id))
    use_scheme(page, "slate")
    item = spec.items[0]
    options = page.locator(f'fieldset[data-km-item="{item.id}"] .km-option')
    options.nth(1).click()
    style = "o => { const s = getComputedStyle(o); return [s.fontWeight, s.boxShadow]; }"
    chosen, other = options.nth(1).evaluate(style), options.nth(0).evaluate(style)
    assert chosen[0] == "700" and other[0] == "400"
    assert chosen[1].startswith("rgb(128, 203, 196)") and other[1] == "none"


def test_keyboard_users_see_how_arrows_move_between_answers(page, phone, base_url: str) -> None:
    spec = SPECS["demand-control-support"]
    form = f'form[data-assessment="{spec.id}"]'
    page.goto(base_url + page_of(spec.id))
    hint = page.locator(f"{form} .km-keys-hint")
    assert hint.is_visible()
    assert hint.inner_text() == "Piltastene flytter mellom svarene. Tab går til neste spørsmål."
    # Right above the first question, and it never moves the form: focus changes nothing.
    assert hint.evaluate("h => h.nextElementSibling.matches('fieldset.km-item')")
    top = page.locator(f"{form} fieldset").nth(1).evaluate("f => f.getBoundingClientRect().top")
    page.locator(f"{form} .km-option").first.click()
    page.keyboard.press("ArrowRight")
    assert page.locator(f"{form} fieldset").nth(1).evaluate(
        "f => f.getBoundingClientRect().top"
    ) == pytest.approx(top, abs=1)
    # A touch-only phone has no arrow keys to speak of.
    phone.goto(base_url + page_of(spec.id, "en"))
    assert phone.locator(f"{form} .km-keys-hint").is_hidden()
