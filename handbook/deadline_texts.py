"""The deadline planner's words, in bokmål and English: data only, no logic (see ``deadlines``).

Every text follows the handbook's ``practice/absence-follow-up.md`` and
``theory/sickness-absence.md`` and the research notes behind them: the same deadlines, law
sections and ⚠️ caveats, and nothing they do not say. ``{day}`` and ``{week}`` are filled in by
``deadlines.milestones``. A milestone's ``graded`` entry replaces texts for graded sick leave;
``graded_extra`` is added to the end of its caveat.
"""

from __future__ import annotations

from typing import Any

Text = dict[str, str]

COUNTING: Text = {
    "nb": (
        "Slik regner vi: Dag 1 er første fraværsdag, og uke N slutter på dag 7 × N. Når loven "
        "sier «senest når medarbeideren har vært borte i 4 uker», viser vi siste dag i uke 4, "
        "altså dag 28, 27 dager etter første fraværsdag. På samme måte blir 7 uker dag 49, "
        "8 uker dag 56 og 26 uker dag 182. Det er den forsiktige lesningen av fristene. Vi "
        "teller kalenderdager, også helger og helligdager, og flytter ingen frist. Faller den "
        "på en fridag, bør du være ferdig før. Grunnlaget: Ukene telles fra første fraværsdag "
        "(arbeidsmiljøloven § 4-6 tredje og fjerde ledd). Arbeidsgiverperioden er 16 "
        "kalenderdager fra første hele fraværsdag, og NAV betaler fra dag 17 (folketrygdloven "
        "§§ 8-19 og 8-17). Maksdatoen er den 248. ukedagen (mandag–fredag) fra og med dag 17, "
        "fordi NAV betaler høyst 248 sykepengedager, fem dager i uka (§§ 8-12 og 8-11). Alle "
        "datoene forutsetter ett sammenhengende fravær av samme slag, helt eller gradert."
    ),
    "en": (
        "How we count: Day 1 is the first day of absence, and week N ends on day 7 × N. Where "
        "the law says “no later than when the employee has been absent for 4 weeks”, we show "
        "the last day of week 4, that is day 28, 27 days after the first day of absence. In the "
        "same way 7 weeks is day 49, 8 weeks day 56 and 26 weeks day 182. This is the careful "
        "reading of the deadlines. We count calendar days, weekends and public holidays "
        "included, and move no deadline. If one falls on a day off, be done before it. The "
        "basis: weeks count from the first day of absence (Working Environment Act, aml. § 4-6 "
        "(3) and (4)). The employer period is 16 calendar days from the first whole day of "
        "absence, and NAV pays from day 17 (National Insurance Act, ftrl. §§ 8-19 and 8-17). "
        "The maximum date is the 248th weekday (Monday–Friday) from day 17, because NAV pays at "
        "most 248 days of sick pay, five days a week (§§ 8-12 and 8-11). All dates assume one "
        "continuous absence of the same kind, full or graded."
    ),
}

DISCLAIMER: Text = {
    "nb": (
        "Planleggeren er et hjelpemiddel, ikke juridisk rådgivning. Reglene er ikke lest direkte "
        "på Lovdata. Sjekk gjeldende lovtekst på lovdata.no, og spør HR eller kommunens jurist i "
        "konkrete saker."
    ),
    "en": (
        "The planner is an aid, not legal advice. The rules were not read directly on Lovdata. "
        "Check the current law at lovdata.no, and ask HR or the municipality's lawyer about "
        "specific cases."
    ),
}

ACTS: dict[str, dict[str, str]] = {
    "aml": {
        "nb": "arbeidsmiljøloven",
        "en": "Working Environment Act",
        "url": "https://lovdata.no/lov/2005-06-17-62",
    },
    "ftrl": {
        "nb": "folketrygdloven",
        "en": "National Insurance Act",
        "url": "https://lovdata.no/lov/1997-02-28-19",
    },
}

BY_END_OF_WEEK: Text = {
    "nb": "Senest dag {day} (slutten av uke {week})",
    "en": "Day {day} at the latest (end of week {week})",
}

# ⚠️ in the handbook: §§ 8-7 a and 8-8 may have changed (research notes §0 and §8 item 2).
_CIRCULAR: Text = {
    "nb": (
        "NAV skrev om rundskrivet sitt til §§ 8-7 a og 8-8 i desember 2025, og IA-avtalen for "
        "2025–2028 skal ha varslet lovarbeid om pliktene. Vi vet ikke om lovteksten er endret "
        "fra 2026. Sjekk folketrygdloven § {section} på lovdata.no."
    ),
    "en": (
        "NAV rewrote its circular on §§ 8-7 a and 8-8 in December 2025, and the 2025–2028 IA "
        "agreement reportedly announced legislation on the duties. We do not know whether the "
        "law text has changed from 2026. Check ftrl. § {section} at lovdata.no."
    ),
}

