<#
.SYNOPSIS
    Runs an AuditHarness audit for Windows Task Scheduler or Azure DevOps (PowerShell 7) and passes its exit code through.
.DESCRIPTION
    Calls `run SPEC` of the CLI with the options below, prints where the report is, and exits with the CLI's code:
    0 pass (or warn), 1 a check or regression failed (or warned, with -FailOnWarn), 2 bad input, 3 broken run.
    Without -Out each run gets its own <UTC timestamp>_<id> folder under the spec's output root, and a row in the
    root's history.csv.
    The CLI it calls: $env:AUDIT_HARNESS_CLI when set (the installed tool, `audit-harness`, or a built
    audit-harness.dll); else this tree's Release build (src/AuditHarness.Cli/bin/Release/net10.0/audit-harness.dll,
    which needs no network; rebuild it after changing the code); else `dotnet run`, which builds it first.
.EXAMPLE
    ./run-audit.ps1 -Spec audits/demo-dermoscopy.audit.json
.EXAMPLE
    ./run-audit.ps1 -Spec audits/demo-dermoscopy.audit.json -Out runs/pr -Baseline runs/main -FailOnWarn
.EXAMPLE
    ./run-audit.ps1 -Spec audits/demo-dermoscopy.audit.json -Out runs/shard-2 -Shard 2/4
#>
param(
    [Parameter(Mandatory = $true)] [string] $Spec,
    [string] $Out,
    [string] $Baseline,
    [string] $Shard,
    [switch] $FailOnWarn
)

$cliArgs = @('run', $Spec)
if ($Out) { $cliArgs += @('--output', $Out) }
if ($Baseline) { $cliArgs += @('--baseline', $Baseline) }
if ($Shard) { $cliArgs += @('--shard', $Shard) }
if ($FailOnWarn) { $cliArgs += '--fail-on-warn' }

$cli = $env:AUDIT_HARNESS_CLI
$built = Join-Path $PSScriptRoot 'src/AuditHarness.Cli/bin/Release/net10.0/audit-harness.dll'
if (-not $cli -and (Test-Path $built)) { $cli = $built }

# Tee keeps the CLI's output visible while the last line tells us the run folder ("...; logs in <folder>").
if (-not $cli) {
    $project = Join-Path $PSScriptRoot 'src/AuditHarness.Cli'
    & dotnet run --project $project -c Release -- @cliArgs | Tee-Object -Variable lines
} elseif ($cli.EndsWith('.dll')) {
    & dotnet $cli @cliArgs | Tee-Object -Variable lines
} else {
    & $cli @cliArgs | Tee-Object -Variable lines
}
$code = $LASTEXITCODE

$folder = ($lines | Select-String -Pattern 'logs in (.+)$' | Select-Object -Last 1).Matches.Groups[1].Value
# On GitHub Actions, the run folder's summary.md (verdicts, failed checks, link to report.pdf) is made for the job
# summary: append it with  Get-Content (Join-Path $folder 'summary.md') | Add-Content $env:GITHUB_STEP_SUMMARY
if ($folder -and (Test-Path (Join-Path $folder 'report.pdf'))) {
    Write-Host "Report: $(Join-Path $folder 'report.pdf')"
} elseif ($folder) {
    Write-Host "Run folder: $folder (no report.pdf)"
}
exit $code
