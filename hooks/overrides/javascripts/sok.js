// The site's search box (partials/search.html) on its Pagefind index
// (hooks/samverkan/generate/search_index.py). Nothing is downloaded until a
// visitor goes to the box; then Pagefind's script and WebAssembly, and for a
// query only the index fragments and the results' texts it needs.
//
// Before Pagefind is asked, the query is read as people type it (plan()):
// each word is looked up in the index's own vocabulary (pagefind/ord/<letter>.json);
// a word on no page is the start of a longer one (as-you-type), a form of
// one (Pagefind's stemmer finds it), the word without its å, ä, ö (searched
// without telling them apart, only then), or a typo, corrected to the
// nearest word the site has. A word that is none of these is on no page:
// no hits, a suggestion instead. A date becomes the word the build gives the
// meetings and minutes of that day. Answers the site knows outright come
// first (generate/search_answers.py): the group that meets for a place today,
// what an abbreviation means.
(() => {
  "use strict";
  const box = document.querySelector("[data-sv-sok]");
  const script = document.currentScript;
  if (!box || !script) return;
  const root = new URL("..", script.src); // the site's root, also under a sub-path
  const input = box.querySelector("[data-sv-sok-fraga]");
  const form = input.form;
  const status = box.querySelector("[data-sv-sok-status]");
  const list = box.querySelector("[data-sv-sok-lista]");
  const more = box.querySelector("[data-sv-sok-fler]");
  const filterRow = box.querySelector("[data-sv-sok-filter]");
  const selects = [...box.querySelectorAll("select[data-filter]")];
  const toggle = document.getElementById("__search");
  // The build puts the parts of compound words after this word (search_index.py).
  const SEPARATOR = "⁜";
  const PER_PAGE = 10;
  const RERANK = 12; // results whose words are read before any is shown
  const RARE = 1; // pages: a word on no more is taken for a slip when a near one is on many
  const TEASER_WORDS = 28;
  const DEBOUNCE_MS = 250;
  const MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december"];
  let loading = null;
  let results = [];
  let shown = 0;
  let generation = 0;
  let skip = new Set(); // pages an answer above the results shows already

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(async (pagefind) => {
        // A page ranks by how much the words it matches weigh, not by how
        // often they occur or how short the page is: otherwise the thousands
        // of short minutes and meetings that name a group bury the group's own
        // page. A match in the name of an active group's page (its `namn`,
        // see partials/searchable-start.html) puts that page first; wound-up
        // groups have none and come after.
        await pagefind.options({
          baseUrl: root.pathname,
          ranking: { termFrequency: 0, pageLength: 0, metaWeights: { title: 5, namn: 20 } },
        });
        await pagefind.init();
        return pagefind;
      });
      loading.catch(() => {
        loading = null;
        status.textContent = "Sökningen kunde inte laddas. Försök igen om en stund.";
      });
    }
    return loading;
  }

  // The filters' values are fetched only when a visitor opens them: at ten
  // thousand minutes they are as large as a query's index. Each option counts
  // the pages of the current query it would keep.
  let filled = null;
  function fillFilters() {
    filled ??= load().then(async (pagefind) => {
      const available = await pagefind.filters();
      for (const select of selects) {
        const names = Object.keys(available[select.dataset.filter] || {}).sort((a, b) =>
          select.dataset.filter === "år" ? b.localeCompare(a) : a.localeCompare(b, "sv"));
        for (const name of names) select.add(new Option(name, name));
      }
      // Pagefind counts a query's pages per filter only once the filters
      // are loaded: the query again, now with its counts.
      if (input.value.trim()) search();
    });
    filled.catch(() => { filled = null; });
    return filled;
  }

  function countFilters(counts) {
    if (!Object.keys(counts).length) return; // not counted (filters not loaded yet)
    for (const select of selects) {
      const mine = counts[select.dataset.filter] || {};
      for (const option of select.options) {
        if (!option.value) continue;
        const count = mine[option.value] || 0;
        option.textContent = `${option.value} (${count})`;
        option.disabled = count === 0 && select.value !== option.value;
      }
    }
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // Words the way the index folds them: å and ä as a, ö as o.
  const fold = (word) => word.replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e").replace(/ü/g, "u");

  // Optimal string alignment distance (a swap of two letters is one slip), or more than `most`.
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let before = null;
    let above = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        let cost = Math.min(above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
        row.push(cost);
        least = Math.min(least, cost);
      }
      if (least > most) return most + 1;
      before = above;
      above = row;
    }
    return above[b.length];
  }

  const vocabularies = new Map();
  function vocabulary(word) {
    const letter = fold(word[0]);
    if (!/^[a-z]$/.test(letter)) return Promise.resolve({});
    if (!vocabularies.has(letter)) {
      vocabularies.set(letter, fetch(new URL(`pagefind/ord/${letter}.json`, root))
        .then((response) => (response.ok ? response.json() : {})).catch(() => ({})));
    }
    return vocabularies.get(letter);
  }

  let answersLoading = null;
  function answers() {
    answersLoading ??= fetch(new URL("sok/svar.json", root))
      .then((response) => (response.ok ? response.json() : {})).catch(() => ({}));
    return answersLoading;
  }

  // A date as people write it: 2026-11-17, 17/11, 17.11.2026, 17 nov, 17 november 2026.
  function readDate(term) {
    const iso = term.match(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/);
    const numeric = term.match(/\b(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?\b/);
    const named = term.match(/\b(\d{1,2})(?::?e)?\s+([a-zåäö]{3,})\.?(?:\s+(\d{4}))?\b/);
    let day, month, year, text;
    if (iso) [text, year, month, day] = iso;
    else if (numeric) [text, day, month, year] = numeric;
    else if (named) {
      const index = MONTHS.findIndex((name) => name.startsWith(named[2]) && named[2].length >= 3);
      if (index < 0) return null;
      [text, day, , year] = named;
      month = index + 1;
    } else return null;
    day = Number(day);
    month = Number(month);
    if (!(day >= 1 && day <= 31 && month >= 1 && month <= 12)) return null;
    if (year && String(year).length === 2) year = "20" + year;
    const two = (n) => String(n).padStart(2, "0");
    return { word: `d${year || ""}${two(month)}${two(day)}`, rest: term.replace(text, " ") };
  }

  // The query as the index can answer it: {words, folded, corrected, unknown}.
  async function plan(term) {
    const date = readDate(term);
    const rest = date ? date.rest : term;
    const typed = rest.match(/[\p{L}\p{N}]+/gu) || [];
    const planned = { words: date ? [date.word] : [], folded: false, corrected: [], unknown: [] };
    const letters = []; // "i", "å": too short to search for, and said nothing about
    let common;
    for (const word of typed) {
      if (word.length < 2 && !/^\p{N}$/u.test(word)) {
        letters.push(word);
        continue;
      }
      if (/^\p{N}+$/u.test(word)) {
        planned.words.push(word); // a year, a number: Pagefind reads it as it is
        continue;
      }
      const known = await vocabulary(word);
      const keys = Object.keys(known);
      const folded = fold(word);
      // The same word with å, ä or ö on more pages: "aldre" is mostly an
      // address (grupper/aldre/), "äldre" the word people mean.
      const spelled = folded === word  // typed without them
        ? keys.filter((k) => k !== word && fold(k) === folded).sort((a, b) => known[b] - known[a])[0] : undefined;
      if (known[word] && spelled && known[spelled] > known[word]) {
        planned.words.push(spelled);
        planned.corrected.push([word, spelled]);
      } else if (known[word] && known[word] <= RARE && word.length >= 5
                 && (common = closest(word, known, 1, RARE * 3)) && common !== word) {
        // A slip that stands on a page or two ("skolfrånvero" in a guide's
        // example) beside the word on many: the word people mean.
        planned.words.push(common);
        planned.corrected.push([word, common]);
      } else if (known[word]) {
        planned.words.push(baseForm(word, known)); // "psykiatrin": Pagefind finds "psykiatri…" by its start
      } else if (word.length >= 4 && keys.some((k) => k.startsWith(word))) {
        planned.words.push(word); // still being typed
      } else if (word.length >= 5 && keys.some((k) => k.length >= 4 && word.startsWith(k) && word.length - k.length <= 4)) {
        planned.words.push(word); // an inflected form of a word on a page
      } else if (word.length >= 2 && keys.some((k) => fold(k) === folded || (word.length >= 4 && fold(k).startsWith(folded)))) {
        planned.words.push(word); // typed without å, ä or ö
        planned.folded = true;
      } else {
        const nearest = word.length >= 5 ? closest(word, known, word.length >= 8 ? 2 : 1) : null;
        if (nearest) {
          planned.words.push(nearest);
          planned.corrected.push([word, nearest]);
        } else {
          planned.unknown.push(word);
        }
      }
    }
    if (!planned.words.length && !planned.unknown.length) planned.unknown.push(...letters);
    return planned;
  }

  // A form of a word the site also has without its ending ("ledningsgruppen",
  // "psykiatrin", "mötet"): searched by the shorter, which Pagefind matches as
  // the start of every form, the one typed included.
  function baseForm(word, known) {
    for (let cut = Math.min(5, word.length - 4); cut >= 1; cut--) {
      const base = word.slice(0, -cut);
      if (known[base] && ENDINGS.test(word.slice(-cut))) return base;
    }
    return word;
  }

  // The word of the site nearest to a typed one (on at least `fewest`
  // pages), the more common first.
  function closest(word, known, most, fewest = 1) {
    let best = null;
    let bestDistance = most + 1;
    const folded = fold(word);
    for (const [candidate, pages] of Object.entries(known)) {
      if (pages < fewest || candidate === word) continue;
      const d = distance(folded, fold(candidate), most);
      if (d < bestDistance || (d === bestDistance && best && pages > known[best])) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= most ? best : null;
  }

  // Words of the site a visitor may have meant: completions, then near spellings.
  async function suggestions(words) {
    const offered = [];
    for (const word of words) {
      const known = await vocabulary(word);
      const folded = fold(word);
      const completions = Object.entries(known).filter(([k]) => fold(k).startsWith(folded) && k !== word);
      const near = word.length >= 3 ? Object.entries(known).filter(([k]) => distance(folded, fold(k), 2) <= 2) : [];
      for (const [candidate] of [...completions, ...near].sort((a, b) => b[1] - a[1])) {
        if (!offered.includes(candidate)) offered.push(candidate);
        if (offered.length >= 3) break;
      }
    }
    return offered;
  }

  // The answers the site knows outright for this query.
  async function knownAnswers(term) {
    const known = await answers();
    const asked = fold(term.toLowerCase().trim());
    // "NOSAM Angered", "Västbus Mölndal": the kind of group before a place asks for the place's group.
    const query = asked.replace(/^(?:nosam|vastbus(?:grupp(?:en)?)?|nosam-gruppen)\s+/, "");
    const typed = query.match(/[\p{L}\p{N}-]+/gu) || [];
    const found = [];
    // Only a query that is the place or the abbreviation: "ny i nosam nordost"
    // asks for a page, not for the group of Nordost.
    const matches = (name) => {
      const place = fold(name.toLowerCase());
      if (place === query) return true;
      if (typed.length === 1 && query.length >= 4 && place.startsWith(query)) return true; // being typed
      return typed.length === 1 && query.length >= 5 && distance(query, place, 1) <= 1;
    };
    for (const place of known.platser || []) {
      if (!matches(place.namn)) continue;
      for (const group of place.grupper) {
        const text = `${place.namn} hör till ${group.namn}` + (place.tidigare ? ` (tidigare ${place.tidigare}).` : ".");
        found.push({ url: new URL(group.url, root).pathname, title: group.namn, kind: `Grupp för ${place.namn}`, text });
      }
    }
    for (const term of known.termer || []) {
      if (asked !== fold(term.term.toLowerCase())) continue;
      const text = `${term.term} betyder ${term.betydelse}.`;
      for (const page of term.sidor) found.push({ url: new URL(page.url, root).pathname, title: page.titel, kind: "Förkortning", text });
      found.push({ url: new URL(known.ordlista, root).pathname, title: `${term.term}: ${term.betydelse}`, kind: "Ordlistan", text });
    }
    const seen = new Set();
    return found.filter((answer) => !seen.has(answer.url) && seen.add(answer.url));
  }

  async function search() {
    const term = input.value.trim();
    const filters = chosenFilters();
    const mine = ++generation;
    // Filters narrow a query; alone they would fetch the whole index.
    if (!term) {
      show([], [], "Skriv för att söka");
      return;
    }
    list.setAttribute("aria-busy", "true");
    const pagefind = await load();
    const [planned, known] = await Promise.all([plan(term.toLowerCase()), knownAnswers(term)]);
    if (mine !== generation) return;
    const query = planned.words.join(" ");
    // A word on no page among words that are: searched without it, and said.
    const searchable = query && (!planned.unknown.length || planned.words.some((w) => !/^\d+$/.test(w)));
    // The index chunks for what is typed so far, while the visitor types on;
    // not for one or two letters, which would fetch a large part of the index.
    if (searchable && term.split(/\s+/).pop().length >= 3) pagefind.preload(query, { filters });
    await pause(DEBOUNCE_MS);
    if (mine !== generation) return;
    let found = { results: [], filters: {} };
    if (searchable) {
      await pagefind.options({ exactDiacritics: !planned.folded });
      found = await pagefind.search(query, { filters });
    }
    if (mine !== generation) return;
    const own = new Set(known.map((answer) => answer.url));
    const results = await rerank(found.results, planned.words);
    if (mine !== generation) return;
    const count = results.length + known.length;
    const said = ` för ”${term}”`;
    let corrected = planned.corrected.length
      ? ` Visar träffar för ${planned.corrected.map(([, to]) => `”${to}”`).join(", ")}.` : "";
    if (searchable && planned.unknown.length) {
      const missing = planned.unknown.map((w) => `”${w}”`).join(", ");
      corrected += planned.unknown.length === 1 ? ` Ordet ${missing} finns inte på någon sida och är utelämnat.`
        : ` Orden ${missing} finns inte på någon sida och är utelämnade.`;
    }
    show(results, known, count === 0 ? `Inga träffar${said}.` : `${count === 1 ? "1 träff" : `${count} träffar`}${said}.${corrected}`, own);
    countFilters(found.filters || {});
    if (count === 0) await offerInstead(planned.unknown.length ? planned.unknown : planned.words.filter((w) => !/^d?\d+$/.test(w)), mine);
    await showMore(mine);
  }

  // Pagefind also finds a word's longer neighbours ("ju" in "juni", "par" in
  // "Partille"): among the first results, the pages that have the words as
  // typed come before those that only have a longer word starting with them.
  async function rerank(results, words) {
    const wanted = words.filter((word) => !/^d?\d+$/.test(word));
    if (!wanted.length || results.length < 2) return results;
    const head = await Promise.all(results.slice(0, RERANK).map(async (result) => {
      const page = await result.data();
      const text = page.content.split(/\s+/);
      const matched = new Set(page.locations.map((at) => plain(text[at] || "")));
      for (const word of (page.meta.title || "").split(/\s+/)) matched.add(plain(word));
      const exact = wanted.every((word) => [...matched].some((found) => sameWord(found, word)));
      const near = exact && wanted.length > 1 && closeTogether(
        page.locations.map((at) => plain(text[at] || "")), page.locations, wanted);
      return { rank: near ? 0 : exact ? 1 : 2, result: { ...result, data: async () => page } };
    }));
    // Array sort is stable: Pagefind's order within each rank.
    head.sort((a, b) => a.rank - b.rank);
    return [...head.map((h) => h.result), ...results.slice(RERANK)];
  }

  // The word as typed, or a form of it ("ledningsgruppen" for "ledningsgrupp",
  // "läkemedelsgenomgångar" for "läkemedelsgenomgång"); not a longer word
  // that only starts the same ("juni" for "ju", "Partille" for "par").
  const ENDINGS = /^(?:e|a|n|t|s|en|et|er|ar|or|na|ne|es|ns|ts|ens|ets|ers|ars|ors|ena|arna|erna|orna|arnas|ernas|ornas|ande|ende|ade|ad|at|ats)$/;
  function sameWord(found, word) {
    if (found === word) return true;
    if (found.startsWith(word)) return ENDINGS.test(found.slice(word.length));
    return found.length >= 4 && word.startsWith(found) && ENDINGS.test(word.slice(found.length));
  }

  // Several words as a phrase: all of them within a few words of each other somewhere on the page.
  function closeTogether(found, locations, wanted) {
    const hits = found.map((word, i) => [locations[i], wanted.findIndex((w) => sameWord(word, w))])
      .filter(([, w]) => w >= 0);
    const seen = new Map();
    let start = 0;
    for (let end = 0; end < hits.length; end++) {
      seen.set(hits[end][1], (seen.get(hits[end][1]) || 0) + 1);
      while (seen.size === wanted.length) {
        if (hits[end][0] - hits[start][0] <= 2 * wanted.length) return true;
        const w = hits[start][1];
        seen.set(w, seen.get(w) - 1);
        if (!seen.get(w)) seen.delete(w);
        start++;
      }
    }
    return false;
  }

  // A query without hits: the spelling the site has, and the ways in that never fail.
  async function offerInstead(words, mine) {
    const offered = await suggestions(words);
    if (mine !== generation) return;
    const item = element("li", "sv-sok-inga");
    if (offered.length) {
      const line = element("p", "");
      line.append("Menade du ");
      offered.forEach((word, at) => {
        const button = element("button", "sv-sok-forslag");
        button.type = "button";
        button.textContent = word;
        button.addEventListener("click", () => {
          input.value = word;
          input.focus();
          search();
        });
        line.append(button, at < offered.length - 2 ? ", " : at === offered.length - 2 ? " eller " : "?");
      });
      item.append(line);
    }
    const ways = element("p", "");
    ways.append("Du kan också gå till ");
    for (const [text, path, end] of [["alla grupper", "grupper/", ", "], ["kalendern", "kalender/", " eller "],
                                     ["sidan Sök", "sok/", ", där grupperna finns efter kommun och stadsdel."]]) {
      const link = document.createElement("a");
      link.href = new URL(path, root).pathname;
      link.textContent = text;
      ways.append(link, end);
    }
    item.append(ways);
    list.append(item);
  }

  function show(found, known, message, own = new Set()) {
    results = found;
    shown = 0;
    skip = own;
    list.replaceChildren();
    for (const answer of known) {
      const li = element("li", "md-search-result__item sv-sok-svar");
      fill(li, { url: answer.url, meta: { title: answer.title, typ: answer.kind }, filters: {} }, answer.text);
      list.append(li);
    }
    status.textContent = message;
    more.hidden = true;
    list.setAttribute("aria-busy", "false");
  }

  // Each result shows as soon as its text is in, in the order found.
  async function showMore(mine) {
    const batch = results.slice(shown, shown + PER_PAGE);
    shown += batch.length;
    list.setAttribute("aria-busy", "true");
    const items = batch.map(() => element("li", "md-search-result__item"));
    await Promise.all(batch.map(async (result, at) => {
      const page = await result.data();
      if (mine !== generation) return;
      if (skip.has(page.url)) items[at].hidden = true; // an answer above shows it
      else fill(items[at], page);
      items[at].dataset.klar = "";
      // Placed once every result before it is.
      for (const ready of items) {
        if (!("klar" in ready.dataset)) break;
        if (!ready.isConnected) list.append(ready);
      }
    }));
    if (mine !== generation) return;
    more.hidden = shown >= results.length;
    list.setAttribute("aria-busy", "false");
  }

  function fill(li, page, text = null) {
    const link = element("a", "md-search-result__link");
    link.href = page.url;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h2", "sv-sok-titel");
    title.textContent = page.meta.title || page.url;
    const kind = element("p", "sv-sok-typ");
    const filters = page.filters || {};
    kind.textContent = [page.meta.typ, ...(filters.grupp || [])].filter(Boolean).join(" · ");
    let shownText;
    if (text === null) shownText = teaser(page);
    else {
      shownText = element("p", "sv-sok-utdrag");
      shownText.textContent = text;
    }
    article.append(title, kind, shownText);
    link.append(article);
    li.append(link);
  }

  function element(name, className) {
    const made = document.createElement(name);
    made.className = className;
    return made;
  }

  const plain = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

  // The page's own words around the first match, the matched words marked.
  // A page found through a compound's part ("frånvaro") shows the compound
  // itself ("skolfrånvaro"), never the list of parts the index holds.
  function teaser(page) {
    const words = page.content.split(/\s+/);
    const cut = words.indexOf(SEPARATOR);
    const own = cut < 0 ? words : words.slice(0, cut);
    let hits = page.locations.filter((at) => at < own.length);
    if (hits.length === 0 && cut >= 0) {
      const parts = page.locations.filter((at) => at > cut).map((at) => plain(words[at]));
      hits = own.flatMap((word, at) => parts.some((part) => part && plain(word).includes(part)) ? [at] : []);
    }
    const marked = new Set(hits);
    // The text starts with the title, which the result shows already.
    const titled = (page.meta.title || "").split(/\s+/).filter(Boolean).length;
    const body = titled < own.length ? titled : 0;
    const first = hits.find((at) => at >= body) ?? body;
    const start = Math.max(body, first - Math.floor(TEASER_WORDS / 3));
    const end = Math.min(own.length, start + TEASER_WORDS);
    const text = element("p", "sv-sok-utdrag");
    if (start > 0) text.append("… ");
    for (let at = start; at < end; at++) {
      if (marked.has(at)) {
        const mark = document.createElement("mark");
        mark.textContent = own[at];
        text.append(mark);
      } else {
        text.append(own[at]);
      }
      if (at < end - 1) text.append(" ");
    }
    if (end < own.length) text.append(" …");
    return text;
  }

  // Opened and closed as Material does it, so that the change is heard
  // (javascripts/knappar.js keeps the search button's aria-expanded).
  function setOpen(open) {
    if (toggle.checked === open) return;
    toggle.checked = open;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
  }

  input.addEventListener("focus", () => {
    setOpen(true);
    load();
  });
  input.addEventListener("input", search);
  filterRow.addEventListener("toggle", () => {
    if (filterRow.open) fillFilters();
  });
  for (const select of selects) select.addEventListener("change", search);
  more.addEventListener("click", () => showMore(generation));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__item:not([hidden]) a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", () => {
    for (const select of selects) select.value = "";
    generation++;
    show([], [], "Skriv för att söka");
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLElement && event.target.closest("input, select, textarea");
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false);
      // Back to the button that opened it (a phone), where there is one.
      const opener = document.querySelector("label[for=__search] > [data-sv-knapp]");
      if (opener && opener.getClientRects().length) opener.focus();
      else input.blur();
    } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setOpen(true);
      input.focus();
    }
  });

  // The search page (/sok/, generate/search_answers.py): its form, and the
  // query the header's form brings when it was sent without JavaScript,
  // open the search box.
  const page = document.querySelector("[data-sv-sokside]");
  if (page) {
    for (const note of document.querySelectorAll("[data-sv-utan-skript]")) note.hidden = true;
    const asked = page.querySelector("input");
    const searchFor = (term) => {
      if (!term) return;
      input.value = term;
      setOpen(true);
      input.focus();
      search();
    };
    page.addEventListener("submit", (event) => {
      event.preventDefault();
      searchFor(asked.value.trim());
    });
    const given = new URLSearchParams(location.search).get("fraga");
    if (given) {
      asked.value = given;
      searchFor(given.trim());
    }
  }

  // The start page's "which group is mine?" (generate/places.py): a place
  // typed, its groups shown at once, from the list of all places below it.
  const finder = document.querySelector("[data-sv-hitta]");
  if (finder) {
    const place = finder.querySelector("input");
    const answer = finder.querySelector("[data-sv-hitta-svar]");
    const known = [...document.querySelectorAll(".sv-hitta-alla li")].map((item) => {
      const name = item.querySelector(".sv-plats");
      return { key: fold((name ? name.textContent : "").toLowerCase().trim()), item };
    });
    const answerFor = () => {
      const typed = fold(place.value.toLowerCase().trim());
      answer.replaceChildren();
      if (typed.length < 2) return;
      let found = known.filter((p) => p.key === typed);
      if (!found.length) found = known.filter((p) => p.key.startsWith(typed));
      if (!found.length && typed.length >= 5) found = known.filter((p) => distance(typed, p.key, 1) <= 1);
      if (!found.length) {
        answer.textContent = `Ingen kommun eller stadsdel som heter ”${place.value.trim()}”. Se listan nedan.`;
        return;
      }
      const shown = element("ul", "");
      for (const p of found.slice(0, 5)) {
        const item = p.item.cloneNode(true);
        shown.append(item);
      }
      answer.append(shown);
    };
    place.addEventListener("input", answerFor);
    finder.addEventListener("submit", (event) => {
      event.preventDefault();
      answerFor();
      const first = answer.querySelector("a");
      if (first && answer.querySelectorAll("li").length === 1) first.focus();
    });
  }
})();
