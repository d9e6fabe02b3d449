<#
.SYNOPSIS
    Runs the AuditHarness CLI with the given command and arguments and passes its exit code through.
.DESCRIPTION
    A thin wrapper for Windows Task Scheduler and Azure DevOps (PowerShell 7). It grows into the
    scheduled-audit entry point (-Spec, -Baseline, -Shard, ...) with the CI-gating issue.
.EXAMPLE
    ./run-audit.ps1 run audits/demo-dermoscopy.audit.json
#>
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateSet('run', 'verify', 'predict', 'layers', 'bench')]
    [string] $Command,

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Arguments
)

$project = Join-Path $PSScriptRoot 'src/AuditHarness.Cli'
& dotnet run --project $project -c Release -- $Command @Arguments
exit $LASTEXITCODE
