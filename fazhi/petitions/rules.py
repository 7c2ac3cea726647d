"""The statutory numbers of petition work, each with its legal basis (DOMAIN.md §1).

《信访工作条例》(2022, in force 2022-05-01) is the national rule; 《山东省信访条例》(2015) applies where it
is stricter (the 3-working-day decision on a 复查/复核 request, 1–2 agents). Deadlines are
`core.deadlines.Rule`s so that a stored deadline keeps its rule code and shows its basis.
"""

from __future__ import annotations

from django.conf import settings

from fazhi.core.deadlines import Rule

XF = "《信访工作条例》"
LU = "《山东省信访条例》"

# --- registration -------------------------------------------------------------------------------
# A group visit chooses at most 5 representatives (信访工作条例 Art. 20).
MAX_REPRESENTATIVES = 5
MAX_REPRESENTATIVES_BASIS = f"{XF}第二十条"
# A petitioner may entrust one or two agents in writing (山东省信访条例 Art. 28).
MAX_AGENTS = 2
MAX_AGENTS_BASIS = f"{LU}第二十八条"
# A visit goes to the body of the same level or one level up; a visit skipping levels is not
# accepted by the upper body, which redirects it (信访工作条例 Art. 20; 山东省信访条例 Art. 26).
SKIP_LEVEL_BASIS = f"{XF}第二十条、{LU}第二十六条"
GROUP_VISIT_BASIS = f"{XF}第二十条"
# While a matter is accepted and within its period the same matter is not accepted again
# (信访工作条例 Art. 19; 山东省信访条例 Art. 33).
REPEAT_OPEN_BASIS = f"{XF}第十九条、{LU}第三十三条"
# After 终结 the same request on the same facts is not accepted again (Art. 36; 鲁 Art. 46).
REPEAT_FINAL_BASIS = f"{XF}第三十六条、{LU}第四十六条"

# --- routing ------------------------------------------------------------------------------------
ROUTING = Rule("petitions.routing", "登记转办期限", 15, "calendar", f"{XF}第二十二条")
NOTICE = Rule("petitions.notice", "书面告知期限", 15, "calendar", f"{XF}第二十三条")
OBJECTION = Rule("petitions.objection", "错转异议期限", 5, "workday", f"{XF}第二十三条")
# 诉访分离: the legal procedures a matter is redirected to, with the time limit a petitioner must
# know (信访工作条例 Art. 28, 31(1)).
REDIRECT_BASIS = f"{XF}第二十八条、第三十一条"
LEGAL_PROCEDURES: dict[str, tuple[str, str]] = {
    "admin_review": ("行政复议", "自知道行政行为之日起60日内申请（《行政复议法》第二十条）"),
    "admin_litigation": ("行政诉讼", "自知道作出行政行为之日起6个月内起诉（《行政诉讼法》第四十六条）"),
    "civil_litigation": ("民事诉讼", "诉讼时效一般为3年（《民法典》第一百八十八条）"),
    "arbitration": ("仲裁", "按仲裁协议向约定的仲裁委员会申请（《仲裁法》第四条）"),
    "labour_arbitration": (
        "劳动仲裁",
        "自知道权利被侵害之日起1年内申请（《劳动争议调解仲裁法》第二十七条）",
    ),
}

# --- handling -----------------------------------------------------------------------------------
# 申诉求决 items handled here run a 60-day clock from acceptance (Art. 31(6), 34); complex ones may be
# extended once, by at most 30 days, with the head's approval and the petitioner told why (Art. 34).
HANDLING = Rule("petitions.handling", "办理期限", 60, "calendar", f"{XF}第三十四条")
MAX_EXTENSION_DAYS = 30
MAX_EXTENSIONS = 1
EXTENSION_BASIS = f"{XF}第三十四条"
MEDIATION_BASIS = f"{XF}第三十三条"
REPLY_BASIS = f"{XF}第三十二条、{LU}第四十一条"

# --- 复查 and 复核 -----------------------------------------------------------------------------
REVIEW_WINDOW = Rule("petitions.review_window", "申请复查期限", 30, "calendar", f"{XF}第三十五条")
RE_REVIEW_WINDOW = Rule("petitions.re_review_window", "申请复核期限", 30, "calendar", f"{XF}第三十六条")
# Shandong: decide within 3 working days of receiving the request whether to accept it.
REVIEW_DECISION = Rule("petitions.review_decision", "复查受理决定期限", 3, "workday", f"{LU}第四十三条")
RE_REVIEW_DECISION = Rule("petitions.re_review_decision", "复核受理决定期限", 3, "workday", f"{LU}第四十四条")
# The answer within 30 days of receiving the request (Art. 35; 鲁 Art. 43 counts from the request).
REVIEW = Rule("petitions.review", "复查期限", 30, "calendar", f"{XF}第三十五条、{LU}第四十三条")
# 复核: the same, hearing time not counted (Art. 36).
RE_REVIEW = Rule("petitions.re_review", "复核期限", 30, "calendar", f"{XF}第三十六条、{LU}第四十四条")
FINAL_BASIS = f"{XF}第三十六条、{LU}第四十六条"
AFTERCARE_BASIS = f"{XF}第三十七条"

# --- follow-up ----------------------------------------------------------------------------------
# No national number: configurable, default a follow-up within 15 days of the reply (DOMAIN.md §1).
FOLLOW_UP_DAYS = int(getattr(settings, "FAZHI_PETITION_FOLLOW_UP_DAYS", 15))
FOLLOW_UP = Rule("petitions.follow_up", "回访期限", FOLLOW_UP_DAYS, "calendar", "本街道回访制度（可配置）")

# --- supervision ----------------------------------------------------------------------------------
SUPERVISION_BASIS = f"{XF}第三十九条、第四十条"
# Violations the sweep turns into supervision orders (Art. 43–46): not routed, no notice, not
# concluded in time.
VIOLATION_BASIS = f"{XF}第四十三条至第四十六条"

# --- similarity of content (repeat detection) ---------------------------------------------------
# Two matters by the same petitioner are "the same matter" at this similarity or above (a weighted
# token overlap, see similarity.py); measured on the labelled set in tests/test_similarity.py.
REPEAT_THRESHOLD = float(getattr(settings, "FAZHI_PETITION_REPEAT_THRESHOLD", 0.34))
