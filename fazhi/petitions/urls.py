from django.urls import path

from fazhi.petitions import views, views_more

urlpatterns = [
    path("", views.petition_list, name="petition_list"),
    path("new/", views.petition_new, name="petition_new"),
    path("check-repeat/", views.repeat_check, name="petition_repeat_check"),
    path("board/", views.board, name="petition_board"),
    path("indicators/", views.indicators, name="petition_indicators"),
    path("receptions/", views_more.receptions, name="petition_receptions"),
    path("receptions/<int:reception_id>/", views_more.reception_detail, name="petition_reception"),
    path("<int:petition_id>/", views.petition_detail, name="petition_detail"),
    path("<int:petition_id>/act/<str:action>/", views.petition_act, name="petition_act"),
    path("<int:petition_id>/documents/<str:kind>/", views.petition_document, name="petition_document"),
    path(
        "<int:petition_id>/attachments/<str:attachment_id>/",
        views.petition_attachment,
        name="petition_attachment",
    ),
    path(
        "<int:petition_id>/petitioners/<int:petitioner_id>/reveal/",
        views.petitioner_reveal,
        name="petitioner_reveal",
    ),
]
