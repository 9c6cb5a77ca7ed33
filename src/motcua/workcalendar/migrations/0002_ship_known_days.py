from django.db import migrations

# The days known when this was written (Dispatch 12729/VPCP-KGVX for New Year 2026 and the
# earlier swaps), copied here so later edits of the seed never rewrite history.
DAYS = [
    ("2024-05-04", "working", "Saturday worked for Monday 29/04/2024",
     "Government Office, 2024 holiday schedule for civil servants"),
    ("2025-04-26", "working", "Saturday worked for Friday 02/05/2025", "Dispatch 8726/VPCP-KGVX"),
    ("2026-01-02", "off", "New Year 2026: Friday off, swapped with Saturday 10/01/2026",
     "Dispatch 12729/VPCP-KGVX of 25/12/2025"),
    ("2026-01-10", "working", "Saturday worked for Friday 02/01/2026",
     "Dispatch 12729/VPCP-KGVX of 25/12/2025"),
    ("2026-08-22", "working", "Saturday worked for Monday 31/08/2026",
     "2026 holiday schedule for civil servants (e.g. Can Tho Notice 109/TB-UBND of 06/11/2025)"),
]


def ship(apps, schema_editor):
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    for day, kind, name, source in DAYS:
        CalendarDay.objects.update_or_create(
            day=day, defaults={"kind": kind, "name": name, "source": source}
        )


def unship(apps, schema_editor):
    apps.get_model("workcalendar", "CalendarDay").objects.filter(
        day__in=[d[0] for d in DAYS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]
    operations = [migrations.RunPython(ship, unship)]
