"""Interface text of page parts: the "Cite this page" box at the end of every chapter and
toolkit (``km/cite.html``), and course pages, sections and handouts (``km/course.md.html``,
``km/course-handout.md.html``)."""

from __future__ import annotations

CITE: dict[str, dict[str, str]] = {
    "nb": {
        "cite_heading": "Slik siterer du denne siden",
        "last_changed": "Sist endret",
        "cite_accessed": "[datoen du leste siden]",
        "cite_copy": "Kopier referansen",
        "cite_copied": "Referansen er kopiert",
        "cite_note": "Referansen følger APA 7. Datoen i parentes er da siden sist ble endret, og "
        "viser hvilken versjon du leste.",
        "cite_guide": "Mer om lenker og sitering",
    },
    "en": {
        "cite_heading": "How to cite this page",
        "last_changed": "Last changed",
        "cite_accessed": "[the date you read the page]",
        "cite_copy": "Copy the reference",
        "cite_copied": "Reference copied",
        "cite_note": "The reference follows APA 7. The date in brackets is when the page last "
        "changed, and shows which version you read.",
        "cite_guide": "More on linking and citing",
    },
}


COURSE: dict[str, dict[str, str]] = {
    "nb": {
        "module": "Modul",
        "courses": "Kursøkter",
        "audience": "For",
        "materials": "Materiell",
        "chapter": "Kapittel",
        "chapters": "Kapitler",
        "case": "Case: {example} i kapitlet, eller en case fra {cases}.",
        "the_example": "eksempelet",
        "case_library": "casesamlingen",
        "toolkits": "Verktøy",
        "assessment": "Selvtest",
        "assessments": "Selvtester",
        "knowledge_check": "Kunnskapssjekk",
        "knowledge_checks": "Kunnskapssjekker",
        "goals": "Læringsmål",
        "goals_lead": "Etter økta kan deltakerne",
        "plan": "Plan for {minutes} minutter",
        "before": "Forarbeid",
        "minutes": "Minutter",
        "activity": "Aktivitet",
        "discussion": "Spørsmål til diskusjon",
        "own_pages": "Egen side for økta:",
        "own_pages_page": "Til deltakerne:",
        "course_page": "kursside",
        "handout": "Utdeling",
        "all_modules": "alle kursmodulene",
        "before_session": "Før økta",
        "handout_privacy": "Selvtestene lagrer svarene bare i nettleseren din. Du bestemmer "
        "selv om du vil dele noe.",
    },
    "en": {
        "module": "Module",
        "courses": "Course sessions",
        "audience": "For",
        "materials": "Materials",
        "chapter": "Chapter",
        "chapters": "Chapters",
        "case": "Case: {example} in the chapter, or a case from the {cases}.",
        "the_example": "the example",
        "case_library": "case library",
        "toolkits": "Toolkits",
        "assessment": "Self-assessment",
        "assessments": "Self-assessments",
        "knowledge_check": "Knowledge check",
        "knowledge_checks": "Knowledge checks",
        "goals": "Learning goals",
        "goals_lead": "After the session, participants can",
        "plan": "{minutes}-minute plan",
        "before": "Before the session",
        "minutes": "Minutes",
        "activity": "Activity",
        "discussion": "Discussion questions",
        "own_pages": "This session's own page:",
        "own_pages_page": "For participants:",
        "course_page": "course page",
        "handout": "Handout",
        "all_modules": "all course modules",
        "before_session": "Before the session",
        "handout_privacy": "The self-assessments keep your answers in your browser only. You "
        "decide whether to share anything.",
    },
}


# The site's own status line (``offline.js``): offline, and a new version ready to load.
OFFLINE: dict[str, dict[str, str]] = {
    "nb": {
        "offline_label": "Nettverk",
        "offline": "Du er uten nett. Håndboka er lagret på denne enheten, så du kan lese videre.",
        "offline_plain": "Du er uten nett.",
        "update_label": "Ny versjon",
        "update": "En ny versjon av håndboka er klar.",
        "reload": "Last inn på nytt for å oppdatere",
        "later": "Ikke nå",
    },
    "en": {
        "offline_label": "Network",
        "offline": "You are offline. The handbook is kept on this device, so you can read on.",
        "offline_plain": "You are offline.",
        "update_label": "New version",
        "update": "A new version of the handbook is ready.",
        "reload": "Reload to update",
        "later": "Not now",
    },
}
