"""Importing the two ledgers: every row checked first, then all written in one transaction or none.

矛盾纠纷排查化解台账: a new 编号 registers the dispute (dispute_intake, as if entered on the page; a
row "当场化解或自行和解" is registered as settled on the spot); a known 编号 updates the registered
details (risk recomputed). 人民调解台账: a new 编号 enters a past mediation as a historical record
(marked 台账导入) with its organisation, mediators, agreement or termination; a known 编号 is left as
it is — mediations in the system are kept up to date on their pages. An exported file imports back
without changes.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from fazhi.core import search
from fazhi.core.errors import Conflict
from fazhi.core.ledgers import ImportResult, Progress, Row, RowError, import_file
from fazhi.core.timeline import event_record
from fazhi.disputes import perms, rules
from fazhi.disputes.ledgers import DISPUTES, MASKED_ID, MASKED_PHONE, MEDIATIONS
from fazhi.disputes.models import (
    Agreement,
    AgreementTerm,
    Dispute,
    DisputeCategory,
    DisputeMediator,
    Party,
    Termination,
)
from fazhi.disputes.models.choices import (
    AgreementForm,
    AgreementStatus,
    ConfirmationStatus,
    Consent,
    Outcome,
    PartyRole,
    Route,
    Source,
    TerminationKind,
    TermStatus,
)
from fazhi.disputes.risk import assess
from fazhi.disputes.selectors.disputes import dispute_list_for
from fazhi.disputes.selectors.orgs import org_list_for
from fazhi.disputes.services.common import due_date, sequence_at_least, today
from fazhi.disputes.services.intake import DISPUTE_UNIT_KINDS, dispute_intake, dispute_update
from fazhi.disputes.workflow import Status
from fazhi.org import services as org_services
from fazhi.org.selectors import unit_list_for

NUMBER = re.compile(r"^JF(\d{4})-(\d+)$")
SEPARATORS = re.compile(r"[、，,;；/\s]+")


def _names(value: str) -> list[str]:
    return [name for name in SEPARATORS.split(value or "") if name]


def _error(row: Row, ledger: Any, key: str, reason: str) -> RowError:
    return RowError(row.line, ledger[key].header, reason)


class _Common:
    """What both imports check: 编号 not taken outside the actor's scope, the unit, the category."""

    ledger: Any

    def __init__(self, *, actor: Any) -> None:
        self.actor = actor
        self.units: dict[str, Any] = {}
        self.categories: dict[str, DisputeCategory] = {}
        self.existing: set[str] = set()

    def _load(self, rows: list[Row]) -> None:
        numbers = {row.values["number"] for row in rows}
        taken = set(Dispute.objects.filter(number__in=numbers).values_list("number", flat=True))
        self.existing = set(
            dispute_list_for(actor=self.actor).filter(number__in=numbers).values_list("number", flat=True)
        )
        self.taken_elsewhere = taken - self.existing
        codes = {row.values["unit_code"] for row in rows}
        self.units = {
            u.code: u
            for u in unit_list_for(actor=self.actor).filter(code__in=codes, kind__in=DISPUTE_UNIT_KINDS)
        }
        for category in DisputeCategory.objects.filter(is_active=True):
            self.categories[category.name] = category
            self.categories[category.code] = category

    def _check_row(self, row: Row, errors: list[RowError]) -> bool:
        """Common rules; True when the row is a new record."""
        values = row.values
        number = values["number"]
        if number in self.taken_elsewhere:
            errors.append(_error(row, self.ledger, "number", f"编号“{number}”已被使用"))
            return False
        if values["unit_code"] not in self.units:
            errors.append(
                _error(
                    row,
                    self.ledger,
                    "unit_code",
                    f"单位编码“{values['unit_code']}”不存在或不是本人管辖的社区、网格",
                )
            )
        if values["category"] not in self.categories:
            errors.append(_error(row, self.ledger, "category", f"纠纷类别“{values['category']}”不存在"))
        if values["registered_on"] and values["registered_on"] > today():
            errors.append(_error(row, self.ledger, "registered_on", "登记日期不能晚于今天"))
        concluded = values.get("concluded_on")
        if concluded and values["registered_on"] and concluded < values["registered_on"]:
            errors.append(_error(row, self.ledger, "concluded_on", "结案日期不能早于登记日期"))
        return number not in self.existing


