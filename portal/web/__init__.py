"""The parts of the web app that are not pages: HTTP endpoints and background tasks."""
