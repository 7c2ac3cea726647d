"""The people app's permission codes and what the built-in roles get (registered in apps.ready)."""

from __future__ import annotations

VIEW = "people.view"
MANAGE = "people.manage"
KEYPERSONS = "people.keypersons"
KEYPERSONS_EXPORT_APPROVE = "people.keypersons_export_approve"

CATALOGUE = {
    VIEW: "查看居民信息（一人一档）",
    MANAGE: "登记、修改、导入居民与房屋",
    KEYPERSONS: "重点人员服务管理（走访、专班、帮扶）",
    KEYPERSONS_EXPORT_APPROVE: "审批重点人员导出",
}

# grid_worker: their grid (scope UNIT), records visits; community_clerk: the community; office_clerk:
# the subdistrict and the export approval; leader: view only; adviser: nothing here.
GRANTS = {
    "grid_worker": [VIEW, MANAGE, KEYPERSONS],
    "community_clerk": [VIEW, MANAGE, KEYPERSONS],
    "office_clerk": [VIEW, MANAGE, KEYPERSONS, KEYPERSONS_EXPORT_APPROVE],
    "leader": [VIEW],
}
