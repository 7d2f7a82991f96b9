"""SQLAlchemy 2 typed models of the whole domain.

Instants are stored as UTC (timezone-aware in Python on every backend); calendar days are
``date``. Records a person edits carry a ``version`` used for optimistic locking: a save made
from a stale copy is refused, never silently applied.
"""

# Without `from __future__ import annotations`: SQLAlchemy would otherwise evaluate each
# ``Mapped[...]`` annotation from its text when the models are declared, some 10 ms of every
# start (docs/startup.md). References to a model declared further down are quoted instead.

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from clinic_app.domain.clock import utc_now as utc_now  # re-exported: the services use it

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC instant on every backend (SQLite stores it naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware instant is required")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSON}


class ClinicSettings(Base):
    """The clinic's letterhead and preferences (a single row, id 1)."""

    __tablename__ = "clinic_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(254), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_filename: Mapped[str] = mapped_column(String(255), default="")
    paper_size: Mapped[str] = mapped_column(String(10), default="A4")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class User(Base):
    """A person who signs in: an administrator or a practitioner."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class Patient(Base):
    """A person who consults; archived rather than deleted."""

    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    emergency_contact_name: Mapped[str] = mapped_column(String(200), default="")
    emergency_contact_phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # ISO 639-1 code of the language the patient reads handouts and consent in (docs/language.md).
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    # Accent- and case-folded text: sort_key orders and detects duplicates; search_key holds the
    # patient's search terms separated by spaces (the same as their PatientSearchTerm rows).
    sort_key: Mapped[str] = mapped_column(String(220))
    search_key: Mapped[str] = mapped_column(Text)
    archived_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    consultations: Mapped[list["Consultation"]] = relationship(
        back_populates="patient", order_by="Consultation.started_at"
    )
    treatment_sessions: Mapped[list["TreatmentSession"]] = relationship(
        back_populates="patient", order_by="TreatmentSession.performed_at"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        Index("ix_patients_sort_key_id", "sort_key", "id"),
        Index("ix_patients_sort_key_date_of_birth", "sort_key", "date_of_birth"),
    )


# Prefix ranges on the term are compared code point by code point: PostgreSQL's "C" collation,
# SQLite's default BINARY one (docs/search.md).
SearchTerm = String(64).with_variant(String(64, collation="C"), "postgresql")


class PatientSearchTerm(Base):
    """One search term of a patient (clinic_app.domain.text.patient_terms): a query finds the
    patients having, for each of its words, a term that begins with it.

    ``sort_key`` repeats the patient's, so that the first page of a search is read from this
    table's primary key alone, in list order. Rewritten whenever the patient's name, date of
    birth, phone or e-mail changes (clinic_app.services.patients.patients)."""

    __tablename__ = "patient_search_terms"

    term: Mapped[str] = mapped_column(SearchTerm, primary_key=True)
    sort_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    __table_args__ = (
        # The head index (migration 0010): the terms by their first character, in list order,
        # so that a common word's patients are read in list order without sorting them all.
        Index(
            "ix_patient_search_terms_head",
            text("substr(term, 1, 1)"),
            "sort_key",
            "patient_id",
            "term",
        ),
        {"sqlite_with_rowid": False},
    )


class Consultation(Base):
    """A guided consultation: answers, screening findings and a plan."""

    __tablename__ = "consultations"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    treatment_date: Mapped[dt.date | None] = mapped_column(Date)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    not_candidate_reason: Mapped[str] = mapped_column(Text, default="")
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    completed_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    patient: Mapped[Patient] = relationship(back_populates="consultations")
    findings: Mapped[list["ScreeningFinding"]] = relationship(
        back_populates="consultation", cascade="all, delete-orphan"
    )
    plan: Mapped["TreatmentPlan | None"] = relationship(
        back_populates="consultation", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class ScreeningFinding(Base):
    """A contraindication rule that fired, and what was decided about it."""

    __tablename__ = "screening_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[str] = mapped_column(String(80))
    rule_version: Mapped[int] = mapped_column(Integer)
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    advice: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime | None]

    consultation: Mapped[Consultation] = relationship(back_populates="findings")


class TreatmentPlan(Base):
    """The plan agreed at the end of a consultation."""

    __tablename__ = "treatment_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), unique=True
    )
    intensity: Mapped[str] = mapped_column(String(20))
    sessions_planned: Mapped[int] = mapped_column(Integer, default=1)
    interval_weeks: Mapped[int] = mapped_column(Integer, default=4)
    expected_downtime_days: Mapped[int | None] = mapped_column(Integer)
    device_profile_id: Mapped[str] = mapped_column(String(60), default="")
    areas: Mapped[dict[str, Any]] = mapped_column(default=dict)
    price_estimate: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    currency: Mapped[str] = mapped_column(String(3), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    consultation: Mapped[Consultation] = relationship(back_populates="plan")


class TreatmentSession(Base):
    """One laser treatment: who, when, which device, and the settings per treated area."""

    __tablename__ = "treatment_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    practitioner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sequence_number: Mapped[int | None] = mapped_column(Integer)
    performed_at: Mapped[dt.datetime]
    device_profile_id: Mapped[str] = mapped_column(String(60))
    device_profile_version: Mapped[int | None] = mapped_column(Integer)
    intensity: Mapped[str] = mapped_column(String(20), default="")
    anaesthetic_product: Mapped[str] = mapped_column(String(120), default="")
    anaesthetic_applied_at: Mapped[dt.datetime | None]
    anaesthetic_removed_at: Mapped[dt.datetime | None]
    recheck: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    signed_at: Mapped[dt.datetime | None]
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_sessions.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    patient: Mapped[Patient] = relationship(back_populates="treatment_sessions")
    areas: Mapped[list["SessionArea"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SessionArea.position"
    )

    __mapper_args__ = {"version_id_col": version}


class SessionArea(Base):
    """The laser settings used on one treated area during a session."""

    __tablename__ = "session_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("treatment_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    area: Mapped[str] = mapped_column(String(40))
    handpiece: Mapped[str] = mapped_column(String(80), default="")
    power_w: Mapped[float | None] = mapped_column(Float)
    energy_mj: Mapped[float | None] = mapped_column(Float)
    dwell_us: Mapped[float | None] = mapped_column(Float)
    spacing_um: Mapped[float | None] = mapped_column(Float)
    density_pct: Mapped[float | None] = mapped_column(Float)
    stack: Mapped[int | None] = mapped_column(Integer)
    scan_pattern: Mapped[str] = mapped_column(String(40), default="")
    scan_size: Mapped[str] = mapped_column(String(40), default="")
    passes: Mapped[int | None] = mapped_column(Integer)
    endpoint: Mapped[str] = mapped_column(Text, default="")
    reaction: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    caution_ack_reason: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[TreatmentSession] = relationship(back_populates="areas")


class TestSpot(Base):
    """A test spot: a small area treated first, and how it healed when checked."""

    __test__ = False  # not a pytest test class, despite its name

    __tablename__ = "test_spots"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    performed_on: Mapped[dt.date] = mapped_column(Date)
    area: Mapped[str] = mapped_column(String(40))
    device_profile_id: Mapped[str] = mapped_column(String(60), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    check_on: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str | None] = mapped_column(String(20))
    result_notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class GateOverride(Base):
    """A practitioner's recorded reason to go on despite a safety gate (never printed)."""

    __tablename__ = "gate_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    gate: Mapped[str] = mapped_column(String(40))
    purpose: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class Consent(Base):
    """An informed consent as signed, frozen (migration 0006); a withdrawal is a new row.

    Never updated: the services have no update, and ``sha256`` (over the text, the signatures,
    the names, the ticks and ``signed_at``) is repeated in the audit event of the signing, so
    ``clinic-app audit verify`` finds a row changed behind the app's back."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "consent" or "withdrawal"
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    withdraws_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id"), index=True)
    content_id: Mapped[str] = mapped_column(String(60))
    content_version: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    plan_fingerprint: Mapped[str] = mapped_column(String(64))
    findings_fingerprint: Mapped[str] = mapped_column(String(64))
    patient_name: Mapped[str] = mapped_column(String(200))
    witness_name: Mapped[str] = mapped_column(String(200))
    patient_strokes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    witness_strokes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    patient_png: Mapped[bytes] = mapped_column(LargeBinary)
    witness_png: Mapped[bytes] = mapped_column(LargeBinary)
    photo_clinical: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    sha256: Mapped[str] = mapped_column(String(64))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class FollowUp(Base):
    """A contact with the patient due after a signed session (migration 0008): a call, a review,
    the end of sun protection, the next session. Created when the session is signed; closed
    once, by whom and when, with a note that also keeps each attempt not reached."""

    __tablename__ = "followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("treatment_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # a contact id of the schedule file
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    outcome: Mapped[str] = mapped_column(String(20), default="")  # "" (open) or "done"
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # tried and not reached
    done_at: Mapped[dt.datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    done_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}


class GeneratedDocument(Base):
    """A handout as it was given to the patient: the exact bytes and their checksum."""

    __tablename__ = "generated_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_sessions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    template_version: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


class AuditEvent(Base):
    """One entry of the append-only audit trail (no clinical detail in the summary)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utc_now, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    summary: Mapped[str] = mapped_column(Text, default="")
    # Hash chain (services/security/audit.py): SHA-256 of the previous event's hash and of this
    # content.
    prev_hash: Mapped[str] = mapped_column(String(64))
    event_hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_events_entity", "entity_type", "entity_id"),)


class AuditChainHead(Base):
    """The newest event of the audit chain (one row, id 1).

    Appending an event updates this row first, which serialises appends on every backend, and
    lets verification notice events deleted from the end of the trail.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_event_id: Mapped[int | None] = mapped_column(BigId)
    last_hash: Mapped[str] = mapped_column(String(64))


class AppSetting(Base):
    """A setting an administrator changes: idle lock minutes, automatic backups kept."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utc_now, onupdate=utc_now)


class Photo(Base):
    """A clinical photograph of a visit (migration 0009): upright, without EXIF, addressed by
    its SHA-256 (bytes in DATA_DIR/photos/ on SQLite, in ``photo_blobs`` on PostgreSQL)."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("treatment_sessions.id"), index=True)
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id"))
    view: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    source: Mapped[str] = mapped_column(String(20))  # "file" or "camera"
    original_name: Mapped[str] = mapped_column(String(255), default="")
    for_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    taken_at: Mapped[dt.datetime]
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    taken_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)

    __table_args__ = (UniqueConstraint("patient_id", "sha256"),)


class PhotoBlob(Base):
    """The bytes of a photo on PostgreSQL (and inside an SQLite backup), by SHA-256."""

    __tablename__ = "photo_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
