"""The MkDocs side of the site, kept thin: load the catalog, hand MkDocs the pages, index with Pagefind.

Rendering lives in `directory.site`, which knows nothing about MkDocs.
"""
from __future__ import annotations

import functools
import logging
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from directory.catalog import InvalidProfiles, load_catalog
from directory.paths import PROVIDERS_DIR, TAXONOMY_FILE
from directory.site import SiteContext, SiteSettings, build_pages
from directory.site.builders import PARALLEL
from directory.taxonomy import TaxonomyError, load_taxonomy

log = logging.getLogger("mkdocs.plugins.referral-directory")
_BLANKS = re.compile(r"\s*\n\s*")

DEFAULT_CRISIS = {
    "message": "In an emergency, or if someone is in immediate danger, call 911 or go to the nearest "
               "emergency department. This directory is not a crisis service.",
    "lines": [{"label": "Emergency", "number": "911"},
              {"label": "Suicide crisis helpline (call or text)", "number": "988"}],
}


class DirectoryPluginConfig(Config):
    providers = config_options.Type(str, default="")  # default: providers/ (or $REFERRAL_DIRECTORY_PROVIDERS)
    pagefind = config_options.Type(bool, default=True)


class DirectoryPlugin(BasePlugin[DirectoryPluginConfig]):
    def __init__(self):
        self._html_pages: set[str] = set()
        self._bodies: dict[str, str] = {}
        self._fork = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """A one-off `mkdocs build` may fork (see builders.PARALLEL); `serve` keeps its threads alone."""
        self._fork = command == "build"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        defaults = SiteSettings()
        config.extra.setdefault("intake_url", defaults.intake_url)
        config.extra.setdefault("default_country", defaults.default_country)
        crisis = config.extra.setdefault("crisis", {})
        for key, value in DEFAULT_CRISIS.items():
            crisis.setdefault(key, value)
        return config

    def _providers_dir(self, config: MkDocsConfig) -> Path:
        if not self.config.providers:
            return PROVIDERS_DIR
        return Path(config.config_file_path).parent / self.config.providers

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        load_taxonomy.cache_clear()  # `mkdocs serve` must see taxonomy edits
        try:
            catalog = load_catalog(self._providers_dir(config))
        except (InvalidProfiles, TaxonomyError) as error:
            raise PluginError(f"the directory cannot be published:\n{error}") from None
        if catalog.warnings:
            log.info("%d profile warnings (e.g. overdue reviews); run `python -m directory validate`",
                     len(catalog.warnings))
        loaded = time.perf_counter()
        timings: dict[str, float] = {}
        pages = build_pages(SiteContext(catalog, SiteSettings.from_extra(config.extra)), timings=timings,
                            parallel=PARALLEL if self._fork else ())
        self._html_pages = {page.path for page in pages if page.path.endswith(".md")}
        for page in pages:
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.content, inclusion=inclusion))
        log.info("generated %d pages for %d providers in %.1f s (profiles loaded in %.1f s; %s)", len(pages),
                 len(catalog.listed), time.perf_counter() - started, loaded - started,
                 ", ".join(f"{name.rsplit('.', 1)[-1]} {seconds:.1f} s" for name, seconds in timings.items()))
        return files

    def on_page_markdown(self, markdown: str, page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages are HTML already; hiding it from Markdown halves the build (its HTML parser is slow)."""
        if page.file.src_uri in self._html_pages:
            self._bodies[page.file.src_uri] = markdown
            page.meta["shared_nav"] = not page.file.inclusion.is_in_nav()  # see overrides/main.html
            page.render = functools.partial(_no_markdown, page)  # a Markdown instance per page: 1-2 s at 10,000
            return ""
        return markdown

    def on_page_content(self, html: str, page, config: MkDocsConfig, files: Files) -> str:
        return self._bodies.pop(page.file.src_uri, html)

    def on_post_page(self, output: str, page, config: MkDocsConfig) -> str:
        """The theme's templates indent deeply: a third of a provider page was whitespace, times 10,000 pages.
        Runs of whitespace with a line break become one line break, which renders the same outside <pre>."""
        return output if "<pre" in output or "<textarea" in output else _BLANKS.sub("\n", output)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        env.globals["shared_nav_cache"] = {}  # fresh for every (re)build
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self._providers_dir(config)))
        server.watch(str(TAXONOMY_FILE))
        return server

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.config.pagefind:
            index_site(Path(config.site_dir))


def _no_markdown(page, config: MkDocsConfig, files: Files) -> None:
    """What `Page.render` leaves for an empty Markdown body, without building a Markdown converter."""
    page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()


def index_site(site_dir: Path) -> None:
    """Run Pagefind over the built site; it does not clear its own output, so start from nothing."""
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"Pagefind failed to index {site_dir}:\n{result.stdout}{result.stderr}")
    log.info("search index built by Pagefind in %.1f s", time.perf_counter() - started)
