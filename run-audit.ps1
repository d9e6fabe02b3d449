<#
.SYNOPSIS
    Runs the AuditHarness CLI with the given command and arguments and passes its exit code through.
.DESCRIPTION
    A thin wrapper for Windows Task Scheduler and Azure DevOps (PowerShell 7). It grows into the
    scheduled-audit entry point (-Spec, -Baseline, -Shard, ...) once the audit command exists.
.EXAMPLE
    ./run-audit.ps1 predict --model datasets/demo-dermoscopy/models/shortcut_e2e.onnx --source datasets/demo-dermoscopy/audit/images
#>
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [ValidateSet('predict', 'layers', 'bench')]
    [string] $Command,

    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]] $Arguments
)

$project = Join-Path $PSScriptRoot 'src/AuditHarness.Cli'
& dotnet run --project $project -c Release -- $Command @Arguments
exit $LASTEXITCODE
