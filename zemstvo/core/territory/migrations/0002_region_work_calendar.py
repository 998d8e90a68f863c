from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('territory', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='region',
            name='work_calendar',
            field=models.CharField(default='ru', help_text='ru — федеральный; ru-tatar — федеральный и праздники Татарстана.', max_length=40, verbose_name='производственный календарь'),
        ),
    ]
