"""``clinic-app rules``: list the active screening rules (shipped, overlaid by the clinic's)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_OK, EXIT_REJECTED
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "rules",
        parents=[common],
        help="list the active contraindication screening rules",
        description="Lists the rules of resources/rules/ overlaid by the clinic's "
        "DATA_DIR/overrides/rules/ (most severe first). Exit status 2 when a rules file "
        "cannot be used; every problem is listed with its file and rule.",
    )
    style = parser.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true", help="print JSON instead of text")
    style.add_argument(
        "--markdown", action="store_true", help="print the Markdown table of docs/screening.md"
    )
    parser.add_argument(
        "--questions",
        action="store_true",
        help="list the questions (the keys of an answers file) instead of the rules",
    )
    parser.add_argument(
        "--shipped", action="store_true", help="ignore the clinic's overrides (for the docs)"
    )
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.domain.screening import screening, screening_markdown

    try:
        rules = screening.load_rules(None if args.shipped else config.data_dir)
    except screening.RulesFileError as exc:
        print(f"clinic-app: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    if args.questions:
        return _questions(rules, args)
    if args.markdown:
        print(screening_markdown.rules_markdown(rules), end="")
        return EXIT_OK
    if args.json:
        data = [
            {
                "id": rule.id,
                "version": rule.version,
                "severity": rule.severity.value,
                "title": rule.title,
                "message": rule.message,
                "advice": rule.advice,
                "advice_current": rule.advice_current,
                "advice_current_late": rule.advice_current_late,
                "test_spot": rule.test_spot,
                "when": screening_markdown.describe_condition(rule.when),
                "source": rule.source,
                "origin": rule.origin,
                "clinic": rule.clinic,
            }
            for rule in rules.rules
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for rule in rules.rules:
        mark = "  (clinic)" if rule.clinic else ""
        print(f"{rule.severity.value:<9} {rule.id} v{rule.version}{mark}: {rule.title}")
        print(f"          {rule.message}")
        print(f"          when {screening_markdown.describe_condition(rule.when).replace('`', '')}")
        print(f"          source: {rule.source}")
    clinic = sum(rule.clinic for rule in rules.rules)
    switched_off = f", {len(rules.disabled)} switched off" if rules.disabled else ""
    print(f"{len(rules.rules)} rules ({clinic} from the clinic{switched_off})", file=sys.stderr)
    return EXIT_OK


def _questions(rules: Any, args: argparse.Namespace) -> int:
    from clinic_app.domain.screening import screening_markdown

    if args.markdown:
        print(screening_markdown.questions_markdown(rules), end="")
        return EXIT_OK
    if args.json:
        data = [
            {
                "id": q.id,
                "section": q.section,
                "kind": q.kind.value,
                "label": q.label,
                "choices": [{"value": c.value, "label": c.label} for c in q.choices],
                "required": q.required,
                "min_selected": q.min_selected,
                "clinic": q.clinic,
            }
            for q in rules.questions
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for q in rules.questions:
        choices = f" [{', '.join(q.choice_values)}]" if q.choices else ""
        print(f"{q.id:<20} {q.kind.value:<12} {q.label}{choices}")
    print(f"{len(rules.questions)} questions", file=sys.stderr)
    return EXIT_OK
