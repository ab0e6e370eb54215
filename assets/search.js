// Progressive enhancement for /search/: the form works as a plain GET form; with
// JavaScript, results come from the Pagefind index built alongside the site.
const script = document.querySelector("script[data-pagefind]");
const form = document.getElementById("search-form");
const statusBox = document.getElementById("search-status");
const list = document.getElementById("search-results");
// The filters are the form's own (form="search-form", after the results): the site offers
// those its records have (site.py).
const FILTERS = [...form.elements].filter((field) => field.tagName === "SELECT").map((select) => select.name);
const PAGE_SIZE = 20;
// Recommendations of one review that a search finds about equally well (scores within this
// share of each other) are shown in number order, not in the order of their pages' lengths.
const ABOUT_AS_WELL = 0.85;
// A meeting's minutes are indexed once, on the meeting's page: each minute whose words match is
// a result of its own (a Pagefind sub-result at the minute's heading), linked to its anchor.
const MINUTE_HEADING = /#(minute-.+)-title$/;
const MINUTES_SHOWN = 3; // of one meeting, those with the most matching words
let pagefind;
// The index is in parts (search.py): the main bundle holds the recent years and the pages with
// no year; each older year is a bundle of its own, merged in when the reader chooses that year
// or ticks "Search every year".
const RECENT_FROM = Number(script.dataset.recentFrom || 0);
const archiveBox = document.getElementById("filter-archive");
// Beside the count of results from the recent years: a button to search every year.
const scopeBox = archiveBox && scopeChoice();
let parts; // year -> its bundle's folder, from the main bundle's parts.json
let merged = new Set(); // the years merged into this Pagefind
// Pagefind's searches run one at a time, each reading the form when it starts, so the last one
// shown answers what the form says: two at once (a filter chosen, then words typed) can answer
// the second without its sub-results.
let queue = Promise.resolve();

function scopeChoice() {
  const box = element("p", "search-scope");
  const button = element("button", "", "Search every year");
  button.type = "button";
  button.addEventListener("click", () => {
    archiveBox.checked = true;
    form.requestSubmit();
  });
  box.append(button);
  box.hidden = true;
  statusBox.after(box);
  return box;
}

function readParams() {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
  if (archiveBox) archiveBox.checked = params.get("archive") === "all";
}

async function yearParts() {
  if (!parts) {
    const response = await fetch(script.dataset.parts).catch(() => null);
    parts = response && response.ok ? (await response.json()).years : {};
  }
  return parts;
}

// The older years a search covers besides the main bundle's: the one chosen (none if it is a
// recent one), or every one.
async function olderYears(year, everyYear) {
  if (!year && !everyYear) return []; // without fetching the list: a first search needs none
  const years = Object.keys(await yearParts());
  return year ? years.filter((one) => one === year) : years;
}

// Pagefind with exactly those years merged in: a year merged for one search and not wanted by
// the next is let go by starting again (the browser has the files already).
async function pagefindFor(years) {
  pagefind = pagefind || (await import(script.dataset.pagefind));
  if ([...merged].some((year) => !years.includes(year))) {
    await pagefind.destroy();
    merged = new Set();
  }
  const bundle = new URL(".", new URL(script.dataset.pagefind, window.location.href));
  for (const year of years.filter((one) => !merged.has(one))) {
    await pagefind.mergeIndex(new URL(parts[year], bundle).pathname);
    merged.add(year);
  }
  return pagefind;
}

