#!/usr/bin/env bash
# Creates a version of the GRAX Connect unlocked package with `sf package version create --code-coverage` and prints
# its install links. Salesforce installs a version in production orgs only after it is promoted, and promotion needs
# at least 75% Apex code coverage, which --code-coverage measures while building the version.
#
# Needs an authorised Dev Hub (see scripts/scratch-org-test.sh); without one it says so and exits 0.
# GRAX_PACKAGE_INSTALL_KEY=<key> protects the version with an installation key; without it anyone with the link can
# install it. Run scripts/scratch-org-test.sh first: a version build fails late and slowly on broken Apex.
set -euo pipefail

# shellcheck source=scripts/scratch-org-test.sh
source "$(dirname "${BASH_SOURCE[0]}")/scratch-org-test.sh"

PACKAGE_NAME="GRAX Connect"

main_package_version() {
  cd "$REPO_ROOT"
  local dev_hub
  dev_hub="$(resolve_dev_hub)"
  [[ -n "$dev_hub" ]] || skip_without_dev_hub "the package version"

  if [[ -z "$(json_field "packageAliases.$PACKAGE_NAME" <sfdx-project.json)" ]]; then
    echo "sfdx-project.json has no package alias \"$PACKAGE_NAME\": the package does not exist in Dev Hub $dev_hub yet."
    echo "Create it once (this records its 0Ho id in sfdx-project.json; commit that change):"
    echo "  sf package create --name \"$PACKAGE_NAME\" --package-type Unlocked --path force-app --no-namespace --target-dev-hub $dev_hub"
    exit 1
  fi

  local key_args=(--installation-key-bypass)
  if [[ -n "${GRAX_PACKAGE_INSTALL_KEY:-}" ]]; then
    key_args=(--installation-key "$GRAX_PACKAGE_INSTALL_KEY")
  fi

  echo "Creating a version of \"$PACKAGE_NAME\" with Apex code coverage (this takes several minutes)"
  local created
  created="$(sf_cli package version create --package "$PACKAGE_NAME" "${key_args[@]}" --code-coverage \
    --target-dev-hub "$dev_hub" --wait 60 --json)" || {
    printf '%s\n' "$created" | json_field 'message' >&2
    echo >&2
    exit 1
  }
  local version_id
  version_id="$(printf '%s' "$created" | json_field 'result.SubscriberPackageVersionId')"
  if [[ -z "$version_id" ]]; then
    echo "The package version was not created:" >&2
    printf '%s\n' "$created" >&2
    exit 1
  fi

  local report coverage passed
  report="$(sf_cli package version report --package "$version_id" --target-dev-hub "$dev_hub" --json)"
  coverage="$(printf '%s' "$report" | json_field 'result.CodeCoverage.apexCodeCoveragePercentage')"
  passed="$(printf '%s' "$report" | json_field 'result.HasPassedCodeCoverageCheck')"

  echo
  echo "Created package version $version_id (Apex code coverage ${coverage:-unknown}%)."
  echo "Install in a sandbox:    https://test.salesforce.com/packaging/installPackage.apexp?p0=$version_id"
  echo "Install in production:   https://login.salesforce.com/packaging/installPackage.apexp?p0=$version_id"
  echo "Or: sf package install --package $version_id --target-org <alias> --wait 20"
  echo
  echo "Production orgs install only promoted versions, and promotion needs at least 75% Apex code coverage."
  if [[ "$passed" == "true" ]]; then
    echo "This version passed the coverage check. Promote it with:"
    echo "  sf package version promote --package $version_id --target-dev-hub $dev_hub"
  else
    echo "This version did NOT pass the coverage check: raise coverage (scripts/scratch-org-test.sh shows it) before promoting."
  fi
}

main_package_version "$@"
