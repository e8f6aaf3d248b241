#!/usr/bin/env bash
# Runs the package's Apex in a real org: creates a scratch org from config/project-scratch-def.json, deploys
# force-app, assigns GRAX_Setup_Admin, runs the Apex tests with code coverage, and deletes the org again. The
# offline checks only parse Apex; this is the run that compiles it, and it is required before every release.
#
# Needs an authorised Dev Hub (sf org login web --set-default-dev-hub). Without one it says so and exits 0, so it
# can sit in a pipeline that has no Salesforce login. GRAX_DEV_HUB=<alias|username> picks a Dev Hub explicitly.
# scripts/package-version.sh sources this file for resolve_dev_hub, skip_without_dev_hub, sf_cli and json_field.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MIN_COVERAGE_PERCENT=75

export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true

# The Salesforce CLI installed with the project's dev dependencies, else one on PATH.
sf_cli() {
  if [[ -x "$REPO_ROOT/node_modules/.bin/sf" ]]; then
    "$REPO_ROOT/node_modules/.bin/sf" "$@"
  else
    sf "$@"
  fi
}

# Prints a field of the JSON on stdin, addressed like result.devHubs (empty when absent).
json_field() {
  node -e '
    let input = "";
    process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
      let value;
      try {
        value = process.argv[1].split(".").reduce((node, key) => (node == null ? undefined : node[key]), JSON.parse(input));
      } catch {
        value = undefined;
      }
      if (value !== undefined && value !== null) {
        process.stdout.write(typeof value === "string" ? value : JSON.stringify(value));
      }
    });
  ' "$1"
}

# Says that $1 is skipped because no Dev Hub is authorised, and how to authorise one, then exits 0 (so a pipeline
# without a Salesforce login passes).
skip_without_dev_hub() {
  echo "Skipping $1: no Dev Hub is authorised."
  echo "Authorise one with 'sf org login web --set-default-dev-hub --alias grax-devhub' (or set GRAX_DEV_HUB), then run it again."
  exit 0
}

# Prints the Dev Hub to use: GRAX_DEV_HUB, else the configured target-dev-hub, else the default (or only connected)
# Dev Hub that `sf org list` knows. Prints nothing when there is none.
resolve_dev_hub() {
  if [[ -n "${GRAX_DEV_HUB:-}" ]]; then
    printf '%s' "$GRAX_DEV_HUB"
    return
  fi
  local configured
  configured="$(sf_cli config get target-dev-hub --json 2>/dev/null | json_field 'result.0.value' || true)"
  if [[ -n "$configured" ]]; then
    printf '%s' "$configured"
    return
  fi
  sf_cli org list --json 2>/dev/null | node -e '
    let input = "";
    process.stdin.on("data", (chunk) => (input += chunk)).on("end", () => {
      let hubs = [];
      try {
        hubs = JSON.parse(input).result.devHubs || [];
      } catch {
        hubs = [];
      }
      const connected = hubs.filter((hub) => !hub.connectedStatus || hub.connectedStatus === "Connected");
      const hub = connected.find((candidate) => candidate.isDefaultDevHubUsername) || connected[0];
      if (hub) process.stdout.write(hub.alias || hub.username);
    });
  ' || true
}

# Fails unless every test passed and org-wide coverage reaches MIN_COVERAGE_PERCENT; prints the summary.
report_test_run() {
  node -e '
    const fs = require("fs");
    const [file, minimum] = process.argv.slice(1);
    const run = JSON.parse(fs.readFileSync(file, "utf8"));
    const summary = (run.result && run.result.summary) || {};
    const failures = ((run.result && run.result.tests) || []).filter((test) => test.Outcome !== "Pass");
    for (const test of failures) console.error(`FAILED ${test.FullName}: ${test.Message}`);
    const coverage = parseFloat(String(summary.orgWideCoverage || summary.testRunCoverage || "0"));
    console.log(`Apex tests: ${summary.passing || 0} passed, ${summary.failing || 0} failed; org-wide coverage ${coverage}%`);
    if (failures.length || summary.outcome === "Failed") process.exit(1);
    if (coverage < Number(minimum)) {
      console.error(`Coverage ${coverage}% is below the ${minimum}% Salesforce requires to promote a package version.`);
      process.exit(1);
    }
  ' "$1" "$MIN_COVERAGE_PERCENT"
}

main() {
  cd "$REPO_ROOT"
  local dev_hub
  dev_hub="$(resolve_dev_hub)"
  [[ -n "$dev_hub" ]] || skip_without_dev_hub "the scratch-org test"

  local alias="grax-connect-test-$(date +%s)"
  local results_dir="$REPO_ROOT/test-artifacts/apex"
  mkdir -p "$results_dir"
  trap "sf_cli org delete scratch --target-org '$alias' --no-prompt >/dev/null 2>&1 || true" EXIT

  echo "Creating scratch org $alias with Dev Hub $dev_hub"
  sf_cli org create scratch --definition-file config/project-scratch-def.json --alias "$alias" \
    --target-dev-hub "$dev_hub" --duration-days 1 --wait 20

  echo "Deploying force-app"
  sf_cli project deploy start --source-dir force-app --target-org "$alias" --wait 30

  echo "Assigning permission set GRAX_Setup_Admin"
  sf_cli org assign permset --name GRAX_Setup_Admin --target-org "$alias"

  echo "Running Apex tests with code coverage"
  local result_file="$results_dir/test-run.json"
  sf_cli apex run test --target-org "$alias" --test-level RunLocalTests --code-coverage --wait 30 --json \
    >"$result_file" || true
  report_test_run "$result_file"
  echo "Full results: $result_file"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
