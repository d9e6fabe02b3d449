using System.Globalization;
using System.Text;
using System.Xml;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// Writes <c>junit.xml</c> for CI test reports: one <c>testsuite</c> per model and artifact type, one
/// <c>testcase</c> per check. FAIL and INCONCLUSIVE are a <c>failure</c> (of that type); WARN is a passed test case whose <c>system-out</c>
/// starts with <c>WARN:</c>, because a WARN check did run (its interval still reaches the threshold), CI systems
/// read <c>skipped</c> as "not run", and <c>run</c> exits 0 on WARN, so the report gates on exactly what the exit
/// code gates on. A broken run (too many failed pairs) adds a <c>run.errors</c> test case with an <c>error</c>.
/// Numbers are invariant; the summary holds no durations, so every <c>time</c> is 0 and the bytes depend only on the summary.
/// </summary>
public sealed class JUnitExporter : IExporter
{
    public const string FileName = "junit.xml";

    /// <summary>Classname of the extra suite and test case that report a broken run.</summary>
    public const string RunSuiteName = "run";

    public const string RunErrorsTestName = "errors";

    /// <summary>Name of the suite of regression checks against a baseline run; its test cases' classname is <c>baseline.&lt;model&gt;.&lt;artifact type&gt;</c>.</summary>
    public const string BaselineSuiteName = "regression vs baseline";

