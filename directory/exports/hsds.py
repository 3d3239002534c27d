"""HSDS 3.0 (directory/hsds/) as an open-data format: the checked export folder, and the lighter set the
site publishes.

The site leaves out the one-file-per-object folders and the tabular CSVs: at 10,000 providers those would
add 20,000 files, ~40 MB and seconds of build time that the site's budget has no room for. Its services.json
names taxonomy terms and organizations by id, published once in taxonomy_terms.json and organizations.json,
and the two bulk files are gzip-compressed: 138 MB of services.json at 10,000 providers becomes about 12 MB.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from directory.catalog import Catalog
from directory.exports.format import ExportFormat, ExportRefused
from directory.hsds.export import services
from directory.hsds.files import export_files, unique_organizations, unique_terms, write_export
from directory.hsds.schemas import SchemaMissing, schema_errors

FOLDER = "hsds"  # the site's downloads/hsds/
GZIPPED = ("services.json", "organizations.json")  # published as NAME.gz


def invalid_objects(exported: list[dict]) -> list[str]:
    """Each schema error as `service NAME: path: message`; the export is refused rather than published broken."""
    problems = [f"service {s['name']}: {e}" for s in exported for e in schema_errors("service", s)]
    problems += [f"organization {o['name']}: {e}" for o in unique_organizations(exported)
                 for e in schema_errors("organization", o)]
    problems += [f"taxonomy term {t.get('code', t['id'])}: {e}" for t in unique_terms(exported)
                 for e in schema_errors("taxonomy_term", t)]
    return problems


def _export(catalog: Catalog, out: Path) -> str:
    exported = services(catalog.profiles, catalog.taxonomy)
    try:
        problems = invalid_objects(exported)
    except SchemaMissing as error:
        raise ExportRefused(str(error), code=2) from None
    if problems:
        raise ExportRefused("nothing exported; these objects break the HSDS 3.0 schema:\n" + "\n".join(problems))
    written = write_export(exported, out)
    return (f"wrote {len(written)} files to {out}: {len(exported)} services, "
            f"{len(unique_organizations(exported))} organizations, all valid against HSDS 3.0")


def _site_files(catalog: Catalog) -> dict[str, str | bytes]:
    files = export_files(services(catalog.profiles, catalog.taxonomy), per_object=False, tabular=False,
                         referenced=True)
    return {f"{FOLDER}/{name}.gz" if name in GZIPPED else f"{FOLDER}/{name}":
            gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0) if name in GZIPPED else text
            for name, text in files.items()}


HSDS = ExportFormat("hsds", "HSDS 3.0 JSON plus CSV tables and datapackage.json in the folder OUT",
                    _export, _site_files)
