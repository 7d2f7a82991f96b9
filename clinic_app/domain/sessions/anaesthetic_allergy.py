"""An allergy recorded at the consultation, against the topical anaesthetic of a session.

The ingredients of each product, the names an allergy may use for each, and the warnings are
data: ``[anaesthetics]`` of ``resources/sessions/sessions.toml``. A product is known by a
``match`` word in its text (EMLA: lidocaine and prilocaine), or by an ingredient's name typed in
it ("lidocaine 5 % ointment"). The allergy is the consultation's ``allergies`` answer (words) and
its ``anaesthetic_allergy`` answer (yes/no). Standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clinic_app.domain.text import fold

ALLERGY_TEXT_QUESTION = "allergies"  # "Allergies (medicines, latex, ...)": words, or False
ANAESTHETIC_ALLERGY_QUESTION = "anaesthetic_allergy"  # yes/no
REASON_FIELD = "anaesthetic_ack_reason"  # the error key, and the key in recheck JSON


@dataclass(frozen=True)
class Ingredient:
    id: str
    label: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class AnaestheticList:
    """What the products contain and what the warnings say (``[anaesthetics]``)."""

    ingredients: tuple[Ingredient, ...] = ()
    products: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # (match, ingredient ids)
    allergy_warning: str = ""
    general_warning: str = ""
    reason_placeholder: str = ""
    source: str = ""

    def contents(self, product: str) -> tuple[Ingredient, ...]:
        """The ingredients of ``product`` as typed or chosen (none known: empty)."""
        text = _words(product)
        ids: list[str] = []
        for match, ingredient_ids in self.products:
            if any(_has(text, word) for word in match):
                ids += ingredient_ids
        ids += [i.id for i in self.ingredients if any(_has(text, n) for n in i.names)]
        return tuple(i for i in self.ingredients if i.id in ids)

    def named_in(self, text: str) -> tuple[Ingredient, ...]:
        """The ingredients an allergy text names, itself or through a product that has them."""
        return self.contents(text)

    def warning(self, product: str, answers: Mapping[str, Any]) -> str | None:
        """The caution to show at the Product field, or None when the allergy is not at stake."""
        if not product.strip():
            return None
        contents = self.contents(product)
        allergy = answers.get(ALLERGY_TEXT_QUESTION)
        allergy_text = allergy.strip() if isinstance(allergy, str) else ""
        hit = [i for i in self.named_in(allergy_text) if i in contents]
        values = {"product": product.strip(), "allergy": allergy_text}
        if hit:
            values["ingredients"] = _joined([i.label for i in hit])
            return _fill(self.allergy_warning, values)
        if answers.get(ANAESTHETIC_ALLERGY_QUESTION) is True:
            values["ingredients"] = _joined([i.label for i in contents]) if contents else "?"
            return _fill(self.general_warning, values)
        return None


def _words(text: str) -> str:
    return " " + re.sub(r"[^0-9a-z]+", " ", fold(text)) + " "


def _has(words: str, name: str) -> bool:
    return f" {_words(name).strip()} " in words


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _fill(template: str, values: Mapping[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def parse_anaesthetics(table: object, origin: str) -> AnaestheticList:
    """``[anaesthetics]`` of sessions.toml; ValueError names what is wrong."""
    if table is None:
        return AnaestheticList()
    if not isinstance(table, dict):
        raise ValueError(f"{origin}: anaesthetics: write a table [anaesthetics]")
    ingredients = []
    for index, entry in enumerate(table.get("ingredient", [])):
        where = f"{origin}: anaesthetics.ingredient[{index}]"
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ValueError(f"{where}: write id, label and names = [...]")
        ingredients.append(Ingredient(str(entry["id"]), str(entry["label"]), tuple(names)))
    known = {i.id for i in ingredients}
    products = []
    for index, entry in enumerate(table.get("product", [])):
        where = f"{origin}: anaesthetics.product[{index}]"
        match = entry.get("match") if isinstance(entry, dict) else None
        ids = entry.get("ingredients") if isinstance(entry, dict) else None
        if not isinstance(match, list) or not isinstance(ids, list) or not set(ids) <= known:
            raise ValueError(f"{where}: write match = [...] and ingredients among {sorted(known)}")
        products.append((tuple(match), tuple(ids)))
    texts = {}
    for key in ("allergy_warning", "general_warning", "reason_placeholder", "source"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f'{origin}: anaesthetics.{key}: write a non-empty text, {key} = "..."')
        texts[key] = value.strip()
    return AnaestheticList(tuple(ingredients), tuple(products), **texts)
