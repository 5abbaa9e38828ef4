"""What the management commands share to print a report."""


def write_labelled(stream, label, lines):
    """Writes each of `lines` as "[label] line", the form in which every
    command lists what it did, would do or refused."""
    for line in lines:
        stream.write(f"[{label}] {line}")
