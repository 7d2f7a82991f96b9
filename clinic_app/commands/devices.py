"""``clinic-app devices``: list the device profiles (shipped ones overlaid by the clinic's).

Needs no database: the profiles are files (resources/devices/, DATA_DIR/overrides/devices/).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from clinic_app.commands import EXIT_FAILURE, EXIT_OK
from clinic_app.config import AppConfig


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "devices",
        parents=[common],
        help="list the device profiles: settings, ranges and sources",
        description="List the laser device profiles, with the clinic's overrides from "
        "DATA_DIR/overrides/devices/ applied. Figures marked * come from general clinical "
        "knowledge ([GK]) and should be confirmed with the manufacturer's manual.",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(config: AppConfig, args: argparse.Namespace) -> int:
    from clinic_app.domain.sessions.device_profile import format_number
    from clinic_app.domain.sessions.devices import load_profiles
    from clinic_app.domain.sessions.profile_fields import ProfileError

    try:
        profiles = load_profiles(config.data_dir)
    except ProfileError as exc:
        print(f"clinic-app: device profile not usable: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    if args.json:
        data = [profile.to_dict() for profile in profiles.values()]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    for index, profile in enumerate(profiles.values()):
        if index:
            print()
        where = f"override {profile.origin}" if profile.overridden else profile.origin
        print(f"{profile.id}  {profile.title}  version {profile.version}  [{where}]")
        for parameter in profile.parameters.values():
            sources = (parameter.source, parameter.step_source, parameter.default_source)
            mark = "*" if any(source.to_confirm for source in sources) else " "
            print(
                f"  {parameter.label:<11} {parameter.range_text:<16} "
                f"step {format_number(parameter.step):<5} "
                f"default {parameter.quantity(parameter.default):<8}{mark}"
            )
        print(f"  {'Scan':<11} {', '.join(profile.scan.shapes)}; {', '.join(profile.scan.sizes)}")
        print(f"  {len(profile.cautions)} caution rules")
    print(
        f"{len(profiles)} device profiles (* = to confirm, see --json for sources)", file=sys.stderr
    )
    return EXIT_OK
