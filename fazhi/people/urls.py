from django.urls import path

from fazhi.people.views import keypersons, residents

urlpatterns = [
    path("residents/", residents.residents, name="people_residents"),
    path("residents/new/", residents.resident_new, name="people_resident_new"),
    path("residents/<int:resident_id>/", residents.resident_detail, name="people_resident"),
    path(
        "residents/<int:resident_id>/reveal/<str:field>/",
        residents.resident_reveal,
        name="people_resident_reveal",
    ),
    path("residents/<int:resident_id>/keyperson/", keypersons.keyperson_new, name="people_keyperson_new"),
    path("buildings/", residents.buildings, name="people_buildings"),
    path("buildings/<int:building_id>/", residents.building_detail, name="people_building"),
    path("households/<int:household_id>/", residents.household_detail, name="people_household"),
    path("keypersons/", keypersons.keypersons, name="people_keypersons"),
    path("keypersons/<int:key_person_id>/", keypersons.keyperson_detail, name="people_keyperson"),
    path("keypersons/<int:key_person_id>/visit/", keypersons.visit_new, name="people_visit_new"),
    path(
        "keypersons/<int:key_person_id>/<str:action>/",
        keypersons.keyperson_action,
        name="people_keyperson_action",
    ),
    path("visits/", keypersons.visits, name="people_visits"),
    path("exports/", keypersons.export_requests, name="people_export_requests"),
    path(
        "exports/<int:request_id>/<str:action>/",
        keypersons.export_request_act,
        name="people_export_request_act",
    ),
]
