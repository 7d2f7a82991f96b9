"""The start path stays light: what `import clinic_app.ui.app` must not pull in (the ORM, the
models and the services using them, ReportLab, Alembic, the PostgreSQL dialect, the editors and
previews), the import order it relies on, and what the service loader brings in afterwards.

Each check runs in a fresh interpreter, outside the source tree (which would shadow an installed
package). No timings are asserted: benchmarks/startup.py measures them.
"""

from __future__ import annotations

import json
from pathlib import Path

from fresh_python import run_python

# Imported when first needed (a handout made, a migration to run, a form opened) or by the
# service loader after the first screen (clinic_app.ui.service_loader), never at start.
NOT_AT_START = (
    "PIL",
    "pillow_heif",
    "PySide6.QtMultimedia",
    "clinic_app.services.photos.photos",
    "clinic_app.services.photos.photo_images",
    "clinic_app.services.photos.photo_store",
    "clinic_app.services.photos.photo_compare",
    "clinic_app.reports.photo_compare",
    "clinic_app.ui.photos.photos_window",
    "clinic_app.ui.photos.compare_view",
    "clinic_app.ui.photos.camera",
    "sqlalchemy.orm",
    "clinic_app.models",
    "argon2",
    "clinic_app.services.security.audit",
    "clinic_app.services.security.auth",
    "clinic_app.services.security.users",
    "clinic_app.services.settings.app_settings",
    "clinic_app.services.backup",
    "clinic_app.services.backup_check",
    "clinic_app.services.security.audit_anchor",
    "clinic_app.services.settings.clinic",
    "clinic_app.services.patients.patients",
    "clinic_app.services.patients.patient_overview",
    "reportlab",
    "alembic",
    "mako",
    "pygments",
    "sqlalchemy.dialects.postgresql",
    "psycopg",
    "faker",
    "getpass",  # only an account acting as the computer's user asks its name
    "clinic_app.ui.common.field_errors",  # the forms' (the lock screen imports it when it locks)
    "babel",  # clinic_app.dates_format imports it on the first date formatted
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtCharts",
    "PySide6.QtSvg",
    "clinic_app.ui.common.face_chart",
    "clinic_app.ui.sessions.face_chart_panel",
    "clinic_app.domain.face_chart",
    "clinic_app.reports.handouts.handouts",
    "clinic_app.reports.fonts",
    "clinic_app.domain.care.care_schedule",
    "clinic_app.domain.care.care_loader",
    "clinic_app.domain.care.care_file",
    "clinic_app.domain.care.care_common",
    "clinic_app.domain.care.care_parsing",
    "clinic_app.domain.care.care_pre_parser",
    "clinic_app.domain.care.care_post_parser",
    "clinic_app.domain.care.care_personal",
    "clinic_app.domain.care.care_pre_schedule",
    "clinic_app.domain.care.care_post_schedule",
    "clinic_app.reports.handouts.pre_care_builders",
    "clinic_app.reports.handouts.post_care_builders",
    "clinic_app.reports.handouts.content_builders",
    "clinic_app.reports.handouts.page_templates",
    "clinic_app.services.handouts.handout_documents",
    "clinic_app.ui.sessions.editor_form",
    "clinic_app.ui.sessions.editor_store",
    "clinic_app.ui.sessions.area_rows",
    "clinic_app.domain.screening.rule_parser",
    "clinic_app.domain.consultation.consultation_document",
    "clinic_app.services.consultation.consultations",
    "clinic_app.services.consultation.consultation_drafts",
    "clinic_app.services.consultation.consultation_completion",
    "clinic_app.services.consultation.consultation_amendments",
    "clinic_app.services.handouts.handouts",
    "clinic_app.services.sessions.treatment_sessions",
    "clinic_app.services.sessions.session_drafts",
    "clinic_app.services.sessions.session_signing",
    "clinic_app.services.sessions.session_amendments",
    "clinic_app.services.sessions.session_writes",
    "clinic_app.ui.consultation.wizard",
    "clinic_app.ui.consultation.view",
    "clinic_app.ui.handouts.preview",
    "clinic_app.ui.common.pdf_preview",
    "clinic_app.ui.consent.consent_preview",
    "clinic_app.ui.patients.dialog",
    "clinic_app.ui.sessions.editor",
    "clinic_app.ui.sessions.history",
    "icalendar",
    "clinic_app.services.followups",
    "clinic_app.domain.followups",
    "clinic_app.ui.followups.note_dialog",
    "clinic_app.ui.security.audit_window",
    "clinic_app.ui.security.users_dialog",
    "clinic_app.ui.security.login_dialog",  # at sign-in, before the window
    # Babel is off the first paint too: tests/ui/test_first_screen_start.py. The patient page
    # and its commands' controllers: in the service loader's thread (ui/common/page_modules.py).
    "clinic_app.ui.patients.page",
    "clinic_app.ui.consultation.controller",
    "clinic_app.ui.handouts",
    "clinic_app.ui.sessions",
    "clinic_app.ui.photos",
    "clinic_app.domain.patient_rules",
    "clinic_app.reports.inputs",
)


def _modules_after(statement: str, cwd: Path) -> list[str]:
    """sys.modules, in the order the modules were first imported, after ``statement``."""
    script = f"import json, sys\n{statement}\nprint(json.dumps(list(sys.modules)))\n"
    return list(json.loads(run_python(script, cwd).splitlines()[-1]))


