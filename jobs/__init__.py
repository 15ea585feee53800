"""The arq worker and its tasks; every task is idempotent, because arq runs a job at least once."""
