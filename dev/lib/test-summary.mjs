// The closing line of `make test`, from the three runners' machine-readable reports:
// cargo-nextest's JUnit XML, Vitest's JSON and Playwright's JSON. A missing or unreadable
// report counts as a failure of that runner, never as zero tests.
//
//   node dev/lib/test-summary.mjs JUNIT_XML VITEST_JSON PLAYWRIGHT_JSON
//
// Prints one line per runner and `total: N passed, N failed`; exits 1 when anything
// failed or a report is missing.
import { readFileSync } from "node:fs";

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Passed and failed test cases of a JUnit report (nextest writes one per test). */
export function junit(xml) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const cases = xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g);
  for (const [, , inner = ""] of cases) {
    if (/<(failure|error)\b/.test(inner)) failed += 1;
    else if (/<skipped\b/.test(inner)) skipped += 1;
    else passed += 1;
  }
  return { passed, failed, skipped };
}

function vitest(json) {
  const report = JSON.parse(json);
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwright(json) {
  const { stats } = JSON.parse(json);
  return {
    passed: stats.expected,
    failed: stats.unexpected + stats.flaky,
    skipped: stats.skipped,
  };
}

const [junitPath, vitestPath, playwrightPath] = process.argv.slice(2);
const runners = [
  ["rust (nextest)", junitPath, junit],
  ["web (vitest)", vitestPath, vitest],
  ["browser (playwright)", playwrightPath, playwright],
];
let passed = 0;
let failed = 0;
for (const [name, path, parse] of runners) {
  const text = path === undefined ? undefined : read(path);
  let counts;
  try {
    counts = text === undefined ? undefined : parse(text);
  } catch {
    counts = undefined;
  }
  if (counts === undefined) {
    console.log(`${name}: no readable report at ${path ?? "(none given)"}`);
    failed += 1;
    continue;
  }
  console.log(
    `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  passed += counts.passed;
  failed += counts.failed;
}
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
