"""Reports of a contract run: a console table per operation, JUnit XML and JSON.

Every text passes through the run's redactor before it is written: no credential reaches a
report.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from harness.contract.results import SpecResult
from harness.runner.reports.junit import _xml


def console(results: Iterable[SpecResult], out: TextIO) -> None:
    """One line per operation (examples, failures, time), each failure below it, a total."""
    results = list(results)
    for spec in results:
        out.write(f"{spec.spec} ({spec.protocol}) at {spec.base_url}\n")
        out.writelines(f"  note: {note}\n" for note in spec.notes)
        for op in spec.operations:
            state = "SKIP" if op.skipped and not op.examples else ("ok" if op.ok else "FAIL")
            extra = f"  ({op.skipped})" if op.skipped else ""
            out.write(
                f"  {state:<4} {op.name:<34} {op.examples:>5} examples  "
                f"{len(op.failures)} failure(s)  {op.seconds:6.2f} s{extra}\n"
            )
            out.writelines(
                f"       | {line}\n" for failure in op.failures for line in failure.splitlines()
            )
    ops = sum(len(s.operations) for s in results)
    out.write(
        f"{len(results)} spec(s), {ops} operations, {sum(s.examples for s in results)} examples, "
        f"{sum(s.failures for s in results)} failure(s) in "
        f"{sum(s.seconds for s in results):.1f} s\n"
    )


def to_json(results: list[SpecResult]) -> dict[str, Any]:
    """The JSON report."""
    specs = [
        {
            "spec": s.spec,
            "protocol": s.protocol,
            "base_url": s.base_url,
            "seconds": round(s.seconds, 3),
            "notes": s.notes,
            "operations": [
                {
                    "operation": op.name,
                    "examples": op.examples,
                    "failures": op.failures,
                    "skipped": op.skipped,
                    "seconds": round(op.seconds, 3),
                }
                for op in s.operations
            ],
        }
        for s in results
    ]
    ok = all(spec.ok for spec in results)
    return {"ok": ok, "specs": specs}


def write_json(results: list[SpecResult], path: Path) -> None:
    """Write the JSON report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(to_json(results), indent=2) + "\n", encoding="utf-8")


def write_junit(results: Iterable[SpecResult], path: Path) -> None:
    """One test suite per spec, one test case per operation."""
    suites = ET.Element("testsuites", name="chansim contract")
    for spec in results:
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f"contract.{spec.spec}",
            tests=str(len(spec.operations)),
            failures=str(sum(not op.ok for op in spec.operations)),
            errors="0",
            skipped=str(sum(bool(op.skipped and not op.examples) for op in spec.operations)),
            time=f"{spec.seconds:.3f}",
        )
        for op in spec.operations:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"contract.{spec.spec}",
                name=_xml(op.name),
                time=f"{op.seconds:.3f}",
            )
            if op.failures:
                first = op.failures[0].splitlines()[0]
                ET.SubElement(case, "failure", message=_xml(first), type="contract").text = _xml(
                    "\n\n".join(op.failures)
                )
            elif op.skipped and not op.examples:
                ET.SubElement(case, "skipped", message=_xml(op.skipped))
            ET.SubElement(case, "system-out").text = f"{op.examples} examples"
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)
