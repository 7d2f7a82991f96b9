"""Reading the care content: ``resources/care/<lang>/common.toml``, ``pre_care.toml`` and
``post_care.toml``, or a clinic's override of any of them from ``DATA_DIR/overrides/care/<lang>/``.

The parsers check every text for the placeholders it may use
(:mod:`~clinic_app.domain.care.care_common`, :mod:`~clinic_app.domain.care.care_pre_parser`,
:mod:`~clinic_app.domain.care.care_post_parser`). Standard library and clinic_app.content only.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from clinic_app.content import loads_toml, override_dir, read_content, shipped
from clinic_app.domain.care import care_post_parser, care_pre_parser
from clinic_app.domain.care.care_common import COMMON, parse_common
from clinic_app.domain.care.care_file import CareContentError
from clinic_app.domain.care.care_kinds import POST_CARE, PRE_CARE
from clinic_app.domain.care.care_templates import CommonTemplate, PostCareTemplate, PreCareTemplate
from clinic_app.domain.translations import (
    ENGLISH,
    LanguageUse,
    fallback,
    missing_translation,
    summary,
)

_FILE_NAMES = {COMMON: "common", PRE_CARE: PRE_CARE, POST_CARE: POST_CARE}


def _content_text(kind: str, language: str, data_dir: Path | None) -> tuple[str, str]:
    relative_dir = f"care/{language}"
    filename = f"{_FILE_NAMES[kind]}.toml"
    if data_dir is not None:
        local = override_dir(data_dir, relative_dir) / filename
        if local.is_file():
            try:  # UTF-8, a byte-order mark left out (it is no part of the text or its checksum)
                return read_content(local, str(local)), str(local)
            except OSError as exc:
                raise CareContentError(f"{local}: cannot be read: {exc}") from None
            except ValueError as exc:
                raise CareContentError(f"{local}: cannot be read as UTF-8 text: {exc}") from None
    node = shipped(f"{relative_dir}/{filename}")
    if not node.is_file():
        raise CareContentError(f"No {kind} content is shipped for the language '{language}'.")
    return node.read_text(encoding="utf-8"), f"resources/{relative_dir}/{filename}"


def load_common(data_dir: Path | None = None, language: str = "en") -> CommonTemplate:
    """What both handouts say alike: the clinic's override when there is one, else shipped."""
    text, origin = _content_text(COMMON, language, data_dir)
    return parse_common(text, origin)


def parse_pre_care(
    text: str, origin: str = "pre_care.toml", common: CommonTemplate | None = None
) -> PreCareTemplate:
    """Check and read the text of a pre-care file (with the shipped common.toml by default)."""
    return care_pre_parser.parse_pre_care(text, origin, common or load_common())


def parse_post_care(
    text: str, origin: str = "post_care.toml", common: CommonTemplate | None = None
) -> PostCareTemplate:
    """Check and read the text of a post-care file (with the shipped common.toml by default)."""
    return care_post_parser.parse_post_care(text, origin, common or load_common())


def load_pre_care(data_dir: Path | None = None, language: str = "en") -> PreCareTemplate:
    """The pre-care content: the clinic's override when there is one, the shipped file if not."""
    text, origin = _content_text(PRE_CARE, language, data_dir)
    return parse_pre_care(text, origin, load_common(data_dir, language))


def load_post_care(data_dir: Path | None = None, language: str = "en") -> PostCareTemplate:
    """The post-care content: the clinic's override when there is one, the shipped file if not."""
    text, origin = _content_text(POST_CARE, language, data_dir)
    return parse_post_care(text, origin, load_common(data_dir, language))


# In the patient's language, or whole in English ---------------------------------------------

_HANDOUT_FILES = {PRE_CARE: (COMMON, PRE_CARE), POST_CARE: (COMMON, POST_CARE)}


def _parsed(kind: str, language: str, data_dir: Path | None) -> dict[str, Any]:
    text, origin = _content_text(kind, language, data_dir)
    try:
        return loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise CareContentError(f"{origin}: not valid TOML: {exc}") from None


def translation_problems(kind: str, language: str, data_dir: Path | None = None) -> list[str]:
    """What the ``language`` files of handout ``kind`` (common.toml and the handout's own)
    lack or change of the English ones; CareContentError when one is missing or unreadable."""
    problems: list[str] = []
    for part in _HANDOUT_FILES[kind]:
        english = _parsed(part, ENGLISH, data_dir)
        other = _parsed(part, language, data_dir)
        name = f"{_FILE_NAMES[part]}.toml"
        problems += [f"{name} {problem}" for problem in missing_translation(english, other)]
    return problems


def handout_language(kind: str, wanted: str, data_dir: Path | None = None) -> LanguageUse:
    """The language handout ``kind`` is printed in for a patient who reads ``wanted``: that
    language when its files say everything the English ones say, else English (whole)."""
    if wanted == ENGLISH:
        return LanguageUse(wanted, ENGLISH)
    try:
        problems = translation_problems(kind, wanted, data_dir)
    except CareContentError as exc:
        return fallback(wanted, str(exc).rstrip("."))
    if problems:
        return fallback(wanted, summary(problems))
    return LanguageUse(wanted, wanted)


def load_pre_care_in(
    wanted: str, data_dir: Path | None = None
) -> tuple[PreCareTemplate, LanguageUse]:
    """The pre-care content in ``wanted`` when complete, else in English, and which it is."""
    use = handout_language(PRE_CARE, wanted, data_dir)
    if use.fell_back:
        return load_pre_care(data_dir), use
    try:
        return load_pre_care(data_dir, use.used), use
    except CareContentError as exc:  # complete, but not right (a clinic's file)
        return load_pre_care(data_dir), fallback(wanted, str(exc).rstrip("."))


def load_post_care_in(
    wanted: str, data_dir: Path | None = None
) -> tuple[PostCareTemplate, LanguageUse]:
    """The post-care content in ``wanted`` when complete, else in English, and which it is."""
    use = handout_language(POST_CARE, wanted, data_dir)
    if use.fell_back:
        return load_post_care(data_dir), use
    try:
        return load_post_care(data_dir, use.used), use
    except CareContentError as exc:
        return load_post_care(data_dir), fallback(wanted, str(exc).rstrip("."))
