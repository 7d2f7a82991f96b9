"""Reading the screening questions and rules from TOML files, with errors a clinic can act on.

Files are read from ``resources/rules/`` overlaid by ``DATA_DIR/overrides/rules/`` (see
clinic_app.content). Each file declares ``format_version = 1`` and holds ``[[question]]`` and
``[[rule]]`` tables. An entry read from the clinic's folder replaces the shipped entry with the
same id; a new id adds to them. Every problem names its file, the entry and what is wrong, and
all problems of all files are reported together. Standard library only.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinic_app.content import layered_files, override_dir
from clinic_app.domain.screening.screening_model import (
    FORMAT_VERSION,
    TREATMENT_DATE,
    AllOf,
    AnyOf,
    Choice,
    Condition,
    Equals,
    InSet,
    Question,
    QuestionKind,
    Rule,
    RuleSet,
    Severity,
    WithinDays,
    template_names,
)

RULES_DIR = "rules"
MAX_DAYS = 36_500  # within_days and date offsets: up to 100 years

_QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_QUESTION_KEYS = {
    "id", "kind", "label", "section", "help", "choices", "required", "min_selected", "source"
}  # fmt: skip
_RULE_KEYS = {
    "id", "version", "severity", "title", "message", "advice", "advice_current", "source",
    "when", "dates", "enabled",
}  # fmt: skip
_TEST_KEYS = ("equals", "in", "within_days")
_COMBINATIONS = ("any_of", "all_of")
# Placeholders of a rule with exactly one within_days condition (not under any_of).
_DATE_NAMES = {"stop_by", "days"}
_DATE_ONLY_NAMES = {"last_used", "earliest_date"}  # unknown while the patient still uses it


class RulesFileError(ValueError):
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
    return build_ruleset(sources)


def build_ruleset(sources: Iterable[RulesSource]) -> RuleSet:
    """Parse and check ``sources`` (shipped first, then the clinic's) into a RuleSet."""
    return _Builder().build(sources)


# ---- reading one table ----------------------------------------------------------------------


class _Table:
    """Typed access to one TOML table; problems go to ``errors`` prefixed with ``where``."""

    def __init__(self, data: dict[str, Any], where: str, errors: list[str]) -> None:
        self.data = data
        self.where = where
        self.errors = errors

    def error(self, message: str) -> None:
        self.errors.append(f"{self.where}: {message}")

    def unknown_keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                hint = _did_you_mean(key, allowed)
                self.error(f"unknown field '{key}'{hint}")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(f"field '{key}' is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.error(f"field '{key}' must be a non-empty text in quotes (got {_show(value)})")
            return ""
        return value.strip()

    def integer(self, key: str, *, minimum: int, maximum: int, default: int | None) -> int | None:
        value = self.data.get(key, default)
        if value is None:
            self.error(f"field '{key}' is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"field '{key}' must be a whole number (got {_show(value)})")
            return None
        if not minimum <= value <= maximum:
            self.error(f"field '{key}' must be between {minimum} and {maximum} (got {value})")
            return None
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.error(f"field '{key}' must be true or false (got {_show(value)})")
            return default
        return value


def _show(value: object) -> str:
    """A short rendering of a TOML value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _did_you_mean(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, sorted(candidates), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _entry_where(file: str, kind: str, data: object, index: int) -> str:
    if isinstance(data, dict):
        entry_id = data.get("id")
        if (
            isinstance(entry_id, str)
            and entry_id
            and len(entry_id) <= 64
            and entry_id.isprintable()
        ):
            return f"{file}: {kind} '{entry_id}'"
    return f"{file}: {kind} #{index + 1} (no id)"


@dataclass
class _RawRule:
    rule: dict[str, Any]  # scalar fields read so far
    when: object
    where: str
    enabled: bool
    origin: str
    clinic: bool
    broken: bool = False  # a field is wrong (already reported); check the rest, build nothing


class _Builder:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def build(self, sources: Iterable[RulesSource]) -> RuleSet:
        questions: dict[str, Question] = {}
        raw_rules: dict[str, _RawRule] = {}
        seen_questions: dict[str, RulesSource] = {}
        seen_rules: dict[str, RulesSource] = {}
        # Shipped files first, so that the clinic's entries replace them (stable: by file name).
        for source in sorted(sources, key=lambda s: s.clinic):
            data = self._parse_file(source)
            if data is None:
                continue
            for index, item in enumerate(_entries(data, "question", source.name, self.errors)):
                question = self._question(item, source, index)
                if question is not None and self._may_add(
                    seen_questions, question.id, source, "question"
                ):
                    questions[question.id] = question
            for index, item in enumerate(_entries(data, "rule", source.name, self.errors)):
                raw = self._rule_fields(item, source, index)
                if raw is None:
                    continue
                rule_id = raw.rule["id"]
                if not raw.enabled and source.clinic and rule_id not in raw_rules:
                    self.errors.append(
                        f"{raw.where}: enabled = false, but there is no shipped rule "
                        f"'{rule_id}' to switch off{_did_you_mean(rule_id, raw_rules)}"
                    )
                elif self._may_add(seen_rules, rule_id, source, "rule"):
                    raw_rules[rule_id] = raw
        rules: list[Rule] = []
        disabled: list[str] = []
        for rule_id, raw in raw_rules.items():
            if not raw.enabled:
                disabled.append(rule_id)
                continue
            rule = self._finish_rule(raw, questions)
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
            data = tomllib.loads(source.text)
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
                f"(got {_show(version)})"
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
                hint = _did_you_mean(key, ["format_version", "question", "rule"])
                self.errors.append(
                    f"{source.name}: unknown top-level entry '{key}'{hint}; a rules file holds "
                    "format_version, [[question]] and [[rule]] tables"
                )
        return data

    # ---- questions ----

    def _question(self, item: object, source: RulesSource, index: int) -> Question | None:
        where = _entry_where(source.name, "question", item, index)
        if not isinstance(item, dict):
            self.errors.append(f"{where}: must be a table ([[question]])")
            return None
        before = len(self.errors)
        table = _Table(item, where, self.errors)
        table.unknown_keys(_QUESTION_KEYS)
        question_id = table.text("id")
        if question_id and not _QUESTION_ID.match(question_id):
            table.error(
                "id must start with a lower-case letter and use only a-z, 0-9 and _ "
                "(at most 64 characters)"
            )
        if question_id == TREATMENT_DATE:
            table.error(f"id '{TREATMENT_DATE}' is reserved for the planned treatment date")
        kind_text = table.text("kind")
        kind = None
        if kind_text:
            try:
                kind = QuestionKind(kind_text)
            except ValueError:
                kinds = ", ".join(k.value for k in QuestionKind)
                table.error(f"kind '{kind_text}' is not one of {kinds}")
        label = table.text("label")
        choices = self._choices(table, kind)
        required = table.boolean("required", True)
        min_selected = table.integer("min_selected", minimum=0, maximum=100, default=0) or 0
        if min_selected and kind is not QuestionKind.MULTI_CHOICE:
            table.error("min_selected applies only to multi_choice questions")
        elif min_selected > len(choices):
            table.error(f"min_selected is {min_selected} but there are {len(choices)} choices")
        if len(self.errors) > before or kind is None:
            return None
        return Question(
            id=question_id,
            kind=kind,
            label=label,
            section=table.text("section", required=False),
            help=table.text("help", required=False),
            choices=choices,
            required=required,
            min_selected=min_selected,
            source=table.text("source", required=False),
            origin=source.name,
            clinic=source.clinic,
        )

    def _choices(self, table: _Table, kind: QuestionKind | None) -> tuple[Choice, ...]:
        raw = table.data.get("choices")
        takes_choices = kind in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE)
        if raw is None:
            if takes_choices:
                table.error(f"a {kind} question needs 'choices'")
            return ()
        if not takes_choices:
            if kind is not None:
                table.error(f"'choices' does not apply to a {kind} question")
            return ()
        if not isinstance(raw, list) or not raw:
            table.error('choices must be a non-empty list, e.g. ["I", "II"]')
            return ()
        choices: list[Choice] = []
        for position, entry in enumerate(raw, start=1):
            if isinstance(entry, str) and entry.strip():
                choices.append(Choice(entry.strip(), entry.strip()))
            elif (
                isinstance(entry, dict)
                and set(entry) <= {"value", "label"}
                and isinstance(entry.get("value"), str)
                and entry["value"].strip()
                and isinstance(entry.get("label", ""), str)
            ):
                value = entry["value"].strip()
                choices.append(Choice(value, entry.get("label", "").strip() or value))
            else:
                table.error(
                    f'choice {position} must be a text or {{ value = "...", label = "..." }} '
                    f"(got {_show(entry)})"
                )
        values = [choice.value for choice in choices]
        for value in sorted({v for v in values if values.count(v) > 1}):
            table.error(f"choice '{value}' is listed twice")
        return tuple(choices)

    # ---- rules ----

    def _rule_fields(self, item: object, source: RulesSource, index: int) -> _RawRule | None:
        where = _entry_where(source.name, "rule", item, index)
        if not isinstance(item, dict):
            self.errors.append(f"{where}: must be a table ([[rule]])")
            return None
        table = _Table(item, where, self.errors)
        rule_id = table.text("id")
        if not rule_id:
            return None
        if not _RULE_ID.match(rule_id):
            table.error(
                "id must start with a lower-case letter and use only a-z, 0-9, _, . and - "
                "(at most 64 characters)"
            )
            return None
        enabled = table.boolean("enabled", True)
        if not enabled:
            # Switching a rule off needs only its id (other fields may stay, for the record).
            table.unknown_keys(_RULE_KEYS)
            return _RawRule({"id": rule_id}, None, where, False, source.name, source.clinic)
        before = len(self.errors)
        table.unknown_keys(_RULE_KEYS)
        version = table.integer("version", minimum=1, maximum=1_000_000, default=None)
        severity_text = table.text("severity")
        severity = None
        if severity_text:
            try:
                severity = Severity(severity_text)
            except ValueError:
                names = ", ".join(s.value for s in Severity)
                table.error(f"severity '{severity_text}' is not one of {names}")
        fields = {
            "id": rule_id,
            "version": version,
            "severity": severity,
            "title": table.text("title"),
            "message": table.text("message"),
            "advice": table.text("advice"),
            "source": table.text("source"),
            "advice_current": table.text("advice_current", required=False) or None,
            "dates": self._dates(table),
        }
        broken = len(self.errors) > before
        if "when" not in item:
            table.error(
                "field 'when' is missing, e.g. when = { answer = \"question_id\", equals = true }"
            )
            return None
        return _RawRule(fields, item["when"], where, True, source.name, source.clinic, broken)

    def _dates(self, table: _Table) -> tuple[tuple[str, int], ...]:
        raw = table.data.get("dates")
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            table.error("'dates' must be a table of name = days from the treatment date")
            return ()
        dates: list[tuple[str, int]] = []
        for name, offset in raw.items():
            if not re.match(r"^[a-z][a-z0-9_]*$", name):
                table.error(f"dates: name '{name}' must use only a-z, 0-9 and _")
            elif name in _DATE_NAMES | _DATE_ONLY_NAMES | {TREATMENT_DATE}:
                table.error(f"dates: '{name}' is a built-in placeholder; choose another name")
            elif isinstance(offset, bool) or not isinstance(offset, int):
                table.error(
                    f"dates.{name} must be a whole number of days from the treatment date, "
                    f"e.g. -2 (got {_show(offset)})"
                )
            elif abs(offset) > MAX_DAYS:
                table.error(f"dates.{name} must be between -{MAX_DAYS} and {MAX_DAYS}")
            else:
                dates.append((name, offset))
        return tuple(dates)

    def _finish_rule(self, raw: _RawRule, questions: dict[str, Question]) -> Rule | None:
        before = len(self.errors)
        when = self._condition(raw.when, "when", raw.where, questions)
        fields = raw.rule
        self._check_templates(raw.where, fields, when)
        if when is None or raw.broken or len(self.errors) > before:
            return None
        return Rule(
            id=fields["id"],
            version=fields["version"],
            severity=fields["severity"],
            title=fields["title"],
            message=fields["message"],
            advice=fields["advice"],
            source=fields["source"],
            when=when,
            advice_current=fields["advice_current"],
            dates=fields["dates"],
            origin=raw.origin,
            clinic=raw.clinic,
        )

    def _condition(
        self, raw: object, path: str, where: str, questions: dict[str, Question], depth: int = 0
    ) -> Condition | None:
        def error(message: str) -> None:
            self.errors.append(f"{where}: {path}: {message}")

        if depth > 20:
            error("conditions are nested too deeply (more than 20 levels)")
            return None
        if not isinstance(raw, dict):
            example = '{ answer = "question_id", equals = true }'
            error(f"must be a table like {example} (got {_show(raw)})")
            return None
        keys = set(raw)
        combination = [key for key in _COMBINATIONS if key in keys]
        if combination:
            key = combination[0]
            if len(keys) != 1:
                others = ", ".join(sorted(keys - {key}))
                error(f"{key} cannot be combined with other fields in the same table ({others})")
                return None
            items = raw[key]
            if not isinstance(items, list) or not items:
                error(f"{key} must be a non-empty list of conditions")
                return None
            parts = [
                self._condition(item, f"{path}.{key}[{i}]", where, questions, depth + 1)
                for i, item in enumerate(items)
            ]
            if any(part is None for part in parts):
                return None
            checked = tuple(part for part in parts if part is not None)
            return AnyOf(checked) if key == "any_of" else AllOf(checked)
        unknown = keys - {"answer", *_TEST_KEYS}
        if unknown:
            allowed = {"answer", *_TEST_KEYS, *_COMBINATIONS}
            names = ", ".join(f"'{k}'{_did_you_mean(k, allowed)}" for k in sorted(unknown))
            error(f"unknown field {names}")
            return None
        tests = [key for key in _TEST_KEYS if key in keys]
        if "answer" not in keys or len(tests) != 1:
            error(
                "needs 'answer' (a question id) and exactly one of equals, in, within_days "
                "-- or any_of / all_of"
            )
            return None
        answer = raw["answer"]
        question = questions.get(answer) if isinstance(answer, str) else None
        if question is None:
            hint = _did_you_mean(answer, questions) if isinstance(answer, str) else ""
            error(f"answer: there is no question {_show(answer)}{hint}")
            return None
        test = tests[0]
        value = raw[test]
        kind = question.kind
        if test == "equals":
            if kind is QuestionKind.YES_NO and isinstance(value, bool):
                return Equals(answer, value)
            if kind is QuestionKind.CHOICE and isinstance(value, str):
                if value in question.choice_values:
                    return Equals(answer, value)
                error(f"equals: '{value}' is not a choice of '{answer}' ({_list(question)})")
                return None
            if kind is QuestionKind.YES_NO:
                error(f"equals: '{answer}' is a yes/no question; write true or false")
            elif kind is QuestionKind.CHOICE:
                error(f"equals: write one of the choices of '{answer}' ({_list(question)})")
            else:
                error(f"equals does not apply to '{answer}' ({kind}); {_hint(kind)}")
            return None
        if test == "in":
            if kind not in (QuestionKind.CHOICE, QuestionKind.MULTI_CHOICE):
                error(f"in does not apply to '{answer}' ({kind}); {_hint(kind)}")
                return None
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) for v in value)
            ):
                error('in must be a non-empty list of choices, e.g. in = ["a", "b"]')
                return None
            wrong = [v for v in value if v not in question.choice_values]
            if wrong:
                shown = ", ".join(repr(v) for v in wrong)
                error(f"in: {shown} not among the choices of '{answer}' ({_list(question)})")
                return None
            return InSet(answer, tuple(dict.fromkeys(value)))
        if kind is not QuestionKind.EXPOSURE:
            error(f"within_days applies to exposure questions; '{answer}' is {kind}")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
            error(
                f"within_days must be a whole number of days from 1 to {MAX_DAYS} "
                f"(got {_show(value)})"
            )
            return None
        return WithinDays(answer, value)

    def _check_templates(self, where: str, fields: dict[str, Any], when: Condition | None) -> None:
        """Check the placeholders of the texts; ``when`` None (unusable): only typos."""
        if when is None:
            date_conditions, under_any = [WithinDays("", 1)], False
        else:
            date_conditions, under_any = _date_conditions(when)
        common = {TREATMENT_DATE} | {name for name, _ in fields["dates"]}
        with_date = len(date_conditions) == 1 and not under_any
        if with_date:
            common |= _DATE_NAMES
        advice_current = fields["advice_current"]
        if when is None and advice_current is None:
            common |= _DATE_ONLY_NAMES  # cannot tell which advice applies
        if advice_current is not None and not date_conditions:
            self.errors.append(
                f"{where}: advice_current applies only to rules with a within_days condition"
            )
        checks = [("title", common), ("message", common)]
        if advice_current is not None:
            checks += [("advice_current", common), ("advice", common | _DATE_ONLY_NAMES)]
        else:
            checks.append(("advice", common))
        for key, allowed in checks:
            text = fields[key]
            if text is None:
                continue
            try:
                names = template_names(text)
            except ValueError as exc:
                self.errors.append(f"{where}: {key}: {exc}")
                continue
            for name in dict.fromkeys(names):
                if name in allowed:
                    continue
                if name in _DATE_ONLY_NAMES and with_date:
                    why = (
                        f"{{{name}}} is unknown while the patient still uses it; use it in "
                        "'advice' and add 'advice_current' for that case"
                    )
                elif name in _DATE_NAMES | _DATE_ONLY_NAMES:
                    why = (
                        f"{{{name}}} needs exactly one within_days condition in the rule, "
                        "not under any_of"
                    )
                else:
                    why = f"unknown placeholder {{{name}}}{_did_you_mean(name, allowed)}"
                shown = ", ".join("{" + n + "}" for n in sorted(allowed))
                self.errors.append(f"{where}: {key}: {why}; available here: {shown}")


def _entries(data: dict[str, Any], key: str, file: str, errors: list[str]) -> list[object]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        errors.append(f"{file}: '{key}' must be written as [[{key}]] tables")
        return []
    return raw


def _list(question: Question) -> str:
    return ", ".join(question.choice_values)


def _hint(kind: QuestionKind) -> str:
    if kind is QuestionKind.EXPOSURE:
        return "use within_days = N"
    if kind is QuestionKind.MULTI_CHOICE:
        return 'use in = ["..."]'
    return "conditions cannot test a details question"


def _date_conditions(
    condition: Condition, under_any: bool = False
) -> tuple[list[WithinDays], bool]:
    """The within_days conditions of ``condition``, and whether any sits under an any_of."""
    if isinstance(condition, WithinDays):
        return [condition], under_any
    if isinstance(condition, AnyOf | AllOf):
        found: list[WithinDays] = []
        any_under = False
        for part in condition.conditions:
            parts, part_under = _date_conditions(part, under_any or isinstance(condition, AnyOf))
            found += parts
            any_under = any_under or (part_under and bool(parts))
        return found, any_under
    return [], False
