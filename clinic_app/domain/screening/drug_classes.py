"""Medicines typed as free text, matched to the screening question they belong to.

The classes and their names are data (``resources/screening/drug_classes.toml``, replaceable
from ``DATA_DIR/overrides/screening/``). Matching folds case and accents, reads letters and
digits as separate words ("Warfarin5mg"), and forgives one typo in a word of 5 letters or more,
two in one of 9 or more ("warfarine"). Standard library only; see docs/screening.md.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml

DRUGS_DIR = "screening"
DRUGS_FILE = "drug_classes.toml"
FORMAT_VERSION = 1
MESSAGE_KEYS = (
    "contradiction", "prompt_title", "prompt", "prompt_yes", "answer_no", "answer_missing",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+|\d+")
_APOSTROPHES = str.maketrans("", "", "'’`´")


class DrugListError(ContentError):
    """The drug-class file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class DrugClass:
    """A class of medicines and the screening question that asks about them."""

    id: str
    label: str  # "an anticoagulant"
    question: str  # the question id, e.g. "anticoagulants"
    names: tuple[str, ...]  # as listed: generic and brand names
    source: str


@dataclass(frozen=True)
class DrugMention:
    """A listed medicine found in a free-text answer."""

    drug: str  # the name as listed, e.g. "warfarin"
    class_id: str
    class_label: str
    question: str  # the question it belongs to
    text_question: str  # the free-text question it was typed in

    @property
    def described(self) -> str:
        """ "warfarin (an anticoagulant)"."""
        return f"{self.drug} ({self.class_label})"


@dataclass(frozen=True)
class DrugList:
    """Every class, the free-text questions searched, and the texts the checks show."""

    classes: tuple[DrugClass, ...]
    text_questions: tuple[str, ...]
    messages: Mapping[str, str]
    origin: str = ""

    def mentions(self, answers: Mapping[str, object]) -> tuple[DrugMention, ...]:
        """Every listed medicine named in the free-text answers, in the order of the classes."""
        found: list[DrugMention] = []
        for text_question in self.text_questions:
            text = answers.get(text_question)
            if not isinstance(text, str) or not text.strip():
                continue
            words = words_of(text)
            for drug_class in self.classes:
                for name in drug_class.names:
                    if names_in(words, name):
                        found.append(
                            DrugMention(
                                name, drug_class.id, drug_class.label, drug_class.question,
                                text_question,
                            )
                        )  # fmt: skip
                        break  # one name per class is enough to ask
        return tuple(found)


def fold(text: str) -> str:
    """Lower case without accents or apostrophes: "Warfárin" -> "warfarin"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words_of(text: str) -> list[str]:
    """The folded words of ``text``; letters and digits apart ("5mg" -> "5", "mg")."""
    return _WORD.findall(fold(text))


def close(typed: str, listed: str) -> bool:
    """Whether ``typed`` is ``listed`` or a small typo of it (by the listed word's length)."""
    if typed == listed:
        return True
    allowed = 2 if len(listed) >= 9 else 1 if len(listed) >= 5 else 0
    return (
        allowed > 0
        and abs(len(typed) - len(listed)) <= allowed
        and (_distance(typed, listed, allowed) <= allowed)
    )


def names_in(words: list[str], name: str) -> bool:
    """Whether the words contain ``name`` (its words in a row, each close; or, for a name of
    several words of 2 letters or more, the words run together: "St Johnswort")."""
    wanted = words_of(name)
    if not wanted:
        return False
    count = len(wanted)
    for start in range(len(words) - count + 1):
        if all(close(words[start + i], wanted[i]) for i in range(count)):
            return True
    if count > 1 and all(len(word) >= 2 for word in wanted):
        joined = "".join(wanted)
        for size in range(1, count + 2):
            for start in range(len(words) - size + 1):
                if size != count and "".join(words[start : start + size]) == joined:
                    return True
    return False


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts one), capped at
    ``limit + 1``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# ---- the file ----------------------------------------------------------------------------


def parse_drug_list(text: str, origin: str = DRUGS_FILE) -> DrugList:
    """The drug list of a TOML text; DrugListError names what is wrong."""
    try:
        data = loads_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise DrugListError(f"{origin}: not valid TOML: {exc}") from None
    if data.get("format_version") != FORMAT_VERSION:
        raise DrugListError(f"{origin}: write format_version = {FORMAT_VERSION} first")
    messages = data.get("messages")
    if not isinstance(messages, dict):
        raise DrugListError(f"{origin}: a [messages] table is required")
    for key in MESSAGE_KEYS:
        if not isinstance(messages.get(key), str) or not messages[key].strip():
            raise DrugListError(f'{origin}: messages.{key}: write a text, e.g. {key} = "..."')
    classes = [_drug_class(entry, i, origin) for i, entry in enumerate(_list(data, origin))]
    ids = [c.id for c in classes]
    for twice in sorted({i for i in ids if ids.count(i) > 1}):
        raise DrugListError(f"{origin}: class '{twice}' is listed twice; keep one")
    return DrugList(
        classes=tuple(classes),
        text_questions=_texts(data, "text_questions", "", origin),
        messages={key: messages[key].strip() for key in MESSAGE_KEYS},
        origin=origin,
    )


def _list(data: dict[str, Any], origin: str) -> list[Any]:
    raw = data.get("class", [])
    if not isinstance(raw, list):
        raise DrugListError(f"{origin}: 'class' must be written as [[class]] tables")
    return raw


def _drug_class(entry: object, index: int, origin: str) -> DrugClass:
    where = f"{origin}: class #{index + 1}"
    if not isinstance(entry, dict):
        raise DrugListError(f"{where}: must be a table ([[class]])")
    fields = {}
    for key in ("id", "label", "question", "source"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise DrugListError(f'{where}: {key}: write a text, e.g. {key} = "..."')
        fields[key] = value.strip()
    unknown = set(entry) - {"id", "label", "question", "source", "names"}
    if unknown:
        raise DrugListError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    names = _texts(entry, "names", f"class '{fields['id']}'.", origin)
    if not names:
        raise DrugListError(f"{origin}: class '{fields['id']}': names: list at least one")
    return DrugClass(fields["id"], fields["label"], fields["question"], names, fields["source"])


def _texts(table: dict[str, Any], key: str, where: str, origin: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DrugListError(f'{origin}: {where}{key}: write a list of texts, e.g. ["..."]')
    return tuple(v.strip() for v in value)


def load_drug_list(data_dir: Path | None = None) -> DrugList | None:
    """The shipped list, or the clinic's file of the same name; None when there is none."""
    for entry in layered_files(DRUGS_DIR, data_dir):
        if entry.name == DRUGS_FILE:
            try:
                text = entry.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise DrugListError(f"{entry}: cannot be read as UTF-8 text ({exc})") from None
            return parse_drug_list(text, str(entry))
    return None


def grouped(mentions: Iterable[DrugMention]) -> dict[str, tuple[DrugMention, ...]]:
    """The mentions by the question they belong to, in order."""
    by_question: dict[str, list[DrugMention]] = {}
    for mention in mentions:
        by_question.setdefault(mention.question, []).append(mention)
    return {question: tuple(found) for question, found in by_question.items()}


def described(mentions: Iterable[DrugMention]) -> str:
    """ "warfarin (an anticoagulant) and aspirin (an antiplatelet drug)"."""
    parts = [mention.described for mention in mentions]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
