using System.Globalization;
using System.Text;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// Writes <c>summary.md</c>: one page of Markdown for a CI job summary (<c>$GITHUB_STEP_SUMMARY</c>) or a pull-request
/// comment: the overall verdict, each model's verdict and role, a table of the checks that did not pass (estimate,
/// interval, threshold) and a relative link to <c>report.pdf</c> beside it. Written atomically, numbers invariant.
/// </summary>
public sealed class SummaryMarkdownExporter : IExporter
{
    public const string FileName = "summary.md";

    /// <summary>Rows of the not-passed table; beyond them one line says how many more the report lists (keeps it one page).</summary>
    public const int MaxRows = 25;

    public string Name => "markdown";

    public string OutputFile => FileName;

    public IReadOnlyList<string> Export(AuditSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        using AtomicFile file = AtomicFile.Create(Path.Combine(folder, FileName));
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(Render(summary));
        file.Stream.Write(bytes);
        file.Commit();
        return [file.DestinationPath];
    }

    /// <summary>The Markdown text (LF line ends).</summary>
    public static string Render(AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"## {Emoji(summary)} Audit `{summary.AuditName}`: **{ReportComposer.OverallVerdict(summary)}**");
        Line();
        var facts = new List<string> { $"run `{ReportIdentity.RunIdText(summary)}`", $"document `{ReportIdentity.DocumentId(summary)}` rev. {Int(ReportIdentity.Revision)}" };
        if (summary.Provenance is { } provenance)
        {
            facts.Add($"policy `{provenance.PolicyName}`");
        }

        facts.Add($"full report: [{PdfReportExporter.FileName}]({PdfReportExporter.FileName})");
        Line(string.Join(" · ", facts));
        if (summary.Provenance?.Description is { Length: > 0 } description)
        {
            Line();
            Line("> " + OneLine(description));
        }

        if (summary.Models.Count > 0)
        {
            Line();
            Line("| model | role | verdict | checks not passed |");
            Line("| --- | --- | --- | --- |");
            foreach (ModelAuditSummary model in summary.Models)
            {
                int open = model.Checks.Count(c => c.Verdict != Verdict.Pass);
                string role = SpecEnum.Name(model.Role) + (model.Role == ModelRole.Reference ? " (decides nothing)" : string.Empty);
                Line($"| {Cell(model.Model)} | {role} | **{VerdictText.Of(model.Verdict)}** | {Int(open)} of {Int(model.Checks.Count)} |");
            }
        }

        CheckResult[] notPassed = [.. summary.Models.SelectMany(m => m.Checks).Where(c => c.Verdict != Verdict.Pass)];
        if (notPassed.Length > 0)
        {
            var references = new HashSet<string>(summary.Models.Where(m => m.Role == ModelRole.Reference).Select(m => m.Model), StringComparer.Ordinal);
            double confidence = summary.Bootstrap?.Confidence ?? summary.Provenance?.Bootstrap.Confidence ?? Core.Statistics.BootstrapInterval.DefaultConfidence;
            Line();
            Line("### Checks not passed");
            Line();
            Line($"| model | check | artifact | verdict | estimate | {ReportText.ConfidenceLevel(confidence)} CI | threshold | n |");
            Line("| --- | --- | --- | --- | ---: | --- | --- | ---: |");
            foreach (CheckResult check in notPassed.Take(MaxRows))
            {
                string model = Cell(check.Model) + (references.Contains(check.Model) ? " (ref.)" : string.Empty);
                Line($"| {model} | {Cell(check.Check.Id)} | {Cell(check.ArtifactType)} | {VerdictText.Of(check.Verdict)} | {CheckReason.Number(check.Estimate)} | {CheckReason.Interval(check)} | {CheckReason.Threshold(check.Check)} | {Int(check.Pairs)} |");
            }

            if (notPassed.Length > MaxRows)
            {
                Line();
                Line($"…and {Int(notPassed.Length - MaxRows)} more in [{PdfReportExporter.FileName}]({PdfReportExporter.FileName}).");
            }
        }
        else if (summary.Models.Count > 0)
        {
            Line();
            Line("Every check of every model passed.");
        }

        if (summary.Baseline is { } baseline)
        {
            int regressions = baseline.Results.Count(r => r.Verdict != Verdict.Pass);
            Line();
            Line($"Change since baseline: **{VerdictText.Of(baseline.Verdict)}** ({Int(regressions)} of {Int(baseline.Results.Count)} regression checks not passed).");
        }

        if (summary.IsBroken)
        {
            Line();
            Line($"**BROKEN**: a model's share of failed pairs exceeds the maximum error rate {CheckReason.Number(summary.MaxErrorRate)}; see `errors.csv`.");
        }

        return md.ToString();
    }

    private static string Emoji(AuditSummary summary) => summary.IsBroken ? "⛔" : summary.Verdict switch
    {
        Verdict.Pass => "✅",
        Verdict.Warn => "⚠️",
        _ => "❌",
    };

    /// <summary>A table cell: pipes escaped and line breaks removed, so a name cannot break the table.</summary>
    private static string Cell(string text) => OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
