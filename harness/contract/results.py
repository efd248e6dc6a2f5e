"""What a contract run found: per operation, the examples sent, the failures and the time."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Distinct failures kept per operation (every example of a broken reply fails alike).
MAX_FAILURES = 5


@dataclass
class OperationResult:
    """One operation of a spec: how many examples were sent and what failed."""

    name: str
    examples: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str | None = None

    kinds: set[str] = field(default_factory=set)

    def fail(self, message: str, kind: str | None = None) -> None:
        """Record a failure once per ``kind`` (default: its first line), up to
        ``MAX_FAILURES``."""
        text = message.strip() or "failure"
        kind = kind or text.splitlines()[0]
        if len(self.failures) < MAX_FAILURES and kind not in self.kinds:
            self.kinds.add(kind)
            self.failures.append(text)

    @property
    def ok(self) -> bool:
        """No failure (a skipped operation is not a failure)."""
        return not self.failures


@dataclass
class SpecResult:
    """One spec checked against one server."""

    spec: str
    base_url: str
    protocol: str
    operations: list[OperationResult] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every operation passed."""
        return all(op.ok for op in self.operations)

    @property
    def examples(self) -> int:
        """Examples sent over every operation."""
        return sum(op.examples for op in self.operations)

    @property
    def failures(self) -> int:
        """Distinct failures over every operation."""
        return sum(len(op.failures) for op in self.operations)
