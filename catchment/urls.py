from django.urls import path

from . import views

app_name = "catchment"

urlpatterns = [
    path("", views.finder_view, name="finder"),
    path("zones/", views.zone_list_view, name="zones"),
    path("zones/<year:year>.csv", views.zones_csv_view, name="zones_csv"),
]
