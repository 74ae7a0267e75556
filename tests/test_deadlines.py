"""The deadline planner (handbook/deadlines.py) and its calendar export (handbook/ics.py)."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import deadline_texts, deadlines, ics
from handbook.deadlines import deadlines_json, max_date, plan
from handbook.ics import ics_json, plan_ics

ROOT = Path(__file__).resolve().parents[1]
IDS = [
    "employer-period-end",
    "follow-up-plan",
    "dialogue-meeting-1",
    "activity-requirement",
    "dialogue-meeting-2",
    "max-date",
]
FIXED_DAYS = {
    "employer-period-end": 16,
    "follow-up-plan": 28,
    "dialogue-meeting-1": 49,
    "activity-requirement": 56,
    "dialogue-meeting-2": 182,
}
END_OF_WEEK = {
    "follow-up-plan": 4,
    "dialogue-meeting-1": 7,
    "activity-requirement": 8,
    "dialogue-meeting-2": 26,
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
STAMP = "2026-11-25T10:20:30.123Z"
days = st.dates(min_value=deadlines.EARLIEST, max_value=deadlines.LATEST)
kinds = st.sampled_from(deadlines.KINDS)
langs = st.sampled_from(ics.LANGS)


def dates_of(first_day: str, kind: str = "full") -> dict[str, str]:
    result = json.loads(deadlines_json(json.dumps({"first_day": first_day, "kind": kind})))
    return {m["id"]: m["date"] for m in result["milestones"]}


def weekdays_between(start: date, end: date) -> int:
    """Monday–Friday from ``start`` to ``end``, both included (the slow, obvious way)."""
    return sum((start + timedelta(n)).weekday() < 5 for n in range((end - start).days + 1))


# --- Known dates, worked out by hand ---------------------------------------------------------


def test_an_ordinary_spring_monday() -> None:
    # 2026-03-02 is a Monday. Day N = 2 March + (N - 1) days.
    # Day 16: 2 + 15 = 17 March. Day 28: 2 + 27 = 29 March. Day 49: 2 + 48 = 50 March = 19 April.
    # Day 56: 26 April. Day 182: 2 March + 181 = 31 March (+29), 30 April (+59), 31 May (+90),
    # 30 June (+120), 31 July (+151), 30 August (+181).
    # Max: day 17 = Wed 18 March 2026 is paid day 1; + 49 weeks (343 days) = Wed 24 February
    # 2027 is paid day 246; Thu 25 = 247; Fri 26 February 2027 = 248.
    assert dates_of("2026-03-02") == {
        "employer-period-end": "2026-03-17",
        "follow-up-plan": "2026-03-29",
        "dialogue-meeting-1": "2026-04-19",
        "activity-requirement": "2026-04-26",
        "dialogue-meeting-2": "2026-08-30",
        "max-date": "2027-02-26",
    }


def test_a_month_end_start() -> None:
    # 2026-01-31 is a Saturday. Day 16: 31 Jan + 15 = 15 Feb. Day 28: + 27 = 27 Feb.
    # Day 49: 31 Jan + 28 = 28 Feb (2026 is no leap year), + 20 more = 20 March. Day 56: 27 March.
    # Day 182: + 181 = 28 Feb (+28), 31 Mar (+59), 30 Apr (+89), 31 May (+120), 30 Jun (+150),
    # 31 Jul (+181). Max: day 17 = Mon 16 Feb is paid day 1; + 343 days = Mon 25 Jan 2027
    # (paid day 246); Tue 26 = 247; Wed 27 January 2027 = 248.
    assert dates_of("2026-01-31") == {
        "employer-period-end": "2026-02-15",
        "follow-up-plan": "2026-02-27",
        "dialogue-meeting-1": "2026-03-20",
        "activity-requirement": "2026-03-27",
        "dialogue-meeting-2": "2026-07-31",
        "max-date": "2027-01-27",
    }


def test_a_leap_year_february() -> None:
    # 2028-02-01 is a Tuesday and 2028 has 29 February. Day 16: 16 Feb. Day 28: 28 Feb.
    # Day 49: 1 Feb + 48: 29 Feb is + 28, 1 March + 29, so + 48 = 20 March (21 in a common year).
    # Day 56: 27 March. Day 182: 29 Feb (+28), 31 Mar (+59), 30 Apr (+89), 31 May (+120),
    # 30 Jun (+150), 31 Jul (+181). Max: day 17 = Thu 17 Feb 2028 is paid day 1; + 343 days =
    # Thu 25 Jan 2029 (17 Feb 2029 is + 366, less 23) is paid day 246; Fri 26 = 247; the weekend
    # is skipped; Mon 29 January 2029 = 248.
    assert dates_of("2028-02-01") == {
        "employer-period-end": "2028-02-16",
        "follow-up-plan": "2028-02-28",
        "dialogue-meeting-1": "2028-03-20",
        "activity-requirement": "2028-03-27",
        "dialogue-meeting-2": "2028-07-31",
        "max-date": "2029-01-29",
    }


def test_a_year_end_start_into_a_leap_year() -> None:
    # 2027-12-20 is a Monday. Day 16: 20 Dec + 15 = 4 Jan 2028. Day 28: + 27 = 16 Jan 2028.
    # Day 49: + 48 = 6 Feb 2028. Day 56: 13 Feb 2028. Day 182: 31 Dec (+11), 31 Jan (+42),
    # 29 Feb (+71, leap), 31 Mar (+102), 30 Apr (+132), 31 May (+163), + 18 = 18 June 2028.
    # Max: day 17 = Wed 5 Jan 2028 is paid day 1; + 343 days = Wed 13 Dec 2028 (5 Jan 2029 is
    # + 366, less 23) is paid day 246; Thu 14 = 247; Fri 15 December 2028 = 248.
    assert dates_of("2027-12-20") == {
        "employer-period-end": "2028-01-04",
        "follow-up-plan": "2028-01-16",
        "dialogue-meeting-1": "2028-02-06",
        "activity-requirement": "2028-02-13",
        "dialogue-meeting-2": "2028-06-18",
        "max-date": "2028-12-15",
    }


def test_a_first_day_on_the_leap_day() -> None:
    # 2028-02-29 (Tuesday). Day 16: 29 Feb + 15 = 15 March. Day 28: 27 March. Day 49: 17 April.
    # Day 56: 24 April. Day 182: 31 Mar (+31), 30 Apr (+61), 31 May (+92), 30 Jun (+122),
    # 31 Jul (+153), 28 Aug (+181). Max: day 17 = Thu 16 March 2028; + 343 = Thu 22 Feb 2029
    # (246); Fri 23 (247); Mon 26 February 2029 (248).
    assert dates_of("2028-02-29") == {
        "employer-period-end": "2028-03-15",
        "follow-up-plan": "2028-03-27",
        "dialogue-meeting-1": "2028-04-17",
        "activity-requirement": "2028-04-24",
        "dialogue-meeting-2": "2028-08-28",
        "max-date": "2029-02-26",
    }


@pytest.mark.parametrize(
    ("first_day", "weekday_of_day_17", "max_day"),
    [
        # Paid day 1 is day 17, or the Monday after it. 49 weeks later is paid day 246, on the
        # same weekday (day 17 + 343 = day 360 when day 17 is a weekday); two more weekdays give
        # paid day 248. Day 17 on Mon/Tue/Wed: 360 + 2 = day 362. On Thu: Fri 361, Mon 364.
        # On Fri: Mon 363, Tue 364. On Sat: paid day 1 is Mon, day 19; 19 + 343 + 2 = 364.
        # On Sun: Mon is day 18; 18 + 343 + 2 = 363.
        ("2026-03-07", "Monday", 362),
        ("2026-03-08", "Tuesday", 362),
        ("2026-03-02", "Wednesday", 362),
        ("2026-03-03", "Thursday", 364),
        ("2026-03-04", "Friday", 364),
        ("2026-03-05", "Saturday", 364),
        ("2026-03-06", "Sunday", 363),
    ],
)
def test_the_maximum_date_skips_a_weekend_start(
    first_day: str, weekday_of_day_17: str, max_day: int
) -> None:
    start = date.fromisoformat(first_day)
    assert WEEKDAYS[(start + timedelta(16)).weekday()] == weekday_of_day_17
    row = plan(start, "full")["milestones"][-1]
    assert row["day"] == max_day
    assert row["when"]["nb"].startswith(f"Omtrent dag {max_day} (uke 52)")


def test_graded_leave_changes_dialogue_meeting_1_only() -> None:
    full, graded = (plan(date(2026, 3, 2), kind) for kind in ("full", "graded"))
    assert [m["date"] for m in full["milestones"]] == [m["date"] for m in graded["milestones"]]
    for a, b in zip(full["milestones"], graded["milestones"], strict=True):
        if a["id"] == "dialogue-meeting-1":
            assert (a["required"], b["required"]) == (True, False)
            assert b["title"] == {
                "nb": "Dialogmøte 1 (hvis nyttig)",
                "en": "Dialogue meeting 1 (if useful)",
            }
            assert "nyttig" in b["action"]["nb"] and "useful" in b["action"]["en"]
            assert b["caveat"]["en"].startswith("The law's 7-week deadline counts from whole")
        elif a["id"] == "max-date":
            extra = deadline_texts.MILESTONES["max-date"]["graded_extra"]["caveat"]
            assert b["caveat"] == {lang: a["caveat"][lang] + extra[lang] for lang in ("nb", "en")}
            assert b["caveat"]["nb"].endswith("som en hel sykepengedag.")
        else:
            assert a == b


def test_what_the_handbook_marks_uncertain_carries_a_caveat() -> None:
    rows = {m["id"]: m for m in plan(date(2026, 3, 2), "full")["milestones"]}
    assert [i for i in IDS if rows[i]["uncertain"]] == [
        "activity-requirement", "dialogue-meeting-2", "max-date"]  # fmt: skip
    assert "§ 8-8 på lovdata.no" in rows["activity-requirement"]["caveat"]["nb"]
    assert "§ 8-7 a at lovdata.no" in rows["dialogue-meeting-2"]["caveat"]["en"]
    assert "not the wording of the law" in rows["max-date"]["caveat"]["en"]
    assert rows["follow-up-plan"]["caveat"] is None
    assert rows["dialogue-meeting-2"]["law"] == [
        {"act": "ftrl", "section": "§ 8-7 a"},
        {"act": "aml", "section": "§ 4-6 (3)"},
        {"act": "ftrl", "section": "§ 25-2"},
    ]


def test_links_point_at_anchors_of_the_toolkit_page_in_both_languages() -> None:
    for lang in ("nb", "en"):
        page = (ROOT / "content" / lang / "practice" / "absence-follow-up.md").read_text("utf-8")
        anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", page))
        for row in plan(date(2026, 3, 2), "graded")["milestones"]:
            path, _, anchor = row["link"].partition("#")
            assert path == "practice/absence-follow-up.md"
            assert anchor in anchors, (lang, row["id"], anchor)


def test_every_law_section_is_one_the_toolkit_page_cites() -> None:
    page = (ROOT / "content" / "nb" / "practice" / "absence-follow-up.md").read_text("utf-8")
    result = plan(date(2026, 3, 2), "full")
    for row in result["milestones"]:
        for ref in row["law"]:
            assert ref["act"] in result["acts"]
            number = ref["section"].split()[1]  # "§ 4-6 (3)" → "4-6"
            assert re.search(rf"§+ [^|]*\b{re.escape(number)}\b", page), (row["id"], number)


def test_the_counting_rule_is_stated_with_its_sources() -> None:
    counting = plan(date(2026, 3, 2), "full")["counting"]
    for needle in ("Dag 1 er første fraværsdag", "dag 28", "§ 4-6", "§§ 8-19 og 8-17", "8-12"):
        assert needle in counting["nb"]
    for needle in ("Day 1 is the first day of absence", "day 28", "27 days after", "§§ 8-12"):
        assert needle in counting["en"]


# --- Properties ------------------------------------------------------------------------------


@given(days, kinds)
def test_milestones_follow_the_documented_offsets_in_order(first_day: date, kind: str) -> None:
    result = plan(first_day, kind)
    rows = result["milestones"]
    assert [m["id"] for m in rows] == IDS
    dated = [date.fromisoformat(m["date"]) for m in rows]
    assert dated == sorted(set(dated))  # strictly ordered
    for row, when in zip(rows, dated, strict=True):
        assert when == first_day + timedelta(days=row["day"] - 1)
        if row["id"] in FIXED_DAYS:
            assert row["day"] == FIXED_DAYS[row["id"]]
        if row["id"] in END_OF_WEEK:  # "N weeks" is the last day of week N: day 7 × N
            week = END_OF_WEEK[row["id"]]
            assert row["day"] == 7 * week and f"end of week {week})" in row["when"]["en"]
            assert f"slutten av uke {week})" in row["when"]["nb"]
        for field in ("title", "when", "action"):
            assert row[field]["nb"] and row[field]["en"]
        assert row["caveat"] is not None or not row["uncertain"]
    assert result["nav_pays_from"] == (first_day + timedelta(16)).isoformat()
    last = dated[-1]
    assert last.weekday() < 5
    assert weekdays_between(first_day + timedelta(16), last) == 248
    assert rows[-1]["day"] in (362, 363, 364)  # always in week 52


@given(days, kinds, st.integers(min_value=-400, max_value=400))
def test_a_shift_of_the_first_day_shifts_every_fixed_deadline_alike(
    first_day: date, kind: str, shift: int
) -> None:
    moved = first_day + timedelta(shift)
    if not deadlines.EARLIEST <= moved <= deadlines.LATEST:
        return
    before, after = plan(first_day, kind)["milestones"], plan(moved, kind)["milestones"]
    for a, b in zip(before, after, strict=True):
        delta = (date.fromisoformat(b["date"]) - date.fromisoformat(a["date"])).days
        if a["id"] in FIXED_DAYS or shift % 7 == 0:  # the max date depends on the weekday only
            assert delta == shift
        else:
            assert abs(delta - shift) <= 2


@given(days, kinds)
def test_the_json_helper_equals_the_python_function(first_day: date, kind: str) -> None:
    answer = deadlines_json(json.dumps({"kind": kind, "first_day": first_day.isoformat()}))
    assert answer == json.dumps(plan(first_day, kind), ensure_ascii=False)


@settings(max_examples=300)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    )
    | st.fixed_dictionaries({"first_day": st.text(max_size=12), "kind": st.text(max_size=8)})
)
def test_any_request_gets_milestones_or_an_error_never_an_exception(value: Any) -> None:
    answer = json.loads(deadlines_json(json.dumps(value)))
    assert set(answer) == {"error", "code"} or "milestones" in answer


@pytest.mark.parametrize(
    ("request_json", "code", "message"),
    [
        ("{", "bad-json", "the request is not valid JSON"),
        ("[" * 100_000, "bad-json", "the request is not valid JSON"),
        ('"2026-03-02"', "bad-request", 'the request must be an object with "first_day" and "kind", got text'),
        ("{}", "missing-first-day", 'missing "first_day" (a date written YYYY-MM-DD)'),
        ('{"first_day": "2026-03-02"}', "missing-kind", 'missing "kind" ("full" or "graded")'),
        ('{"first_day": "2026-3-2", "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got "2026-3-2"'),
        ('{"first_day": "02.03.2026", "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got "02.03.2026"'),
        ('{"first_day": "2026-W10-1", "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got "2026-W10-1"'),
        ('{"first_day": "", "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got ""'),
        ('{"first_day": "2026-02-29", "kind": "full"}', "bad-first-day", '"first_day" "2026-02-29" is not a real date'),
        ('{"first_day": "2026-13-01", "kind": "full"}', "bad-first-day", '"first_day" "2026-13-01" is not a real date'),
        ('{"first_day": 20260302, "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got a number'),
        ('{"first_day": null, "kind": "full"}', "bad-first-day", '"first_day" must be a date written YYYY-MM-DD, got null'),
        ('{"first_day": "2014-06-30", "kind": "full"}', "out-of-range", '"first_day" "2014-06-30" is outside 2014-07-01 to 2099-12-31: the planner knows only the rules in force since the simplification of 1 July 2014'),
        ('{"first_day": "2100-01-01", "kind": "full"}', "out-of-range", '"first_day" "2100-01-01" is outside 2014-07-01 to 2099-12-31: the planner knows only the rules in force since the simplification of 1 July 2014'),
        ('{"first_day": "2026-03-02", "kind": "partial"}', "bad-kind", '"kind" must be "full" or "graded", got "partial"'),
        ('{"first_day": "2026-03-02", "kind": "Full"}', "bad-kind", '"kind" must be "full" or "graded", got "Full"'),
        ('{"first_day": "2026-03-02", "kind": true}', "bad-kind", '"kind" must be "full" or "graded", got true/false'),
        ('{"first_day": "2026-03-02", "kind": ["full"]}', "bad-kind", '"kind" must be "full" or "graded", got a list'),
        ('{"first_day": "2026-03-02", "kind": "full", "name": "Kari"}', "unknown-key", 'unknown key "name": the planner takes only "first_day" and "kind"'),
    ],
)  # fmt: skip
def test_bad_requests_get_a_clear_error(request_json: str, code: str, message: str) -> None:
    assert json.loads(deadlines_json(request_json)) == {"error": message, "code": code}


def test_a_long_value_is_cut_in_the_message() -> None:
    answer = json.loads(deadlines_json(json.dumps({"first_day": "x" * 10_000, "kind": "full"})))
    assert answer["error"] == f'"first_day" must be a date written YYYY-MM-DD, got "{"x" * 40}…"'


def test_text_that_is_not_a_string_is_an_error_too() -> None:
    assert json.loads(deadlines_json(b"{}"))["code"] == "bad-json"  # type: ignore[arg-type]
    assert json.loads(ics_json(None))["code"] == "bad-json"  # type: ignore[arg-type]


def test_the_result_is_not_shared_state() -> None:
    first = plan(date(2026, 3, 2), "full")
    first["milestones"][0]["title"]["nb"] = "MUTATED"
    first["counting"]["nb"] = "MUTATED"
    first["acts"]["aml"]["nb"] = "MUTATED"
    again = plan(date(2026, 3, 2), "full")
    assert "MUTATED" not in json.dumps(again)


def test_max_date_matches_counting_weekdays_one_by_one() -> None:
    start = date(2026, 1, 1)
    for n in range(14):
        first_day = start + timedelta(n)
        day17 = first_day + timedelta(16)
        brute = day17 - timedelta(1)
        count = 0
        while count < 248:
            brute += timedelta(1)
            count += brute.weekday() < 5
        assert max_date(first_day) == brute


# --- Calendar file ---------------------------------------------------------------------------


def calendar_for(first_day: date, kind: str, lang: str, **extra: Any) -> str:
    answer = json.loads(
        ics_json(
            json.dumps({"plan": plan(first_day, kind), "lang": lang, "dtstamp": STAMP, **extra})
        )
    )
    assert set(answer) == {"ics", "filename"}, answer
    return answer["ics"]


def check_lines(text: str) -> list[str]:
    """CRLF and only CRLF, no line over 75 octets, and each line valid UTF-8 on its own."""
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        assert "\r" not in line and "\n" not in line
        raw = line.encode("utf-8")
        assert len(raw) <= 75, line
        raw.decode("utf-8")  # a fold never splits a character
    return lines


@settings(max_examples=60, deadline=None)  # no timed assertions: the machine is shared
@given(days, kinds, langs)
def test_a_real_client_reads_the_calendar(first_day: date, kind: str, lang: str) -> None:
    text = calendar_for(first_day, kind, lang)
    check_lines(text)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//Krav og")
    events = calendar.walk("VEVENT")
    rows = plan(first_day, kind)["milestones"]
    assert len(events) == len(rows) == 6
    assert len({str(e["UID"]) for e in events}) == 6
    stamp = datetime(2026, 11, 25, 10, 20, 30, tzinfo=UTC)
    for event, row in zip(events, rows, strict=True):
        start = event["DTSTART"].dt
        assert type(start) is date and start.isoformat() == row["date"]  # all-day
        assert event["DTEND"].dt == start + timedelta(1)
        assert event["DTSTAMP"].dt == stamp
        assert str(event["UID"]) == f"{row['id']}-{start:%Y%m%d}@krav-og-mestring.invalid"
        assert str(event["SUMMARY"]).endswith(row["title"][lang])
        description = str(event["DESCRIPTION"])
        assert description.startswith(f"{row['when'][lang]}\n{row['action'][lang]}\n")
        if row["caveat"]:
            assert row["caveat"][lang] in description
        assert ("⚠️ " in description) == row["uncertain"]


def test_the_calendar_is_exactly_this() -> None:
    text = calendar_for(date(2026, 3, 2), "full", "en")
    lines = check_lines(text)
    assert lines[:4] == [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Krav og mestring//Deadline planner//EN",
        "CALSCALE:GREGORIAN"]  # fmt: skip
    assert lines[4:10] == [
        "BEGIN:VEVENT",
        "UID:employer-period-end-20260317@krav-og-mestring.invalid",
        "DTSTAMP:20261125T102030Z",
        "DTSTART;VALUE=DATE:20260317",
        "DTEND;VALUE=DATE:20260318",
        "SUMMARY:Sick leave: The employer period ends",
    ]
    assert lines[-3:] == ["TRANSP:TRANSPARENT", "END:VEVENT", "END:VCALENDAR"]
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 6


def test_a_long_norwegian_description_folds_without_splitting_a_letter() -> None:
    long_plan = plan(date(2026, 3, 2), "full")
    words = "Blåbærsyltetøy, æøå; ÆØÅ \\ «sjøfly» – førstegangsfravær ⚠️ " * 12
    long_plan["milestones"][1]["action"]["nb"] = words
    text = plan_ics(long_plan, "nb", STAMP)
    lines = check_lines(text)
    folded = [n for n, line in enumerate(lines) if line.startswith(" ")]
    assert len(folded) > 10
    # Without the 75-octet limit a fold would be wrong: each folded line is full but for at most
    # one character (up to 4 octets) that would not fit.
    assert all(len(lines[n - 1].encode()) > 75 - 4 for n in folded)
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[1]
    assert words in str(event["DESCRIPTION"])
    unfolded = text.replace("\r\n ", "")
    assert "Blåbærsyltetøy\\, æøå\\; ÆØÅ \\\\ «sjøfly»" in unfolded


@given(st.text(max_size=400))
def test_escaping_and_folding_round_trip_any_text(value: str) -> None:
    line = "DESCRIPTION:" + ics.escape_text(value)
    folded = ics.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
    expected = re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f]", "", value.replace("\r\n", "\n").replace("\r", "\n")
    )
    parsed = icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n" + folded + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert str(parsed.walk("VEVENT")[0]["DESCRIPTION"]) == expected


def test_text_escaping_follows_rfc_5545() -> None:
    assert ics.escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert ics.escape_text("bell\x07 tab\t") == "bell tab\t"


def test_the_law_is_cited_the_way_the_handbook_does() -> None:
    rows = {m["id"]: m for m in plan(date(2026, 3, 2), "full")["milestones"]}
    assert ics.law_label(rows["follow-up-plan"]["law"]) == "aml. § 4-6 (3), § 2-3 (2) f"
    assert (
        ics.law_label(rows["dialogue-meeting-2"]["law"])
        == "ftrl. § 8-7 a; aml. § 4-6 (3); ftrl. § 25-2"
    )


def test_a_base_url_adds_a_link_to_the_toolkit_step() -> None:
    text = calendar_for(date(2026, 3, 2), "full", "nb", base_url="https://example.org/km/")
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(events[1]["DESCRIPTION"]).endswith(
        "Les mer: https://example.org/km/practice/absence-follow-up/#follow-up-plan"
    )
    assert ics.page_url("https://x.org/en/", "index.md") == "https://x.org/en/"  # fmt: skip


def test_the_filename_and_json_shape() -> None:
    request = {
        "plan": plan(date(2026, 3, 2), "graded"),
        "lang": "nb",
        "dtstamp": "20261125T102030Z",
    }
    answer = json.loads(ics_json(json.dumps(request)))
    assert answer["filename"] == "sykefravaer-frister-2026-03-02.ics"
    assert answer["ics"] == calendar_for(date(2026, 3, 2), "graded", "nb")


GOOD = {"lang": "nb", "dtstamp": STAMP}


@pytest.mark.parametrize(
    ("request_json", "code", "message"),
    [
        ("{", "bad-json", "the request is not valid JSON"),
        ("[]", "bad-request", 'the request must be an object with "plan", "lang" …'),
        (json.dumps(GOOD), "missing-plan", 'missing "plan"'),
        (json.dumps({"plan": {}, "dtstamp": STAMP}), "missing-lang", 'missing "lang"'),
        (json.dumps({"plan": {}, "lang": "nb"}), "missing-dtstamp", 'missing "dtstamp"'),
        (json.dumps({"plan": {}, **GOOD, "lang": "de"}), "bad-lang", '"lang" must be "nb" or "en", got "de"'),
        (json.dumps({"plan": {}, **GOOD, "dtstamp": "2026-11-25 10:20"}), "bad-dtstamp", '"dtstamp" must be a UTC time such as 2026-11-25T10:20:30Z or 20261125T102030Z'),
        (json.dumps({"plan": {}, **GOOD, "dtstamp": "2026-11-25T10:20:30+01:00"}), "bad-dtstamp", '"dtstamp" must be a UTC time such as 2026-11-25T10:20:30Z or 20261125T102030Z'),
        (json.dumps({"plan": {}, **GOOD, "dtstamp": "20261125T250000Z"}), "bad-dtstamp", '"dtstamp" is not a real date and time'),
        (json.dumps({"plan": {}, **GOOD, "base_url": "javascript:alert(1)"}), "bad-base-url", '"base_url" must be an http(s) address ending in "/"'),
        (json.dumps({"plan": {}, **GOOD}), "bad-plan", 'plan has no "first_day"'),
        (json.dumps({"plan": {"first_day": "2026-02-30", "milestones": []}, **GOOD}), "bad-plan", "plan.first_day is not a date written YYYY-MM-DD"),
        (json.dumps({"plan": {"first_day": "2026-03-02", "milestones": [{"id": "x"}]}, **GOOD}), "bad-plan", 'plan.milestones[0] has no "date"'),
        (json.dumps({"plan": {"first_day": "2026-03-02", "milestones": [{"id": "a\r\nb"}]}, **GOOD}), "bad-plan", "plan.milestones[0].id must be letters, digits and hyphens"),
        (json.dumps({"plan": {}, **GOOD, "summary": "Kari Nordmann"}), "unknown-key", 'unknown key "summary": the calendar takes only "plan", "lang", "dtstamp" and "base_url"'),
    ],
)  # fmt: skip
def test_bad_calendar_requests_get_a_clear_error(
    request_json: str, code: str, message: str
) -> None:
    assert json.loads(ics_json(request_json)) == {"error": message, "code": code}


def test_a_plan_with_a_missing_text_is_refused_by_name() -> None:
    broken = plan(date(2026, 3, 2), "full")
    del broken["milestones"][2]["title"]["en"]
    answer = json.loads(ics_json(json.dumps({"plan": broken, "lang": "en", "dtstamp": STAMP})))
    assert answer == {"error": 'plan.milestones[2].title has no "en" text', "code": "bad-plan"}
