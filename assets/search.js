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
// Pagefind's searches run one at a time, each reading the form when it starts, so the last one
// shown answers what the form says: two at once (a filter chosen, then words typed) can answer
// the second without its sub-results.
let queue = Promise.resolve();

function readParams() {
  const params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("q") || "";
  for (const name of FILTERS) form.elements[name].value = params.get(name) || "";
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
    return;
  }
  statusBox.textContent = "Searching…";
  pagefind = pagefind || (await import(script.dataset.pagefind));
  const search = await pagefind.search(term || null, { filters });
  const results = search.results.slice(0, PAGE_SIZE);
  const found = await Promise.all(results.map((r) => r.data()));
  const shown = inNumberOrder(results, found).flatMap((data) => expand(data, filters.type, term));
  list.replaceChildren(...shown.map(renderResult));
  const count = shown.length; // a meeting's matching minutes count one by one
  const more = search.results.length > PAGE_SIZE;
  const words = term ? ` for “${term}”` : "";
  statusBox.textContent = count === 0
    ? `No results${words}. Try fewer or different words, or remove a filter.`
    : more
      ? `More than ${count} results${words}; showing the best ${count}. Add words or a filter to narrow them.`
      : `${count} result${count === 1 ? "" : "s"}${words}.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  if (form.elements.q.value.trim()) params.set("q", form.elements.q.value.trim());
  for (const [name, value] of Object.entries(chosenFilters())) params.set(name, value);
  history.replaceState(null, "", params.toString() ? `?${params}` : window.location.pathname);
  runSearch();
});
for (const name of FILTERS) form.elements[name].addEventListener("change", () => form.requestSubmit());

readParams();
runSearch();
