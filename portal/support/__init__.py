"""Support requests ("Solicitar auxílio"): protocol numbers, the citizen's form, the staff desk."""
