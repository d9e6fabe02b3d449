namespace AuditHarness.Engine.Provenance;

/// <summary>
/// What <c>run-manifest.json</c> records about a run: the harness build, the tool versions, and the SHA-256 of every
/// file the run read and wrote, so that <c>verify</c> can later show that none of them was altered. The files of the
/// pairs are listed in <c>inputs.csv</c> beside it (<see cref="InputList"/>), which the manifest references.
/// </summary>
public sealed record RunManifest
{
    /// <summary>The file's name inside the run folder.</summary>
    public const string FileName = "run-manifest.json";

    /// <summary>The lock file a run holds in its folder while it runs; never part of the manifest.</summary>
    public const string LockFileName = ".run.lock";

    /// <summary>The layout written by this build; readers also take schema 1 (every input inline, no <c>inputs.csv</c>) and refuse any other.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The layout before <c>inputs.csv</c>: every input, pair files included, in <see cref="Inputs"/>.</summary>
    public const int InlineInputsSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string AuditName { get; init; }

    /// <summary>The harness's informational version (<c>0.1.0+commit</c>).</summary>
    public required string HarnessVersion { get; init; }

    /// <summary>The commit the harness was built from, or <c>unknown</c> when built without git.</summary>
    public required string GitCommit { get; init; }

    /// <summary>Versions of the runtime and native libraries by name, sorted ordinally when written.</summary>
    public required IReadOnlyDictionary<string, string> Tools { get; init; }

    /// <summary>When the run finished, only when the caller passes it: without it the same run gives the same bytes.</summary>
    public DateTimeOffset? CreatedUtc { get; init; }

    /// <summary>The absolute folder relative input paths are resolved against: the spec's folder at run time.</summary>
    public required string InputBase { get; init; }

    /// <summary>The inputs other than the pairs' files (spec, policy, models, manifest, class names, logo), sorted ordinally by path.</summary>
    public required IReadOnlyList<RecordedInput> Inputs { get; init; }

    /// <summary>The run's <c>inputs.csv</c>: every file the pairs read; null in a schema-1 manifest (they are in <see cref="Inputs"/>).</summary>
    public InputListReference? InputList { get; init; }

    /// <summary>The dataset digest (<see cref="Provenance.DatasetDigest"/>) of <see cref="InputList"/>; null without one.</summary>
    public string? DatasetDigest => InputList?.DatasetDigest;

    /// <summary>Every file of the run folder except <see cref="FileName"/>, sorted ordinally by path.</summary>
    public required IReadOnlyList<RecordedOutput> Outputs { get; init; }

    /// <summary>
    /// Exports that failed (a full disk under report.pdf): the run is then not sealed, <c>verify</c> reports each and
    /// <c>run --resume</c> finishes it. Empty for a finished run, and then not written at all.
    /// </summary>
    public IReadOnlyList<FailedExport> FailedExports { get; init; } = [];

    /// <summary>Every export the run was asked for was written.</summary>
    public bool IsSealed => FailedExports.Count == 0;
}
