"""Interface text of the assessment widget, per language (the same keys in every language).

Templates read these as ``ui.KEY``; the browser widget receives the ``js_*`` ones as JSON.
"""

from __future__ import annotations

UI: dict[str, dict[str, str]] = {
    "nb": {
        "progress": "{answered} av {total} besvart",
        "submit": "Vis resultatet mitt",
        "delete_answers": "Slett alt for denne testen",
        "restart": "Begynn på nytt",
        "stale": "Du har endret svar etter at resultatet ble regnet ut. Trykk «Vis resultatet "
        "mitt» for å regne ut på nytt.",
        "print": "Skriv ut eller lagre som PDF",
        "export": "Last ned svar og resultat som fil",
        "privacy": "Svarene dine lagres bare i denne nettleseren. De sendes aldri over nettet, "
        "heller ikke til denne nettsiden. Du kan slette dem når du vil.",
        "reflection_note": "Dette er et verktøy for refleksjon, ikke en diagnose.",
        "no_js": "Resultatet regnes ut i nettleseren din og trenger JavaScript, som ikke har "
        "startet her. Ingenting er sendt: svarene dine blir bare på denne siden. Du kan likevel "
        "lese påstandene og bruke dem til refleksjon.",
        "result_heading": "Resultatet ditt",
        "score_of": "{score} på en skala fra {lo} til {hi}",
        "answered_of": "{answered} av {items} påstander besvart",
        "score_points": "{score} av {hi} poeng",
        "answered_questions": "{answered} av {items} spørsmål besvart",
        "no_score": "Ingen poengsum ennå: du har svart på {answered} av {items}, og det trengs "
        "minst {min} for å regne ut denne delen.",
        "profile_none": "Kan ikke avgjøres før alle delene har en poengsum.",
        "how_computed": "Slik regnes resultatet ut",
        "method_mean": "Gjennomsnittet av svarene dine på påstandene {items}.",
        "method_sum": "Summen av svarene dine på påstandene {items}.",
        "method_points": "Ett poeng for hvert riktig svar på spørsmålene {items}, lagt sammen.",
        "min_answered_questions": "Du må svare på minst {min} av {count} spørsmål for å få en "
        "poengsum.",
        "reversed": "Påstand {items} er snudd: et høyt svar teller lavt (verdien blir "
        "minste + største − svaret).",
        "min_answered": "Du må svare på minst {min} av {count} påstander for å få en poengsum.",
        "band_upto": "{label}: til og med {upto}",
        "band_rest": "{label}: over {prev}",
        "band_only": "{label}: alle poengsummer",
        "profile_rules": "Kategorien velges ut fra nivåene over. Den første regelen som passer, "
        "gjelder:",
        "rule_when": "{label}: {conditions}",
        "read_chapter": "Les kapittelet: {title}",
        "take_assessment": "Ta selvtesten",
        "take_knowledge_check": "Ta kunnskapssjekken",
        "knowledge_checks": "Kunnskapssjekker",
        "minutes": "Omtrent {minutes} minutter",
        "items_count": "{count} påstander",
        "questions_count": "{count} spørsmål",
        "page_answer_knowledge": "Svar på spørsmålene",
        "right_answer": "Riktig! Du svarte: {label}.",
        "history_heading": "Tidligere resultater på denne enheten",
        "privacy_title": "Personvern",
        "page_answer": "Svar på påstandene",
        "page_about": "Om testen",
        "page_sources": "Kilder",
        "correct_answer": "Riktig svar: {label}.",
        "your_answer": "Du svarte: {label}.",
        "js_loading": "Gjør klar utregningen …",
        "js_scoring": "Regner ut …",
        "js_runtime_failed": "Utregningen kunne ikke startes i nettleseren (kanskje er du "
        "frakoblet). Svarene dine er lagret her på enheten. Prøv igjen når du er på nett.",
        "js_score_failed": "Noe gikk galt under utregningen: {message}. Svarene dine er beholdt.",
        "js_restored": "Vi fant svarene dine fra {date} og har hentet dem fram igjen.",
        "js_cleared": "Svarene og resultatene dine for denne testen er slettet fra denne enheten.",
        "js_corrupt": "Lagrede svar for denne testen var skadet og er fjernet.",
        "js_history_damaged": "Noen tidligere resultater for denne testen var skadet og er "
        "fjernet. Svarene dine er beholdt.",
        "js_restored_undated": "Vi fant svarene dine og har hentet dem fram igjen.",
        "js_show_failed": "Det forrige resultatet kunne ikke vises på grunn av en feil hos oss. "
        "Svarene og resultatene dine er beholdt.",
        "js_newer_kept": "På denne enheten finnes også svar fra en nyere utgave av denne testen "
        "(versjon {versions}). De er beholdt uendret; det du gjør her, lagres for seg.",
        "js_newer_delete": "Slett svarene fra den nyere utgaven",
        "js_newer_confirm": "Slette svarene fra den nyere utgaven av testen? Det kan ikke angres.",
        "js_newer_deleted": "Svarene fra den nyere utgaven er slettet.",
        "js_yes_delete": "Ja, slett",
        "js_cancel": "Avbryt",
        "js_undo": "Angre",
        "js_retry": "Prøv igjen",
        "js_restarted": "Skjemaet er tømt. Tidligere resultater er beholdt.",
        "js_storage_full": "Lagringsplassen i nettleseren er full, så svarene blir ikke husket "
        "etter at du lukker siden. Du kan likevel svare og se resultatet.",
        "js_save_failed_full": "Svarene kunne ikke lagres fordi lagringsplassen i nettleseren er "
        "full. De står fortsatt på skjermen, men blir ikke husket etter at du lukker siden.",
        "js_save_failed": "Svarene kunne ikke lagres fordi nettleseren ikke tillater det nå. De "
        "står fortsatt på skjermen, men blir ikke husket etter at du lukker siden.",
        "js_save_works_again": "Svarene dine lagres igjen på denne enheten.",
        "js_loading_progress": "Gjør klar utregningen: {loaded} av {total} MB lastet ned "
        "({percent} %). Du kan fortsatt endre svarene.",
        "js_runtime_failed_unsaved": "Utregningen kunne ikke startes i nettleseren (kanskje er "
        "du frakoblet). Svarene står fortsatt på skjermen, men nettleseren lagrer dem ikke. "
        "Prøv igjen når du er på nett.",
        "js_migrated": "Testen er oppdatert siden sist. Vi beholdt svarene som fortsatt "
        "passer; det gamle resultatet er fjernet fordi utregningen er endret.",
        "js_storage_off": "Nettleseren tillater ikke lagring, så svarene blir ikke husket "
        "etter at du lukker siden.",
        "js_unanswered": "Du har ikke svart på: {items}. Ubesvarte påstander teller ikke med; "
        "delen regnes ut fra det du har svart på.",
        "js_confirm_clear": "Slette svarene og resultatene dine for denne testen?",
    },
    "en": {
        "progress": "{answered} of {total} answered",
        "submit": "Show my result",
        "delete_answers": "Delete everything for this assessment",
        "restart": "Start again",
        "stale": "You changed answers after this result was computed. Press “Show my result” to "
        "compute it again.",
        "print": "Print or save as PDF",
        "export": "Download answers and result as a file",
        "privacy": "Your answers are stored only in this browser. They are never sent over the "
        "network, not even to this website. You can delete them at any time.",
        "reflection_note": "This is a tool for reflection, not a diagnosis.",
        "no_js": "The result is computed in your browser and needs JavaScript, which has not "
        "started here. Nothing was sent: your answers stay on this page only. You can still "
        "read the statements and use them for reflection.",
        "result_heading": "Your result",
        "score_of": "{score} on a scale from {lo} to {hi}",
        "answered_of": "{answered} of {items} statements answered",
        "score_points": "{score} of {hi} points",
        "answered_questions": "{answered} of {items} questions answered",
        "no_score": "No score yet: you answered {answered} of {items}, and this part needs at "
        "least {min}.",
        "profile_none": "Cannot be determined until every part has a score.",
        "how_computed": "How your result is computed",
        "method_mean": "The mean of your answers to statements {items}.",
        "method_sum": "The sum of your answers to statements {items}.",
        "method_points": "One point for each right answer to questions {items}, added up.",
        "min_answered_questions": "You need to answer at least {min} of {count} questions to get "
        "a score.",
        "reversed": "Statement {items} is reversed: a high answer counts low (the value becomes "
        "lowest + highest − your answer).",
        "min_answered": "You need to answer at least {min} of {count} statements to get a score.",
        "band_upto": "{label}: up to and including {upto}",
        "band_rest": "{label}: above {prev}",
        "band_only": "{label}: every score",
        "profile_rules": "The category follows from the levels above. The first rule that fits "
        "applies:",
        "rule_when": "{label}: {conditions}",
        "read_chapter": "Read the chapter: {title}",
        "take_assessment": "Take the self-assessment",
        "take_knowledge_check": "Take the knowledge check",
        "knowledge_checks": "Knowledge checks",
        "minutes": "About {minutes} minutes",
        "items_count": "{count} statements",
        "questions_count": "{count} questions",
        "page_answer_knowledge": "Answer the questions",
        "right_answer": "Right! You answered: {label}.",
        "history_heading": "Earlier results on this device",
        "privacy_title": "Privacy",
        "page_answer": "Respond to the statements",
        "page_about": "About this assessment",
        "page_sources": "Sources",
        "correct_answer": "The right answer: {label}.",
        "your_answer": "You answered: {label}.",
        "js_loading": "Getting the calculation ready …",
        "js_scoring": "Computing …",
        "js_runtime_failed": "The calculation could not start in your browser (you may be "
        "offline). Your answers are saved on this device. Try again when you are online.",
        "js_score_failed": "Something went wrong while computing: {message}. Your answers are "
        "kept.",
        "js_restored": "We found your answers from {date} and brought them back.",
        "js_cleared": "Your answers and results for this assessment have been deleted from this "
        "device.",
        "js_corrupt": "Stored answers for this assessment were damaged and have been removed.",
        "js_history_damaged": "Some earlier results for this assessment were damaged and have "
        "been removed. Your answers are kept.",
        "js_restored_undated": "We found your answers and brought them back.",
        "js_show_failed": "Your last result could not be shown because of an error on our side. "
        "Your answers and results are kept.",
        "js_newer_kept": "This device also holds answers from a newer edition of this assessment "
        "(version {versions}). They are kept unchanged; what you do here is stored separately.",
        "js_newer_delete": "Delete the answers from the newer edition",
        "js_newer_confirm": "Delete the answers from the newer edition of this assessment? This "
        "cannot be undone.",
        "js_newer_deleted": "The answers from the newer edition have been deleted.",
        "js_yes_delete": "Yes, delete",
        "js_cancel": "Cancel",
        "js_undo": "Undo",
        "js_retry": "Try again",
        "js_restarted": "The form is cleared. Earlier results are kept.",
        "js_storage_full": "Your browser's storage is full, so your answers will not be "
        "remembered after you close the page. You can still answer and see your result.",
        "js_save_failed_full": "Your answers could not be saved because your browser's storage is "
        "full. They are still on screen but will not be remembered after you close the page.",
        "js_save_failed": "Your answers could not be saved because your browser does not allow it "
        "right now. They are still on screen but will not be remembered after you close the page.",
        "js_save_works_again": "Your answers are being saved on this device again.",
        "js_loading_progress": "Getting the calculation ready: {loaded} of {total} MB downloaded "
        "({percent} %). You can still change your answers.",
        "js_runtime_failed_unsaved": "The calculation could not start in your browser (you may be "
        "offline). Your answers are still on screen, but your browser does not store them. Try "
        "again when you are online.",
        "js_migrated": "The assessment has changed since your last visit. We kept the answers "
        "that still fit; the old result was removed because the calculation changed.",
        "js_storage_off": "Your browser does not allow storage, so your answers will not be "
        "remembered after you close the page.",
        "js_unanswered": "You have not answered: {items}. Unanswered statements do not count; "
        "each part is computed from what you answered.",
        "js_confirm_clear": "Delete your answers and results for this assessment?",
    },
}


