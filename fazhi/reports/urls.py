from django.urls import path

from fazhi.reports import views

urlpatterns = [
    path("", views.dashboard, name="reports_dashboard"),
    path("annual/", views.report_list, name="reports_annual"),
    path("annual/<int:report_id>/", views.report_detail, name="reports_annual_detail"),
    path("annual/<int:report_id>/edit/", views.report_edit, name="reports_annual_edit"),
    path("annual/<int:report_id>/finalise/", views.report_finalise, name="reports_annual_finalise"),
    path("annual/<int:report_id>/regenerate/", views.report_regenerate, name="reports_annual_regenerate"),
    path("annual/<int:report_id>/docx/", views.report_docx, name="reports_annual_docx"),
    path("annual/<int:report_id>/versions/", views.report_versions, name="reports_annual_versions"),
    path("annual/<int:report_id>/versions/<int:number>/", views.version_detail, name="reports_version"),
    path(
        "annual/<int:report_id>/versions/<int:number>/restore/", views.version_restore, name="reports_restore"
    ),
    path(
        "annual/<int:report_id>/versions/<int:number>/docx/", views.report_docx, name="reports_version_docx"
    ),
    path(
        "annual/<int:report_id>/versions/<int:number>/figures/<str:code>/",
        views.figure_detail,
        name="reports_figure",
    ),
    path("bulletin/", views.bulletin, name="reports_bulletin"),
    path("bulletin/docx/", views.bulletin_docx, name="reports_bulletin_docx"),
    path("targets/", views.targets, name="reports_targets"),
]
