"""``--format junit``: a JUnit XML test report (GitLab ``artifacts:reports:junit``, Jenkins).

One ``<testsuite>`` per file linted; each finding is a ``<testcase>`` with a ``<failure>`` (an
unreadable file gets an ``<error>``); a clean file is one passing ``<testcase>``, so the report
also shows what was checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from artlint.reporters import FileResult, Reporter

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


class JunitReporter(Reporter):
    def write_all(self, results: list[FileResult], files_checked: int) -> None:
        root = ET.Element("testsuites", name="artlint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for result in results:
            path = xml_text(result.path)
            suite = ET.SubElement(root, "testsuite", name=path)
            counts = {"tests": 0, "failures": 0, "errors": 0}
            for d in result.diagnostics:
                counts["tests"] += 1
                case = ET.SubElement(suite, "testcase", classname=f"artlint.{d.rule}",
                                     name=xml_text(f"{d.path}:{d.line}:{d.column} [{d.rule}]"),
                                     file=path, line=str(d.line))
                kind = "failure" if result.readable else "error"
                counts["failures" if kind == "failure" else "errors"] += 1
                detail = f"{d.path}:{d.line}:{d.column}: {d.severity} [{d.rule}] {d.message}"
                if d.match:
                    detail += f"\n    {d.match}"
                element = ET.SubElement(case, kind, type=d.rule, message=xml_text(d.message))
                element.text = xml_text(detail)
            if not result.diagnostics:
                counts["tests"] += 1
                ET.SubElement(suite, "testcase", classname="artlint", name=path, file=path)
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")
