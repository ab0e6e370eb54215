"""The same synthetic council as plain Markdown pages for Hugo, with templates of the same shape:
one page per meeting (with its minutes), per minute, report, review, recommendation and person."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

CONFIG = (
    'baseURL = "https://bench.example.org/"\nlanguageCode = "en-gb"\ntitle = "Synthetic Council"\n'
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
)
BASEOF = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/site.css"></head><body><header><nav><a href="/">Home</a></nav></header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main><footer>Synthetic Council</footer></body></html>"""
SINGLE = '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format "2 January 2006" }}</p>{{ .Content }}{{ end }}'
LIST = '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}'


def page(folder: Path, name: str, title: str, date: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump({"title": title, "date": date}, sort_keys=True)
    (folder / f"{name}.md").write_text(f"---\n{front}---\n{body}\n")


def convert(content: Path, site: Path) -> int:
    """Write the Hugo site for a minutebook content folder; returns the number of pages."""
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG)
    (site / "layouts" / "_default" / "baseof.html").write_text(BASEOF)
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE)
    (site / "layouts" / "_default" / "list.html").write_text(LIST)
    out, count = site / "content", 0
    for path in sorted((content / "meetings").glob("*.yaml")):
        meeting = yaml.safe_load(path.read_text())
        minutes = meeting.get("minutes", [])
        body = "\n\n".join(f"## {m['number']}. {m['title']}\n\n{m.get('body', '')}" for m in minutes)
        page(out / "meetings", path.stem, path.stem, str(meeting["date"]), body)
        for m in minutes:
            page(out / "minutes", f"{path.stem}-{m['number']}", m["title"], str(meeting["date"]), m.get("body", ""))
        count += 1 + len(minutes)
    for path in sorted((content / "reports").glob("*.md")):
        _, front, body = path.read_text().split("---\n", 2)
        data = yaml.safe_load(front)
        page(out / "reports", path.stem, data["title"], str(data["date"]), body)
        count += 1
    for review in sorted((content / "reviews").iterdir()):
        _, front, body = (review / "review.md").read_text().split("---\n", 2)
        data = yaml.safe_load(front)
        page(out / "reviews", review.name, data["title"], str(data["reported"]), body)
        count += 1
        for rec in sorted((review / "recommendations").glob("*.yaml")):
            data = yaml.safe_load(rec.read_text())
            body = data["text"] + "\n\n" + data["response"]["text"]
            page(out / "recommendations", f"{review.name}-{rec.stem}", f"Recommendation {rec.stem}", "2000-01-01", body)
            count += 1
    for path in sorted((content / "people").glob("*.yaml")):
        page(out / "people", path.stem, yaml.safe_load(path.read_text())["name"], "2000-01-01", "")
        count += 1
    return count
