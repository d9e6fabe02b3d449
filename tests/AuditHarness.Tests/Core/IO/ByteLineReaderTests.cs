using System.Text;
using AuditHarness.Core.IO;

namespace AuditHarness.Tests.Core.IO;

/// <summary><see cref="ByteLineReader"/>: whole lines only, across buffer refills and longer than the buffer, with where they end.</summary>
[TestClass]
public sealed class ByteLineReaderTests
{
    [TestMethod]
    public void EveryWholeLineComesBackAndATornLastLineDoesNot()
    {
        // Lines of every length from 0 to 300 000 bytes (past the 64 KiB first buffer), then 7 torn bytes.
        string[] lines = [.. Enumerable.Range(0, 40).Select(i => new string((char)('a' + (i % 26)), i * i * 190))];
        string whole = string.Concat(lines.Select(l => l + "\n"));
        byte[] bytes = Encoding.ASCII.GetBytes(whole + "{\"torn\"");

        using var reader = new ByteLineReader(new MemoryStream(bytes));
        var read = new List<string>();
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
        {
            read.Add(Encoding.ASCII.GetString(line));
            Assert.AreEqual(read.Count, reader.LineNumber);
        }

        CollectionAssert.AreEqual(lines, read);
        Assert.AreEqual(whole.Length, reader.WholeLength, "where the torn line starts");
        Assert.IsFalse(reader.TryReadLine(out _), "the end stays the end");
    }

    [TestMethod]
    public void AnEmptyFileHasNoLine()
    {
        using var reader = new ByteLineReader(new MemoryStream([]));

        Assert.IsFalse(reader.TryReadLine(out _));
        Assert.AreEqual(0, reader.WholeLength);
    }
}
