"""``clinic-app screen ANSWERS.json``: judge a set of screening answers and print the findings."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig
from clinic_app.content import loads_json


def _date(text: str) -> dt.date:
    from clinic_app.domain.screening.screening import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "screen",
        parents=[common],
        help="screen a set of answers against the contraindication rules",
        description="ANSWERS.json is an object of question id -> answer (see docs/screening.md "
        "and `clinic-app rules --questions`). Exit status 2 when the file, a date or an answer "
        "is unusable (each problem names its field), 0 otherwise -- also when findings fire.",
    )
    parser.add_argument("answers", metavar="ANSWERS.json")
    parser.add_argument(
        "--treatment-date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="planned treatment date (default: the answers' treatment_date)",
    )
    parser.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the day of the screening: for a product still in use whose date to stop by has "
        "passed, the earliest treatment date is counted from it (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=run)


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(f"field '{key}' appears twice; keep one answer")
        result[key] = value
    return result


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.domain.screening import screening

    name = args.answers
    try:
        with open(name, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as exc:
        print(f"clinic-app: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except UnicodeDecodeError:
        print(f"clinic-app: {name} is not UTF-8 text; save it as UTF-8.", file=sys.stderr)
        return EXIT_REJECTED
    try:
        # Too deep a nesting or too long a number is a JSONDecodeError too (clinic_app.content).
        answers = loads_json(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        print(
            f"clinic-app: {name}: not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}",
            file=sys.stderr,
        )
        return EXIT_REJECTED
    except _DuplicateKeyError as exc:
        print(f"clinic-app: {name}: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    if not isinstance(answers, dict):
        print(
            f'clinic-app: {name}: the answers must be a JSON object {{"question_id": answer, ...}}',
            file=sys.stderr,
        )
        return EXIT_REJECTED

    treatment_date = args.treatment_date
    if treatment_date is None and answers.get(screening.TREATMENT_DATE) is not None:
        raw = answers[screening.TREATMENT_DATE]
        try:
            if not isinstance(raw, str):
                raise ValueError("write it as a text in quotes, YYYY-MM-DD, e.g. 2026-12-15")
            treatment_date = screening.parse_date(raw)
        except ValueError as exc:
            print(f"clinic-app: {name}: field 'treatment_date': {exc}", file=sys.stderr)
            return EXIT_REJECTED

    try:
        rules = screening.load_rules(config.data_dir)
    except screening.RulesFileError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    today = args.today or dt.date.today()
    result = screening.evaluate(rules, answers, treatment_date, today)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_text(result, screening)
    for problem in result.problems:
        print(f"clinic-app: {name}: field '{problem.question}': {problem.message}", file=sys.stderr)
    return EXIT_REJECTED if result.problems else EXIT_OK


def _print_text(result: Any, screening: Any) -> None:
    when = (
        screening.format_date(result.treatment_date)
        if result.treatment_date
        else "no treatment date"
    )
    count = len(result.findings)
    verdict = "plan not blocked"
    if result.blocks_plan:
        why = ["absolute finding"] if result.has_absolute_finding else []
        if result.unanswered_absolute:
            why.append("absolute question not answered: " + ", ".join(result.unanswered_absolute))
        verdict = f"plan BLOCKED ({'; '.join(why)})"
    print(f"Screening for {when}: {count} finding{'s' if count != 1 else ''}; {verdict}.")
    for finding in result.findings:
        due = ""
        if finding.due_date is not None:
            label = "stop by" if finding.due_kind == "stop_by" else "earliest"
            due = f"  ({label} {finding.due_date.isoformat()})"
        print()
        print(f"{finding.severity.value.upper():<9} {finding.title}  [{finding.rule_id} "
              f"v{finding.rule_version}]{due}")  # fmt: skip
        print(f"          {finding.message}")
        print(f"          What to do: {finding.advice}")
        print(f"          Source: {finding.source}")
    if result.unanswered:
        print()
        print(f"NOT ANSWERED ({len(result.unanswered)}): {', '.join(result.unanswered)}")
    if result.undecided:
        print(f"NOT JUDGED for lack of a usable answer: {len(result.undecided)} rules")
    if result.problems:
        print(f"UNUSABLE ANSWERS ({len(result.problems)}): see the messages below.")
    if not result.complete:
        print("The screening is incomplete: answer every question before planning.")