class DisputesImport(_Common):
    ledger = DISPUTES

    def check(self, rows: list[Row]) -> list[RowError]:
        self._load(rows)
        errors: list[RowError] = []
        for row in rows:
            values = row.values
            new = self._check_row(row, errors)
            for who in ("applicant", "respondent"):
                id_number, phone = values.get(f"{who}_id") or "", values.get(f"{who}_phone") or ""
                if (id_number or phone) and not values.get(who):
                    errors.append(_error(row, DISPUTES, who, "填写了身份证号或电话的，须填写姓名"))
                if new and (MASKED_ID.fullmatch(id_number) or MASKED_PHONE.fullmatch(phone)):
                    errors.append(
                        _error(
                            row,
                            DISPUTES,
                            f"{who}_id" if MASKED_ID.fullmatch(id_number) else f"{who}_phone",
                            "新增纠纷须填写完整号码，不能填写脱敏号码",
                        )
                    )
            outcome = values.get("outcome") or ""
            if new and outcome and outcome != Outcome.SETTLED:
                errors.append(
                    _error(
                        row,
                        DISPUTES,
                        "outcome",
                        "新增纠纷只能登记为“当场化解或自行和解”，其他结果请在系统中办理",
                    )
                )
            if (
                new
                and outcome == Outcome.SETTLED
                and values.get("concluded_on") not in (None, values["registered_on"])
            ):
                errors.append(_error(row, DISPUTES, "concluded_on", "当场化解的，结案日期应与登记日期相同"))
        return errors

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        created = updated = 0
        by_number = {
            d.number: d
            for d in Dispute.objects.filter(number__in=[r["number"] for r in rows]).select_related("category")
        }
        for values in rows:
            existing = by_number.get(values["number"])
            if existing is None:
                self._create(values)
                created += 1
                continue
            changes = {
                key: values[key]
                for key in ("summary", "place", "people_involved", "amount")
                if key in values and values[key] is not None and values[key] != getattr(existing, key)
            }
            category = self.categories[values["category"]]
            if category.pk != existing.category_id:
                changes["category"] = category.code
            if changes and existing.status in (Status.REGISTERED, Status.ASSIGNED, Status.MEDIATING):
                dispute_update(actor=self.actor, dispute_id=existing.pk, **changes)
                updated += 1
        return created, updated

    def _create(self, values: dict[str, Any]) -> Dispute:
        parties = []
        for who, role in (("applicant", PartyRole.APPLICANT), ("respondent", PartyRole.RESPONDENT)):
            if values.get(who):
                parties.append(
                    {
                        "name": values[who],
                        "role": role,
                        "id_number": values.get(f"{who}_id") or "",
                        "phone": values.get(f"{who}_phone") or "",
                    }
                )
        settled = values.get("outcome") == Outcome.SETTLED
        return dispute_intake(
            actor=self.actor,
            unit_id=self.units[values["unit_code"]].pk,
            category=self.categories[values["category"]].code,
            source=values.get("source") or Source.OTHER,
            summary=values["summary"],
            place=values.get("place") or "",
            people_involved=values.get("people_involved") or max(2, len(parties)),
            amount=values.get("amount"),
            registered_on=values["registered_on"],
            parties=parties,
            settled_on_spot=settled,
            resolution="台账导入：当场化解或自行和解" if settled else "",
            number=values["number"],
        )


