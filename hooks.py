"""MkDocs hook, kept thin: the pages are real files written by the `generator` package, and the theme
overrides' words are config values (generator/site/theme.py) that Zensical gets in the config it is given."""
from generator.site import mkdocs_hook
from generator.site.csp import add_csp

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    mkdocs_hook.on_pre_build(config, serving=_serving)


def on_config(config):
    return mkdocs_hook.with_words(config)


def on_post_page(output: str, page, config) -> str:
    return add_csp(output)


def on_post_template(output: str, template_name: str, config) -> str:
    return add_csp(output) if template_name.endswith(".html") else output
