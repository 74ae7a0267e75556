// Prints formatNumber(value, lang) of site_overrides/assets/km/format.js for every case of
// tests/fixtures/numbers.json, as JSON, so the Python tests can compare both sides.
import { readFileSync } from "node:fs";
import { formatNumber } from "../site_overrides/assets/km/format.js";

const { cases } = JSON.parse(readFileSync(new URL("./fixtures/numbers.json", import.meta.url), "utf8"));
console.log(JSON.stringify(cases.map(([value]) => [formatNumber(value, "nb"), formatNumber(value, "en")])));
