"""JUnit XML: one test case per scenario; a failed one holds one ``failure`` element (an
errored one, ``error``) whose message names the first unmet check and whose text lists every
one, with expected, actual and the channel calls."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from harness.runner.checks.matching import show
from harness.runner.execution.results import ERROR, FAILED, SKIPPED, RunResult, ScenarioResult

#: Characters XML 1.0 cannot hold (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(result: ScenarioResult) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=result.id.rsplit(".", 1)[0] if "." in result.id else "scenarios",
        name=_xml(result.name),
        file=_xml(result.file),
        time=f"{result.duration_ms / 1000:.3f}",
    )
    if result.status == SKIPPED:
        ET.SubElement(case, "skipped", message=_xml(result.reason or "skipped"))
    if result.status in (FAILED, ERROR):
        tag = "failure" if result.status == FAILED else "error"
        first = result.failures[0] if result.failures else None
        message = f"{result.file}:{first.line}: {first.check}: {first.message}" if first else ""
        element = ET.SubElement(
            case, tag, message=_xml(message), type=first.check if first else tag
        )
        lines = []
        for failure in result.failures:
            lines.append(f"{result.file}:{failure.line}: {failure.check}: {failure.message}")
            if failure.expected is not None or failure.actual is not None:
                lines.append(f"  expected: {show(failure.expected)}")
                lines.append(f"  actual:   {show(failure.actual)}")
            lines += [f"  {j}" for j in failure.journal]
        element.text = _xml("\n".join(lines))
    steps = [f"line {s.line} {s.step}: {s.status} {s.detail}".rstrip() for s in result.steps]
    if steps:
        ET.SubElement(case, "system-out").text = _xml("\n".join(steps))
    return case


def render(run: RunResult) -> str:
    """The JUnit XML document."""
    suite = ET.Element(
        "testsuite",
        name="chansim scenarios",
        tests=str(len(run.scenarios)),
        failures=str(run.count(FAILED)),
        errors=str(run.count(ERROR)),
        skipped=str(run.count(SKIPPED)),
        time=f"{run.duration_ms / 1000:.3f}",
    )
    suite.extend(_case(s) for s in run.scenarios)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write(run: RunResult, path: Path) -> None:
    """Write the JUnit file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(run), encoding="utf-8")
