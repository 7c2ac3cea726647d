"""The petitioner's written documents as .docx in the GB/T 9704 format: 受理/不予受理/转送/交办/诉访分离
告知书 (信访工作条例 Art. 23, 28), 延期告知书 (Art. 34), 信访处理意见书 (Art. 32; 鲁 Art. 41), 复查/复核
意见书 (Art. 35–36). Generated from the stored record each time, so they always match it."""

from __future__ import annotations

from datetime import date

from fazhi.core.documents import OfficialDocument, format_date
from fazhi.core.errors import NotFound
from fazhi.org.scope import subdistrict_of
from fazhi.petitions import rules
from fazhi.petitions.models import Outcome, Petition, Review, Route

KINDS = {
    "notice": "告知书",
    "extension": "延期告知书",
    "reply": "信访处理意见书",
    "review": "复查意见书",
    "re_review": "复核意见书",
}


def _issuer(petition: Petition) -> str:
    return f"{subdistrict_of(petition.unit).name}办事处"


def _addressee(petition: Petition) -> str:
    first = petition.petitioners.all()[0] if petition.petitioners.all() else None
    return f"{first.name}：" if first else "信访人："


def _received(petition: Petition) -> str:
    return f"你（们）于{format_date(petition.received_on)}通过{petition.get_channel_display()}反映的“{petition.title}”事项（编号{petition.case_number}）"


def notice(petition: Petition) -> tuple[str, bytes]:
    """The routing notice matching the route taken (Art. 23; 诉访分离 Art. 28, 31)."""
    if not petition.route:
        raise NotFound("尚未转办，无告知书")
    titles = {
        Route.ACCEPT: "受理告知书",
        Route.DECLINE: "不予受理告知书",
        Route.TRANSFER: "转送告知书",
        Route.ASSIGN: "交办告知书",
        Route.REDIRECT: "信访事项告知书",
    }
    title = titles[Route(petition.route)]
    doc = OfficialDocument(title=title, addressee=_addressee(petition), author=_issuer(petition))
    if petition.route == Route.ACCEPT:
        body = f"{_received(petition)}，经审查，属于本机关职权范围，本机关决定予以受理。"
        if petition.handling_due:
            body += (
                f"本机关将自受理之日起60日内办结（{rules.HANDLING.basis}），"
                f"即于{format_date(petition.handling_due)}前作出处理意见并书面答复你（们）。"
            )
        doc.paragraph(body)
    elif petition.route == Route.DECLINE:
        doc.paragraph(f"{_received(petition)}，经审查，本机关决定不予受理。理由如下：{petition.route_reason}")
    elif petition.route in (Route.TRANSFER, Route.ASSIGN):
        verb = "转送" if petition.route == Route.TRANSFER else "交由"
        doc.paragraph(
            f"{_received(petition)}，依照{rules.ROUTING.basis}的规定，已{verb}{petition.route_target}处理，"
            "请与其联系并了解办理情况。"
        )
    else:
        name, limit = rules.LEGAL_PROCEDURES[petition.legal_procedure]
        doc.paragraph(
            f"{_received(petition)}，属于应当通过{name}解决的事项。依照{rules.REDIRECT_BASIS}的规定，"
            f"请你（们）依法通过{name}途径主张权利：{limit}。"
        )
        if petition.route_reason:
            doc.paragraph(petition.route_reason)
    doc.paragraph(f"特此告知。（{rules.NOTICE.basis}）")
    doc.signature(issuer=_issuer(petition), date=petition.routed_on or date.today())
    return title, doc.to_bytes()


def extension(petition: Petition) -> tuple[str, bytes]:
    if not petition.extension_days:
        raise NotFound("未延期，无延期告知书")
    title = "延期告知书"
    doc = OfficialDocument(title=title, addressee=_addressee(petition), author=_issuer(petition))
    doc.paragraph(
        f"{_received(petition)}，本机关已于{format_date(petition.accepted_on or petition.received_on)}受理。因{petition.extension_reason}，"
        f"经本机关负责人批准，办理期限延长{petition.extension_days}日，"
        f"至{format_date(petition.handling_due or petition.received_on)}办结（{rules.EXTENSION_BASIS}）。"
    )
    doc.paragraph("特此告知。")
    doc.signature(issuer=_issuer(petition), date=petition.extended_on or date.today())
    return title, doc.to_bytes()


