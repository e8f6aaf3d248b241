#!/usr/bin/env bash
# `npm test`: every suite, in the order that fails fastest. Each step prints its name so a CI log shows where it stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_DISABLE_AUTOUPDATE=true SF_USE_GENERIC_UNIX_KEYCHAIN=true

step() { printf '\n=== %s ===\n' "$*"; }

step "system dependencies (chromium, postgresql, java 17)"
bash scripts/ensure-system-deps.sh

step "lint"
npm run --silent lint

step "format check (includes the Apex syntax gate: prettier-plugin-apex parses every .cls)"
npm run --silent format:check

step "type check"
npm run --silent typecheck

step "Salesforce checks without an org (ApexLink, PMD, metadata schema, Lightning Web Security)"
npm run --silent check:salesforce
# The proof that each check fails on a planted defect: two more runs of the Java tools, kept apart from the
# timing-sensitive service and emulator tests.
npx jest --config jest.config.service.js --selectProjects checks

step "service and emulator tests (unit, emulator, integration, release)"
npx jest --config jest.config.service.js --ignoreProjects checks

step "LWC tests"
npm run --silent test:lwc

step "browser end-to-end tests"
npm run --silent test:e2e
