"""Citizen accounts: CPF, e-mail and password rules, sign-up, confirmation, sign-in, sessions."""