MILESTONES: dict[str, dict[str, Any]] = {
    "employer-period-end": {
        "title": {"nb": "Arbeidsgiverperioden slutter", "en": "The employer period ends"},
        "when": {"nb": "Dag 16. NAV betaler fra dag 17", "en": "Day 16. NAV pays from day 17"},
        "action": {
            "nb": (
                "Arbeidsgiveren betaler sykepenger for dag 1–16. Fra dag 17 betaler NAV. Har du "
                "ikke ringt medarbeideren ennå, gjør det nå. Spør hva hen kan gjøre, ikke hva "
                "hen feiler."
            ),
            "en": (
                "The employer pays sick pay for days 1–16. From day 17 NAV pays. If you have not "
                "phoned the employee yet, do it now. Ask what they can do, not what is wrong "
                "with them."
            ),
        },
        "caveat": {
            "nb": (
                "Perioden er 16 kalenderdager fra første hele fraværsdag. Et nytt fravær mindre "
                "enn 16 dager etter det forrige hører til samme arbeidsgiverperiode. "
                "Medarbeideren må ha jobbet hos dere i minst 4 uker (folketrygdloven §§ 8-18 og "
                "8-19)."
            ),
            "en": (
                "The period is 16 calendar days from the first whole day of absence. A new "
                "absence less than 16 days after the last one belongs to the same employer "
                "period. The employee must have worked for you for at least 4 weeks (ftrl. "
                "§§ 8-18 and 8-19)."
            ),
        },
    },
    "follow-up-plan": {
        "title": {
            "nb": "Oppfølgingsplan: ferdig og sendt til sykmelder",
            "en": "Follow-up plan: ready and sent to the doctor",
        },
        "action": {
            "nb": (
                "Lag planen sammen med medarbeideren, så tidlig som mulig, med mindre det er "
                "åpenbart unødvendig. Den skal ta for seg oppgaver og arbeidsevne, tiltak hos "
                "dere, tiltak med hjelp fra det offentlige og videre oppfølging. Send den til "
                "sykmelder så snart den er klar. Skriv ikke diagnosen i planen. Fristen gjelder "
                "ved både full og gradert sykmelding."
            ),
            "en": (
                "Draw up the plan with the employee, as early as possible, unless it is "
                "obviously unnecessary. It covers tasks and work capacity, measures in your "
                "unit, measures with help from the authorities, and further follow-up. Send it "
                "to the doctor who wrote the sick note as soon as it is ready. Do not write the "
                "diagnosis in the plan. The deadline applies to both full and graded sick leave."
            ),
        },
    },
    "dialogue-meeting-1": {
        "title": {"nb": "Dialogmøte 1", "en": "Dialogue meeting 1"},
        "action": {
            "nb": (
                "Kall inn til dialogmøte 1 om planen, med mindre møtet er åpenbart unødvendig. "
                "Medarbeideren har plikt til å møte. Sykmelder kommer hvis medarbeideren vil. "
                "BHT kommer hvis du eller medarbeideren ber om det. Tillitsvalgt eller "
                "verneombud kan være med hvis medarbeideren ønsker det."
            ),
            "en": (
                "Call dialogue meeting 1 about the plan unless it is obviously unnecessary. The "
                "employee must attend. The doctor comes if the employee wants, BHT if you or "
                "the employee ask. A union or safety representative can join at the employee's "
                "wish."
            ),
        },
        "caveat": {
            "nb": (
                "Arbeidsmiljøloven § 4-6 fjerde ledd er ikke lest i full tekst. Hvem som deltar "
                "i møtet, har vi fra NAVs veiledning."
            ),
            "en": (
                "aml. § 4-6 (4) was not read in full. Who takes part in the meeting comes from "
                "NAV's guidance."
            ),
        },
        "graded": {
            "title": {"nb": "Dialogmøte 1 (hvis nyttig)", "en": "Dialogue meeting 1 (if useful)"},
            "when": {
                "nb": "Dag {day} (slutten av uke {week}), hvis møtet holdes",
                "en": "Day {day} (end of week {week}), if the meeting is held",
            },
            "action": {
                "nb": (
                    "Ved gradert sykmelding holdes dialogmøte 1 hvis du, medarbeideren eller "
                    "sykmelder mener det er nyttig. Holder dere det, kaller du inn innen denne "
                    "datoen. Medarbeideren har plikt til å møte når du kaller inn."
                ),
                "en": (
                    "With graded sick leave, dialogue meeting 1 is held if you, the employee or "
                    "the doctor find it useful. If you hold it, call it by this date. The "
                    "employee must attend when you call the meeting."
                ),
            },
            "caveat": {
                "nb": (
                    "Lovens 7-ukersfrist regnes fra helt fravær. Blir sykmeldingen full senere, "
                    "regner du 7 uker fra da. Planleggeren regner fra første fraværsdag. "
                    "Arbeidsmiljøloven § 4-6 fjerde ledd er ikke lest i full tekst. Hvem som "
                    "deltar i møtet, har vi fra NAVs veiledning."
                ),
                "en": (
                    "The law's 7-week deadline counts from whole absence. If the sick leave "
                    "becomes full later, count 7 weeks from then. The planner counts from the "
                    "first day of absence. aml. § 4-6 (4) was not read in full. Who takes part "
                    "in the meeting comes from NAV's guidance."
                ),
            },
        },
    },
    "activity-requirement": {
        "title": {"nb": "Aktivitetskravet", "en": "Activity requirement"},
        "action": {
            "nb": (
                "Medarbeideren skal være i arbeidsrelatert aktivitet, med mindre medisinske "
                "grunner klart hindrer det eller arbeidsplassen ikke kan få det til. Sjekk "
                "aktivitet før denne datoen. Hindrer helsen aktivitet, dokumenterer sykmelder "
                "det. Kan ikke arbeidsplassen legge til rette, dokumenterer du det. NAV vurderer "
                "kravet. Uten rimelig grunn kan sykepengene falle bort."
            ),
            "en": (
                "The employee must be in work-related activity unless medical reasons clearly "
                "prevent it or the workplace cannot arrange it. Check activity before this date. "
                "If health prevents activity, the doctor documents it. If the workplace cannot "
                "accommodate, you document it. NAV assesses the requirement. Without reasonable "
                "cause, sick pay can stop."
            ),
        },
        "caveat": {lang: text.format(section="8-8") for lang, text in _CIRCULAR.items()},
    },
    "dialogue-meeting-2": {
        "title": {"nb": "Dialogmøte 2 med NAV", "en": "Dialogue meeting 2 with NAV"},
        "action": {
            "nb": (
                "NAV kaller inn, med mindre møtet er åpenbart unødvendig. Du og medarbeideren "
                "har plikt til å møte. Send oppdatert oppfølgingsplan til NAV minst én uke før "
                "møtet. NAV kan også be om planen når som helst."
            ),
            "en": (
                "NAV calls the meeting unless it is obviously unnecessary. You and the employee "
                "must attend. Send the updated follow-up plan to NAV at least one week before "
                "the meeting. NAV can also ask for the plan at any time."
            ),
        },
        "caveat": {lang: text.format(section="8-7 a") for lang, text in _CIRCULAR.items()},
    },
    "max-date": {
        "title": {
            "nb": "Maksdato for sykepenger (omtrent)",
            "en": "Maximum sick-pay date (approximate)",
        },
        "when": {
            "nb": "Omtrent dag {day} (uke {week}): den 248. ukedagen fra og med dag 17",
            "en": "About day {day} (week {week}): the 248th weekday from day 17",
        },
        "action": {
            "nb": (
                "NAV betaler høyst 248 sykepengedager. Etter maksdatoen kan medarbeideren søke "
                "om arbeidsavklaringspenger (AAP). Snakk med medarbeideren og NAV om veien videre "
                "i god tid før denne datoen."
            ),
            "en": (
                "NAV pays at most 248 days of sick pay. After the maximum date the employee may "
                "apply for work assessment allowance (AAP). Talk with the employee and NAV about "
                "the way ahead well before this date."
            ),
        },
        "caveat": {
            "nb": (
                "Vår omregning, ikke lovens ord. Datoen forutsetter at NAV betaler hver ukedag "
                "fra dag 17 (fem dager i uka, folketrygdloven § 8-11), at fraværet er "
                "sammenhengende, og at medarbeideren ikke har fått sykepenger fra NAV de siste "
                "tre årene. Den gjelder arbeidstakere under 67 år. NAV fastsetter den riktige "
                "maksdatoen."
            ),
            "en": (
                "Our own conversion, not the wording of the law. The date assumes that NAV pays "
                "every weekday from day 17 (five days a week, ftrl. § 8-11), that the absence is "
                "continuous, and that the employee has had no sick pay from NAV in the last "
                "three years. It applies to employees under 67. NAV sets the actual maximum "
                "date."
            ),
        },
        "graded_extra": {
            "caveat": {
                "nb": " Vi har regnet hver ukedag med graderte sykepenger som en hel sykepengedag.",
                "en": " We have counted each weekday with graded sick pay as a whole sick-pay day.",
            },
        },
    },
}
