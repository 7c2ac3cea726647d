"""Issue #5 in a real browser: a grid worker on a phone reports a neighbours' dispute found in screening,
the community's people's mediation committee mediates it at a desk, and the signed agreement starts the
30-day window for judicial confirmation. The outsider cannot open the case."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from io import BytesIO

import pytest
from playwright.sync_api import expect

from fazhi.tests.browser.conftest import DESKTOP, PHONE, login, shot, today_cn

pytestmark = pytest.mark.browser

COMMITTEE = "锦秋社区人民调解委员会"
MEDIATOR = "赵红"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(birth: str, seq: int) -> str:
    """A resident identity number with a valid GB 11643 check digit; 372328 was 博兴县's area code
    before 2000 (the validator checks the code existed on the birth date)."""
    body = f"372328{birth}{seq:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("[document.body.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"{page.url} 横向溢出：{width}"


def test_a_screening_report_on_a_phone_becomes_a_signed_agreement_with_the_confirmation_deadline(
    browser, server, tmp_path
):
    import docx

    today = today_cn()
    tag = uuid.uuid4().hex[:6]
    summary = f"楼上住户夜间装修噪音扰邻，双方在楼道争吵（{tag}）"
    applicant, respondent = "甄浩然", "贾思雨"
    applicant_id, applicant_phone = id_number("19800312", 31), "13905439" + str(100 + int(tag[:2], 16))

    # The grid worker, on a phone, reports what was found and registers it as a dispute in one step.
    worker = login(browser, server, "grid_a1", PHONE)
    worker.goto(f"{server.url}/disputes/screening/report/")
    expect(worker.locator("h1")).to_have_text("排查上报")
    no_horizontal_overflow(worker)
    campaign = worker.locator("select[name=campaign_id] option").first.inner_text()
    assert "常态化排查" in campaign
    assert worker.locator("select[name=unit_id] option:checked").inner_text() == "锦秋社区第一网格"
    worker.select_option("select[name=subject]", "dispute")
    worker.select_option("select[name=category]", label="邻里纠纷")
    worker.fill("textarea[name=description]", summary)
    worker.fill("input[name=place]", "锦秋社区3号楼2单元")
    worker.fill("input[name=people_involved]", "2")
    worker.check("input[name=convert]")
    worker.fill("input[name=p0-name]", applicant)
    worker.fill("input[name=p0-id_number]", applicant_id)
    worker.fill("input[name=p0-phone]", applicant_phone)
    worker.fill("input[name=p1-name]", respondent)
    shot(worker, "disputes-screening-report-phone")
    worker.click("[data-testid=item-submit]")
    worker.wait_for_url(re.compile(r"/disputes/\d+/$"))
    dispute_url = worker.url
    expect(worker.locator(".messages")).to_contain_text("已上报，并登记为矛盾纠纷")
    expect(worker.locator("[data-testid=origin]")).to_contain_text("来源：排查上报")
    expect(worker.locator("[data-testid=status]")).to_have_text("已登记")
    body = worker.content()
    assert summary in body and "邻里纠纷" in body and applicant in body and respondent in body
    # The applicant's identity number and phone are masked for everyone who opens the case.
    expect(worker.locator("[data-testid=masked-id]").first).to_have_text(
        f"{applicant_id[:4]}{'*' * 10}{applicant_id[-4:]}"
    )
    assert applicant_id not in body and applicant_phone not in body
    assert f"{applicant_phone[:3]}****{applicant_phone[-4:]}" in body
    # The mediation month is shown with its basis from the day of registration.
    expect(worker.locator("[data-testid=deadline]")).to_contain_text("第三十三条")
    # The grid worker registers; the mediation buttons belong to the committee.
    expect(worker.locator("a", has_text="指派调解")).to_have_count(0)
    no_horizontal_overflow(worker)
    shot(worker, "disputes-registered-phone")
    worker.context.close()

    # The community: assigns its committee and a mediator.
    office = login(browser, server, "community_a", DESKTOP)
    office.goto(dispute_url)
    office.locator("a.button", has_text="指派调解").click()
    office.wait_for_url("**/assign/")
    office.select_option("select[name=org_id]", label=f"锦秋社区 · {COMMITTEE}")
    office.locator("label:not(.field)", has_text=f"{MEDIATOR}（{COMMITTEE}").locator(
        "input[name=mediator_ids]"
    ).check()
    office.get_by_role("button", name="保存").click()
    office.wait_for_url(dispute_url)
    expect(office.locator(".messages")).to_contain_text("已指派调解组织和调解员")
    expect(office.locator("[data-testid=status]")).to_have_text("已指派")
    expect(office.locator(".kv a", has_text=COMMITTEE)).to_be_visible()

    # Both parties agree to mediation (人民调解法 Art. 17: no mediation over a party's refusal).
    consents = office.locator("form.consent")
    expect(consents).to_have_count(2)
    for left in (1, 0):
        consents.first.locator("button[value=agreed]").click()
        expect(consents).to_have_count(left)
    expect(office.locator("td[data-label=调解意愿]", has_text="同意调解")).to_have_count(2)

    # Two mediation sessions, the second with an invited neighbour.
    for n, (start, end, invitees) in enumerate(
        (("09:00", "10:30", ""), ("15:00", "16:10", "刘大爷、邻居兼楼长")), 1
    ):
        office.locator("a.button", has_text="记录调解").click()
        office.wait_for_url("**/sessions/new/")
        assert office.locator("input[name=place]").input_value() != ""  # the committee's venue by default
        expect(
            office.locator("label:not(.field)", has_text=MEDIATOR).locator("input[name=mediator_ids]")
        ).to_be_checked()
        office.fill("input[name=held_on]", today.isoformat())
        office.fill("input[name=start_time]", start)
        office.fill("input[name=end_time]", end)
        if invitees:
            office.fill("textarea[name=invitees]", invitees)
            office.check("input[name=invitees_consented]")
        office.fill("textarea[name=record]", f"第{n}次调解：听取双方陈述，释法说理（{tag}）")
        office.get_by_role("button", name="保存调解记录").click()
        office.wait_for_url(dispute_url)
        expect(office.locator("article.session")).to_have_count(n)
    expect(office.locator("[data-testid=status]")).to_have_text("调解中")
    expect(office.locator("article.session").nth(1)).to_contain_text("刘大爷（邻居兼楼长）")
    shot(office, "disputes-mediating-desktop")

    # The written agreement: without the performance deadline it is refused, naming the missing item.
    office.locator("a.button", has_text="登记调解协议").click()
    office.wait_for_url("**/agreements/new/")
    expect(office.locator("input[name=form][value=written]")).to_be_checked()
    assert applicant in office.locator("textarea[name=parties_info]").input_value()
    assert office.locator("textarea[name=facts]").input_value() == summary
    office.fill("textarea[name=disputed_points]", "夜间装修噪音是否超出合理限度及赔偿")
    office.fill("textarea[name=responsibilities]", f"{respondent}夜间施工扰民，应承担主要责任")
    office.fill(
        "textarea[name=content]", f"{respondent}今后仅在8:00至18:00施工，并向{applicant}赔礼道歉（{tag}）"
    )
    office.fill("input[name=performance_method]", "当面致歉，社区调委会见证")
    office.get_by_role("button", name="登记协议").click()
    office.wait_for_url("**/agreements/new/")
    deadline_field = office.locator(
        "label.field.has-error", has=office.locator("input[name=performance_deadline]")
    )
    expect(deadline_field.locator("small.error")).to_have_text("缺少“履行的期限”")
    expect(office.locator("label.field.has-error")).to_have_count(1)
    shot(office, "disputes-agreement-refused-desktop")
    due = today_cn() + timedelta(days=7)
    office.fill("input[name=performance_deadline]", due.isoformat())
    office.get_by_role("button", name="登记协议").click()
    office.wait_for_url(re.compile(r"/disputes/agreements/\d+/$"))
    agreement_url = office.url
    expect(office.locator("[data-testid=agreement-status]")).to_have_text("待签署")

    # The 调解协议书 prints as .docx carrying the Art. 29 contents.
    with office.expect_download() as download_info:
        office.click("[data-testid=print]")
    path = tmp_path / "agreement.docx"
    download_info.value.save_as(path)
    data = path.read_bytes()
    assert data[:2] == b"PK"
    text = "\n".join(p.text for p in docx.Document(BytesIO(data)).paragraphs)
    assert "人民调解协议书" in text and tag in text and "当面致歉" in text
    assert applicant_id not in text

    # Signatures: both parties, then the mediator with the committee's seal; then it takes effect.
    unsigned = office.locator(".card li .muted", has_text="未签署")
    expect(unsigned).to_have_count(3)
    for n, signer in enumerate((f"当事人 {applicant}", f"当事人 {respondent}", f"调解员 {MEDIATOR}"), 1):
        office.select_option("select[name=signer]", label=signer)
        office.fill("input[name=signed_on]", today.isoformat())
        if signer.startswith("调解员"):
            office.check("input[name=sealed]")
        office.get_by_role("button", name="记录签署").click()
        expect(unsigned).to_have_count(3 - n)  # the page after this signature, not the one before
        expect(office.locator(".messages")).to_contain_text("已记录签署")
    expect(office.locator("[data-testid=agreement-status]")).to_have_text("已生效")
    expect(office.locator("[data-testid=jc-status]")).to_be_visible()
    jc = office.locator("#jc p").first.inner_text()
    due_on = date.fromisoformat(office.locator("[data-testid=jc-due]").inner_text())
    left = (due_on - today_cn()).days
    assert 30 <= left <= 40, jc  # 30 days from today, moved past a holiday if it ends on one
    assert f"剩余{left}天" in jc and "人民调解法》第三十三条" in jc, jc
    assert "（已盖章）" in office.content()
    shot(office, "disputes-agreement-effective-desktop")
    office.goto(dispute_url)
    expect(office.locator("[data-testid=status]")).to_have_text("已达成协议")
    office.context.close()

    # The outsider from another community gets 404 on the case and on its agreement.
    outsider = login(browser, server, "grid_b1", PHONE)
    for url in (dispute_url, agreement_url):
        response = outsider.goto(url)
        assert response.status == 404, url
        assert summary not in outsider.content()
    shot(outsider, "disputes-outsider-404-phone")
    outsider.context.close()


def test_a_date_field_the_server_fills_in_shows_the_date_on_the_phone(browser, server):
    page = login(browser, server, "grid_a1", PHONE)
    page.goto(f"{server.url}/disputes/screening/report/")
    try:
        assert page.locator("input[name=found_on]").input_value() == today_cn().isoformat()
    finally:
        page.context.close()
