"""The Jinja environment of pages and sheets in one language: gettext from the catalogues, filters from views."""
from __future__ import annotations

from jinja2 import BytecodeCache, Environment, PackageLoader
from jinja2.bccache import Bucket

from .citations import served_at
from .markup import front_matter, markdown_escape, render_markdown
from .views import Views


class _Compiled(BytecodeCache):
    """Templates compiled once per run and shared by every language's environment (the compiled
    code looks messages up when it renders, so it does not depend on the language)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


COMPILED = {True: _Compiled(), False: _Compiled()}  # by keep_trailing_newline, which changes the code


def environment(views: Views, trailing_newline: bool = False) -> Environment:
    env = Environment(loader=PackageLoader("generator.render", "templates"), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=trailing_newline, extensions=["jinja2.ext.i18n"],
                      bytecode_cache=COMPILED[trailing_newline])
    env.install_gettext_callables(views.lang.gettext, views.lang.ngettext, newstyle=True,
                                  pgettext=views.lang.pgettext)  # type: ignore[attr-defined]
    env.filters.update(views.filters())
    env.filters.update({"markdown": render_markdown, "mdescape": markdown_escape, "front_matter": front_matter,
                        "served_at": served_at})
    env.tests["priced"] = lambda component: "amount" in component or "max_amount" in component
    env.globals.update(views.context())
    return env
