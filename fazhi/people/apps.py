from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "fazhi.people"
    label = "people"
    verbose_name = "居民与重点人员"

    def ready(self) -> None:
        from fazhi.core import indicators
        from fazhi.org import permissions, roles
        from fazhi.people import indicators as people_indicators
        from fazhi.people import permissions as P
        from fazhi.people import sections, todo
        from fazhi.people.exports import register_exports
        from fazhi.people.profile import register_section
        from fazhi.workbench import menu
        from fazhi.workbench import todo as workbench_todo

        permissions.register(P.CATALOGUE)
        for role, perms in P.GRANTS.items():
            roles.grant(role, *perms)
        menu.register(
            menu.MenuItem("居民与重点人员", "居民信息", "/people/residents/", P.VIEW, order=300),
            menu.MenuItem("居民与重点人员", "楼栋与住户", "/people/buildings/", P.VIEW, order=301),
            menu.MenuItem("居民与重点人员", "重点人员", "/people/keypersons/", P.KEYPERSONS, order=310),
            menu.MenuItem("居民与重点人员", "走访记录", "/people/visits/", P.KEYPERSONS, order=311),
            menu.MenuItem("居民与重点人员", "导出申请", "/people/exports/", P.KEYPERSONS, order=312),
        )
        workbench_todo.register(todo.visits_due)
        register_section(sections.household_section)
        register_section(sections.grid_section)
        register_section(sections.keyperson_section)
        register_exports()
        indicators.register("重点人员", people_indicators.source)
        people_indicators.register_measures()
