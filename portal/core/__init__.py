"""What every room of the portal stands on: settings, the clock, the database, paths, abuse
limits, the password-hashing pool, log lines. Imports nothing of the portal outside core."""
