"""Interface text of the group results page (``[[group-results]]``). Keys starting with
``js_`` go to its script. No text shown inside a group's region below the threshold may hold a
digit (``handbook.group``)."""

from __future__ import annotations

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
