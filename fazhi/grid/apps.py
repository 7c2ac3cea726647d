from django.apps import AppConfig


class GridConfig(AppConfig):
    name = "fazhi.grid"
    label = "grid"
    verbose_name = "网格"

    def ready(self) -> None:
        from fazhi.core import indicators
        from fazhi.grid import indicators as grid_indicators
        from fazhi.grid import permissions as P
        from fazhi.grid import sections, todo
        from fazhi.grid.exports import register_exports
        from fazhi.org import permissions, roles
        from fazhi.people.profile import register_section
        from fazhi.workbench import menu
        from fazhi.workbench import todo as workbench_todo

        permissions.register(P.CATALOGUE)
        for role, perms in P.GRANTS.items():
            roles.grant(role, *perms)
        menu.register(
            menu.MenuItem("网格", "上报事件", "/grid/events/new/", P.REPORT, order=200),
            menu.MenuItem("网格", "网格事件", "/grid/events/", P.VIEW, order=201),
            menu.MenuItem("网格", "我的网格", "/grid/units/", P.VIEW, order=202),
            menu.MenuItem("网格", "积分联奖惩", "/grid/points/", P.VIEW, order=210),
            menu.MenuItem("网格", "四进网格活动", "/grid/activities/", P.VIEW, order=220),
            menu.MenuItem("网格", "干部联网格", "/grid/links/cadres/", P.VIEW, order=230),
            menu.MenuItem("网格", "党员联居民", "/grid/links/party/", P.VIEW, order=231),
            menu.MenuItem("网格", "网格名册", "/grid/roster/", P.VIEW, order=240),
        )
        workbench_todo.register(todo.grid_todo)
        register_section(sections.points_section)
        register_section(sections.party_section)
        register_section(sections.cadre_section)
        register_exports()
        indicators.register("网格", grid_indicators.source)
        grid_indicators.register_measures()
