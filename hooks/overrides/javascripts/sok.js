// The site's search box (partials/search.html) on its Pagefind index
// (hooks/samverkan/generate/search_index.py). Nothing is downloaded until a
// visitor goes to the box; then Pagefind's script and WebAssembly, and for a
// query only the index fragments and the results' texts it needs.
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
  const TEASER_WORDS = 28;
  const DEBOUNCE_MS = 250;
  let loading = null;
  let results = [];
  let shown = 0;
  let generation = 0;

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

  // The filters' values (and counts) are fetched only when a visitor opens
  // them: at ten thousand minutes they are as large as a query's index.
  let filled = null;
  function fillFilters() {
    filled ??= load().then(async (pagefind) => {
      const available = await pagefind.filters();
      for (const select of selects) {
        const counts = available[select.dataset.filter] || {};
        const names = Object.keys(counts).sort((a, b) =>
          select.dataset.filter === "år" ? b.localeCompare(a) : a.localeCompare(b, "sv"));
        for (const name of names) select.add(new Option(`${name} (${counts[name]})`, name));
      }
    });
    filled.catch(() => { filled = null; });
    return filled;
  }

  function chosenFilters() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filter] = select.value;
    return filters;
  }

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function search() {
    const term = input.value.trim();
    const filters = chosenFilters();
    const mine = ++generation;
    // Filters narrow a query; alone they would fetch the whole index.
    if (!term) {
      show([], "Skriv för att söka");
      return;
    }
    list.setAttribute("aria-busy", "true");
    const pagefind = await load();
    // The index chunks for what is typed so far, while the visitor types on;
    // not for one or two letters, which would fetch a large part of the index.
    if (term.split(/\s+/).pop().length >= 3) pagefind.preload(term, { filters });
    await pause(DEBOUNCE_MS);
    if (mine !== generation) return; // a later keystroke took over
    const found = await pagefind.search(term, { filters });
    if (mine !== generation) return;
    const count = found.results.length;
    const said = term ? ` för ”${term}”` : "";
    show(found.results, count === 0 ? `Inga träffar${said}` : count === 1 ? `1 träff${said}` : `${count} träffar${said}`);
    await showMore(mine);
  }

  function show(found, message) {
    results = found;
    shown = 0;
    list.replaceChildren();
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
      fill(items[at], page);
      // Placed once every result before it is.
      for (const ready of items) {
        if (!ready.firstChild) break;
        if (!ready.isConnected) list.append(ready);
      }
    }));
    if (mine !== generation) return;
    more.hidden = shown >= results.length;
    list.setAttribute("aria-busy", "false");
  }

  function fill(li, page) {
    const link = element("a", "md-search-result__link");
    link.href = page.url;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("h2", "sv-sok-titel");
    title.textContent = page.meta.title || page.url;
    const kind = element("p", "sv-sok-typ");
    const filters = page.filters || {};
    kind.textContent = [page.meta.typ, ...(filters.grupp || [])].filter(Boolean).join(" · ");
    article.append(title, kind, teaser(page));
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

  input.addEventListener("focus", () => {
    toggle.checked = true;
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
    const first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", () => {
    for (const select of selects) select.value = "";
    generation++;
    show([], "Skriv för att söka");
    input.focus();
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  document.addEventListener("keydown", (event) => {
    const typing = event.target instanceof HTMLElement && event.target.closest("input, select, textarea");
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
