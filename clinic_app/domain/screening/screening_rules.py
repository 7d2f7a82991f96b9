"""Loading the screening questions and rules from TOML files, with errors a clinic can act on.

Files are read from ``resources/rules/`` overlaid by ``DATA_DIR/overrides/rules/`` (see
clinic_app.content). Each file declares ``format_version = 1`` and holds ``[[question]]`` and
``[[rule]]`` tables. An entry read from the clinic's folder replaces the shipped entry with the
same id; a new id adds to them. Every problem names its file, the entry and what is wrong, and
all problems of all files are reported together. The tables themselves are checked by
question_parser, rule_parser and condition_parser. Standard library only.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import ContentError, layered_files, loads_toml, override_dir
from clinic_app.domain.screening.drug_classes import DrugListError, load_drug_list
from clinic_app.domain.screening.question_parser import parse_question
from clinic_app.domain.screening.rule_parser import RawRule, finish_rule, read_rule_fields
from clinic_app.domain.screening.rules_table import did_you_mean, show
from clinic_app.domain.screening.screening_model import (
    FORMAT_VERSION,
    Question,
    QuestionKind,
    Rule,
    RuleSet,
)

RULES_DIR = "rules"


class RulesFileError(ContentError):
    """One or more rules files cannot be used; ``problems`` lists each, file and entry named."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        super().__init__(f"{head} in the screening rules:\n" + "\n".join(self.problems))


@dataclass(frozen=True)
class RulesSource:
    """The text of one rules file; ``clinic`` when it comes from the clinic's overrides."""

    name: str
    text: str
    clinic: bool = False


def load_rules(data_dir: Path | None = None) -> RuleSet:
    """The active questions and rules: shipped ones overlaid by ``data_dir``'s overrides.

    Raises RulesFileError listing every problem of every file.
    """
    local = override_dir(data_dir, RULES_DIR) if data_dir is not None else None
    sources: list[RulesSource] = []
    problems: list[str] = []
    for entry in layered_files(RULES_DIR, data_dir):
        clinic = local is not None and isinstance(entry, Path) and entry.parent == local
        name = str(entry)
        try:
            text = entry.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8 text; save it as UTF-8")
            continue
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
            continue
        sources.append(RulesSource(name, text, clinic))
    if problems:
        raise RulesFileError(problems)
    return with_drug_list(build_ruleset(sources), data_dir)


def with_drug_list(rules: RuleSet, data_dir: Path | None = None) -> RuleSet:
    """``rules`` with the drug-class list (resources/screening/), checked against the questions."""
    try:
        drugs = load_drug_list(data_dir)
    except DrugListError as exc:
        raise RulesFileError([str(exc)]) from None
    if drugs is None:
        return rules
    problems = []
    for question_id in drugs.text_questions:
        question = rules.question(question_id)
        if question is None or question.kind is not QuestionKind.DETAILS:
            problems.append(
                f"{drugs.origin}: text_questions: '{question_id}' is not a details question"
                f"{did_you_mean(question_id, (q.id for q in rules.questions))}"
            )
    for drug_class in drugs.classes:
        question = rules.question(drug_class.question)
        if question is None or question.kind not in (QuestionKind.EXPOSURE, QuestionKind.YES_NO):
            problems.append(
                f"{drugs.origin}: class '{drug_class.id}': question '{drug_class.question}' is "
                "not an exposure or yes/no question"
                f"{did_you_mean(drug_class.question, (q.id for q in rules.questions))}"
            )
    if problems:
        raise RulesFileError(problems)
    return dataclasses.replace(rules, drugs=drugs)


def build_ruleset(sources: Iterable[RulesSource]) -> RuleSet:
    """Parse and check ``sources`` (shipped first, then the clinic's) into a RuleSet."""
    return _Builder().build(sources)


