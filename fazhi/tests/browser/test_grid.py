"""Issue #6 in a real browser: a grid worker's day on a phone-sized window — an event reported with a
photo, a key person visited, points awarded to a household — and what the office then sees and does at a
desk (GB/T 30428 event flow, the next visit with its basis, the points balance, the one-person profile).
Key persons' files open only with a stated purpose; the outsider from another community gets 404."""

from __future__ import annotations

import random
import re
import struct
import uuid
import zlib
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from fazhi.tests.browser.conftest import DESKTOP, PHONE, login, shot, today_cn

pytestmark = pytest.mark.browser

GRID = "锦秋社区第一网格"
MENTAL = "严重精神障碍患者"
MENTAL_BASIS = "严重精神障碍管理治疗工作规范"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(birth: date, seq: int) -> str:
    """A resident identity number with a valid GB 11643 check digit; 372328 was 博兴县's area code
    before 2000 (the validator checks the code existed on the birth date)."""
    body = f"372328{birth:%Y%m%d}{seq:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True)) % 11]


def png(path: Any, width: int = 24, height: int = 16, rgb: tuple[int, int, int] = (31, 97, 141)) -> Any:
    """A small valid PNG written with zlib and struct: what a phone camera upload stands in for."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def no_horizontal_overflow(page: Any) -> None:
    width = page.evaluate("[document.body.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, f"{page.url} 横向溢出：{width}"


def path_id(page: Any, pattern: str) -> int:
    match = re.search(pattern, page.url)
    assert match, page.url
    return int(match.group(1))


@pytest.fixture(scope="module")
def household(browser, server) -> dict[str, Any]:
    """The community registers, at a desk, a new household in grid A1 whose head is a patient with a
    severe mental disorder (danger level 3): this run's own records, whatever else the database holds."""
    rng = random.Random()
    tag = uuid.uuid4().hex[:6]
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 12000))
    person = {
        "name": rng.choice(["柏", "邵", "贝", "伍", "滕"]) + rng.choice(["文涛", "振华", "国庆", "建平"]),
        "id_number": id_number(born, rng.randint(1, 499) * 2 + 1),
        "phone": f"1370543{rng.randint(1000, 9999)}",
        "tag": tag,
    }
    office = login(browser, server, "community_a", DESKTOP)
    office.goto(f"{server.url}/people/buildings/")
    street = f"乐安街{rng.randint(1000, 9999)}号院"
    office.select_option("select[name=unit_id]", label=GRID)
    office.fill("input[name=name]", street)
    office.get_by_role("button", name="新增").click()
    office.wait_for_url(re.compile(r"/people/buildings/\d+/$"))
    office.fill("input[name=room]", "101")
    office.get_by_role("button", name="新增").click()
    office.wait_for_url(re.compile(r"/people/buildings/\d+/$"))
    office.locator("td[data-label=住户] a").first.click()
    office.wait_for_url(re.compile(r"/people/households/\d+/$"))
    person["household"] = path_id(office, r"/households/(\d+)/")
    office.locator("a.button", has_text="登记成员").click()
    office.wait_for_url("**/people/residents/new/**")
    office.fill("input[name=name]", person["name"])
    office.fill("input[name=id_number]", person["id_number"])
    office.fill("input[name=phone]", person["phone"])
    office.get_by_role("button", name="保存").click()
    office.wait_for_url(re.compile(r"/people/households/\d+/$"))
    office.locator("td[data-label=姓名] a", has_text=person["name"]).click()
    office.wait_for_url(re.compile(r"/people/residents/\d+/$"))
    person["resident"] = path_id(office, r"/residents/(\d+)/")
    office.locator("a.button", has_text="纳入重点人员管理").click()
    office.wait_for_url("**/keyperson/")
    office.select_option("select[name=category_id]", label=MENTAL)
    office.fill("input[name=registered_on]", today_cn().isoformat())
    office.fill("input[name=danger_level]", "3")
    office.fill("input[name=guardian_name]", "柏秀英")
    office.get_by_role("button", name="保存").click()
    office.wait_for_url(re.compile(r"/people/keypersons/\d+/\?purpose="))
    person["key_person"] = path_id(office, r"/keypersons/(\d+)/")
    expect(office.locator("[data-testid=next-visit]")).to_contain_text(MENTAL_BASIS)
    office.context.close()
    return person


