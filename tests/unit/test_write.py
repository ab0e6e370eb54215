from pathlib import Path

from minutebook.write import fingerprint_assets


def build(site, *extra: str):
    return site.run("build", "--no-search", "--as-of", "2015-06-01", *extra)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_a_failed_build_leaves_the_published_site_untouched(site):
    assert build(site).code == 0
    before = snapshot(site.root / "public")
    site.write("meetings/scrutiny-2015-03-13.yaml", "committee: scrutiny\ndate: 2015-03-13\nstatus: nonsense\n")
    result = build(site)
    assert result.code == 1
    assert snapshot(site.root / "public") == before
    assert not any(p.name.startswith(".public") for p in site.root.iterdir())


def test_write_stale_files_do_not_survive_a_rebuild(site):
    assert build(site).code == 0
    assert (site.root / "public/meetings/scrutiny-2015-03-13/index.html").exists()
    (site.content / "meetings/scrutiny-2015-03-13.yaml").unlink()
    site.write(
        "meetings/scrutiny-2015-01-16.yaml",
        (site.content / "meetings/scrutiny-2015-01-16.yaml")
        .read_text()
        .replace('next_meeting:\n  date: 2015-03-13\n  start_time: "10:00"\n', ""),
    )
    site.write("committees/scrutiny.yaml", (site.content / "committees/scrutiny.yaml").read_text())
    assert build(site).code == 0
    assert not (site.root / "public/meetings/scrutiny-2015-03-13").exists()
    assert "scrutiny-2015-03-13" not in (site.root / "public/meetings/index.html").read_text()


def test_write_fingerprints_assets_by_content(tmp_path):
    (tmp_path / "site.css").write_text("body{}")
    names, files = fingerprint_assets(tmp_path)
    assert names["site.css"].startswith("site.") and names["site.css"].endswith(".css")
    (tmp_path / "site.css").write_text("body{color:red}")
    assert fingerprint_assets(tmp_path)[0]["site.css"] != names["site.css"]