def test_importing_the_window_leaves_heavy_modules_for_later(tmp_path: Path) -> None:
    modules = _modules_after("import clinic_app.ui.app", tmp_path)
    loaded = [
        name
        for name in modules
        if any(name == heavy or name.startswith(heavy + ".") for heavy in NOT_AT_START)
    ]
    assert loaded == []


def test_the_database_layer_is_imported_before_qt(tmp_path: Path) -> None:
    """PySide6 reads the source of every module imported after it (clinic_app/ui/app.py)."""
    modules = _modules_after("import clinic_app.ui.app", tmp_path)
    first_qt = modules.index("PySide6.QtCore")
    for name in (
        "sqlalchemy",
        "sqlalchemy.engine",
        "clinic_app.db",
        "clinic_app.services.first_screen",
        "clinic_app.services.patients.patient_search",
        "clinic_app.services.security.identity",
    ):
        assert modules.index(name) < first_qt, f"{name} is imported after PySide6"


def test_the_service_loader_brings_in_the_orm_models_and_services(tmp_path: Path) -> None:
    statement = (
        "import clinic_app.ui.app\n"
        "assert 'clinic_app.models' not in sys.modules\n"
        "from clinic_app.ui.service_loader import SERVICES_LOADED_LATER, import_services\n"
        "import_services()\n"
        "patient = sys.modules['clinic_app.models'].Patient\n"
        "mapper = sys.modules['sqlalchemy.orm'].class_mapper(patient, configure=False)\n"
        "assert mapper.configured, 'the loader sets up the mappers'\n"
        "assert all(name in sys.modules for name in SERVICES_LOADED_LATER)"
    )
    modules = _modules_after(statement, tmp_path)
    for name in (
        "sqlalchemy.orm",
        "clinic_app.models",
        "argon2",
        "clinic_app.services.security.auth",
        "clinic_app.ui.patients.page",  # the patient page and its commands' controllers
        "clinic_app.ui.handouts.controller",
        "clinic_app.ui.sessions.controller",
    ):
        assert name in modules
    assert "babel" not in modules  # an English window's dates are written without it


def test_the_first_handout_s_click_imports_no_services(tmp_path: Path) -> None:
    """What the window imports when a handout is clicked (the request, the render task, the
    preview) leaves the services, the care content and ReportLab to the render thread: a
    handout clicked at once after sign-in, before they were loaded, once held the UI thread
    some 250 ms importing them."""
    statement = (
        "import clinic_app.ui.app\n"
        "import clinic_app.services.handouts.handout_request\n"
        "import clinic_app.ui.handouts.worker, clinic_app.ui.handouts.preview"
    )
    modules = _modules_after(statement, tmp_path)
    for name in (
        "sqlalchemy.orm",
        "clinic_app.models",
        "clinic_app.services.handouts.handout_requests",
        "clinic_app.services.handouts.handouts",
        "clinic_app.services.handouts.handout_documents",
        "clinic_app.domain.care.care_loader",
        "reportlab",
    ):
        assert name not in modules, f"{name} is imported on the first handout's click"


def test_the_command_line_alone_imports_neither_qt_nor_the_care_content(tmp_path: Path) -> None:
    modules = _modules_after("import clinic_app.cli as cli; cli.build_parser()", tmp_path)
    assert not [name for name in modules if name.startswith(("PySide6", "reportlab"))]
    assert "clinic_app.domain.care.care_schedule" not in modules


def test_the_window_s_command_line_builds_no_sub_command(tmp_path: Path) -> None:
    """`clinic-app` alone (or with --data-dir/--db-url) skips the sub-commands' parsers."""
    statement = "import clinic_app.cli as cli; cli.window_config(['--data-dir', '.'])"
    modules = _modules_after(statement, tmp_path)
    assert not [name for name in modules if name.startswith("clinic_app.commands.")]
    assert "platformdirs" not in modules  # only needed for the default folder


def test_pyside_s_import_hook_is_spared_reading_sources_and_features_still_work(
    tmp_path: Path,
) -> None:
    """clinic_app.ui.qt_import answers PySide6's "does this module use PySide?" without reading
    the module's source; a module that selects a feature still gets it, the others none."""
    (tmp_path / "featured.py").write_text(
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "NAME = QObject().object_name()\n",  # objectName() under snake_case
        encoding="utf-8",
    )
    statement = (
        "import inspect\n"
        "import clinic_app.ui.app\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "assert feature._mod_uses_pyside.__module__ == 'clinic_app.ui.qt_import'\n"
        "read = []\n"
        "inspect.getsource = lambda module: read.append(module) or ''\n"
        "import featured\n"
        "from clinic_app.ui.patients.dialog import PatientDialog\n"
        "assert featured.NAME == '' and read == [], read\n"
        "assert feature.pyside_feature_dict['featured'] > 0\n"
        "assert feature.pyside_feature_dict['clinic_app.ui.patients.dialog'] == 0\n"
        "from PySide6.QtCore import QObject\n"
        "assert not hasattr(QObject(), 'object_name')  # here, no feature\n"
    )
    assert "featured" in _modules_after(statement, tmp_path)
