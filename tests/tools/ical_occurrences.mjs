// Every occurrence in an iCalendar file between two dates, as ical.js (the
// parser of Thunderbird's calendar) expands it: one JSON object a line.
//   node tests/tools/ical_occurrences.mjs FILE.ics 2018-01-01 2031-01-01
import fs from "node:fs";
import ICAL from "ical.js";

const [file, from, to] = process.argv.slice(2);
const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(zone));
}
const masters = new Map();
const exceptions = [];
for (const item of root.getAllSubcomponents("vevent")) {
  if (item.hasProperty("recurrence-id")) exceptions.push(item);
  else masters.set(item.getFirstPropertyValue("uid"), new ICAL.Event(item));
}
for (const item of exceptions) {
  masters.get(item.getFirstPropertyValue("uid")).relateException(item);
}
const start = ICAL.Time.fromDateString(from);
const end = ICAL.Time.fromDateString(to);

function shown(time) {
  return time.isDate ? time.toString() : time.toJSDate().toISOString();
}

function emit(event, startDate, endDate) {
  if (endDate.compare(start) <= 0 || startDate.compare(end) >= 0) return;
  const status = event.component.getFirstPropertyValue("status");
  console.log(JSON.stringify({
    uid: event.uid, start: shown(startDate), end: shown(endDate), summary: event.summary,
    status: status ? String(status) : null, location: event.location || null,
  }));
}

for (const event of masters.values()) {
  if (!event.isRecurring()) {
    emit(event, event.startDate, event.endDate);
    continue;
  }
  const iterator = event.iterator();
  for (let next = iterator.next(); next && next.compare(end) < 0; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    emit(details.item, details.startDate, details.endDate);
  }
}
