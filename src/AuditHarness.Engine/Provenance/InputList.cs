using System.Globalization;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Inference.Imaging.Dicom;
using CsvHelper;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// <c>inputs.csv</c>: the SHA-256 and size of every file the run's pairs read, one row each, sorted ordinally by path,
/// each path once. Written by the process that read the files (a whole run, or each shard for its own pairs) and
/// combined by a merge without reading the images again; <c>run-manifest.json</c> references it (<see cref="InputListReference"/>).
/// A file absent at run time has empty <c>sha256</c> and <c>bytes</c>; the DICOM columns are empty for any other image.
/// </summary>
public static class InputList
{
    public const string FileName = "inputs.csv";

    public static IReadOnlyList<string> Columns { get; } = ["sha256", "bytes", "path", "dicom_modality", "dicom_transfer_syntax", "dicom_window"];

    private static readonly CsvReaderOptions ReaderOptions = new() { Separator = ',' };

    /// <summary>Writes <paramref name="inputs"/> (sorted ordinally by path, each path once) into <paramref name="folder"/> atomically.</summary>
    public static void Write(string folder, IEnumerable<ListedInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var table = new CsvTableFile(Path.Combine(folder, FileName), Columns);
        string? previous = null;
        foreach (ListedInput input in inputs)
        {
            if (previous is not null && string.CompareOrdinal(previous, input.Path) >= 0)
            {
                throw new ArgumentException($"Inputs must be sorted by path, each once: '{input.Path}' comes after '{previous}'.", nameof(inputs));
            }

            previous = input.Path;
            CsvWriter w = table.Writer;
            w.WriteField(input.Fingerprint?.Sha256 ?? string.Empty);
            w.WriteField(input.Fingerprint is { } fingerprint ? fingerprint.Size.ToString(CultureInfo.InvariantCulture) : string.Empty);
            w.WriteField(input.Path);
            w.WriteField(input.Dicom?.Modality ?? string.Empty);
            w.WriteField(input.Dicom?.TransferSyntax ?? string.Empty);
            w.WriteField(input.Dicom?.Window ?? string.Empty);
            w.EndRecord();
        }

        table.Complete();
    }

    /// <summary>
    /// The reference <c>run-manifest.json</c> records of <paramref name="folder"/>'s list: its fingerprint, its row count
    /// and its dataset digest, all read from the file as it is.
    /// </summary>
    /// <exception cref="AuditInputException">The list is missing or malformed.</exception>
    public static InputListReference Describe(string folder)
    {
        string path = Path.Combine(folder, FileName);
        int files = 0;
        string digest = DatasetDigest.Of(Read(path).Select(input =>
        {
            files++;
            return input.Fingerprint?.Sha256;
        }));
        return new InputListReference(FileName, FileDigest.Compute(path), files, digest);
    }

