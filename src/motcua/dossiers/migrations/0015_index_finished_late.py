# The resolved dossiers that finished late (deadlines.finished_late_q): the city-wide overdue list.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0014_search_by_applicant_id"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(
                    ("finished_at__gt", models.F("due_at")),
                    ("status__in", ["rejected", "result_signed", "returned"]),
                ),
                fields=["-received_at", "-id"],
                name="dossier_finished_late",
            ),
        ),
    ]