    /// <summary>Starts the <c>system-out</c> of a reference model's non-PASS check, which is a passed test case (it gates nothing).</summary>
    public const string ReferencePrefix = "REFERENCE (decides nothing) ";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
    };

    public string Name => "junit";

    public string OutputFile => FileName;

    public IReadOnlyList<string> Export(AuditSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);

        // Groups keep the summary's order (models as run, artifact types as first judged), so output is deterministic.
        var suites = summary.Models
            .SelectMany(m => m.Checks.GroupBy(c => c.ArtifactType, StringComparer.Ordinal).Select(g => (Name: m.Model + "." + g.Key, Checks: g.ToList())))
            .ToList();
        bool broken = summary.IsBroken;
        IReadOnlyList<RegressionResult> regressions = summary.Baseline?.Results ?? [];
        int tests = suites.Sum(s => s.Checks.Count) + (broken ? 1 : 0) + regressions.Count;
        var references = new HashSet<string>(summary.Models.Where(m => m.Role == ModelRole.Reference).Select(m => m.Model), StringComparer.Ordinal);
        int failures = suites.Sum(s => s.Checks.Count(c => Gates(c, references))) + regressions.Count(r => r.Verdict == Verdict.Fail);
        int errors = broken ? 1 : 0;

        using AtomicFile file = AtomicFile.Create(Path.Combine(folder, FileName));
        using (XmlWriter xml = XmlWriter.Create(file.Stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteComment(" AuditHarness audit. FAIL = failure; WARN = passed test case with system-out 'WARN: ...' (it ran; CI gates on failures only, like the exit code); broken run = error in run.errors. ");
            xml.WriteStartElement("testsuites");
            WriteCounts(xml, summary.AuditName, tests, failures, errors);

            foreach ((string name, List<CheckResult> checks) in suites)
            {
                xml.WriteStartElement("testsuite");
                WriteCounts(xml, name, checks.Count, checks.Count(c => Gates(c, references)), 0);
                foreach (CheckResult check in checks)
                {
                    WriteTestCase(xml, name, check, references.Contains(check.Model));
                }

                xml.WriteEndElement();
            }

            if (summary.Baseline is not null)
            {
                xml.WriteStartElement("testsuite");
                WriteCounts(xml, BaselineSuiteName, regressions.Count, regressions.Count(r => r.Verdict == Verdict.Fail), 0);
                foreach (RegressionResult regression in regressions)
                {
                    WriteRegressionCase(xml, summary.Baseline, regression);
                }

                xml.WriteEndElement();
            }

            if (broken)
            {
                WriteRunErrors(xml, summary);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        file.Stream.WriteByte((byte)'\n');
        file.Commit();
        return [file.DestinationPath];
    }

    /// <summary>The one-line message of a FAIL or WARN: estimate, interval, threshold, direction, p-value.</summary>
    public static string Message(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{VerdictText.Of(check.Verdict)}: {check.Check.Id} on {check.ArtifactType}: estimate {Short(check.Estimate)}, CI [{Short(check.Low)}, {Short(check.High)}], threshold {ReportText.Direction(check.Check.Direction)} {Short(check.Check.Threshold)}, p-value {Short(check.PValue)} (Holm {Short(check.HolmPValue)}), pairs {check.Pairs}");
    }

    private static void WriteCounts(XmlWriter xml, string name, int tests, int failures, int errors)
    {
        xml.WriteAttributeString("name", Clean(name));
        xml.WriteAttributeString("tests", ReportText.Number(tests));
        xml.WriteAttributeString("failures", ReportText.Number(failures));
        xml.WriteAttributeString("skipped", "0");
        xml.WriteAttributeString("errors", ReportText.Number(errors));
        xml.WriteAttributeString("time", "0");
    }

    /// <summary>Whether the check fails the gate: FAIL or INCONCLUSIVE of an audited model; a reference model's decide nothing.</summary>
    private static bool Gates(CheckResult check, HashSet<string> references) =>
        check.Verdict is Verdict.Fail or Verdict.Inconclusive && !references.Contains(check.Model);

    private static void WriteTestCase(XmlWriter xml, string classname, CheckResult check, bool reference)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", Clean(classname));
        xml.WriteAttributeString("name", Clean(check.Check.Id));
        xml.WriteAttributeString("time", "0");
        WriteProperties(xml, check);
        if (reference && check.Verdict != Verdict.Pass)
        {
            // A reference model is a control: its verdict is reported, like a WARN, but gates nothing, as for the exit code.
            xml.WriteElementString("system-out", Clean(ReferencePrefix + Message(check) + (check.Note is null ? string.Empty : "; " + check.Note) + "\n" + Details(check)));
            xml.WriteEndElement();
            return;
        }

        switch (check.Verdict)
        {
            case Verdict.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(Message(check)));
                xml.WriteAttributeString("type", "FAIL");
                xml.WriteString(Clean(Details(check)));
                xml.WriteEndElement();
                break;
            case Verdict.Inconclusive:
                // Nothing was judged: a failure, so a CI gate reading junit.xml stops as the exit code does; the reason is the message.
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean($"{Message(check)}; {check.Note}"));
                xml.WriteAttributeString("type", VerdictText.Of(Verdict.Inconclusive));
                xml.WriteString(Clean(Details(check)));
                xml.WriteEndElement();
                break;
            case Verdict.Warn:
                xml.WriteElementString("system-out", Clean(Message(check) + "\n" + Details(check)));
                break;
            default:
                break;
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// The check's numbers as the test case's properties (full precision, as in summary.json), for every verdict, so a CI
    /// page or a script reads the same estimate, interval, raw and Holm p-values and resampling unit as the other outputs.
    /// </summary>
    private static void WriteProperties(XmlWriter xml, CheckResult check)
    {
        (string Name, string Value)[] properties =
        [
            ("estimate", ReportText.Number(check.Estimate)),
            ("ci_low", ReportText.Number(check.Low)),
            ("ci_high", ReportText.Number(check.High)),
            ("artifact_effect", ReportText.Number(check.ArtifactEffect)),
            ("placebo_effect", ReportText.Number(check.PlaceboEffect)),
            ("p_value", ReportText.Number(check.PValue)),
            ("p_holm", ReportText.Number(check.HolmPValue)),
            ("pairs", ReportText.Number(check.Pairs)),
            ("resampled_unit", check.ResampledUnit),
            ("clusters", ReportText.Number(check.Clusters)),
        ];
        xml.WriteStartElement("properties");
        foreach ((string name, string value) in properties)
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("value", Clean(value));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The one-line message of a regression FAIL or WARN: change, interval, tolerance, baseline and candidate estimates.</summary>
    public static string Message(RegressionResult regression)
    {
        ArgumentNullException.ThrowIfNull(regression);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{VerdictText.Of(regression.Verdict)}: {regression.Check.Id} on {regression.ArtifactType}: change {Short(regression.Change)}, CI [{Short(regression.Low)}, {Short(regression.High)}], tolerance {Short(regression.Check.RegressionTolerance)} ({ReportText.Direction(regression.Check.Direction)}), baseline {Short(regression.BaselineEstimate)}, now {Short(regression.CandidateEstimate)}, p-value {Short(regression.PValue)}, pairs {regression.Pairs}{(regression.Note is null ? string.Empty : "; " + regression.Note)}");
    }

    private static void WriteRegressionCase(XmlWriter xml, BaselineComparison comparison, RegressionResult regression)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", Clean($"baseline.{regression.Model}.{regression.ArtifactType}"));
        xml.WriteAttributeString("name", Clean(regression.Check.Id));
        xml.WriteAttributeString("time", "0");
        string details = string.Create(
            CultureInfo.InvariantCulture,
            $"baseline run: {comparison.BaselineFolder} (model {regression.BaselineModel}, {(comparison.Paired ? "paired" : "unpaired")})\nchange: {ReportText.Number(regression.Change)}, CI [{ReportText.Number(regression.Low)}, {ReportText.Number(regression.High)}]\nbaseline estimate: {ReportText.Number(regression.BaselineEstimate)}, candidate estimate: {ReportText.Number(regression.CandidateEstimate)}\n");
        switch (regression.Verdict)
        {
            case Verdict.Fail:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(Message(regression)));
                xml.WriteAttributeString("type", "REGRESSION");
                xml.WriteString(Clean(details));
                xml.WriteEndElement();
                break;
            case Verdict.Warn:
                xml.WriteElementString("system-out", Clean(Message(regression) + "\n" + details));
                break;
            default:
                break;
        }

        xml.WriteEndElement();
    }

    private static void WriteRunErrors(XmlWriter xml, AuditSummary summary)
    {
        xml.WriteStartElement("testsuite");
        WriteCounts(xml, RunSuiteName, 1, 0, 1);
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", RunSuiteName);
        xml.WriteAttributeString("name", RunErrorsTestName);
        xml.WriteAttributeString("time", "0");
        xml.WriteStartElement("error");
        string rates = string.Join("; ", summary.Models.Select(m => string.Create(
            CultureInfo.InvariantCulture,
            $"{m.Model} {Short(m.ErrorRate)} ({m.Failures.Count} of {m.PairsAttempted} pairs failed)")));
        xml.WriteAttributeString("message", Clean($"pair error rate above the maximum {Short(summary.MaxErrorRate)}: {rates}"));
        xml.WriteAttributeString("type", "RunBroken");
        var text = new StringBuilder();
        foreach (ModelAuditSummary model in summary.Models)
        {
            text.Append(CultureInfo.InvariantCulture, $"{model.Model}: error rate {ReportText.Number(model.ErrorRate)}, maximum {ReportText.Number(summary.MaxErrorRate)}, {model.Failures.Count} of {model.PairsAttempted} pairs failed, {model.PairsCompleted} completed\n");
            foreach (PairFailure failure in model.Failures.Take(20))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {failure.PairId ?? "(no pair id)"} [{failure.Stage}]: {failure.Message}\n");
            }

            if (model.Failures.Count > 20)
            {
                // The full list is in errors.csv; a CI page needs the first few to see the pattern.
                text.Append(CultureInfo.InvariantCulture, $"  ... {model.Failures.Count - 20} more in errors.csv\n");
            }
        }

        xml.WriteString(Clean(text.ToString()));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Details(CheckResult check)
    {
        PolicyCheck policy = check.Check;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"check: {policy.Id} ({policy.Metric.Definition().Name}{(policy.Layer is null ? string.Empty : ", layer " + policy.Layer)})\n");
        text.Append(CultureInfo.InvariantCulture, $"model: {check.Model}, artifact type: {check.ArtifactType}, pairs: {check.Pairs}\n");
        if (!string.IsNullOrEmpty(policy.Description))
        {
            text.Append(CultureInfo.InvariantCulture, $"description: {policy.Description}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"estimate: {ReportText.Number(check.Estimate)}, CI [{ReportText.Number(check.Low)}, {ReportText.Number(check.High)}]\n");
        text.Append(CultureInfo.InvariantCulture, $"threshold: {ReportText.Direction(policy.Direction)} {ReportText.Number(policy.Threshold)}\n");
        text.Append(CultureInfo.InvariantCulture, $"artifact effect: {ReportText.Number(check.ArtifactEffect)}, placebo effect: {ReportText.Number(check.PlaceboEffect)}\n");
        text.Append(CultureInfo.InvariantCulture, $"p-value: {ReportText.Number(check.PValue)}, Holm-adjusted over the model's checks: {ReportText.Number(check.HolmPValue)}\n");
        text.Append(CultureInfo.InvariantCulture, $"placebo control: {check.Controls.Describe()}\n");
        if (check.Clusters > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"resampled: {check.Clusters} {check.ResampledUnit} clusters\n");
        }

        if (!string.IsNullOrEmpty(check.Note))
        {
            text.Append(CultureInfo.InvariantCulture, $"note: {check.Note}\n");
        }

        return text.ToString();
    }

    /// <summary>Four significant digits for one-line messages (the details and summary.json carry full precision).</summary>
    private static string Short(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot hold (e.g. control characters in an exception message), which would make XmlWriter throw.</summary>
    private static string Clean(string text)
    {
        if (text.All(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c)))
        {
            return text;
        }

        return new string([.. text.Where(c => XmlConvert.IsXmlChar(c) || char.IsSurrogate(c))]);
    }
}
