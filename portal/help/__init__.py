"""Help center: support opening hours and the help pages' content, as plain data (no Reflex)."""