class _Builder:
    """Merges the entries of all files by id and collects the problems of every file."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def build(self, sources: Iterable[RulesSource]) -> RuleSet:
        questions: dict[str, Question] = {}
        raw_rules: dict[str, RawRule] = {}
        seen_questions: dict[str, RulesSource] = {}
        seen_rules: dict[str, RulesSource] = {}
        # Shipped files first, so that the clinic's entries replace them (stable: by file name).
        for source in sorted(sources, key=lambda s: s.clinic):
            data = self._parse_file(source)
            if data is None:
                continue
            for index, item in enumerate(_entries(data, "question", source.name, self.errors)):
                question = parse_question(item, source.name, source.clinic, index, self.errors)
                if question is not None and self._may_add(
                    seen_questions, question.id, source, "question"
                ):
                    questions[question.id] = question
            for index, item in enumerate(_entries(data, "rule", source.name, self.errors)):
                raw = read_rule_fields(item, source.name, source.clinic, index, self.errors)
                if raw is None:
                    continue
                rule_id = raw.rule["id"]
                if not raw.enabled and source.clinic and rule_id not in raw_rules:
                    self.errors.append(
                        f"{raw.where}: enabled = false, but there is no shipped rule "
                        f"'{rule_id}' to switch off{did_you_mean(rule_id, raw_rules)}"
                    )
                elif self._may_add(seen_rules, rule_id, source, "rule"):
                    raw_rules[rule_id] = raw
        rules: list[Rule] = []
        disabled: list[str] = []
        for rule_id, raw in raw_rules.items():
            if not raw.enabled:
                disabled.append(rule_id)
                continue
            rule = finish_rule(raw, questions, self.errors)
            if rule is not None:
                rules.append(rule)
        if self.errors:
            raise RulesFileError(self.errors)
        ordered = sorted(enumerate(rules), key=lambda pair: (pair[1].severity.rank, pair[0]))
        return RuleSet(
            questions=tuple(questions.values()),
            rules=tuple(rule for _, rule in ordered),
            disabled=tuple(disabled),
        )

    def _may_add(
        self, seen: dict[str, RulesSource], entry_id: str, source: RulesSource, kind: str
    ) -> bool:
        """Whether an entry may take ``entry_id``: new, or a clinic's replacing a shipped one."""
        previous = seen.get(entry_id)
        if previous is not None and previous.clinic == source.clinic:
            where = "the clinic's overrides" if source.clinic else "the shipped rules"
            self.errors.append(
                f"{source.name}: {kind} '{entry_id}' is defined twice in {where} "
                f"(also in {previous.name}); keep one"
            )
            return False
        seen[entry_id] = source
        return True

    def _parse_file(self, source: RulesSource) -> dict[str, Any] | None:
        try:
            data = loads_toml(source.text)
        except tomllib.TOMLDecodeError as exc:
            self.errors.append(f"{source.name}: not valid TOML: {exc}")
            return None
        version = data.get("format_version")
        if version is None:
            self.errors.append(
                f"{source.name}: 'format_version = {FORMAT_VERSION}' is missing; put it on the "
                "first line"
            )
            return None
        if isinstance(version, bool) or not isinstance(version, int):
            self.errors.append(
                f"{source.name}: format_version must be the number {FORMAT_VERSION} "
                f"(got {show(version)})"
            )
            return None
        if version != FORMAT_VERSION:
            newer = " written for a newer clinic-app;" if version > FORMAT_VERSION else ""
            self.errors.append(
                f"{source.name}: format_version {version} is{newer} not understood; this "
                f"clinic-app reads format_version {FORMAT_VERSION}"
            )
            return None
        for key in data:
            if key not in ("format_version", "question", "rule"):
                hint = did_you_mean(key, ["format_version", "question", "rule"])
                self.errors.append(
                    f"{source.name}: unknown top-level entry '{key}'{hint}; a rules file holds "
                    "format_version, [[question]] and [[rule]] tables"
                )
        return data


def _entries(data: dict[str, Any], key: str, file: str, errors: list[str]) -> list[object]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        errors.append(f"{file}: '{key}' must be written as [[{key}]] tables")
        return []
    return raw