def reply(petition: Petition) -> tuple[str, bytes]:
    """信访处理意见书: request, facts and reasons, the opinion and its basis, one of three outcomes,
    and the remedy with its deadline (Art. 32; 鲁 Art. 41, 43)."""
    if not petition.outcome:
        raise NotFound("尚未答复，无处理意见书")
    title = "信访事项处理意见书"
    doc = OfficialDocument(title=title, addressee=_addressee(petition), author=_issuer(petition))
    doc.paragraph(
        f"{_received(petition)}，本机关已于{format_date(petition.accepted_on or petition.received_on)}受理。经调查核实，现答复如下："
    )
    doc.heading(1, "投诉请求", number=True)
    doc.paragraph(petition.reply_request)
    doc.heading(1, "事实和理由", number=True)
    doc.paragraph(petition.reply_facts)
    doc.heading(1, "处理意见", number=True)
    doc.paragraph(f"{Outcome(petition.outcome).label}。{petition.reply_opinion}")
    doc.heading(1, "法律法规依据", number=True)
    doc.paragraph(petition.reply_basis)
    doc.heading(1, "救济途径", number=True)
    due = f"即{format_date(petition.window_due)}前" if petition.window_due else ""
    doc.paragraph(
        f"如不服本处理意见，可以自收到本意见书之日起30日内（{due}）向上一级行政机关请求复查"
        f"（{rules.REVIEW_WINDOW.basis}、{rules.LU}第四十三条）。"
    )
    doc.signature(issuer=_issuer(petition), date=petition.replied_on or date.today())
    return title, doc.to_bytes()


def review_opinion(petition: Petition, review: Review) -> tuple[str, bytes]:
    if not review.answered_on:
        raise NotFound("尚未作出意见")
    re = review.level == Review.Level.RE_REVIEW
    title = "信访事项复核意见书" if re else "信访事项复查意见书"
    doc = OfficialDocument(title=title, addressee=_addressee(petition), author=review.body)
    doc.paragraph(
        f"你（们）对{petition.case_number}号信访事项的{'复查意见' if re else '处理意见'}不服，"
        f"于{format_date(review.requested_on)}提出{review.get_level_display()}请求，"
        f"本机关于{format_date(review.accepted_on or review.requested_on)}受理。请求理由：{review.request}"
    )
    doc.paragraph(
        f"经{review.get_level_display()}，意见如下：{Outcome(review.outcome).label}。{review.opinion}"
    )
    if re:
        doc.paragraph(
            f"本复核意见为最终意见。信访人仍以同一事实和理由提出投诉请求的，不再受理（{rules.FINAL_BASIS}）。"
        )
    else:
        due = f"（即{format_date(petition.window_due)}前）" if petition.window_due else ""
        doc.paragraph(
            f"如不服本复查意见，可以自收到本意见书之日起30日内{due}向复查机关的上一级行政机关请求复核"
            f"（{rules.RE_REVIEW_WINDOW.basis}、{rules.LU}第四十四条）。"
        )
    doc.signature(issuer=review.body, date=review.answered_on)
    return title, doc.to_bytes()


def document_for(petition: Petition, kind: str) -> tuple[str, bytes]:
    """(file title, .docx bytes) of one document of the petition; NotFound if it does not exist yet."""
    if kind == "notice":
        return notice(petition)
    if kind == "extension":
        return extension(petition)
    if kind == "reply":
        return reply(petition)
    if kind in ("review", "re_review"):
        reviews = [r for r in petition.reviews.all() if r.level == kind and r.answered_on]
        if not reviews:
            raise NotFound("尚未作出意见")
        return review_opinion(petition, reviews[-1])
    raise NotFound("没有这种文书")
