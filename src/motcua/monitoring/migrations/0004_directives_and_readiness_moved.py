# Written by hand (issue 20, item 6): the directives and readiness models moved to their own apps
# (motcua.directives, motcua.readiness), which took them over in their 0001 with the same tables.
# Only Django's state forgets them here; the tables and their rows are left as they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('monitoring', '0003_dossiers_filed_by_organisations'),
        ('directives', '0001_initial'),
        ('readiness', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Urge'),
                migrations.DeleteModel(name='ProgressReport'),
                migrations.DeleteModel(name='Assignment'),
                migrations.DeleteModel(name='Directive'),
                migrations.DeleteModel(name='TrainingSession'),
                migrations.DeleteModel(name='PointResources'),
            ],
            database_operations=[],
        ),
    ]
