"""The assessment widget's interface text (templates read ``ui.KEY``; the browser receives
the ``js_*`` ones as JSON), the same keys in every language."""

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
        "on_this_page": "På denne siden",
        "sections_count": "{count} deler",
        "keys_hint": "Piltastene flytter mellom svarene. Tab går til neste spørsmål.",
        "correct_answer": "Riktig svar: {label}.",
        "your_answer": "Du svarte: {label}.",
        "import_label": "Hent inn en resultatfil:",
        "export_share": "Last ned svarene for gruppen (uten datoer og plan)",
        "report_meta": "Versjon {version} av testen.",
        "overview_heading": "Oversikt",
        "arithmetic_heading": "Slik ble ditt resultat regnet ut",
        "plan_heading": "Min handlingsplan",
        "plan_intro": "Planen lagres bare på denne enheten. Kryss av når noe er gjort, og sett "
        "gjerne en dato.",
        "plan_suggestions": "Forslag ut fra resultatet ditt:",
        "plan_own_label": "Egen handling:",
        "plan_add": "Legg til",
        "grid_label": "Rutenett: {x} bortover og {y} oppover. Ditt felt er markert.",
        "js_imported": "Resultatfilen er hentet inn og regnet ut på nytt her.",
        "js_imported_share": "Svarene fra fila er hentet inn og regnet ut på nytt her.",
        "js_imported_migrated": "Fila var laget med en eldre utgave av testen. Vi hentet inn "
        "svarene som fortsatt passer, og regnet ut på nytt.",
        "js_import_damaged": "Fila kunne ikke leses: den er skadet eller ikke en resultatfil fra "
        "denne testen. Ingenting er endret.",
        "js_import_not-a-result-file": "Dette er ikke en resultatfil fra denne håndboka. "
        "Ingenting er endret.",
        "js_import_format-version": "Fila er laget med en nyere utgave av håndboka som denne "
        "siden ikke kan lese. Ingenting er endret.",
        "js_import_other-assessment": "Fila hører til en annen test. Hent den inn på siden for "
        "den testen. Ingenting er endret.",
        "js_import_newer-version": "Fila er laget med en nyere versjon av denne testen enn den "
        "som er her. Ingenting er endret.",
        "js_import_too-big": "Fila er større enn 1 MB og er ikke en resultatfil herfra. "
        "Ingenting er endret.",
        "js_import_failed": "Fila kunne ikke hentes inn fordi utregningen ikke startet. "
        "Ingenting er endret. Prøv igjen.",
        "js_near": "Nær grensen: poengsummen ligger mindre enn et halvt steg fra grensen til "
        "«{label}». Les begge beskrivelsene.",
        "js_plan_done": "Gjort",
        "js_plan_due": "Frist",
        "js_plan_edit": "Endre",
        "js_plan_save": "Lagre",
        "js_plan_remove": "Fjern",
        "js_plan_removed": "Handlingen er fjernet fra planen.",
        "js_plan_add": "Legg til i planen",
        "js_plan_read": "Les mer",
        "js_trend_same": "omtrent det samme",
        "js_trend_up": "høyere",
        "js_trend_down": "lavere",
        "js_history_change": "{title}: {from} → {to}, {reading}",
        "js_history_chart": "{title}, resultat for resultat",
        "js_arith_mean": "{title}: ({values}) ÷ {count} = {score}",
        "js_arith_sum": "{title}: {values} = {score}",
        "js_arith_reversed": "påstand {number} er snudd: svaret {answer} teller {value}",
        "js_arith_none": "{title}: for få svar til en poengsum ({answered} av minst {min}).",
        "card_taken": "Du har svar lagret på denne enheten (sist {date}).",
        "no_js_my_results": "Denne siden viser det nettleseren din har lagret fra håndboka, og "
        "den trenger JavaScript for å lese det. Ingenting er sendt noe sted.",
        "my_results_nothing": "Ingenting fra håndboka er lagret i denne nettleseren.",
        "my_results_export_all": "Last ned alt som én fil",
        "my_results_delete_all": "Slett alt fra denne enheten",
        "my_results_import": "Hent inn resultatfiler (eller dra dem hit):",
        "my_results_where": "Hva er lagret hvor?",
        "my_results_where_text": "Alt ligger i nettleserens lokale lagring (localStorage) på "
        "denne enheten, under nøkler som begynner med «km:». Ingenting sendes over nettet, heller "
        "ikke til denne nettsiden. Andre nettsider kan ikke lese det. Sletter du nettleserdata, "
        "blir det borte.",
        "my_results_table_caption": "Nøkler i lokal lagring",
        "my_results_col_key": "Nøkkel",
        "my_results_col_what": "Hva det er",
        "my_results_col_size": "Størrelse",
        "my_results_last": "Sist regnet ut {date}.",
        "my_results_answers_only": "Svar lagret, men ikke regnet ut ennå.",
        "my_results_count": "Resultater lagret: {count}.",
        "my_results_open": "Åpne testen",
        "my_results_older": "Fra en eldre utgave av testen. Åpne testen, så blir svarene "
        "oppdatert.",
        "my_results_delete_confirm": "Slette alt håndboka har lagret på denne enheten: svar, "
        "resultater, planer og avkryssinger?",
        "my_results_deleted": "Alt er slettet fra denne enheten.",
        "my_results_imported": "{title}: hentet inn og regnet ut på nytt.",
        "my_results_import_unknown": "{file}: fila hører ikke til noen test på dette nettstedet. "
        "Ingenting er endret.",
        "my_results_kind_assessment": "Svar, resultater og plan for «{title}»",
        "my_results_kind_checklist": "Avkryssinger i en sjekkliste ({page})",
        "my_results_kind_other": "Annet fra håndboka",
        "my_results_size": "{size} tegn",
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
        "on_this_page": "On this page",
        "sections_count": "{count} sections",
        "keys_hint": "Arrow keys move between the answers. Tab goes to the next question.",
        "correct_answer": "The right answer: {label}.",
        "your_answer": "You answered: {label}.",
        "import_label": "Bring in a result file:",
        "export_share": "Download your answers for the group (no dates, no plan)",
        "report_meta": "Version {version} of the assessment.",
        "overview_heading": "Overview",
        "arithmetic_heading": "How your result was computed",
        "plan_heading": "My action plan",
        "plan_intro": "The plan is stored only on this device. Tick what is done, and add a "
        "date if it helps.",
        "plan_suggestions": "Suggestions from your result:",
        "plan_own_label": "Your own action:",
        "plan_add": "Add",
        "grid_label": "Grid: {x} across and {y} upwards. Your cell is marked.",
        "js_imported": "The result file was brought in and computed again here.",
        "js_imported_share": "The answers from the file were brought in and computed again here.",
        "js_imported_migrated": "The file was made with an older edition of this assessment. We "
        "brought in the answers that still fit and computed again.",
        "js_import_damaged": "The file could not be read: it is damaged or not a result file of "
        "this assessment. Nothing was changed.",
        "js_import_not-a-result-file": "This is not a result file from this handbook. Nothing was "
        "changed.",
        "js_import_format-version": "The file was made with a newer edition of the handbook that "
        "this page cannot read. Nothing was changed.",
        "js_import_other-assessment": "The file belongs to another assessment. Bring it in on "
        "that assessment's page. Nothing was changed.",
        "js_import_newer-version": "The file was made with a newer version of this assessment "
        "than the one here. Nothing was changed.",
        "js_import_too-big": "The file is larger than 1 MB and is not a result file from here. "
        "Nothing was changed.",
        "js_import_failed": "The file could not be brought in because the calculation did not "
        "start. Nothing was changed. Try again.",
        "js_near": "Close to the line: the score is less than half a step from the line to "
        "“{label}”. Read both descriptions.",
        "js_plan_done": "Done",
        "js_plan_due": "Due",
        "js_plan_edit": "Edit",
        "js_plan_save": "Save",
        "js_plan_remove": "Remove",
        "js_plan_removed": "The action was removed from the plan.",
        "js_plan_add": "Add to the plan",
        "js_plan_read": "Read more",
        "js_trend_same": "about the same",
        "js_trend_up": "higher",
        "js_trend_down": "lower",
        "js_history_change": "{title}: {from} → {to}, {reading}",
        "js_history_chart": "{title}, result by result",
        "js_arith_mean": "{title}: ({values}) ÷ {count} = {score}",
        "js_arith_sum": "{title}: {values} = {score}",
        "js_arith_reversed": "statement {number} is reversed: the answer {answer} counts {value}",
        "js_arith_none": "{title}: too few answers for a score ({answered} of at least {min}).",
        "card_taken": "You have answers stored on this device (last {date}).",
        "no_js_my_results": "This page shows what your browser has stored from the handbook, and "
        "it needs JavaScript to read it. Nothing was sent anywhere.",
        "my_results_nothing": "Nothing from the handbook is stored in this browser.",
        "my_results_export_all": "Download everything as one file",
        "my_results_delete_all": "Delete everything from this device",
        "my_results_import": "Bring in result files (or drag them here):",
        "my_results_where": "What is stored where?",
        "my_results_where_text": "Everything is in your browser's local storage (localStorage) "
        "on this device, under keys that start with “km:”. Nothing is sent over the network, not "
        "even to this website. Other websites cannot read it. If you clear your browser data, it "
        "is gone.",
        "my_results_table_caption": "Keys in local storage",
        "my_results_col_key": "Key",
        "my_results_col_what": "What it is",
        "my_results_col_size": "Size",
        "my_results_last": "Last computed {date}.",
        "my_results_answers_only": "Answers stored, not computed yet.",
        "my_results_count": "Results stored: {count}.",
        "my_results_open": "Open the assessment",
        "my_results_older": "From an older edition of the assessment. Open it and your answers "
        "are brought up to date.",
        "my_results_delete_confirm": "Delete everything the handbook has stored on this device: "
        "answers, results, plans and ticked checklists?",
        "my_results_deleted": "Everything has been deleted from this device.",
        "my_results_imported": "{title}: brought in and computed again.",
        "my_results_import_unknown": "{file}: the file does not belong to any assessment on this "
        "site. Nothing was changed.",
        "my_results_kind_assessment": "Answers, results and plan for “{title}”",
        "my_results_kind_checklist": "Ticked items in a checklist ({page})",
        "my_results_kind_other": "Other data of the handbook",
        "my_results_size": "{size} characters",
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
