"""Interface text of the managers' tools: the sick-leave deadline planner
(``km/deadline-planner.html`` and ``planner.js``; ``error_<code>`` is the notice for each stable
error code of ``handbook.deadlines``) and the checklists on toolkit pages (``checklists.js``)."""

from __future__ import annotations

PLANNER: dict[str, dict[str, str]] = {
    "nb": {
        "title": "Fristplanlegger for sykefravær",
        "intro": "Skriv inn første fraværsdag, så får du datoene for fristene i loven.",
        "privacy": "Skjemaet spør ikke om navn. Datoen blir i nettleseren din: den sendes ikke "
        "over nettet og lagres ikke.",
        "first_day": "Første fraværsdag",
        "first_day_hint": "Dag 1 er den første dagen medarbeideren var borte.",
        "kind": "Sykmeldingen er",
        "kind_full": "Full (100 %)",
        "kind_graded": "Gradert (delvis sykmeldt)",
        "submit": "Vis fristene",
        "no_js": "Fristene regnes ut i nettleseren din og trenger JavaScript, som ikke har "
        "startet her. Ingenting er sendt. Tidslinjen lenger ned viser de samme fristene i uker.",
        "loading_label": "Nedlasting av utregningen",
        "result_heading": "Fristene",
        "ics": "Legg fristene i kalenderen (.ics)",
        "print": "Skriv ut fristene",
        "optional": "Valgfritt",
        "law": "Lov",
        "read_more": "Slik gjør du det",
        "counting_heading": "Slik regner vi dagene",
        "stale": "Du har endret datoen eller typen sykmelding. Trykk «Vis fristene» for å regne "
        "ut på nytt.",
        "js_summary": "Første fraværsdag: {date}. {kind}. NAV betaler sykepenger fra {nav_date}.",
        "js_kind_full": "Full sykmelding",
        "js_kind_graded": "Gradert sykmelding",
        "js_note": "Merk:",
        "js_loading": "Gjør klar utregningen …",
        "js_loading_progress": "{loaded} av {total} MB lastet ned ({percent} %)",
        "js_working": "Regner ut fristene …",
        "js_done": "Fristene er regnet ut.",
        "js_runtime_failed": "Utregningen kunne ikke startes i nettleseren (kanskje er du "
        "frakoblet). Prøv igjen når du er på nett. Tidslinjen lenger ned viser de samme fristene "
        "i uker.",
        "js_retry": "Prøv igjen",
        "js_ics_done": "Kalenderfilen «{filename}» er lastet ned. Åpne den for å legge fristene "
        "inn i kalenderen din.",
        "js_ics_failed": "Kalenderfilen kunne ikke lages: {message}",
        "js_error_missing_first_day": "Fyll inn første fraværsdag, så regner vi ut fristene.",
        "js_error_bad_first_day": "Datoen er ikke gyldig. Velg første fraværsdag i kalenderen, "
        "eller skriv inn dag, måned og år på nytt.",
        "js_error_out_of_range": "Planleggeren regner bare med første fraværsdag fra {earliest} "
        "til {latest}. Fristene ble forenklet i 2014, og eldre saker følger andre regler.",
        "js_error_missing_kind": "Velg om sykmeldingen er full eller gradert.",
        "js_error_bad_kind": "Velg om sykmeldingen er full eller gradert.",
        "js_error_other": "Noe gikk galt hos oss: {message}. Prøv igjen, eller bruk tidslinjen "
        "lenger ned.",
    },
    "en": {
        "title": "Sick-leave deadline planner",
        "intro": "Enter the first day of absence to get the dates of the legal deadlines.",
        "privacy": "The form asks for no name. The date stays in your browser: it is not sent "
        "over the network and not stored.",
        "first_day": "First day of absence",
        "first_day_hint": "Day 1 is the first day the employee was away.",
        "kind": "The sick leave is",
        "kind_full": "Full (100%)",
        "kind_graded": "Graded (partly on sick leave)",
        "submit": "Show the deadlines",
        "no_js": "The deadlines are computed in your browser and need JavaScript, which has not "
        "started here. Nothing was sent. The timeline further down shows the same deadlines in "
        "weeks.",
        "loading_label": "Downloading the calculation",
        "result_heading": "The deadlines",
        "ics": "Add the deadlines to your calendar (.ics)",
        "print": "Print the deadlines",
        "optional": "Optional",
        "law": "Law",
        "read_more": "How to do it",
        "counting_heading": "How we count the days",
        "stale": "You changed the date or the kind of sick leave. Press “Show the deadlines” to "
        "compute them again.",
        "js_summary": "First day of absence: {date}. {kind}. NAV pays sick pay from {nav_date}.",
        "js_kind_full": "Full sick leave",
        "js_kind_graded": "Graded sick leave",
        "js_note": "Note:",
        "js_loading": "Getting the calculation ready …",
        "js_loading_progress": "{loaded} of {total} MB downloaded ({percent} %)",
        "js_working": "Working out the deadlines …",
        "js_done": "The deadlines are ready.",
        "js_runtime_failed": "The calculation could not start in your browser (you may be "
        "offline). Try again when you are online. The timeline further down shows the same "
        "deadlines in weeks.",
        "js_retry": "Try again",
        "js_ics_done": "The calendar file “{filename}” has been downloaded. Open it to add the "
        "deadlines to your calendar.",
        "js_ics_failed": "The calendar file could not be made: {message}",
        "js_error_missing_first_day": "Fill in the first day of absence, and we will work out "
        "the deadlines.",
        "js_error_bad_first_day": "The date is not valid. Pick the first day of absence in the "
        "calendar, or type the day, month and year again.",
        "js_error_out_of_range": "The planner only works with a first day of absence from "
        "{earliest} to {latest}. The deadlines were simplified in 2014, and older cases follow "
        "other rules.",
        "js_error_missing_kind": "Choose whether the sick leave is full or graded.",
        "js_error_bad_kind": "Choose whether the sick leave is full or graded.",
        "js_error_other": "Something went wrong on our side: {message}. Try again, or use the "
        "timeline further down.",
    },
}