function chosenFilters() {
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) filters[name] = value;
  }
  return filters;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function renderResult(data) {
  const item = element("li", "search-result");
  const meta = element("p", "search-result__meta");
  if (data.meta.type) meta.append(element("strong", "tag tag--type", data.meta.type));
  if (data.meta.date) meta.append(" ", element("span", "", data.meta.date));
  const heading = element("h2", "search-result__title");
  const link = element("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const excerpt = element("p", "search-result__excerpt");
  excerpt.innerHTML = data.excerpt; // Pagefind escapes page text; it adds only <mark>
  item.append(heading, meta, excerpt);
  return item;
}

function minuteResults(data) {
  const found = (data.sub_results || []).filter((sub) => MINUTE_HEADING.test(sub.url));
  return found
    .sort((a, b) => (b.weighted_locations || b.locations).length - (a.weighted_locations || a.locations).length)
    .slice(0, MINUTES_SHOWN)
    .map((sub) => {
      const [, number, title] = sub.title.match(/^(\S+?)\.?\s+(.*)$/) || [null, "", sub.title];
      return {
        url: sub.url.replace(MINUTE_HEADING, "#$1"),
        excerpt: sub.excerpt,
        meta: {
          type: script.dataset.minute,
          date: data.meta.date,
          title: script.dataset.minuteTitle.replace("{number}", number).replace("{title}", title),
        },
      };
    });
}

// Each result as shown: a meeting whose minutes match gives a result per minute (and itself,
// after them, when its other words match too); the type filter keeps meetings or minutes only,
// and with no words to match, the minutes filter lists the meetings that have minutes.
function expand(data, type, term) {
  if (data.meta.type !== script.dataset.meeting || !term || type === script.dataset.meeting) return [data];
  const minutes = minuteResults(data);
  if (type === script.dataset.minute) return minutes;
  if (minutes.length === 0) return [data];
  const elsewhere = (data.sub_results || []).some((sub) => !MINUTE_HEADING.test(sub.url) && sub.locations.length);
  return elsewhere ? [...minutes, data] : minutes;
}

function inNumberOrder(results, shown) {
  const byReview = new Map(); // review -> the places its recommendations hold, best first
  shown.forEach((data, place) => {
    if (!data.meta.review || !data.meta.number) return;
    if (!byReview.has(data.meta.review)) byReview.set(data.meta.review, []);
    byReview.get(data.meta.review).push(place);
  });
  const ordered = [...shown];
  for (const places of byReview.values()) {
    for (let start = 0; start < places.length;) {
      const best = results[places[start]].score;
      let end = start + 1;
      while (end < places.length && results[places[end]].score >= best * ABOUT_AS_WELL) end += 1;
      const group = places.slice(start, end);
      const numbered = group.map((place) => shown[place])
        .sort((a, b) => a.meta.number.localeCompare(b.meta.number, undefined, { numeric: true }));
      group.forEach((place, n) => { ordered[place] = numbered[n]; });
      start = end;
    }
  }
  return ordered;
}

function runSearch() {
  queue = queue.then(searchNow, searchNow);
}

async function searchNow() {
  const term = form.elements.q.value.trim();
  const filters = chosenFilters();
  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    statusBox.textContent = "Type words to search for, or choose a filter.";
    if (scopeBox) scopeBox.hidden = true;
    return;
  }
  statusBox.textContent = "Searching…";
  const everyYear = Boolean(archiveBox && archiveBox.checked);
  const search = await (await pagefindFor(await olderYears(filters.year, everyYear))).search(term || null, { filters });
  // Not widened by itself when the recent years have nothing: Pagefind leaves out of a search the
  // words an index lacks, so a year without them would answer with pages matching the rest.
  const recentOnly = Boolean(archiveBox) && !everyYear && !filters.year;
  const results = search.results.slice(0, PAGE_SIZE);
  const found = await Promise.all(results.map((r) => r.data()));
  const shown = inNumberOrder(results, found).flatMap((data) => expand(data, filters.type, term));
  list.replaceChildren(...shown.map(renderResult));
  const count = shown.length; // a meeting's matching minutes count one by one
  const more = search.results.length > PAGE_SIZE;
  const words = (term ? ` for “${term}”` : "") + (recentOnly ? ` from ${RECENT_FROM} onwards` : "");
  statusBox.textContent = count === 0
    ? `No results${words}. Try fewer or different words, or remove a filter${recentOnly ? ", or search every year" : ""}.`
    : more
      ? `More than ${count} results${words}; showing the best ${count}. Add words or a filter to narrow them.`
      : `${count} result${count === 1 ? "" : "s"}${words}.`;
  if (scopeBox) scopeBox.hidden = !recentOnly;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  if (form.elements.q.value.trim()) params.set("q", form.elements.q.value.trim());
  for (const [name, value] of Object.entries(chosenFilters())) params.set(name, value);
  if (archiveBox && archiveBox.checked) params.set("archive", "all");
  history.replaceState(null, "", params.toString() ? `?${params}` : window.location.pathname);
  runSearch();
});
for (const name of FILTERS) form.elements[name].addEventListener("change", () => form.requestSubmit());
if (archiveBox) archiveBox.addEventListener("change", () => form.requestSubmit());

readParams();
runSearch();
