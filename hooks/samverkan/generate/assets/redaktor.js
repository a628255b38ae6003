// The web editor's own rules, run beside Decap CMS on /redaktor/.
//
// Every meeting saved from the form gets an explicit `id` if it has none:
// its identity in subscribers' calendars then survives any later edit, its
// date and its file included (the build keeps the identity a meeting had
// before it got its id).
(function () {
  "use strict";

  function randomPart() {
    var bytes = new Uint8Array(4);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return (b % 36).toString(36); }).join("");
  }

  function slugPart(value) {
    return String(value || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function withId(meeting, file) {
    if (!meeting || typeof meeting.get !== "function" || meeting.get("id")) {
      return meeting;
    }
    var group = slugPart(meeting.get("grupp") || (file && file.get("grupp")) || "mote");
    var day = slugPart(String(meeting.get("datum") || "").slice(0, 10));
    return meeting.set("id", [group, day, randomPart()].filter(Boolean).join("-"));
  }

  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (payload) {
      var entry = payload.entry;
      var data = entry.get("data");
      if (entry.get("collection") !== "kalender") {
        return data;
      }
      var list = data.get("händelser");
      if (list && list.size) {
        return data.set("händelser", list.map(function (meeting) { return withId(meeting, data); }));
      }
      return withId(data, null);
    },
  });
})();
