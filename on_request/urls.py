from django.urls import path

from . import views

app_name = "on_request"

urlpatterns = [
    path("", views.apply_view, name="apply"),
    path("submitted/", views.submitted_view, name="submitted"),
    path("track/", views.track_view, name="track"),
    path("track/correct/", views.correct_view, name="correct"),
    path("track/withdraw/", views.withdraw_view, name="withdraw"),
    path("track/letter/<int:pk>.pdf", views.letter_view, name="letter"),
    path("track/file/<int:pk>/", views.reply_file_view, name="reply_file"),
]