def test_a_grid_workers_day_on_a_phone_and_what_the_office_sees(browser, server, household, tmp_path):
    tag = household["tag"]
    today = today_cn()

    # 1. On the phone: an event with a photo.
    worker = login(browser, server, "grid_a1", PHONE)
    worker.goto(f"{server.url}/grid/events/new/")
    no_horizontal_overflow(worker)
    assert worker.locator("select[name=unit_id] option:checked").inner_text() == GRID
    worker.select_option("select[name=category]", label="公共设施")
    description = f"乐安街路灯不亮，夜间居民出行不便（{tag}）"
    worker.fill("textarea[name=description]", description)
    worker.fill("input[name=location]", "乐安街与锦秋路路口")
    worker.set_input_files("input[name=photos]", str(png(tmp_path / "路灯.png")))
    shot(worker, "grid-event-form-phone")
    worker.click("[data-testid=report]")
    worker.wait_for_url(re.compile(r"/grid/events/\d+/$"))
    event_url = worker.url
    expect(worker.locator(".messages")).to_contain_text("已上报，事件编号")
    expect(worker.locator("[data-testid=status]")).to_have_text("已上报")
    assert description in worker.content()
    photo = worker.locator(".photos img").first
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 24  # the uploaded PNG, served back
    expect(worker.locator("button[data-action]")).to_have_count(0)  # the office accepts, not the reporter
    no_horizontal_overflow(worker)
    shot(worker, "grid-event-reported-phone")

    # 2. On the phone: the key person's visit. A visit dated in the future is refused on its field.
    worker.goto(f"{server.url}/people/keypersons/{household['key_person']}/visit/")
    expect(worker.locator("h1")).to_have_text("记录走访")
    assert household["name"] not in worker.content()  # the visit form shows the masked name only
    no_horizontal_overflow(worker)
    now = worker.locator("input[name=visited_at]").input_value()  # the server's "now", as the form offers it
    later = datetime.fromisoformat(now) + timedelta(days=2)
    worker.fill("input[name=visited_at]", later.strftime("%Y-%m-%dT%H:%M"))
    worker.select_option("select[name=danger_level]", "1")
    worker.fill("textarea[name=findings]", f"按时服药，情绪平稳，监护人在家（{tag}）")
    worker.click("[data-testid=save-visit]")
    worker.wait_for_url("**/visit/")
    refused = worker.locator("label.field.has-error", has=worker.locator("input[name=visited_at]"))
    expect(refused).to_contain_text("走访时间")
    expect(refused.locator("small.error")).to_contain_text("不能晚于当前时间")
    no_horizontal_overflow(worker)
    shot(worker, "grid-visit-future-refused-phone")
    worker.fill("input[name=visited_at]", now)
    worker.select_option("select[name=danger_level]", "1")
    worker.click("[data-testid=save-visit]")
    worker.wait_for_url("**/people/keypersons/?due=soon")
    message = worker.locator(".messages").inner_text()
    assert "已记录走访。下次走访期限" in message and MENTAL_BASIS in message, message
    no_horizontal_overflow(worker)
    shot(worker, "grid-visit-recorded-phone")

    # 3. On the phone: points for the household, from the community's rule catalogue.
    worker.goto(f"{server.url}/grid/points/award/?household={household['household']}")
    no_horizontal_overflow(worker)
    assert worker.locator("select[name=household_id]").input_value() == str(household["household"])
    worker.select_option("select[name=rule_id]", label="加分 10分 · 邻里互助")
    worker.fill("input[name=occurred_on]", today.isoformat())
    worker.fill("input[name=reason]", f"帮助独居老人买菜（{tag}）")
    shot(worker, "grid-award-form-phone")
    worker.click("[data-testid=award]")
    worker.wait_for_url(f"**/grid/points/households/{household['household']}/")
    expect(worker.locator(".messages")).to_contain_text("已加 10 分")
    expect(worker.locator("[data-testid=balance]")).to_have_text("10")
    no_horizontal_overflow(worker)
    shot(worker, "grid-household-points-phone")
    worker.context.close()

    # 4. At the desk: the office accepts the event and dispatches it to the grid worker. Each step posts
    # and comes back to the same page, so the status tag, not the address, says the step is done.
    office = login(browser, server, "community_a", DESKTOP)
    office.goto(event_url)
    office.click("button[data-action=accept]")
    expect(office.locator("[data-testid=status]")).to_have_text("已受理")
    assignee = office.locator("select[name=assignee_id] option", has_text="孙强").first.get_attribute("value")
    office.select_option("select[name=assignee_id]", assignee)
    office.fill("form[action$='/dispatch/'] textarea[name=note]", "请于处置期限内联系路灯维护单位")
    office.click("button[data-action=dispatch]")
    expect(office.locator("[data-testid=status]")).to_have_text("已派遣")
    expect(office.locator(".kv")).to_contain_text("孙强")
    expect(office.locator(".kv")).to_contain_text("GB/T 30428")  # the handling deadline and its basis
    office.context.close()

    # 5. On the phone: the assignee records the handling and the feedback.
    worker = login(browser, server, "grid_a1", PHONE)
    worker.goto(event_url)
    worker.fill("textarea[name=handling]", "已联系路灯维护单位更换灯泡")
    worker.click("button[data-action=handle]")
    expect(worker.locator("[data-testid=status]")).to_have_text("已处置")
    worker.fill("textarea[name=feedback]", "路灯已恢复照明，已告知反映居民")
    worker.click("button[data-action=feedback]")
    expect(worker.locator("[data-testid=status]")).to_have_text("已反馈")
    expect(worker.locator("button[data-action=close]")).to_have_count(
        0
    )  # checking and closing is the office's
    no_horizontal_overflow(worker)
    shot(worker, "grid-event-fed-back-phone")
    worker.context.close()

    # 6. At the desk: the office checks and closes; the timeline keeps every step.
    office = login(browser, server, "community_a", DESKTOP)
    office.goto(event_url)
    office.fill("form[action$='/close/'] textarea[name=note]", "现场核查，路灯正常")
    office.click("button[data-action=close]")
    expect(office.locator("[data-testid=status]")).to_have_text("已结案")
    expect(office.locator(".kv")).to_contain_text("派遣至结案")
    steps = office.locator(".timeline li strong").all_inner_texts()
    for step in ("受理核实", "派遣", "登记处置", "反馈结果", "核查结案"):
        assert any(step in s for s in steps), steps
    shot(office, "grid-event-closed-desktop")

    # 7. The key person's next visit, scheduled with its basis (behind a stated purpose).
    office.goto(f"{server.url}/people/keypersons/{household['key_person']}/?purpose=季度走访核查")
    next_visit = office.locator("[data-testid=next-visit]").inner_text()
    due = date.fromisoformat(next_visit.split(" · ")[0])
    assert due > today and MENTAL_BASIS in next_visit, next_visit
    expect(office.locator("table.list tbody tr").first).to_contain_text("按期")
    assert f"{tag}" in office.content()  # the grid worker's findings
    shot(office, "grid-keyperson-desktop")

    # 8. The household's points balance.
    office.goto(f"{server.url}/grid/points/households/{household['household']}/")
    expect(office.locator("[data-testid=balance]")).to_have_text("10")
    expect(office.locator("td[data-label=事由]").first).to_contain_text(tag)

    # 9. The resident's one-person profile: ID number and phone masked, the raw values nowhere.
    office.goto(f"{server.url}/people/residents/{household['resident']}/")
    expect(office.locator("h1")).to_contain_text("一人一档")
    facts = office.locator("[data-section=household] .kv").inner_text()
    number, phone = household["id_number"], household["phone"]
    assert f"{number[:4]}{'*' * 10}{number[-4:]}" in facts and f"{phone[:3]}****{phone[-4:]}" in facts, facts
    page = office.content()
    assert number not in page and phone not in page
    expect(office.locator("[data-section=keyperson]")).to_contain_text(MENTAL)
    expect(office.locator("[data-section=points]")).to_contain_text("10")
    shot(office, "grid-resident-profile-desktop")
    office.context.close()


