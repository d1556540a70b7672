"""The interface language: 中文, русский or English.

Chosen by the visitor with the language switch (kept in a cookie for a year), else taken
from the browser's Accept-Language, else English. Catalogues live in glossary/translations/
(compiled .mo files are committed beside the .po sources, so a fresh clone runs as is).
"""

from __future__ import annotations

from typing import Any

from flask import Flask, make_response, redirect, request
from flask_babel import Babel, get_locale, gettext

from glossary.messages import Message
from glossary.web import bp
from glossary.web.auth import safe_next

#: Interface languages, each named in itself (the switch shows these names).
UI_LANGUAGES = {"zh": "中文", "ru": "Русский", "en": "English"}
#: The BCP 47 tag the <html lang> attribute gets for each interface language.
HTML_LANG = {"zh": "zh-Hans", "ru": "ru", "en": "en"}
COOKIE = "ui_lang"


def select_locale() -> str:
    chosen = request.cookies.get(COOKIE)
    if chosen in UI_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(UI_LANGUAGES), default="en")


def translate(text: Any) -> str:
    """A message from the services in the interface language.

    `text` is a glossary.messages.Message (its template is looked up in the catalogues and
    filled in; values that are messages themselves are translated too), an exception whose
    message is one (a ValidationError: each field's message), or any other text, shown as
    it is.
    """
    if isinstance(text, BaseException):
        errors = getattr(text, "errors", None)
        if isinstance(errors, list):
            return "; ".join(f"{e['field']}: {translate(e['message'])}" if e["field"]
                             else translate(e["message"]) for e in errors)
        text = text.args[0] if len(text.args) == 1 else str(text)
    if isinstance(text, Message):
        return gettext(text.template, **{k: translate(v) if isinstance(v, Message) else v
                                          for k, v in text.params.items()})
    return str(text)


def in_ui_order(texts: dict[str, str] | None) -> list[tuple[str, str]]:
    """A definition or note's texts, the interface language's first, then English, Russian,
    Chinese: the page shows the first and keeps the others one click away."""
    locale = str(get_locale() or "en")
    order = [locale, *(lang for lang in ("en", "ru", "zh") if lang != locale)]
    items = texts or {}
    return [(lang, items[lang]) for lang in order if items.get(lang)] + [
        (lang, text) for lang, text in items.items() if lang not in order and text]


def sources_of(term: dict[str, Any], sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The concept's sources (publisher, date, link) that this term cites."""
    wanted = set(term.get("sources") or ())
    return [s for s in sources or () if s["id"] in wanted]


def attested_by(source: dict[str, Any], concept: dict[str, Any]) -> list[tuple[str, str]]:
    """(language, text) of each of the concept's terms that cites `source`."""
    return [(lang, t["text"]) for lang, terms in concept["terms"].items() for t in terms
            if source["id"] in (t.get("sources") or ())]


def _context() -> dict:
    locale = str(get_locale() or "en")
    return {"ui_lang": locale, "html_lang": HTML_LANG.get(locale, "en"),
            "ui_languages": UI_LANGUAGES}


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=select_locale)
    app.context_processor(_context)
    app.add_template_filter(translate, "translated")
    app.add_template_filter(in_ui_order, "in_ui_order")
    app.add_template_filter(sources_of, "sources_of")
    app.add_template_filter(attested_by, "attested_by")


@bp.post("/language")
def set_language():
    """Remember the chosen interface language and go back where the visitor was."""
    lang = request.form.get("lang", "")
    response = make_response(redirect(safe_next(request.form.get("next"))))
    if lang in UI_LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax",
                            httponly=True, secure=request.is_secure)
    return response