# The group results page (``[[group-results]]``). Keys starting with ``js_`` go to its script.
# No text shown inside a group's region below the threshold may hold a digit (``group.py``).
GROUP: dict[str, dict[str, str]] = {
    "nb": {
        "choose": "Velg filene deltakerne har delt med deg (du kan velge mange på en gang)",
        "drop": "… eller slipp filene her.",
        "privacy": "Filene leses bare i denne nettleseren. Ingenting sendes over nettet, og "
        "ingenting lagres: lukker eller laster du siden på nytt, er alt borte.",
        "no_js": "Utregningen skjer i nettleseren din og trenger JavaScript, som ikke har "
        "startet her. Ingen filer er lest eller sendt.",
        "files_heading": "Filene du har lagt til",
        "clear": "Fjern alle filene",
        "print": "Skriv ut gruppesammendraget",
        "too_few": "Det trengs filer fra minst fem deltakere før siden viser noe om denne "
        "testen. Slik kan ingen kjenne igjen svaret til én person. Be gjerne flere dele fila "
        "si, eller snakk om testen uten tall.",
        "counted": "{n} filer er telt med. Like filer telles én gang.",
        "dim_too_few": "For få har svart nok på denne delen til at den kan vises for gruppa.",
        "profile_too_few": "For få har svart nok til at denne inndelingen kan vises for gruppa.",
        "median": "Median",
        "q1": "Nedre kvartil",
        "q3": "Øvre kvartil",
        "middle_half": "Den midterste halvparten",
        "band": "Nivå",
        "count": "Antall filer",
        "chart_alt": "{title}: skala fra {lo} til {hi}. Den midterste halvparten av gruppa ligger "
        "fra {q1} til {q3}, og medianen er {median}.",
        "discuss": "Spørsmål til samtale",
        "discuss_band": "Der noen fikk «{band}»:",
        "js_reading": "Leser filene …",
        "js_loading": "Gjør klar utregningen i nettleseren …",
        "js_done": "Filene er lest. Se listen over filer og sammendraget for hver test.",
        "js_cleared": "Alle filene er fjernet fra siden.",
        "js_failed": "Utregningen kunne ikke starte i nettleseren (kanskje er du frakoblet). "
        "Filene er ikke sendt noe sted.",
        "js_retry": "Prøv igjen",
        "js_file_counted": "{name}: telt med ({title}).",
        "js_file_duplicate": "{name}: lik en annen fil, så den telles bare én gang ({title}).",
        "js_file_unreadable": "{name}: fila kunne ikke leses.",
        "js_file_too-big": "{name}: fila er for stor til å være en resultatfil (over 1 MB).",
        "js_file_not-json": "{name}: dette er ikke en resultatfil (fila er ikke JSON).",
        "js_file_not-result": "{name}: dette er ikke en resultatfil fra Krav og mestring.",
        "js_file_format-version": "{name}: fila er laget av en nyere utgave av nettstedet "
        "(formatversjon {detail}). Denne siden kan ikke lese den.",
        "js_file_unknown-assessment": "{name}: testen «{detail}» finnes ikke på dette nettstedet.",
        "js_file_version": "{name}: fila gjelder versjon {detail} av testen, men nettstedet har "
        "versjon {current}. Svar fra ulike versjoner regnes ikke sammen. Be deltakeren ta "
        "testen på nytt og dele en ny fil.",
        "js_file_answers": "{name}: svarene i fila passer ikke til spørsmålene i testen. Fila "
        "kan være endret for hånd.",
    },
    "en": {
        "choose": "Choose the files participants have shared with you (you can choose many at "
        "once)",
        "drop": "… or drop the files here.",
        "privacy": "The files are read in this browser only. Nothing is sent over the network "
        "and nothing is stored: close or reload the page and it is all gone.",
        "no_js": "The figures are computed in your browser and need JavaScript, which has not "
        "started here. No file has been read or sent.",
        "files_heading": "The files you have added",
        "clear": "Remove all files",
        "print": "Print the group summary",
        "too_few": "This page shows nothing about this assessment until it has files from at "
        "least five participants. That way no one's answers can be recognised. Ask more "
        "people to share their file, or talk about the assessment without figures.",
        "counted": "{n} files counted. Identical files count once.",
        "dim_too_few": "Too few answered enough of this part for it to be shown for the group.",
        "profile_too_few": "Too few answered enough for this grouping to be shown for the group.",
        "median": "Median",
        "q1": "Lower quartile",
        "q3": "Upper quartile",
        "middle_half": "The middle half",
        "band": "Level",
        "count": "Number of files",
        "chart_alt": "{title}: scale from {lo} to {hi}. The middle half of the group lies from "
        "{q1} to {q3}, and the median is {median}.",
        "discuss": "Questions for discussion",
        "discuss_band": "Where some got “{band}”:",
        "js_reading": "Reading the files …",
        "js_loading": "Getting the calculation ready in your browser …",
        "js_done": "The files have been read. See the list of files and the summary for each "
        "assessment.",
        "js_cleared": "All files have been removed from the page.",
        "js_failed": "The calculation could not start in your browser (you may be offline). "
        "The files have not been sent anywhere.",
        "js_retry": "Try again",
        "js_file_counted": "{name}: counted ({title}).",
        "js_file_duplicate": "{name}: the same as another file, so it counts only once ({title}).",
        "js_file_unreadable": "{name}: the file could not be read.",
        "js_file_too-big": "{name}: the file is too big to be a result file (over 1 MB).",
        "js_file_not-json": "{name}: this is not a result file (the file is not JSON).",
        "js_file_not-result": "{name}: this is not a result file from Demands and mastery.",
        "js_file_format-version": "{name}: the file was made by a newer edition of the site "
        "(format version {detail}). This page cannot read it.",
        "js_file_unknown-assessment": "{name}: there is no assessment “{detail}” on this site.",
        "js_file_version": "{name}: the file is for version {detail} of the assessment, but the "
        "site has version {current}. Answers from different versions are not combined. Ask "
        "the participant to take the assessment again and share a new file.",
        "js_file_answers": "{name}: the answers in the file do not fit the assessment's "
        "questions. The file may have been edited by hand.",
    },
}


# The "Cite this page" box at the end of every chapter and toolkit (``km/cite.html``).
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


# Course pages, sections and handouts (``km/course.md.html``, ``km/course-handout.md.html``).
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


def course_strings(lang: str) -> dict[str, str]:
    return COURSE["en" if lang == "en" else "nb"]


def cite_strings(lang: str) -> dict[str, str]:
    return CITE["en" if lang == "en" else "nb"]


def group_strings(lang: str) -> dict[str, str]:
    return GROUP["en" if lang == "en" else "nb"]


def group_js_strings(lang: str) -> dict[str, str]:
    return {k[3:]: v for k, v in group_strings(lang).items() if k.startswith("js_")}


def strings(lang: str) -> dict[str, str]:
    return UI["en" if lang == "en" else "nb"]


def js_strings(lang: str) -> dict[str, str]:
    return {k[3:]: v for k, v in strings(lang).items() if k.startswith("js_")}