def test_a_key_persons_file_opens_only_with_a_stated_purpose(browser, server, household):
    page = login(browser, server, "grid_a1", PHONE)
    url = f"{server.url}/people/keypersons/{household['key_person']}/"
    page.goto(url)
    expect(page.locator("h1")).to_have_text("查看重点人员档案")
    assert household["name"] not in page.content()
    expect(page.locator("form strong")).to_have_text(
        household["name"][0] + "*" * (len(household["name"]) - 1)
    )
    page.fill("input[name=purpose]", "查")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url("**/?purpose=*")
    expect(page.locator("small.error")).to_have_text("请说明查询事由（至少2个字）")
    assert household["name"] not in page.content()
    no_horizontal_overflow(page)
    shot(page, "grid-keyperson-gate-phone")
    page.fill("input[name=purpose]", "入户走访前了解病情")
    page.get_by_role("button", name="查看").click()
    page.wait_for_url(re.compile(r"purpose=%E5%85%A5"))
    expect(page.locator("h1")).to_contain_text(household["name"])
    expect(page.locator("p.small.muted").first).to_contain_text(
        "查询事由：入户走访前了解病情（本次查看已记录）"
    )
    no_horizontal_overflow(page)
    page.context.close()


def test_the_outsider_gets_404_on_community_as_event_and_key_person(browser, server, household, tmp_path):
    worker = login(browser, server, "grid_a1", PHONE)
    worker.goto(f"{server.url}/grid/events/new/")
    worker.select_option("select[name=category]", label="环境卫生")
    worker.fill("textarea[name=description]", f"楼道堆放杂物（{household['tag']}）")
    worker.fill("input[name=location]", "乐安街101")
    worker.click("[data-testid=report]")
    worker.wait_for_url(re.compile(r"/grid/events/\d+/$"))
    event_url = worker.url
    worker.context.close()
    outsider = login(browser, server, "grid_b1", PHONE)
    for url in (
        event_url,
        f"{event_url}photos/1/",
        f"{server.url}/people/keypersons/{household['key_person']}/?purpose=核查",
        f"{server.url}/people/residents/{household['resident']}/",
        f"{server.url}/grid/points/households/{household['household']}/",
    ):
        response = outsider.goto(url)
        assert response.status == 404, url
        assert household["name"] not in outsider.content()
    shot(outsider, "grid-outsider-404-phone")
    outsider.context.close()


def test_the_award_form_offers_todays_date_on_the_phone(browser, server):
    page = login(browser, server, "grid_a1", PHONE)
    page.goto(f"{server.url}/grid/points/award/")
    try:
        assert page.locator("input[name=occurred_on]").input_value() == today_cn().isoformat()
    finally:
        page.context.close()