class MediationsImport(_Common):
    ledger = MEDIATIONS

    def check(self, rows: list[Row]) -> list[RowError]:
        self._load(rows)
        self.orgs = {o.name: o for o in org_list_for(actor=self.actor).prefetch_related("mediators")}
        errors: list[RowError] = []
        for row in rows:
            values = row.values
            if not self._check_row(row, errors):
                continue  # a record already in the system: its mediation is kept on its pages
            org = self.orgs.get(values["org"])
            if org is None:
                errors.append(_error(row, MEDIATIONS, "org", f"调解组织“{values['org']}”不存在或不可见"))
            else:
                known = {m.name for m in org.mediators.all()}
                unknown = [n for n in _names(values.get("mediators") or "") if n not in known]
                if unknown:
                    errors.append(
                        _error(row, MEDIATIONS, "mediators", f"不是该组织的调解员：{'、'.join(unknown)}")
                    )
            if len(_names(values["parties"])) < 2:
                errors.append(_error(row, MEDIATIONS, "parties", "当事人至少两人，用顿号分隔"))
            result = values["result"]
            if result == Outcome.AGREEMENT and not values.get("effective_on"):
                errors.append(_error(row, MEDIATIONS, "effective_on", "达成调解协议的，须填写协议生效日期"))
            if result in (
                Outcome.FAILED,
                Outcome.REFUSED,
                Outcome.SETTLED,
                Outcome.TRANSFERRED,
            ) and not values.get("concluded_on"):
                errors.append(_error(row, MEDIATIONS, "concluded_on", "已结束的调解须填写结案日期"))
            effective = values.get("effective_on")
            if effective and (effective < values["registered_on"] or effective > today()):
                errors.append(_error(row, MEDIATIONS, "effective_on", "协议生效日期应在受理日期至今天之间"))
        return errors

    def upsert(self, rows: list[dict[str, Any]]) -> tuple[int, int]:
        created = 0
        existing = set(
            Dispute.objects.filter(number__in=[r["number"] for r in rows]).values_list("number", flat=True)
        )
        for values in rows:
            if values["number"] not in existing:
                self._create(values)
                created += 1
        return created, 0

    def _create(self, values: dict[str, Any]) -> Dispute:
        org = self.orgs[values["org"]]
        result = values["result"]
        started = values.get("first_session_on") or values["registered_on"]
        effective: date | None = values.get("effective_on")
        concluded = values.get("concluded_on") or (effective if result == Outcome.AGREEMENT else None)
        performance = values.get("performance") or (
            TermStatus.PERFORMED if concluded and result == Outcome.AGREEMENT else TermStatus.PENDING
        )
        if result == Outcome.AGREEMENT:
            status = (
                Status.CLOSED if performance in (TermStatus.PERFORMED, TermStatus.BREACHED) else Status.AGREED
            )
        else:
            status = {
                "ongoing": Status.MEDIATING,
                Outcome.SETTLED: Status.CLOSED,
                Outcome.FAILED: Status.FAILED,
                Outcome.REFUSED: Status.REFUSED,
                Outcome.TRANSFERRED: Status.TRANSFERRED,
            }[result]
        assessment = assess(people_involved=max(2, len(_names(values["parties"]))), amount=None)
        due, _ = due_date(rules.MEDIATION, values["registered_on"])
        dispute = Dispute(
            number=values["number"],
            unit=self.units[values["unit_code"]],
            category=self.categories[values["category"]],
            source=Source.OTHER,
            summary=values["summary"],
            registered_on=values["registered_on"],
            people_involved=max(2, len(_names(values["parties"]))),
            risk_level=assessment.level,
            risk_reasons=assessment.reasons,
            lead_level=assessment.lead_level,
            org=org,
            status=status,
            outcome="" if result == "ongoing" else result,
            due_on=due,
            due_rule=rules.MEDIATION.code,
            mediation_started_on=started,
            concluded_on=concluded,
            imported=True,
            created_by=self.actor,
        )
        search.fill(dispute)
        try:
            with transaction.atomic():
                dispute.save()
        except IntegrityError:
            raise Conflict(f"编号“{values['number']}”已被使用") from None
        _bump(values["number"])
        for order, name in enumerate(_names(values["parties"])):
            Party.objects.create(
                dispute=dispute,
                order=order,
                name=name,
                role=PartyRole.APPLICANT if order == 0 else PartyRole.RESPONDENT,
                consent=Consent.AGREED if result != Outcome.REFUSED else Consent.PENDING,
            )
        names = _names(values.get("mediators") or "")
        for mediator in [m for m in org.mediators.all() if m.name in names]:
            DisputeMediator.objects.create(
                dispute=dispute, mediator=mediator, assigned_on=values["registered_on"]
            )
            if mediator.user is not None:
                org_services.assignment_grant(
                    actor=self.actor, obj=dispute, user=mediator.user, kind="mediator"
                )
        if result == Outcome.AGREEMENT and effective:
            self._agreement(dispute, values, effective, performance)
        if result in (Outcome.FAILED, Outcome.REFUSED) and concluded:
            Termination.objects.create(
                dispute=dispute,
                kind=TerminationKind.FAILED if result == Outcome.FAILED else TerminationKind.REFUSED,
                reason="台账补录（原因见纸质卷宗）",
                started_on=started,
                ended_on=concluded,
                routes=[Route.LABOUR_ARBITRATION, Route.COURT] if dispute.category.labour else [Route.COURT],
                created_by=self.actor,
            )
        event_record(
            dispute,
            "disputes.import",
            actor=self.actor,
            label="台账补录",
            to_status=status,
            note=f"人民调解台账导入：{org.name}",
        )
        return dispute

    def _agreement(self, dispute: Dispute, values: dict[str, Any], effective: date, performance: str) -> None:
        form = values.get("agreement_form") or AgreementForm.WRITTEN
        jc = values.get("jc_status") or ""
        jc_due = None
        if form == AgreementForm.WRITTEN:
            jc_due, _ = due_date(rules.JUDICIAL_CONFIRMATION, effective)
            if not jc:
                jc = ConfirmationStatus.OPEN if jc_due >= today() else ConfirmationStatus.LAPSED
        else:
            jc = ConfirmationStatus.NOT_APPLICABLE
        agreement = Agreement.objects.create(
            dispute=dispute,
            number=values.get("agreement_number") or "",
            form=form,
            status=AgreementStatus.EFFECTIVE,
            content=f"（台账补录）{dispute.summary}",
            reached_on=effective,
            effective_on=effective,
            performance_deadline=values.get("concluded_on") or effective,
            jc_status=jc,
            jc_due=jc_due,
            jc_rule=rules.JUDICIAL_CONFIRMATION.code if jc_due else "",
            jc_court=str(rules.local("COURT")) if jc_due else "",
            created_by=self.actor,
        )
        AgreementTerm.objects.create(
            agreement=agreement,
            seq=1,
            content="按调解协议履行",
            due_on=values.get("concluded_on") or effective,
            status=performance,
            performed_on=values.get("concluded_on") if performance == TermStatus.PERFORMED else None,
        )


