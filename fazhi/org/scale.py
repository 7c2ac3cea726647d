"""County-scale org data: the county above its subdistricts, their departments, communities and grids
(materialised paths built in bulk, not one add_child per unit), one staff account per post, and the
benchmark personas with the demo password.

Accounts other than the personas get an unusable password: thousands of argon2 hashes would take
longer than the rest of the org stage, and nobody logs in as them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from fazhi.org import roles as R
from fazhi.org.models import Role, Unit, UnitKind, User
from fazhi.org.scalekit import ScaleContext
from fazhi.org.scalewords import PLACE_WORDS, SUBDISTRICT_NAMES, person_name

COUNTY_NAME, COUNTY_CODE = "博兴县", "BX"
DEPARTMENTS = [("党政办", "DZB"), ("综治中心", "ZZZX"), ("司法所", "SFS"), ("信访办", "XFB")]
ORDER = "一二三四五六七八九十"

# persona username -> (post, what it is), the accounts bench/ logs in as.
PERSONAS = {
    "county_leader": "县领导（全县）",
    "sd_leader": "街道领导（第1个街道）",
    "sd_clerk": "街道信访办工作人员（第1个街道）",
    "cm_clerk": "社区工作人员（第1个社区）",
    "grid_worker": "专职网格员（第1个网格）",
}


def _ordinal(n: int) -> str:
    if n <= 10:
        return ORDER[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ORDER[tens - 1]) + "十" + (ORDER[ones - 1] if ones else "")


def _spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal counts, each at least one."""
    base, extra = divmod(max(total, parts), parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _units(ctx: ScaleContext) -> list[Unit]:
    """The whole tree as unsaved Units with their treebeard paths (children numbered in code order)."""
    rng = ctx.rng
    n_sd = ctx.count("subdistricts")
    n_cm = max(ctx.count("communities"), n_sd)
    n_grid = max(ctx.count("grids"), n_cm)
    rows: list[Unit] = []

    def add(parent: Unit | None, step: int, **fields: Any) -> Unit:
        depth = 1 if parent is None else parent.depth + 1
        path = Unit._get_path(parent.path if parent else None, depth, step)
        unit = Unit(path=path, depth=depth, numchild=0, **fields)
        if parent is not None:
            parent.numchild += 1
        rows.append(unit)
        return unit

    county = add(None, 1, name=COUNTY_NAME, kind=UnitKind.COUNTY, code=COUNTY_CODE, phone="0543-2300000")
    communities_per_sd = _spread(n_cm, n_sd)
    grids_per_cm = _spread(n_grid, n_cm)
    used_names: set[str] = set()
    cm_index = 0
    for s in range(n_sd):
        sd_name = SUBDISTRICT_NAMES[s] if s < len(SUBDISTRICT_NAMES) else f"第{s + 1}"
        sd = add(county, s + 1, name=f"{sd_name}街道", kind=UnitKind.SUBDISTRICT, code=f"BX{s + 1:02d}")
        step = 0
        for name, code in DEPARTMENTS:
            step += 1
            add(sd, step, name=f"{sd_name}{name}", kind=UnitKind.DEPARTMENT, code=f"{sd.code}-{code}")
        for c in range(communities_per_sd[s]):
            step += 1
            word = rng.choice(PLACE_WORDS)
            name = f"{word}社区"
            while name in used_names:
                name = f"{rng.choice(PLACE_WORDS)}{rng.choice(PLACE_WORDS)[0]}社区"
            used_names.add(name)
            grids = grids_per_cm[cm_index]
            cm_index += 1
            cm = add(sd, step, name=name, kind=UnitKind.COMMUNITY, code=f"{sd.code}-C{c + 1:02d}")
            cm.households = 0
            for g in range(grids):
                households = rng.randint(150, 400)
                cm.households += households
                add(
                    cm,
                    g + 1,
                    name=f"{name}第{_ordinal(g + 1)}网格",
                    kind=UnitKind.GRID,
                    code=f"{cm.code}-G{g + 1:02d}",
                    households=households,
                    phone=f"0543-{rng.randint(2_000_000, 8_999_999)}",
                )
    return rows


def _account(username: str, display: str, unit: Unit, *, password: str) -> User:
    return User(
        username=username,
        display_name=display,
        unit=unit,
        password=password,
        password_changed_at=timezone.now(),
    )


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    R.roles_ensure_defaults()
    roles = {r.code: r for r in Role.objects.all()}
    units = _units(ctx)
    with ctx.progress.stage("单位", len(units)) as stage:
        ctx.insert(stage, Unit, units)
    saved = {u.code: u for u in Unit.objects.all()}  # pks (bulk_create of MP nodes keeps the paths)
    for kind in UnitKind.values:
        ctx.units[kind] = [
            {"id": u.pk, "code": u.code, "name": u.name, "path": u.path, "parent": u.path[: -Unit.steplen]}
            for u in sorted(saved.values(), key=lambda u: u.path)
            if u.kind == kind
        ]
    ctx.shared["unit_names"] = {u.pk: u.name for u in saved.values()}
    by_path = {u.path: u for u in saved.values()}
    parent_of = {u.pk: by_path[u.path[: -Unit.steplen]].pk for u in saved.values() if u.depth > 1}
    ctx.shared["parent_of"] = parent_of  # unit id -> parent unit id
    ctx.shared["sd_of"] = {  # unit id -> its subdistrict's id (grids, communities, departments)
        u.pk: by_path[u.path[: 2 * Unit.steplen]].pk for u in saved.values() if u.depth >= 2
    }

    persona_hash = make_password(ctx.password)
    unusable = make_password(None)
    posts: list[tuple[User, str]] = []  # (account, role code)

    def post(username: str, display: str, code: str, role: str) -> None:
        persona = username in PERSONAS
        user = _account(username, display, saved[code], password=persona_hash if persona else unusable)
        posts.append((user, role))

    county = ctx.units[UnitKind.COUNTY][0]
    post("county_leader", f"{person_name(rng)[0]}（县委政法委）", county["code"], R.LEADER)
    for i, sd in enumerate(ctx.units[UnitKind.SUBDISTRICT], start=1):
        first = i == 1
        post(
            "sd_leader" if first else f"sl{i:02d}",
            f"{person_name(rng)[0]}（{sd['name']}）",
            sd["code"],
            R.LEADER,
        )
        post(
            "sd_clerk" if first else f"sc{i:02d}",
            f"{person_name(rng)[0]}（{sd['name']}信访办）",
            f"{sd['code']}-XFB",
            R.OFFICE_CLERK,
        )
    for i, cm in enumerate(ctx.units[UnitKind.COMMUNITY], start=1):
        post(
            "cm_clerk" if i == 1 else f"cc{i:04d}",
            f"{person_name(rng)[0]}（{cm['name']}）",
            cm["code"],
            R.COMMUNITY_CLERK,
        )
    for i, grid in enumerate(ctx.units[UnitKind.GRID], start=1):
        post(
            "grid_worker" if i == 1 else f"gw{i:05d}",
            f"{person_name(rng)[0]}（{grid['name']}）",
            grid["code"],
            R.GRID_WORKER,
        )

    with ctx.progress.stage("工作人员账号", len(posts) * 2) as stage:
        users = ctx.insert(stage, User, [u for u, _ in posts])
        through = User.roles.through
        links = [
            through(user_id=u.pk, role_id=roles[role].pk) for u, (_, role) in zip(users, posts, strict=True)
        ]
        ctx.insert(stage, through, links)
    for user, (_, role) in zip(users, posts, strict=True):
        if user.username in PERSONAS:
            ctx.personas[user.username] = {
                "id": user.pk,
                "role": role,
                "unit_id": user.unit_id,
                "unit_code": user.unit.code if user.unit else "",
                "unit_name": user.unit.name if user.unit else "",
                "what": PERSONAS[user.username],
            }
    by_unit: dict[int, list[int]] = {}
    for user in users:
        by_unit.setdefault(user.unit_id or 0, []).append(user.pk)
    ctx.shared["staff_of_unit"] = by_unit  # unit id -> user ids posted there (first: the post holder)
    ctx.shared["clerk_of_sd"] = {
        sd["id"]: by_unit[saved[f"{sd['code']}-XFB"].pk][0] for sd in ctx.units[UnitKind.SUBDISTRICT]
    }
    ctx.users = {u.username: u for u in users if u.username in PERSONAS}
