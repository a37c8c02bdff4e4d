"""Mail: messages built from templates, a transactional outbox, the SMTP sender, the dev catcher."""
