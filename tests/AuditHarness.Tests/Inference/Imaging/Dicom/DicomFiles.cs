using System.Diagnostics;
using System.Globalization;
using System.Text;
using AuditHarness.Inference.Imaging.Dicom;

namespace AuditHarness.Tests.Inference.Imaging.Dicom;

/// <summary>
/// Makes DICOM test files at test time with DCMTK's own tools: <c>dump2dcm</c> from a text dump and a raw pixel file
/// (any size, bit depth, photometric interpretation, window and rescale), then <c>dcmcrle</c>, <c>dcmcjpeg</c> or
/// <c>dcmcjpls</c> for compressed transfer syntaxes, and <c>img2dcm</c> from a JPEG. A test calls <see cref="Require"/>
/// first: without DCMTK it is inconclusive, never passed.
/// </summary>
public static class DicomFiles
{
    /// <summary>Marks the test inconclusive unless every named DCMTK tool (and the readers) is on PATH.</summary>
    public static void Require(params string[] tools)
    {
        foreach (string tool in (string[])["dcmdump", "dcmj2pnm", "dump2dcm", .. tools])
        {
            if (!DcmtkTools.Default.Has(tool))
            {
                Assert.Inconclusive($"DCMTK's {tool} is not installed (run ./setup.sh, or apt-get install dcmtk); DICOM tests cannot run.");
            }
        }
    }

    /// <summary>
    /// Writes an uncompressed (Explicit VR Little Endian) DICOM image. <paramref name="pixels"/> holds rows x columns x
    /// samples values, interleaved (PlanarConfiguration 0), each stored in <paramref name="bitsAllocated"/> bits.
    /// </summary>
    public static string Write(
        string path, int rows, int columns, IReadOnlyList<int> pixels, int bitsAllocated = 8, int? bitsStored = null, string photometric = "MONOCHROME2",
        string modality = "OT", (double Center, double Width)? window = null, (double Slope, double Intercept)? rescale = null, string? extraTags = null)
    {
        int samples = photometric is "RGB" or "YBR_FULL" ? 3 : 1;
        Assert.AreEqual(rows * columns * samples, pixels.Count, "pixel count");
        int stored = bitsStored ?? bitsAllocated;
        string raw = path + ".raw";
        using (var stream = File.Create(raw))
        {
            foreach (int value in pixels)
            {
                stream.WriteByte((byte)(value & 0xFF));
                if (bitsAllocated == 16)
                {
                    stream.WriteByte((byte)(value >> 8));
                }
            }

            if (stream.Length % 2 == 1)
            {
                stream.WriteByte(0); // DICOM values have even length
            }
        }

        var dump = new StringBuilder();
        dump.AppendLine("(0008,0016) UI =SecondaryCaptureImageStorage");
        dump.AppendLine("(0008,0018) UI [1.2.826.0.1.3680043.2.1143.1]");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0008,0060) CS [{modality}]");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0002) US {samples}");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0004) CS [{photometric}]");
        if (samples == 3)
        {
            dump.AppendLine("(0028,0006) US 0");
        }

        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0010) US {rows}");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0011) US {columns}");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0100) US {bitsAllocated}");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0101) US {stored}");
        dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,0102) US {stored - 1}");
        dump.AppendLine("(0028,0103) US 0");
        if (window is { } w)
        {
            dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,1050) DS [{w.Center.ToString("R", CultureInfo.InvariantCulture)}]");
            dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,1051) DS [{w.Width.ToString("R", CultureInfo.InvariantCulture)}]");
        }

        if (rescale is { } r)
        {
            dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,1052) DS [{r.Intercept.ToString("R", CultureInfo.InvariantCulture)}]");
            dump.AppendLine(CultureInfo.InvariantCulture, $"(0028,1053) DS [{r.Slope.ToString("R", CultureInfo.InvariantCulture)}]");
        }

        if (extraTags is not null)
        {
            dump.AppendLine(extraTags);
        }

        dump.AppendLine(CultureInfo.InvariantCulture, $"(7fe0,0010) {(bitsAllocated == 16 ? "OW" : "OB")} ={raw}");
        string dumpFile = path + ".txt";
        File.WriteAllText(dumpFile, dump.ToString());
        Run("dump2dcm", "+te", dumpFile, path);
        File.Delete(dumpFile);
        File.Delete(raw);
        return path;
    }

    /// <summary>The BGR pixels of an 8-bit colour Mat as the interleaved RGB values <see cref="Write"/> takes.</summary>
    public static int[] RgbValues(OpenCvSharp.Mat bgr)
    {
        Assert.AreEqual(OpenCvSharp.MatType.CV_8UC3, bgr.Type());
        int rows = bgr.Rows, columns = bgr.Cols;
        var values = new int[rows * columns * 3];
        int at = 0;
        for (int y = 0; y < rows; y++)
        {
            for (int x = 0; x < columns; x++)
            {
                OpenCvSharp.Vec3b p = bgr.At<OpenCvSharp.Vec3b>(y, x);
                values[at++] = p.Item2;
                values[at++] = p.Item1;
                values[at++] = p.Item0;
            }
        }

        return values;
    }

    /// <summary>The values of an 8-bit single-channel Mat, row by row.</summary>
    public static int[] GreyValues(OpenCvSharp.Mat grey)
    {
        Assert.AreEqual(OpenCvSharp.MatType.CV_8UC1, grey.Type());
        grey.GetArray(out byte[] bytes);
        return [.. bytes.Select(b => (int)b)];
    }

    /// <summary>Runs a DCMTK tool (no shell) and fails the test with its stderr when it fails.</summary>
    public static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(60_000), $"{tool} did not finish");
        _ = stdout.Result;
        Assert.AreEqual(0, process.ExitCode, $"{tool} {string.Join(' ', arguments)}: {stderr}");
    }
}
