"""What every command shares: exit codes and wording."""

EXIT_OK, EXIT_CHANGES, EXIT_ERROR = 0, 1, 2


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