CHECKLIST: dict[str, dict[str, str]] = {
    "nb": {
        "toolbar": "Sjekklista",
        "progress": "{done} av {total} krysset av",
        "privacy": "Avkryssingene lagres bare i denne nettleseren, aldri på nettet.",
        "print": "Skriv ut sjekklista",
        "clear": "Fjern avkryssingene",
        "cleared": "Avkryssingene i sjekklista er fjernet.",
        "undo": "Angre",
        "damaged": "Lagrede avkryssinger for denne siden var skadet og er fjernet.",
        "storage_off": "Nettleseren tillater ikke lagring, så avkryssingene blir ikke husket "
        "etter at du lukker siden.",
        "save_failed_full": "Avkryssingene kunne ikke lagres fordi lagringsplassen i nettleseren "
        "er full. De blir ikke husket etter at du lukker siden.",
        "save_works_again": "Avkryssingene lagres igjen på denne enheten.",
    },
    "en": {
        "toolbar": "The checklist",
        "progress": "{done} of {total} ticked",
        "privacy": "Your ticks are stored only in this browser, never online.",
        "print": "Print the checklist",
        "clear": "Clear the ticks",
        "cleared": "The ticks in this checklist have been cleared.",
        "undo": "Undo",
        "damaged": "Stored ticks for this page were damaged and have been removed.",
        "storage_off": "Your browser does not allow storage, so your ticks will not be "
        "remembered after you close the page.",
        "save_failed_full": "Your ticks could not be saved because your browser's storage is "
        "full. They will not be remembered after you close the page.",
        "save_works_again": "Your ticks are being saved on this device again.",
    },
}
