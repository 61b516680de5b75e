#!/usr/bin/env node
// Runs every test with vitest and ends with the plain summary line CI reads: "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const out = "test-results/vitest.json";
fs.mkdirSync("test-results", { recursive: true });
fs.rmSync(out, { force: true });
const run = spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)], { stdio: "inherit" });
let passed = 0, failed = 0, skipped = 0;
if (fs.existsSync(out)) {
  const r = JSON.parse(fs.readFileSync(out, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = r.numPendingTests + r.numTodoTests;
  // A file that fails to load has no tests: count it as a failure, never as nothing.
  failed += r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
} else {
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
