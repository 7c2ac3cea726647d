"""The module's documents as .docx in the GB/T 9704 layout (core.documents):

- 人民调解协议书 with the contents of 人民调解法 Art. 29 and the signature lines of the parties, the
  mediator and the committee's seal;
- 终止人民调解告知书: why it failed, the start and end dates, the undisputed facts (鲁多元 Art. 24)
  and the routes left to the parties with the time limits that apply (人民调解法 Art. 26).
"""

from __future__ import annotations

from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.disputes import rules
from fazhi.disputes.models import Agreement, Dispute, Termination
from fazhi.disputes.models.choices import (
    AgreementForm,
    OrgKind,
    PartyKind,
    PartyRole,
    Route,
    Sex,
    TerminationKind,
)


def _party_line(party: Any) -> str:
    role = dict(PartyRole.choices).get(party.role, "当事人")
    if party.kind == PartyKind.ORGANISATION:
        parts = [party.name]
        if party.representative:
            parts.append(f"法定代表人或负责人{party.representative}")
        if party.address:
            parts.append(f"住所地{party.address}")
        return f"{role}：" + "，".join(parts)
    parts = [party.name]
    if party.sex:
        parts.append(dict(Sex.choices)[party.sex])
    if party.address:
        parts.append(f"住{party.address}")
    return f"{role}：" + "，".join(parts)


def parties_info_default(dispute: Dispute) -> str:
    """The parties' basic details as the agreement states them (no ID numbers: the parties show theirs)."""
    return "\n".join(_party_line(p) for p in dispute.parties.order_by("order", "id"))


def _issuer(dispute: Dispute) -> str:
    if dispute.org is not None:
        return dispute.org.name
    return f"{dispute.unit.name}人民调解委员会"


def agreement_document(agreement: Agreement) -> bytes:
    """The 调解协议书 of a written agreement, ready to print and sign."""
    dispute = agreement.dispute
    title = (
        "人民调解协议书"
        if not dispute.org or dispute.org.kind != OrgKind.ADMINISTRATIVE
        else "行政调解协议书"
    )
    doc = OfficialDocument(title=title, author=_issuer(dispute))
    if agreement.number:
        # The blank line under the title carries the number, flush right (文书编号).
        line = doc.document.paragraphs[-1]
        line.text = agreement.number
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        line.paragraph_format.first_line_indent = 0
    for text in (agreement.parties_info or parties_info_default(dispute)).splitlines():
        if text.strip():
            doc.paragraph(text.strip())
    doc.heading(1, "纠纷的主要事实、争议事项", number=True)
    doc.paragraph(agreement.facts)
    doc.paragraph(f"争议事项：{agreement.disputed_points}")
    doc.heading(1, "各方当事人的责任", number=True)
    doc.paragraph(agreement.responsibilities)
    scope = "就全部争议事项" if agreement.scope == "full" else "就部分争议事项"
    doc.heading(1, f"经调解，当事人{scope}自愿达成如下协议", number=True)
    doc.paragraph(agreement.content)
    doc.heading(1, "履行方式、时限", number=True)
    doc.paragraph(f"履行方式：{agreement.performance_method}")
    terms = list(agreement.terms.select_related("obligor").order_by("seq"))
    # A single term made from the agreement's own content (no itemised terms given) says nothing new.
    if not (len(terms) == 1 and terms[0].obligor is None and agreement.content.startswith(terms[0].content)):
        for term in terms:
            who = f"{term.obligor.name}" if term.obligor else "当事人"
            method = f"，方式：{term.method}" if term.method else ""
            doc.paragraph(
                f"{term.seq}. {who}于{format_date(term.due_on)}前{term.content.rstrip('。')}{method}。"
            )
    if agreement.performance_deadline:
        doc.paragraph(f"全部协议内容于{format_date(agreement.performance_deadline)}前履行完毕。")
    doc.paragraph(
        f"本协议一式{agreement.copies}份，当事人各执一份，调解组织留存一份。本协议自各方当事人签名、盖章或者按指印，"
        f"人民调解员签名并加盖人民调解委员会印章之日起生效（{rules.AGREEMENT_BASIS}）。"
    )
    doc.paragraph(
        f"经调解达成的调解协议具有法律约束力，当事人应当按照约定履行（{rules.PERFORMANCE_BASIS}）。"
    )
    if not agreement.concerns_status_relation:
        doc.paragraph(
            f"双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向{rules.local('COURT')}申请司法确认"
            f"（{rules.JUDICIAL_CONFIRMATION.basis}）。"
        )
    signatures = {s.party_id: s for s in agreement.signatures.all()}
    rows = [
        [
            f"当事人：{p.name}",
            "（签名、盖章或按指印）",
            format_date(signatures[p.pk].signed_on) if p.pk in signatures else "    年  月  日",
        ]
        for p in dispute.parties.order_by("order", "id")
    ]
    mediator = agreement.mediator.name if agreement.mediator else "        "
    rows.append(
        [
            f"人民调解员：{mediator}",
            "（签名）",
            format_date(agreement.mediator_signed_on) if agreement.mediator_signed_on else "    年  月  日",
        ]
    )
    doc.table(headers=["签署人", "签署方式", "日期"], rows=rows, numbered=False)
    doc.signature(issuer=f"{_issuer(dispute)}（印章）", date=agreement.effective_on or agreement.reached_on)
    return doc.to_bytes()