def _bump(number: str) -> None:
    match = NUMBER.fullmatch(number)
    if match:
        sequence_at_least("dispute", int(match[1]), int(match[2]))


def _run(
    actor: Any, action: str, ledger: Any, job: Any, data: bytes, filename: str, progress: Progress | None
) -> ImportResult:
    from fazhi.core.audit import audit_record

    def write(rows: list[dict[str, Any]]) -> tuple[int, int]:
        with transaction.atomic():
            created, updated = job.upsert(rows)
            audit_record(
                actor=actor, action=action, data={"created": created, "updated": updated, "total": len(rows)}
            )
        return created, updated

    try:
        return import_file(ledger, data, filename, upsert=write, check=job.check, progress=progress)
    except IntegrityError:
        raise Conflict("导入期间数据已被他人修改，未写入任何数据，请重新导入") from None


def disputes_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import the 矛盾纠纷排查化解台账 (all rows or none). Raises NotAllowed without disputes.intake."""
    org_services.require(actor, perms.INTAKE)
    return _run(
        actor,
        "disputes.disputes_import",
        DISPUTES,
        DisputesImport(actor=actor),
        file_bytes,
        filename,
        progress,
    )


def mediations_import(
    *, actor: Any, file_bytes: bytes, filename: str, progress: Progress | None = None
) -> ImportResult:
    """Import past mediations from the 人民调解台账 (all rows or none). Raises NotAllowed without
    disputes.mediate."""
    org_services.require(actor, perms.MEDIATE)
    return _run(
        actor,
        "disputes.mediations_import",
        MEDIATIONS,
        MediationsImport(actor=actor),
        file_bytes,
        filename,
        progress,
    )


# name → (import service, the permission the import page and API need)
IMPORTS = {"disputes": (disputes_import, perms.INTAKE), "mediations": (mediations_import, perms.MEDIATE)}
