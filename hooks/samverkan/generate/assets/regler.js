// The build's checks, in the browser: what the web editor tests before a save.
//
// The data (character classes, words, tags, attributes, schemes, messages)
// is the build's own, written by the build into regler-data.js
// (samverkan/safety/browser_rules.py); this file is the reading of it, line
// for line as samverkan/safety/privacy.py and markup_policy.py read text.
// tests/test_editor_rules.py feeds the build's test cases to both.
(function (root) {
  "use strict";
  var data = root.SamverkanRulesData;
  var P = data.privacy;
  var M = data.markup;

  // ---- Identity numbers (privacy.py) ---------------------------------------
  var INVISIBLE = new RegExp(P.invisible, "gu");
  var REFERENCE = new RegExp(P.reference, "g");
  var BETWEEN_DIGITS = new RegExp(P.betweenDigits, "g");
  var SIX_DIGITS = /\p{Nd}{6}/gu;
  var CANDIDATE = new RegExp(
    "(?<![\\p{Nd}+])(\\p{Nd}\\p{Nd})?(\\p{Nd}{6})([" + P.dashes + P.spaces + "+]{0,3})(\\p{Nd}{4})(?!\\p{Nd})", "uy");
  var PHONE = new RegExp(
    "(?<![\\p{L}\\p{Nl}\\p{No}])(" + P.phoneWords.map(escapeRegExp).join("|") + ")" + P.phoneGap, "iu");
  var NAMES = new Set(P.entityNames);
  var INVALID_CODEPOINTS = new Set(P.invalidCodepoints);

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function digitValue(ch) {
    var code = ch.codePointAt(0);
    for (var i = P.digitZeros.length - 1; i >= 0; i--) {
      if (P.digitZeros[i] <= code) {
        return code - P.digitZeros[i];
      }
    }
    return NaN;
  }

  function asciiDigits(text) {
    return Array.from(text, function (ch) { return String(digitValue(ch)); }).join("");
  }

  // html.unescape of one reference, as Python decodes it.
  function unescapeReference(ref) {
    var s = ref.slice(1);
    if (s[0] === "#") {
      var num = s[1] === "x" || s[1] === "X" ? parseInt(s.slice(2).replace(/;$/, ""), 16) : parseInt(s.slice(1).replace(/;$/, ""), 10);
      if (P.invalidCharrefs[num] !== undefined) {
        return P.invalidCharrefs[num];
      }
      if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff) {
        return "\ufffd";
      }
      if (INVALID_CODEPOINTS.has(num)) {
        return "";
      }
      return String.fromCodePoint(num);
    }
    if (NAMES.has(s)) {
      return P.entities[s] !== undefined ? P.entities[s] : "x";
    }
    for (var x = s.length - 1; x > 1; x--) {
      if (NAMES.has(s.slice(0, x))) {
        return (P.entities[s.slice(0, x)] !== undefined ? P.entities[s.slice(0, x)] : "x") + s.slice(x);
      }
    }
    return "&" + s;
  }

  function readableText(text) {
    text = text.replace(INVISIBLE, "");
    if (text.indexOf("&") >= 0) {
      text = text.replace(REFERENCE, function (ref) {
        var value = unescapeReference(ref);
        return /[\n\r]/.test(value) ? " " : value.replace(INVISIBLE, "");
      });
    }
    return text;
  }

  // urllib.parse.unquote: %XX runs decoded as UTF-8, errors replaced.
  function unquote(text) {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, function (run) {
      var bytes = new Uint8Array(run.length / 3);
      for (var i = 0; i < bytes.length; i++) {
        bytes[i] = parseInt(run.substr(i * 3 + 1, 2), 16);
      }
      return new TextDecoder("utf-8").decode(bytes);
    });
  }

  function plausibleBirthDate(century, year, month, day) {
    var m = parseInt(month, 10);
    var d = parseInt(day, 10);
    if (d > 60) {
      d -= 60;
    }
    if (m < 1 || m > 12 || d < 1) {
      return false;
    }
    if (century && (parseInt(century, 10) < 18 || parseInt(century, 10) > 20)) {
      return false;
    }
    var full = century ? parseInt(century + year, 10) : 2000;
    var when = new Date(Date.UTC(2000, m - 1, d));
    when.setUTCFullYear(full);
    return when.getUTCMonth() === m - 1 && when.getUTCDate() === d;
  }

  function luhnOk(digits) {
    var total = 0;
    for (var i = 0; i < digits.length; i++) {
      var value = parseInt(digits[i], 10) * (i % 2 === 0 ? 2 : 1);
      total += value > 9 ? value - 9 : value;
    }
    return total % 10 === 0;
  }

  function numbersIn(text) {
    var found = [];
    var run;
    SIX_DIGITS.lastIndex = 0;
    while ((run = SIX_DIGITS.exec(text)) !== null) {
      CANDIDATE.lastIndex = run.index;
      var match = CANDIDATE.exec(text);
      if (!match) {
        continue;
      }
      var century = match[1] ? asciiDigits(match[1]) : null;
      var birth = asciiDigits(match[2]);
      var tail = asciiDigits(match[4]);
      if (!plausibleBirthDate(century, birth.slice(0, 2), birth.slice(2, 4), birth.slice(4))) {
        continue;
      }
      if (!luhnOk(birth + tail)) {
        continue;
      }
      var lineStart = text.lastIndexOf("\n", match.index - 1) + 1;
      if (PHONE.test(text.slice(Math.max(lineStart, match.index - 400), match.index))) {
        continue;
      }
      var line = text.slice(0, match.index).split("\n").length;
      found.push([line, (century || "") + birth + (match[3].indexOf("+") >= 0 ? "+" : "-") + tail]);
    }
    return found;
  }

  function identityNumbers(text) {
    text = readableText(String(text));
    var readings = [text, text.replace(BETWEEN_DIGITS, "")];
    if (text.indexOf("%") >= 0) {
      readings = readings.concat(readings.map(unquote));
    }
    var seen = {};
    var found = [];
    readings.forEach(function (reading) {
      numbersIn(reading).forEach(function (pair) {
        var key = pair[0] + " " + pair[1];
        if (!seen[key]) {
          seen[key] = true;
          found.push(pair);
        }
      });
    });
    return found;
  }

  // ---- Markup (markup_policy.py) ---------------------------------------------
  var ALLOWED = M.allowed;
  var GLOBAL = new Set(M.global);
  var EVERY_ATTRIBUTE = new Set(M.global.concat.apply(M.global, Object.keys(ALLOWED).map(function (t) { return ALLOWED[t]; })));

  function format(template, name, tag) {
    return template.replace("%s", name).replace("%t", tag || "");
  }

  function addressFinding(url, image) {
    var address;
    try {
      address = new URL(url, M.page);
    } catch (e) {
      return M.messages.unreadable;
    }
    var scheme = address.protocol.replace(/:$/, "").toLowerCase();
    if (M.schemes.indexOf(scheme) < 0) {
      return format(M.messages.scheme, scheme);
    }
    if (image && !(scheme === "https" && address.hostname === M.siteHost)) {
      return M.messages.image;
    }
    return null;
  }

  function tagFinding(tag) {
    if (M.embeds.indexOf(tag) >= 0) {
      return M.messages.embed;
    }
    if (M.forms.indexOf(tag) >= 0) {
      return M.messages.form;
    }
    if (M.scripts.indexOf(tag) >= 0) {
      return M.messages.script;
    }
    return format(M.messages.tag, tag);
  }

  function attributeFinding(tag, name, value, allowed) {
    if (name.indexOf("on") === 0) {
      return format(M.messages.event, name);
    }
    if (allowed.indexOf(name) < 0 && !GLOBAL.has(name)) {
      return format(M.messages.attribute, name, tag);
    }
    if (name === "style") {
      return M.messages.style;
    }
    if (tag === "input" && name === "type" && value.toLowerCase() !== "checkbox") {
      return tagFinding("input");
    }
    if (name === "href" || name === "src") {
      return addressFinding(value, name === "src");
    }
    return null;
  }

  // What Markdown shows as code, or escapes, is text, not markup (the site's
  // Markdown escapes any character after a backslash: pymdownx.escapeall).
  function withoutCode(body) {
    return body
      .replace(/\\\S/gu, "")
      .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[ \t]*$/gm, "")
      .replace(/(`+)[\s\S]*?\1/g, "");
  }

  function markupFindings(body) {
    var found = [];
    var text = withoutCode(String(body));
    if (/[<]/.test(text) && typeof DOMParser !== "undefined") {
      var doc = new DOMParser().parseFromString("<!DOCTYPE html><html><head></head><body><article>" + text, "text/html");
      var walker = doc.createTreeWalker(doc, 0x1 | 0x80);  // elements and comments
      var node = walker.currentNode;
      while (node) {
        if (node.nodeType === 8 && node.data.trim() !== M.excerpt) {
          found.push(M.messages.comment);
        } else if (node.nodeType === 1) {
          var tag = node.tagName.toLowerCase();
          var attributes = Array.from(node.attributes).filter(function (a) { return a.name !== "markdown"; });
          if (M.document.indexOf(tag) >= 0) {
            if (attributes.length) {
              found.push(tagFinding(tag));
            }
          } else if (!ALLOWED[tag]) {
            found.push(tagFinding(tag));
          } else {
            attributes.forEach(function (a) {
              var finding = attributeFinding(tag, a.name.toLowerCase(), a.value || "", ALLOWED[tag]);
              if (finding) {
                found.push(finding);
              }
            });
          }
        }
        node = walker.nextNode();
      }
    }
    var link = /(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)/g;
    var m;
    while ((m = link.exec(text)) !== null) {
      var finding = addressFinding(m[2], m[1] === "!");
      if (finding) {
        found.push(finding);
      }
    }
    var reference = /^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)/gm;
    while ((m = reference.exec(text)) !== null) {
      var refFinding = addressFinding(m[1], false);
      if (refFinding) {
        found.push(refFinding);
      }
    }
    var attributeList = /(?<!\{)\{:?\s*([^{}\n]*=[^{}\n]*)\}(?!\})/g;
    while ((m = attributeList.exec(text)) !== null) {
      var pair = /([^\s=#.]+)\s*=/g;
      var p;
      while ((p = pair.exec(m[1])) !== null) {
        var name = p[1].toLowerCase();
        if (name.indexOf("on") === 0) {
          found.push(format(M.messages.event, name));
        } else if (name === "style") {
          found.push(M.messages.style);
        } else if (!EVERY_ATTRIBUTE.has(name)) {
          found.push(format(M.messages.attribute, name, "…"));
        }
      }
    }
    return found;
  }

  // ---- Dates and times ----------------------------------------------------------
  function realDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) {
      return null;
    }
    var when = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return when.getUTCMonth() === +m[2] - 1 && when.getUTCDate() === +m[3] ? when : null;
  }

  function lastSunday(year, month) {
    var day = new Date(Date.UTC(year, month, 0));  // the month's last day
    day.setUTCDate(day.getUTCDate() - day.getUTCDay());
    return day.toISOString().slice(0, 10);
  }

  function clockTrouble(day, hour) {
    if (hour !== 2) {
      return null;
    }
    var year = +day.slice(0, 4);
    if (day === lastSunday(year, 3)) {
      return data.time.spring;
    }
    if (day === lastSunday(year, 10)) {
      return data.time.autumn;
    }
    return null;
  }

  var TIME = /^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$/;

  function textOf(value) {
    if (value === null || value === undefined) {
      return "";
    }
    if (typeof value === "object") {
      return Object.keys(value).map(function (k) { return textOf(value[k]); }).join("\n");
    }
    return String(value);
  }

  // The first problem the build would report with this value, in Swedish; or null.
  function problem(kind, value, context) {
    context = context || {};
    var entry = context.entry || {};
    var fields = entry.data || {};
    var text = textOf(value);
    var list = fields["händelser"];
    if (identityNumbers(text).length) {
      return P.message + ". Förväntat: " + P.expected;
    }
    if (kind === "markdown") {
      var findings = markupFindings(text);
      if (findings.length) {
        return findings[0];
      }
    }
    if (kind === "år-ny") {
      if (!text) {
        return entry.newRecord ? "Skriv året, t.ex. 2027; planen får året som filnamn." : null;
      }
      return /^\d{4}$/.test(text) ? null : "Skriv året med fyra siffror, t.ex. 2027.";
    }
    if (kind === "datum-händelse" && !text) {
      return list && list.length ? null : "Skriv mötets datum, ÅÅÅÅ-MM-DD (eller lägg mötena under Händelser).";
    }
    if (kind === "datum" || kind === "datum-ny" || kind === "slutdatum" || kind === "datum-händelse") {
      if (!text) {
        return kind === "datum-ny" && entry.newRecord ? "Skriv datumet som ÅÅÅÅ-MM-DD; filen får datumet som namn." : null;
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        return "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-01-19.";
      }
      if (!realDate(text)) {
        return "Datumet finns inte i kalendern (" + text + ").";
      }
      if (kind === "datum-ny" && entry.newRecord && context.taken && context.taken.indexOf(text) >= 0) {
        return "Det finns redan minnesanteckningar från " + text + ". Öppna dem i listan i stället.";
      }
      if (kind === "slutdatum" && fields.datum && text < String(fields.datum)) {
        return "Slutdatumet är före startdatumet (" + fields.datum + ").";
      }
      return null;
    }
    if (kind === "grupp-eller-titel" && !text && !fields.titel && !(list && list.length)) {
      return "Välj en grupp eller skriv en titel: händelsen saknar båda.";
    }
    if (kind === "tid" && text) {
      var m = TIME.exec(text.trim());
      if (!m) {
        return "Skriv start och slut, t.ex. 08:30-10:00.";
      }
      var start = +m[1] * 60 + +m[2];
      var end = +m[3] * 60 + +m[4];
      if (+m[1] > 23 || +m[3] > 23 || +m[2] > 59 || +m[4] > 59) {
        return "Klockslaget finns inte: timmar 00-23 och minuter 00-59.";
      }
      var oneDay = !fields.slutdatum || fields.slutdatum === fields.datum;
      if (end <= start && oneDay) {
        return "Mötet slutar innan det börjar (" + text + ").";
      }
      var day = String(fields.datum || "");
      var trouble = realDate(day) && (clockTrouble(day, +m[1]) || clockTrouble(day, +m[3]));
      if (trouble) {
        return trouble.charAt(0).toUpperCase() + trouble.slice(1) + " (" + day + ").";
      }
    }
    return null;
  }

  root.SamverkanRules = {
    identityNumbers: identityNumbers,
    markupFindings: markupFindings,
    problem: problem,
  };
})(typeof window !== "undefined" ? window : globalThis);
