"""The simulated users of the load test, run by locust (started by `python -m bench.load`).

Four kinds of user, as the 少海街道 personas with API tokens: grid workers report and look up events,
the petitions clerk registers and searches petitions, the community clerk takes in disputes and records
mediation sittings, the leader watches the dashboard. Every id a 201 response hands back is written to
LOAD_CREATED at the end, so the harness can check each one is stored (no lost write).

Environment: LOAD_CONTEXT (JSON file: tokens, hosts, unit/org/mediator ids), LOAD_CREATED (output file).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from locust import FastHttpUser, between, events, task

CONTEXT: dict[str, Any] = json.loads(Path(os.environ["LOAD_CONTEXT"]).read_text(encoding="utf-8"))
HOSTS: list[str] = CONTEXT["hosts"]
_next_host = itertools.count()
CREATED: dict[str, list[int]] = defaultdict(list)
SESSIONS: Counter[int] = Counter()  # dispute id -> sittings the users were told were recorded
SENT: Counter[str] = Counter()  # write requests sent, by kind

SEARCH_WORDS = ["工资", "物业", "噪音", "拆迁", "漏水", "停车", "邻里", "补偿"]
EVENT_WORDS = ["井盖松动", "路灯不亮", "楼道堆物", "违章搭建", "垃圾满溢", "消防通道占用"]
PETITION_TEXTS = [
    "小区物业公司长期不维修电梯，要求解决",
    "包工头拖欠十二名工人工资十八万元，要求帮助追讨",
    "楼上住户装修噪音扰民，多次协商未果",
    "老旧小区雨水管道堵塞，雨天积水严重",
]


@events.quitting.add_listener
def _write_created(environment: Any, **_: Any) -> None:
    with open(os.environ["LOAD_CREATED"], "w", encoding="utf-8") as out:
        json.dump({"created": CREATED, "sessions": SESSIONS, "sent": SENT}, out, ensure_ascii=False)


class Persona(FastHttpUser):
    """A user signed in with an API token, on one of the app processes (round robin)."""

    abstract = True
    persona = ""
    wait_time = between(0.5, 2.5)

    def __init__(self, environment: Any) -> None:
        self.host = HOSTS[next(_next_host) % len(HOSTS)]
        super().__init__(environment)

    def on_start(self) -> None:
        self.auth = {"Authorization": f"Bearer {CONTEXT['tokens'][self.persona]}"}
        self.seen: list[int] = []

    def get(self, path: str, name: str | None = None, **params: Any) -> Any:
        with self.client.get(
            path, headers=self.auth, params=params, name=name or path, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return None
            return r.json()

    def post(self, path: str, body: dict[str, Any], name: str, kind: str | None = None) -> Any:
        if kind:
            SENT[kind] += 1
        with self.client.post(path, json=body, headers=self.auth, name=name, catch_response=True) as r:
            if r.status_code not in (200, 201):
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return None
            data = r.json()
            if kind and r.status_code == 201:
                CREATED[kind].append(data["id"])
            return data

    def browse(self, path: str, name: str, detail: str) -> None:
        page = self.get(path, name=name, page=random.randint(1, 3))
        if page and page["items"]:
            self.seen = [item["id"] for item in page["items"]]
        if self.seen:
            self.get(detail.format(random.choice(self.seen)), name=detail.format("{id}"))


class GridWorker(Persona):
    weight = 6

    def on_start(self) -> None:
        self.persona = random.choice(["grid_a1", "grid_b1"])
        super().on_start()

    @task(3)
    def events_list(self) -> None:
        self.browse("/api/v1/grid/events", "/api/v1/grid/events", "/api/v1/grid/events/{}")

    @task(2)
    def report_event(self) -> None:
        word = random.choice(EVENT_WORDS)
        body = {
            "category": "safety",
            "description": f"{word}，请尽快处理（负载测试）",
            "location": "锦秋路口",
        }
        self.post("/api/v1/grid/events", body, name="/api/v1/grid/events", kind="grid_event")

    @task(1)
    def residents_search(self) -> None:
        self.get(
            "/api/v1/people/residents", name="/api/v1/people/residents?q=", q=random.choice("张王李赵刘")
        )


class PetitionClerk(Persona):
    weight = 5
    persona = "clerk"

    @task(3)
    def petitions_list(self) -> None:
        self.browse("/api/v1/petitions/", "/api/v1/petitions/", "/api/v1/petitions/{}")

    @task(2)
    def petitions_search(self) -> None:
        self.get("/api/v1/petitions/", name="/api/v1/petitions/?q=", q=random.choice(SEARCH_WORDS))

    @task(2)
    def register(self) -> None:
        body = {
            "channel": random.choice(["letter", "visit"]),
            "received_on": date.today().isoformat(),
            "category": "claim",
            "content": random.choice(PETITION_TEXTS),
            "unit_id": random.choice(CONTEXT["grids"]),
            "petitioners": [
                {"name": random.choice(["张桂兰", "李大海", "王秀英", "刘建华"]), "phone": "13805431234"}
            ],
        }
        self.post("/api/v1/petitions/", body, name="/api/v1/petitions/", kind="petition")


class DisputeClerk(Persona):
    weight = 4
    persona = "community_a"

    def on_start(self) -> None:
        super().on_start()
        self.mediating: list[int] = []

    @task(3)
    def disputes_list(self) -> None:
        self.browse("/api/v1/disputes/cases", "/api/v1/disputes/cases", "/api/v1/disputes/cases/{}")

    @task(1)
    def intake(self) -> None:
        """Register a dispute, assign it to the community committee, record both parties' consent."""
        body = {
            "unit_id": CONTEXT["grids"][0],
            "category": "neighbour",
            "source": "screening",
            "summary": "楼道堆放杂物引发争吵（负载测试）",
            "parties": [{"name": "赵大勇"}, {"name": "钱桂兰"}],
        }
        case = self.post("/api/v1/disputes/cases", body, name="/api/v1/disputes/cases", kind="dispute")
        if case is None:
            return
        path = f"/api/v1/disputes/cases/{case['id']}"
        assign = {"org_id": CONTEXT["org"], "mediator_ids": [CONTEXT["mediator"]]}
        case = self.post(f"{path}/assign", assign, name="/api/v1/disputes/cases/{id}/assign")
        for party in (case or {}).get("parties", []):
            case = self.post(
                f"{path}/parties/{party['id']}/consent",
                {"consent": "agreed"},
                name="/api/v1/disputes/cases/{id}/parties/{id}/consent",
            )
        if case and case["status"] == "mediating":
            self.mediating.append(case["id"])

    @task(1)
    def export(self) -> None:
        """Start a residents export: a job for the worker (the database queue, or RQ with Redis)."""
        SENT["job"] += 1
        with self.client.post(
            "/api/v1/people/exports",
            json={"code": "people.residents", "params": {}},
            headers=self.auth,
            name="/api/v1/people/exports",
            catch_response=True,
        ) as r:
            if r.status_code != 202:
                r.failure(f"{r.status_code}: {r.text[:200]}")
                return
            CREATED["job"].append(r.json()["id"])

    @task(2)
    def sitting(self) -> None:
        if not self.mediating:
            return
        dispute = random.choice(self.mediating)
        body = {
            "held_on": date.today().isoformat(),
            "place": "调解室",
            "mediator_ids": [CONTEXT["mediator"]],
            "record": "双方陈述，调解员释法说理",
        }
        SENT["session"] += 1
        if self.post(
            f"/api/v1/disputes/cases/{dispute}/sessions",
            body,
            name="/api/v1/disputes/cases/{id}/sessions",
        ):
            SESSIONS[dispute] += 1


class Leader(Persona):
    weight = 2
    persona = "leader"

    @task(3)
    def dashboard(self) -> None:
        self.get("/api/v1/reports/indicators", name="/api/v1/reports/indicators")

    @task(1)
    def petitions_indicators(self) -> None:
        self.get("/api/v1/petitions/indicators", name="/api/v1/petitions/indicators")

    @task(1)
    def disputes(self) -> None:
        self.get("/api/v1/disputes/cases", name="/api/v1/disputes/cases")
