"""The open-data downloads published with the site, and the page that links them.

Every registered export format (directory/exports/formats.py) gives its `site_files`; the HSDS JSON is
what `python -m directory export hsds` writes, minus what the site has no room for (see exports/hsds.py).
"""
from __future__ import annotations

from collections.abc import Iterator

from directory.exports.formats import EXPORT_FORMATS
from directory.site.html import esc
from directory.site.pages import Page, SiteContext, link, markdown_page

FOLDER = "downloads"
PATH = f"{FOLDER}/index.md"
TITLE = "Open data"
HSDS = f"{FOLDER}/hsds"
PLAIN_CSV = f"{FOLDER}/referral-directory.csv"


def pages(context: SiteContext) -> Iterator[Page]:
    catalog = context.catalog
    files = {f"{FOLDER}/{name}": text.encode("utf-8") if isinstance(text, str) else text  # encoded once
             for export in EXPORT_FORMATS for name, text in export.site_files(catalog).items()}
    for path, data in files.items():
        yield Page(path, data)
    yield markdown_page(PATH, TITLE, _body(files, len(catalog.listed), len(catalog.profiles)), in_nav=True,
                        hide=("toc",))


def _download(path: str, data: bytes, label: str) -> str:
    size = len(data)
    shown = f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
    return f'<a href="{link(PATH, path)}" download>{esc(label)}</a> ({shown})'


def _body(files: dict[str, bytes], listed: int, total: int) -> str:
    return f"""<h1>{TITLE}</h1>
<p>The whole directory is free to reuse. Every file is rebuilt from the provider profiles each time the
site is published.</p>
<h2>Spreadsheet</h2>
<p>{_download(PLAIN_CSV, files[PLAIN_CSV], "The directory as a CSV file")}: one row per listed provider
({listed}), with categories, levels of care, fees, languages, addresses and contact details.</p>
<h2>Open Referral HSDS 3.0</h2>
<p>For 211 lines, community information exchanges and other systems that speak the
<a href="https://docs.openreferral.org/">Human Services Data Specification</a>. Every object validates
against the official HSDS 3.0 schemas; ids are stable from one rebuild to the next; the date a person last
verified a provider is its <code>assured_date</code>. It has all {total} providers, including closed ones
with the status <code>inactive</code>, so systems that copied them can retire them.</p>
<ul>
<li>{_download(f"{HSDS}/services.json.gz", files[f"{HSDS}/services.json.gz"], "services.json.gz")}: every
service with its locations, schedules, phones, languages, costs, required documents, service areas and
attributes. Each attribute names its taxonomy term by <code>taxonomy_term_id</code>, and each service its
organization by <code>organization_id</code>: the terms and organizations are published once, below.</li>
<li>{_download(f"{HSDS}/organizations.json.gz", files[f"{HSDS}/organizations.json.gz"], "organizations.json.gz")}</li>
<li>{_download(f"{HSDS}/taxonomy_terms.json", files[f"{HSDS}/taxonomy_terms.json"], "taxonomy_terms.json")}:
the categories, levels of care, needs, populations, fees, delivery and referral requirements, with their
labels and descriptions.</li>
</ul>
<p>The two larger files are compressed with gzip, which keeps the directory small enough to publish at any
size: <code>gunzip services.json.gz</code>, or open it directly with most tools (for example Python's
<code>gzip</code> module or <code>pandas.read_json(..., compression="gzip")</code>). Each file has the shape
of an HSDS API page (<code>contents</code> holds the objects).</p>
<p>The HSDS tabular form (one CSV per object type with a <code>datapackage.json</code>) and one file per
service are written by <code>python -m directory export hsds OUT/</code>, run in a copy of the directory's
repository.</p>"""
