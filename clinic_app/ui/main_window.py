"""The main window: the patient list and a patient's page, with menus and shortcuts.

Start-up imports only what the first screen needs (tests/ui/test_start_imports.py): the first
screen reads with SQLAlchemy Core (the patient list, its count, the clinic's name); the services
that use the ORM, and the forms, dialogs and editors behind the commands, are imported when first
used (docs/startup.md).
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget

from clinic_app import __version__
from clinic_app.services import first_screen
from clinic_app.services.errors import NotFoundError
from clinic_app.services.patients import patient_search
from clinic_app.ui.common.background import run_in_background
from clinic_app.ui.common.dialog_service import DialogService
from clinic_app.ui.common.first_page import after_first_page
from clinic_app.ui.common.i18n import QT_TRANSLATE_NOOP
from clinic_app.ui.common.page_modules import PAGE_MODULES, import_qt_bindings
from clinic_app.ui.common.window_state import restore_main_window, save_main_window
from clinic_app.ui.common.worker_wait import wait_in_worker
from clinic_app.ui.followups.controller import FollowUpsController
from clinic_app.ui.patients.list_page import PatientListPage
from clinic_app.ui.patients.table_model import PatientTableModel

if TYPE_CHECKING:
    from clinic_app.db import Database
    from clinic_app.services.patients.patient_search import PatientRow
    from clinic_app.services.security.identity import Actor
    from clinic_app.ui.common.help_window import HelpWindow
    from clinic_app.ui.consultation.controller import ConsultationController
    from clinic_app.ui.handouts.controller import HandoutController
    from clinic_app.ui.patients.dialog import PatientDialog
    from clinic_app.ui.patients.page import PatientPage
    from clinic_app.ui.photos.controller import PhotoController
    from clinic_app.ui.security.clinic_settings_dialog import ClinicSettingsDialog
    from clinic_app.ui.sessions.controller import SessionController

APP_TITLE = QT_TRANSLATE_NOOP("main_window", "CO2 Resurfacing Consultation")
DEFAULT_SIZE = QSize(1100, 720)  # within the screen; else where it was left (window_state)
log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Find or register a patient, open their page; the status bar names the open database."""

    def __init__(
        self,
        database: Database,
        actor: Actor,
        dialogs: DialogService | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """``data_dir`` holds the clinic's overrides of rules, texts, prices and device profiles
        (None: the shipped content only)."""
        super().__init__()
        self.database = database
        self.data_dir = data_dir
        self.actor = actor
        self.dialogs = dialogs or DialogService()
        self.patient_dialog: PatientDialog | None = None
        self.settings_dialog: ClinicSettingsDialog | None = None
        self.help_windows: dict[str, HelpWindow] = {}  # made when first asked for
        self._clinic_details_missing = True  # read by refresh_title below

        self.model = PatientTableModel(self._fetch_page, runner=run_in_background)
        self.list_page = PatientListPage(self.model)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.setCentralWidget(self.pages)
        # A patient's page and the controllers of its commands are not on the first screen:
        # see build_patient_page.
        self._patient_page: PatientPage | None = None
        self._consultations: ConsultationController | None = None
        self._handouts: HandoutController | None = None
        self._sessions: SessionController | None = None
        self._photos: PhotoController | None = None
        self._when_page_built: list[Callable[[], None]] = []

        self.list_page.open_requested.connect(self.open_patient)

        self._build_actions()
        # Where the window was left (its docks too) before the follow-ups' dock is made, which
        # then takes its saved place (FollowUpsController.attach).
        restore_main_window(self, self.list_page.table.horizontalHeader(), data_dir, DEFAULT_SIZE)
        self.followups = FollowUpsController.attach(self)  # the panel (read once services load)
        self.pages.currentChanged.connect(lambda _i: self.followups.refresh_if_started())
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.database_label = QLabel(database.description)
        self.database_label.setToolTip(self.tr("The database this window reads and writes"))
        self.statusBar().addPermanentWidget(self.database_label)
        self.refresh_title()
        self.model.set_query("")
        # Counted once the first page is painted: a count of every patient keeps the database
        # busy while the first screen is drawn (its label shows a moment later).
        after_first_page(self.model, self._update_count, context=self)
        # The search has the keyboard when the window opens. No focus reason is named: none is
        # sent before the window is shown, and naming one would build Qt's namespace before
        # the first paint (clinic_app.ui.common.header_titles).
        self.list_page.search.setFocus()

    # setup -------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(
            text: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: object
        ) -> QAction:
            act = QAction(self)
            act.setText(text)  # QAction(text, self) would weigh QIcon(text) too: QIcon's 151 enums
            if shortcut is not None:
                # One sequence as a list: setShortcut's overloads (QKeyCombination, ...) build
                # Qt's namespace, before the first paint (clinic_app.ui.common.header_titles).
                act.setShortcuts([QKeySequence(shortcut)])
            act.triggered.connect(slot)
            return act

        self.new_action = action(
            self.tr("&New patient…"), QKeySequence.StandardKey.New, self.new_patient
        )
        self.find_action = action(
            self.tr("&Find patient"), QKeySequence.StandardKey.Find, self.find_patient
        )
        self.edit_action = action(self.tr("&Edit patient…"), "Ctrl+E", self.edit_patient)
        self.settings_action = action(self.tr("&Clinic details…"), None, self.edit_clinic_details)
        self.quit_action = action(self.tr("&Quit"), "Ctrl+Q", self.close)  # the same everywhere
        self.manual_action = action(
            self.tr("&Manual"),
            QKeySequence.StandardKey.HelpContents,
            lambda: self.show_help("manual"),
        )
        self.shortcuts_action = action(
            self.tr("&Keyboard shortcuts"), None, lambda: self.show_help("shortcuts")
        )
        self.about_action = action(self.tr("&About"), None, self._about)
        self.edit_action.setEnabled(False)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.find_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.menuBar().addMenu(self.tr("&Patient")).addAction(self.edit_action)
        self.menuBar().addMenu(self.tr("&Settings")).addAction(self.settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addActions([self.manual_action, self.shortcuts_action])
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.addActions([self.new_action, self.find_action])

    # a patient's page --------------------------------------------------------------------
    def build_patient_page(self) -> PatientPage:
        """The patient page with its commands (consultations, handouts, sessions, photos,
        follow-ups), built now if it was not yet.

        Not part of the first screen: the service loader's thread imports their modules
        (clinic_app.ui.common.page_modules) and clinic_app.ui.app.start builds the page once
        they are in and the list's first page is painted. Opening a patient before that imports
        them in a worker, the window repainting meanwhile, then builds it."""
        if self._patient_page is not None:
            return self._patient_page
        if not all(name in sys.modules for name in PAGE_MODULES):
            import_qt_bindings()  # on the UI thread, before the worker imports what uses them
            wait_in_worker(self, lambda: [importlib.import_module(m) for m in PAGE_MODULES])
        from PySide6.QtCore import Qt  # after the first paint (docs/startup.md, "Qt's enums")

        from clinic_app.ui.consultation.controller import ConsultationController
        from clinic_app.ui.handouts.controller import HandoutController
        from clinic_app.ui.patients.page import PatientPage
        from clinic_app.ui.photos.controller import PhotoController
        from clinic_app.ui.sessions.controller import SessionController

        page = self._patient_page = PatientPage()
        self.pages.addWidget(page)
        page.back_requested.connect(self.show_list)
        page.edit_requested.connect(self.edit_patient)
        page.archive_requested.connect(self.archive_patient)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), page)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.show_list)
        data_dir = self.data_dir
        self._consultations = ConsultationController(self, data_dir=data_dir)  # New, resume
        self._handouts = HandoutController.attach(self)  # Pre-care, Post-care, Documents
        self._handouts.data_dir = data_dir
        renderer = self._handouts.renderer  # the consent's copy is laid out there too
        self._sessions = SessionController(self, data_dir=data_dir, renderer=renderer)
        self._photos = PhotoController(self, data_dir=data_dir, renderer=renderer)  # compare too
        self.followups.add_page_command(page)  # Export calendar
        waiting, self._when_page_built = self._when_page_built, []
        for callback in waiting:
            callback()
        return page

    def when_patient_page_built(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the patient page and its controllers are built (at once if
        they are), without building them."""
        if self._patient_page is not None:
            callback()
        else:
            self._when_page_built.append(callback)

    @property
    def patient_page(self) -> PatientPage:
        return self.build_patient_page()

    @property
    def consultations(self) -> ConsultationController:
        self.build_patient_page()
        assert self._consultations is not None
        return self._consultations

    @property
    def handouts(self) -> HandoutController:
        self.build_patient_page()
        assert self._handouts is not None
        return self._handouts

    @property
    def sessions(self) -> SessionController:
        self.build_patient_page()
        assert self._sessions is not None
        return self._sessions

    @property
    def photos(self) -> PhotoController:
        self.build_patient_page()
        assert self._photos is not None
        return self._photos

    # data --------------------------------------------------------------------------------
    def _fetch_page(
        self, text: str, after: PatientRow | None, limit: int, include_archived: bool
    ) -> list[PatientRow]:
        with self.database.reading() as reader:
            return patient_search.find(
                reader, text, limit=limit, after=after, include_archived=include_archived
            )

    def _update_count(self) -> None:
        """Count the registered patients in a worker (a full count takes a while at 100 000)."""

        def count() -> int:
            with self.database.reading() as reader:
                return patient_search.count(reader)

        def show(total: int) -> None:
            count = f"{total:,}".replace(",", " ")
            self.count_label.setText(
                self.tr("1 patient registered")
                if total == 1
                else self.tr("{count} patients registered").format(count=count)
            )

        run_in_background(count, show, lambda exc: self.count_label.setText(""), receiver=self)

    def bring_search_index_up_to_date(self) -> None:
        """Recompute search terms stored by an older release, in a worker thread (nothing to
        do once the database is current; docs/search.md); the list is read again if any
        changed. A failure is logged: the next start tries again."""
        from clinic_app.services.patients import search_index  # the ORM: after the first screen

        database = self.database

        def work() -> int:
            with database.session() as session:
                return search_index.refresh(session)

        def done(rewritten: int) -> None:
            if rewritten:
                self.model.refresh()

        def failed(exc: BaseException) -> None:
            log.warning("The search terms were not brought up to date: %s", exc)

        run_in_background(work, done, failed)

    def refresh_title(self) -> None:
        """'<clinic> — CO2 Resurfacing Consultation', or a reminder to enter the clinic."""
        with self.database.reading() as reader:
            name = first_screen.clinic_name(reader)
        self._clinic_details_missing = name is None
        if name is None:
            name = self.tr("Clinic details not set (Settings › Clinic details)")
        self.setWindowTitle(f"{name} — {QCoreApplication.translate('main_window', APP_TITLE)}")

    def clinic_details_missing(self) -> bool:
        """Whether the clinic's details were still to be entered at the last :meth:`refresh_title`
        (when the window opened, and after the details are saved here)."""
        return self._clinic_details_missing

    # navigation --------------------------------------------------------------------------
    def show_list(self) -> None:
        self.pages.setCurrentWidget(self.list_page)
        self.edit_action.setEnabled(False)
        self.list_page.focus_search()

    def find_patient(self) -> None:
        self.show_list()

    def open_patient(self, patient_id: int) -> None:
        """Show the page of ``patient_id``."""
        from clinic_app.services.patients import (
            patient_overview,  # the ORM: loaded after the first screen
        )

        def load() -> patient_overview.PatientOverview:
            with self.database.session() as session:
                return patient_overview.load(
                    session, patient_id, viewer=self.actor, data_dir=self.data_dir
                )

        try:
            overview = wait_in_worker(self, load)  # the window repaints while it is read
        except NotFoundError as exc:
            self.dialogs.error(self, self.tr("Patient not found"), str(exc))
            self.model.refresh()
            return
        self.patient_page.show_overview(overview)
        self.pages.setCurrentWidget(self.patient_page)
        self.edit_action.setEnabled(True)
        self.patient_page.edit_button.setFocus()

    def current_patient_id(self) -> int | None:
        page = self._patient_page
        if page is not None and self.pages.currentWidget() is page and page.overview:
            return page.overview.id
        return None

    # commands ----------------------------------------------------------------------------
    def new_patient(self, *, restore_draft: bool = False) -> None:
        """Open the registration form (window-modal, not blocking the event loop);
        ``restore_draft`` fills in what a crash left typed in it without asking again."""
        from clinic_app.ui.patients.dialog import PatientDialog

        self._open_patient_dialog(
            PatientDialog(
                self.database,
                self.actor,
                self.dialogs,
                None,
                self,
                data_dir=self.data_dir,
                restore_draft=restore_draft,
            )
        )

    def edit_patient(self, *, restore_draft: bool = False) -> None:
        from clinic_app.ui.patients.dialog import PatientDialog

        patient_id = self.current_patient_id()
        if patient_id is None:
            return
        # Edit the stored version, not the copy shown since the page opened.
        from clinic_app.services.patients import patient_overview

        with self.database.session() as session:
            overview = patient_overview.load(session, patient_id, data_dir=self.data_dir)
        self.patient_page.show_overview(overview)
        dialog = PatientDialog(
            self.database,
            self.actor,
            self.dialogs,
            overview,
            self,
            data_dir=self.data_dir,
            restore_draft=restore_draft,
        )
        self._open_patient_dialog(dialog)

    def offer_form_left_open(self) -> None:
        """At the start: offer the patient form a crash left with unsaved changes, and open it
        with them. Cancel keeps the draft (offered again at the next start, and when that form
        is opened); nothing typed is thrown away unasked."""
        if self.data_dir is None or self.patient_dialog is not None:
            return
        from clinic_app.services import form_drafts
        from clinic_app.ui.patients.dialog import left_open

        found = left_open(self.data_dir)
        if found is None:
            return
        if not self.dialogs.confirm(
            self,
            self.tr("Restore a form left open?"),
            self.tr(
                "The app closed while {description} was being typed, before it was "
                "saved. Open the form again with what was typed?\n\nCancel keeps it for "
                "later: it is offered again at the next start and when that form is "
                "opened."
            ).format(description=found.description),
            yes=self.tr("Restore"),
        ):
            return
        if found.patient_id is None:
            self.new_patient(restore_draft=True)
            return
        self.open_patient(found.patient_id)
        if self.current_patient_id() != found.patient_id:  # no longer there: nothing to edit
            form_drafts.discard(self.data_dir, found.key)
            return
        self.edit_patient(restore_draft=True)

    def _open_patient_dialog(self, dialog: PatientDialog) -> None:
        self.patient_dialog = dialog
        dialog.saved.connect(self._patient_saved)
        dialog.finished.connect(self._patient_dialog_closed)
        dialog.open()

    def _patient_dialog_closed(self) -> None:
        if self.patient_dialog is not None:
            self.patient_dialog.deleteLater()
            self.patient_dialog = None
        self.activateWindow()  # the keyboard comes back here (the page's Escape, the list's keys)

    def _patient_saved(self, patient_id: int) -> None:
        self.model.refresh()
        self.list_page.select_patient(patient_id)
        self._update_count()
        self.open_patient(patient_id)
        self.statusBar().showMessage(self.tr("Patient saved."), 4000)

    def archive_patient(self, archive: bool) -> None:
        overview = self.patient_page.overview
        if overview is None:
            return
        name = f"{overview.fields.first_name} {overview.fields.last_name}"
        if archive and not self.dialogs.confirm(
            self,
            self.tr("Archive patient?"),
            self.tr(
                "{name} will no longer appear in the patient list. Nothing is deleted: "
                "tick “Show archived patients” above the list to find the record and "
                "restore it."
            ).format(name=name),
            yes=self.tr("Archive"),
        ):
            return
        from clinic_app.services.patients import patients

        with self.database.session() as session:
            patients.set_archived(session, self.actor, overview.id, archive)
        self.model.refresh()
        self._update_count()
        if archive:
            self.show_list()
            self.statusBar().showMessage(self.tr("{name} archived.").format(name=name), 4000)
        else:
            self.open_patient(overview.id)

    def edit_clinic_details(self, first_start: bool = False) -> None:
        """Open the clinic's details (window-modal)."""
        from clinic_app.ui.security.clinic_settings_dialog import ClinicSettingsDialog

        if not self.clinic_details_missing() and not self.actor.can("manage_settings"):
            self.dialogs.info(  # the service refuses too; this says so before any typing
                self,
                self.tr("Clinic details"),
                self.tr(
                    "Only an administrator can change the clinic's details; ask an administrator."
                ),
            )
            return
        dialog = ClinicSettingsDialog(
            self.database, self.actor, self.dialogs, self, first_start=first_start
        )
        self.settings_dialog = dialog
        dialog.accepted.connect(self.refresh_title)
        dialog.finished.connect(self._settings_dialog_closed)
        dialog.open()

    def _settings_dialog_closed(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    def show_help(self, kind: str) -> None:
        """Help › Manual ("manual") or Help › Keyboard shortcuts ("shortcuts"), from
        resources/help/ (clinic_app.ui.common.help_window)."""
        from clinic_app.ui.common.help_window import open_help

        open_help(self, kind, self.help_windows)

    def _about(self) -> None:
        self.dialogs.info(
            self,
            self.tr("About"),
            self.tr("{title}\nVersion {version}\n\nDatabase: {description}").format(
                title=QCoreApplication.translate("main_window", APP_TITLE),
                version=__version__,
                description=self.database.description,
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        dialog = self.patient_dialog
        if dialog is not None and dialog.isVisible():
            dialog.reject()  # asks before discarding typed text
            if dialog.isVisible():
                event.ignore()
                return
        save_main_window(self, self.list_page.table.horizontalHeader(), self.data_dir)
        super().closeEvent(event)
