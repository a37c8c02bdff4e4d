"""Accounts of the old Portal do Cidadão: import them with their old password hashes.

    python -m portal.legacy import contas.csv
"""