ROUTE_TEXT = {
    Route.ARBITRATION: "依据双方达成的仲裁协议，向约定的仲裁机构申请仲裁。",
    Route.LABOUR_ARBITRATION: (
        "向劳动人事争议仲裁委员会申请仲裁（{labour}）。劳动争议申请仲裁的时效期间为一年，"
        "从当事人知道或者应当知道其权利被侵害之日起计算（{limit}）。"
    ),
    Route.ADMINISTRATIVE: "向有关行政机关申请行政调解、行政裁决，或者依法申请行政复议（行政复议申请期限一般为知道行政行为之日起六十日，{review}）。",
    Route.COURT: "向{court}提起诉讼。向人民法院请求保护民事权利的诉讼时效期间为三年（{civil}）。",
}


def route_text(route: str) -> str:
    return ROUTE_TEXT[Route(route)].format(
        labour=rules.LABOUR_MEDIATION.basis,
        limit=rules.LABOUR_ARBITRATION_LIMIT.basis,
        review=rules.ADMIN_REVIEW_LIMIT.basis,
        court=rules.local("COURT"),
        civil=rules.CIVIL_LIMITATION.basis,
    )


def termination_document(termination: Termination) -> bytes:
    """The notice that mediation has ended without agreement, with the routes left to the parties."""
    dispute = termination.dispute
    names = "、".join(p.name for p in dispute.parties.order_by("order", "id"))
    doc = OfficialDocument(title="终止人民调解告知书", addressee=f"{names}：", author=_issuer(dispute))
    started = termination.started_on or dispute.registered_on
    category = dispute.category.name
    if termination.kind == TerminationKind.REFUSED:
        doc.paragraph(
            f"你们之间的{category}（编号{dispute.number}），{termination.reason}。"
            f"依照{rules.VOLUNTARY_BASIS}“当事人一方明确拒绝调解的，不得调解”的规定，本调解组织于"
            f"{format_date(termination.ended_on)}终止调解。"
        )
    else:
        doc.paragraph(
            f"你们之间的{category}（编号{dispute.number}），本调解组织于{format_date(started)}开始调解，"
            f"经调解未能达成调解协议。调解不成的原因：{termination.reason}。依照{rules.FAILURE_BASIS}的规定，"
            f"本调解组织于{format_date(termination.ended_on)}终止调解。"
        )
    doc.heading(1, "调解情况", number=True)
    doc.paragraph(f"调解起止时间：{format_date(started)}至{format_date(termination.ended_on)}。")
    sessions = dispute.sessions.count()
    if sessions:
        doc.paragraph(f"共组织调解{sessions}次。")
    partial = [a for a in dispute.agreements.filter(status="effective") if a.scope == "partial"]
    for agreement in partial:
        form = "调解协议书" + agreement.number if agreement.form == AgreementForm.WRITTEN else "口头协议"
        doc.paragraph(f"当事人已就部分争议事项达成{form}（{rules.PARTIAL_BASIS}），该部分协议继续有效。")
    if termination.undisputed_facts:
        doc.heading(1, "没有争议的事实", number=True)
        doc.paragraph(termination.undisputed_facts)
        if termination.facts_confirmed:
            doc.paragraph(f"以上事实经双方当事人签字确认，记录在卷（{rules.FAILURE_RECORD_BASIS}）。")
    doc.heading(1, "你们可以依法通过以下途径维护自己的权利", number=True)
    for i, route in enumerate(termination.routes, start=1):
        doc.paragraph(f"{i}. {route_text(route)}")
    doc.paragraph("调解组织不收取任何费用（《人民调解法》第四条）。如有疑问，请与本调解组织联系。")
    doc.signature(issuer=_issuer(dispute), date=termination.ended_on)
    if dispute.org and dispute.org.phone:
        doc.paragraph(f"联系电话：{dispute.org.phone}")
    return doc.to_bytes()
