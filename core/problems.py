"""The one error type that carries a list of problems (a data file, an
import or a spreadsheet that cannot be used, with every reason)."""


class ProblemsError(Exception):
    """Raised when input cannot be used; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
