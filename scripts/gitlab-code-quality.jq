# firecrash's JSON report (docs/report-format.md) as a GitLab Code Quality
# report:  jq -f scripts/gitlab-code-quality.jq firecrash.json > gl-code-quality-report.json
[.findings[] | {
  description: .message,
  check_name: .check,
  fingerprint: .fingerprint,
  severity: (if .severity == "error" then "major" else "minor" end),
  location: {path: .file, lines: {begin: .line}}
}]
