"""The Jinja environment of pages and sheets in one language: gettext from the catalogues, filters from views."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader

from .markup import front_matter, markdown_escape, render_markdown
from .views import Views


def environment(views: Views, trailing_newline: bool = False) -> Environment:
    env = Environment(loader=PackageLoader("generator", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=trailing_newline, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(views.lang.gettext, views.lang.ngettext, newstyle=True,
                                  pgettext=views.lang.pgettext)  # type: ignore[attr-defined]
    env.filters.update(views.filters())
    env.filters.update({"markdown": render_markdown, "mdescape": markdown_escape, "front_matter": front_matter})
    env.tests["priced"] = lambda component: "amount" in component or "max_amount" in component
    env.globals.update(views.context())
    return env