    /// <summary>
    /// The rows of the list at <paramref name="path"/>, streamed; a missing file, another header, a malformed row or
    /// rows out of order is an <see cref="AuditInputException"/> naming the file and row.
    /// </summary>
    public static IEnumerable<ListedInput> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditInputException($"'{path}' does not exist; expected the {FileName} a run or shard writes into its folder.");
        }

        return ReadRows(path);
    }

    private static IEnumerable<ListedInput> ReadRows(string path)
    {
        using CsvReader reader = CsvReader.FromFile(path, ReaderOptions);
        reader.ReadHeader();
        if (!reader.Headers.SequenceEqual(Columns, StringComparer.Ordinal))
        {
            throw new AuditInputException($"'{path}' has the header {string.Join(",", reader.Headers)}; expected {string.Join(",", Columns)}.");
        }

        string? previous = null;
        while (reader.Read())
        {
            string row = reader.RowNumber.ToString(CultureInfo.InvariantCulture);
            AuditInputException Bad(string problem) => new($"'{path}' row {row}: {problem}.");
            if (reader.FieldCount != Columns.Count)
            {
                throw Bad($"{reader.FieldCount.ToString(CultureInfo.InvariantCulture)} fields; expected {Columns.Count.ToString(CultureInfo.InvariantCulture)} ({string.Join(",", Columns)})");
            }

            string sha256 = reader.GetString(0), bytes = reader.GetString(1), inputPath = CsvRowFormatter.ReadText(reader.GetString(2));
            string modality = CsvRowFormatter.ReadText(reader.GetString(3)), syntax = CsvRowFormatter.ReadText(reader.GetString(4)), window = CsvRowFormatter.ReadText(reader.GetString(5));
            if (inputPath.Length == 0)
            {
                throw Bad("path is empty");
            }

            if (previous is not null && string.CompareOrdinal(previous, inputPath) >= 0)
            {
                throw Bad($"path '{inputPath}' comes after '{previous}'; expected paths sorted ordinally, each once");
            }

            FileFingerprint? fingerprint;
            if (sha256.Length == 0 && bytes.Length == 0)
            {
                fingerprint = null;
            }
            else if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            {
                throw Bad($"sha256 '{sha256}' is not 64 lowercase hex digits (or empty, with empty bytes, for a file absent at run time)");
            }
            else if (!long.TryParse(bytes, NumberStyles.None, CultureInfo.InvariantCulture, out long size))
            {
                throw Bad($"bytes '{bytes}' is not a whole number of bytes");
            }
            else
            {
                fingerprint = new FileFingerprint(sha256, size);
            }

            int dicomFields = (modality.Length > 0 ? 1 : 0) + (syntax.Length > 0 ? 1 : 0) + (window.Length > 0 ? 1 : 0);
            if (dicomFields is 1 or 2)
            {
                throw Bad("the DICOM columns are partly empty; expected all three (a DICOM image) or none");
            }

            previous = inputPath;
            yield return new ListedInput(inputPath, fingerprint) { Dicom = dicomFields == 3 ? new DicomInputSummary(modality, syntax, window) : null };
        }
    }

    /// <summary>
    /// Combines the lists of several shards into one in <paramref name="folder"/>: a k-way merge of sorted lists, so no
    /// list is held whole and no image is read. A file two shards read is listed once when both recorded the same; if
    /// they differ, the file changed between the shards' runs and the merge stops naming both shards.
    /// </summary>
    /// <param name="lists">Each list's name for messages (<c>shard 0/2 in 'folder'</c>) and the folder holding it.</param>
    /// <exception cref="AuditInputException">A list is missing or malformed, or two lists disagree on a file.</exception>
    public static InputListReference Merge(IReadOnlyList<(string Shard, string Folder)> lists, string folder)
    {
        ArgumentNullException.ThrowIfNull(lists);
        Write(folder, Merged(lists));
        return Describe(folder);
    }

    /// <summary>The lists' rows by path (a k-way merge, one row per list held), each path once; two lists' rows of one path must agree.</summary>
    private static IEnumerable<ListedInput> Merged(IReadOnlyList<(string Shard, string Folder)> lists)
    {
        IEnumerable<ListedInput>[] rows = [.. lists.Select(list => Read(Path.Combine(list.Folder, FileName)))];
        (int Source, ListedInput Input)? kept = null;
        foreach ((int source, ListedInput input) in OrderedMerge.Merge(rows, row => row.Path, StringComparer.Ordinal))
        {
            if (kept is { } first && first.Input.Path == input.Path)
            {
                if (input != first.Input)
                {
                    throw new AuditInputException(
                        $"merge: '{input.Path}' differs between {lists[first.Source].Shard} ({Describe(first.Input)}) and {lists[source].Shard} ({Describe(input)}); it changed between their runs: run the shards again on unchanged data.");
                }

                continue; // the same file, read by two shards
            }

            if (kept is { } previous)
            {
                yield return previous.Input;
            }

            kept = (source, input);
        }

        if (kept is { } last)
        {
            yield return last.Input;
        }
    }

    private static string Describe(ListedInput input) =>
        (input.Fingerprint is { } f ? $"sha256 {f.Sha256}, {f.Size.ToString(CultureInfo.InvariantCulture)} bytes" : "absent")
        + (input.Dicom is { } d ? $", DICOM {d.Modality} {d.TransferSyntax} window {d.Window}" : string.Empty);
}
