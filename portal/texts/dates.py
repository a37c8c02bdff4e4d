"""How times, dates and waits are written, in Brasília time (``portal.local_time``, ``portal.help.hours``)."""

MOMENT_FORMAT = "%d/%m/%Y às %H:%M"
CLOCK_FORMAT = "%Hh%M"
DAY_MONTH_FORMAT = "%d/%m"
WEEKDAYS = (
    "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo",
)
WAIT_SECOND = ("segundo", "segundos")
WAIT_MINUTE = ("minuto", "minutos")
WAIT_HOUR = ("hora", "horas")
